package api

import (
	"context"
	"strings"

	"github.com/danielgtaylor/huma/v2"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
)

// bearerScheme names the security scheme in the OpenAPI document.
const bearerScheme = "bearer"

var (
	errNoToken = errs.E(errs.Unauthorized, "api.detail.token_required",
		"send an API token in the Authorization header: Bearer <token>")
	// errMalformedToken is answered for an Authorization header that is not
	// a bearer token. Cookies are never looked at: the API is for systems,
	// and a browser's session must not reach it.
	errMalformedToken = errs.E(errs.Unauthorized, "api.detail.token_malformed",
		"the Authorization header must be: Bearer <token>")
)

type actorKey struct{}

// authenticate is the first step of every operation: it makes the handler
// findable by the error hooks, then resolves the bearer token to the actor
// the office authorizes. Anything but a usable token answers 401 with a
// WWW-Authenticate challenge (RFC 6750) before the body is read.
func (h *handler) authenticate(ctx huma.Context, next func(huma.Context)) {
	ctx = huma.WithValue(ctx, handlerKey{}, h)
	secret, err := bearer(ctx.Header("Authorization"))
	if err == nil {
		var a auth.Actor
		a, err = h.tokenActor(ctx.Context(), secret)
		if err == nil {
			next(huma.WithValue(ctx, actorKey{}, a))
			return
		}
	}
	if errs.Is(err, errs.Unauthorized) {
		challenge := `Bearer realm="trustlane"`
		if err != errNoToken {
			challenge += `, error="invalid_token"`
		}
		ctx.SetHeader("WWW-Authenticate", challenge)
	}
	_ = huma.WriteErr(h.api, ctx, errs.Status(errs.CodeOf(err)), "authenticate", err)
}

// bearer extracts the token of an "Authorization: Bearer <token>" header.
// The scheme is case-insensitive (RFC 9110); the token is one word.
func bearer(header string) (string, error) {
	if strings.TrimSpace(header) == "" {
		return "", errNoToken
	}
	scheme, token, ok := strings.Cut(strings.TrimSpace(header), " ")
	token = strings.TrimSpace(token)
	if !ok || !strings.EqualFold(scheme, "Bearer") || token == "" || strings.ContainsAny(token, " \t") || len(token) > 200 {
		return "", errMalformedToken
	}
	return token, nil
}

// actorOf returns the actor authenticate resolved. Every operation runs
// behind authenticate, so a missing actor is a wiring bug; the zero actor
// it returns is refused by the office.
func actorOf(ctx context.Context) auth.Actor {
	a, _ := ctx.Value(actorKey{}).(auth.Actor)
	return a
}
