package api

import (
	"context"
	"net/http"
	"net/url"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/office"
)

func (h *handler) registerTokens() {
	const orgTokens, orgToken = "/organizations/{orgID}/tokens", "/organizations/{orgID}/tokens/{id}"
	huma.Register(h.api, h.operation("listOrgTokens", http.MethodGet, orgTokens, "tokens",
		"List an organization's tokens", "Every token of the organization, newest first. Secrets are never shown."),
		h.listOrgTokens)
	huma.Register(h.api, h.operation("getOrgToken", http.MethodGet, orgToken, "tokens",
		"Get an organization's token", "One token, without its secret."), h.getOrgToken)
	huma.Register(h.api, h.operation("createOrgToken", http.MethodPost, orgTokens, "tokens",
		"Create an organization's token",
		"Issues a token for a system of the organization. The secret is in this answer and nowhere else: "+
			"only its hash is kept. A token never has more scopes than the token that creates it, and "+
			"expires within a year."), h.createOrgToken)
	huma.Register(h.api, h.operation("revokeOrgToken", http.MethodDelete, orgToken, "tokens",
		"Revoke an organization's token", "The token stops working at once."), h.revokeOrgToken)

	huma.Register(h.api, h.operation("listProgramTokens", http.MethodGet, "/tokens", "tokens",
		"List program tokens", "The program's own tokens, for systems such as border services (administrators)."),
		h.listProgramTokens)
	huma.Register(h.api, h.operation("getProgramToken", http.MethodGet, "/tokens/{id}", "tokens",
		"Get a program token", "One program token, without its secret (administrators)."), h.getProgramToken)
	huma.Register(h.api, h.operation("createProgramToken", http.MethodPost, "/tokens", "tokens",
		"Create a program token",
		"Issues a program token (administrators). The secret is in this answer and nowhere else."), h.createProgramToken)
	huma.Register(h.api, h.operation("revokeProgramToken", http.MethodDelete, "/tokens/{id}", "tokens",
		"Revoke a program token", "The token stops working at once (administrators)."), h.revokeProgramToken)
}

// apiToken describes a token; its secret is never part of it.
type apiToken struct {
	ID         string    `json:"id"`
	Name       string    `json:"name"`
	OrgID      string    `json:"org_id,omitempty" doc:"The organization it is bound to; absent for program tokens."`
	CreatedBy  string    `json:"created_by" doc:"The user ID of the person it acts for."`
	Scopes     []scope   `json:"scopes" nullable:"false"`
	CreatedAt  time.Time `json:"created_at"`
	ExpiresAt  time.Time `json:"expires_at"`
	LastUsedAt time.Time `json:"last_used_at,omitzero"`
	RevokedAt  time.Time `json:"revoked_at,omitzero"`
	Partner    string    `json:"partner,omitempty" doc:"The partner program an exchange token is bound to."`
}

// newToken is a token just created: apiToken's fields and the secret,
// shown this once.
type newToken struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	OrgID     string    `json:"org_id,omitempty"`
	CreatedBy string    `json:"created_by"`
	Scopes    []scope   `json:"scopes" nullable:"false"`
	CreatedAt time.Time `json:"created_at"`
	ExpiresAt time.Time `json:"expires_at"`
	Secret    string    `json:"secret" doc:"Send as Authorization: Bearer <secret>. Shown only in this answer."`
}

func tokenOut(t auth.APIToken) apiToken {
	return apiToken{ID: t.ID, Name: t.Name, OrgID: t.OrgID, CreatedBy: t.UserID, Scopes: scopesOut(t.Scopes),
		CreatedAt: t.CreatedAt.UTC(), ExpiresAt: t.ExpiresAt.UTC(), LastUsedAt: utc(t.LastUsedAt), RevokedAt: utc(t.RevokedAt), Partner: t.Partner}
}

// scopesOut lists scopes as they are stored: sorted, each once.
func scopesOut(s []auth.Scope) []scope { return conv[scope](auth.SplitScopes(auth.JoinScopes(s))) }

// orgTokenInput describes an organization's token to create.
type orgTokenInput struct {
	Name      string         `json:"name" maxLength:"100" doc:"Named after the system that uses it."`
	Scopes    []companyScope `json:"scopes" minItems:"1" maxItems:"10" nullable:"false"`
	ExpiresAt time.Time      `json:"expires_at" doc:"Within the next year."`
}

// programTokenInput describes a program token to create.
type programTokenInput struct {
	Name      string    `json:"name" maxLength:"100" doc:"Named after the system that uses it."`
	Scopes    []scope   `json:"scopes" minItems:"1" maxItems:"10" nullable:"false"`
	ExpiresAt time.Time `json:"expires_at" doc:"Within the next year."`
	Partner   string    `json:"partner,omitempty" maxLength:"20" doc:"Binds the token to one partner program's status exchange (administrators; scopes must be exactly exchange:read)."`
}

type orgTokenPath struct {
	OrgID string `path:"orgID" maxLength:"64" doc:"The organization's ID."`
	ID    string `path:"id" maxLength:"64" doc:"The token's ID."`
}

type tokenPath struct {
	ID string `path:"id" maxLength:"64" doc:"The token's ID."`
}

type createOrgTokenIn struct {
	OrgID string `path:"orgID" maxLength:"64" doc:"The organization's ID."`
	Body  orgTokenInput
}

type createProgramTokenIn struct{ Body programTokenInput }

var errTokenNotFound = errs.E(errs.NotFound, "error.not_found", "no such token")

func (h *handler) listOrgTokens(ctx context.Context, in *orgPath) (*bodyOut[list[apiToken]], error) {
	return h.listTokens(ctx, in.OrgID)
}

func (h *handler) listProgramTokens(ctx context.Context, _ *struct{}) (*bodyOut[list[apiToken]], error) {
	return h.listTokens(ctx, "")
}

func (h *handler) listTokens(ctx context.Context, orgID string) (*bodyOut[list[apiToken]], error) {
	toks, err := h.office.Tokens(ctx, actorOf(ctx), orgID)
	if err != nil {
		return nil, err
	}
	out := list[apiToken]{Items: make([]apiToken, 0, len(toks))}
	for _, t := range toks {
		out.Items = append(out.Items, tokenOut(t))
	}
	return &bodyOut[list[apiToken]]{Body: out}, nil
}

func (h *handler) getOrgToken(ctx context.Context, in *orgTokenPath) (*bodyOut[apiToken], error) {
	return h.getToken(ctx, in.OrgID, in.ID)
}

func (h *handler) getProgramToken(ctx context.Context, in *tokenPath) (*bodyOut[apiToken], error) {
	return h.getToken(ctx, "", in.ID)
}

func (h *handler) getToken(ctx context.Context, orgID, id string) (*bodyOut[apiToken], error) {
	toks, err := h.office.Tokens(ctx, actorOf(ctx), orgID)
	if err != nil {
		return nil, err
	}
	for _, t := range toks {
		if t.ID == id {
			return &bodyOut[apiToken]{Body: tokenOut(t)}, nil
		}
	}
	return nil, errTokenNotFound
}

func (h *handler) createOrgToken(ctx context.Context, in *createOrgTokenIn) (*createdOut[newToken], error) {
	b := in.Body
	return h.createToken(ctx, in.OrgID, office.TokenInput{Name: b.Name, Scopes: conv[auth.Scope](b.Scopes), Expires: b.ExpiresAt})
}

func (h *handler) createProgramToken(ctx context.Context, in *createProgramTokenIn) (*createdOut[newToken], error) {
	b := in.Body
	return h.createToken(ctx, "", office.TokenInput{Name: b.Name, Scopes: conv[auth.Scope](b.Scopes), Expires: b.ExpiresAt, Partner: b.Partner})
}

func (h *handler) createToken(ctx context.Context, orgID string, in office.TokenInput) (*createdOut[newToken], error) {
	tok, secret, err := h.office.CreateToken(ctx, actorOf(ctx), orgID, in)
	if err != nil {
		return nil, renameFields(err, map[string]string{"expires": "expires_at"})
	}
	loc := prefix + "/tokens/" + url.PathEscape(tok.ID)
	if orgID != "" {
		loc = prefix + "/organizations/" + url.PathEscape(orgID) + "/tokens/" + url.PathEscape(tok.ID)
	}
	return &createdOut[newToken]{Location: loc, Body: newToken{ID: tok.ID, Name: tok.Name,
		OrgID: tok.OrgID, CreatedBy: tok.UserID, Scopes: scopesOut(tok.Scopes), CreatedAt: tok.CreatedAt.UTC(),
		ExpiresAt: tok.ExpiresAt.UTC(), Secret: secret}}, nil
}

func (h *handler) revokeOrgToken(ctx context.Context, in *orgTokenPath) (*struct{}, error) {
	return nil, h.office.RevokeToken(ctx, actorOf(ctx), in.OrgID, in.ID)
}

func (h *handler) revokeProgramToken(ctx context.Context, in *tokenPath) (*struct{}, error) {
	return nil, h.office.RevokeToken(ctx, actorOf(ctx), "", in.ID)
}
