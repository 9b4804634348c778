package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"runtime/debug"
	"time"
	"unsafe"

	"github.com/valyala/fasthttp"

	"trustlane/internal/errs"
	"trustlane/internal/i18n"
)

// NewBorderServer serves the border's standing lookups on a listener of
// their own (serve --border-addr), with fasthttp: border systems ask many
// thousands of times a second, and net/http's per-request cost is most of
// a lookup's. It answers GET /api/v1/border/parties/{kind}/{value} and
// POST /api/v1/border/parties exactly as the main listener does (same
// bytes, same problems); screening stays on the main listener, whose
// streams are full duplex.
func NewBorderServer(cfg Config) (*fasthttp.Server, error) {
	if cfg.Office == nil || cfg.I18n == nil || cfg.Border == nil {
		return nil, errors.New("api: the border server needs Office, I18n and Border")
	}
	h := &handler{office: cfg.Office, i18n: cfg.I18n, log: cfg.Log, border: cfg.Border}
	if h.log == nil {
		return nil, errors.New("api: the border server needs a logger")
	}
	b := &borderFast{h: h}
	return &fasthttp.Server{
		Handler:               b.serve,
		Name:                  "trustlane",
		NoDefaultServerHeader: true,
		ReadTimeout:           10 * time.Second,
		WriteTimeout:          10 * time.Second,
		IdleTimeout:           2 * time.Minute,
		MaxRequestBodySize:    4 << 20,
		ReadBufferSize:        8 << 10,
		ErrorHandler: func(ctx *fasthttp.RequestCtx, err error) {
			if errors.Is(err, fasthttp.ErrBodyTooLarge) {
				b.problem(ctx, http.StatusRequestEntityTooLarge, "api.detail.border_too_large")
				return
			}
			b.problem(ctx, http.StatusBadRequest, "api.detail.body_unreadable")
		},
	}, nil
}

type borderFast struct{ h *handler }

var (
	fastPartyPrefix = []byte(borderPartyPrefix)
	fastBatchPath   = []byte(borderBatchPath)
)

func (b *borderFast) serve(ctx *fasthttp.RequestCtx) {
	defer func() {
		if p := recover(); p != nil {
			b.h.log.Error("border: panic", "path", string(ctx.Path()), "panic", p, "stack", string(debug.Stack()))
			b.problem(ctx, http.StatusInternalServerError, "api.detail.internal")
		}
	}()
	path := ctx.Path()
	switch {
	case bytes.HasPrefix(path, fastPartyPrefix):
		if !ctx.IsGet() {
			b.notAllowed(ctx, "GET")
			return
		}
		kind, value, ok := bytes.Cut(path[len(fastPartyPrefix):], []byte("/"))
		if !ok || len(kind) == 0 || len(value) == 0 || bytes.IndexByte(value, '/') >= 0 {
			b.problem(ctx, http.StatusNotFound, "api.detail.no_route")
			return
		}
		if b.authorized(ctx) {
			body, _ := b.h.border.Load().Lookup(unsafeString(kind), unsafeString(value))
			b.json(ctx, body)
		}
	case bytes.Equal(path, fastBatchPath):
		if !ctx.IsPost() {
			b.notAllowed(ctx, "POST")
			return
		}
		if b.authorized(ctx) {
			b.batch(ctx)
		}
	default:
		b.problem(ctx, http.StatusNotFound, "api.detail.no_route")
	}
}

// unsafeString views b as a string for a lookup that keeps nothing of it.
func unsafeString(b []byte) string { return unsafe.String(unsafe.SliceData(b), len(b)) }

func (b *borderFast) json(ctx *fasthttp.RequestCtx, body []byte) {
	ctx.Response.Header.SetContentTypeBytes(jsonContentType)
	ctx.Response.Header.SetBytesKV(cacheControl, noStoreBytes)
	ctx.Response.SetBodyRaw(body)
}

var (
	jsonContentType = []byte("application/json")
	cacheControl    = []byte("Cache-Control")
	noStoreBytes    = []byte("no-store")
)

// authorized answers 401 or 403 and returns false unless the request bears
// a token that may use the border endpoints.
func (b *borderFast) authorized(ctx *fasthttp.RequestCtx) bool {
	secret, err := bearer(string(ctx.Request.Header.Peek("Authorization")))
	if err == nil {
		if _, ok := b.h.office.CachedBorderActor(secret); ok {
			return true
		}
		c, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		_, err = b.h.office.BorderActor(c, secret)
		cancel()
		if err == nil {
			return true
		}
	}
	status, key := authProblem(err)
	if status == http.StatusUnauthorized {
		ctx.Response.Header.Set("WWW-Authenticate", challengeFor(err))
	}
	if status == http.StatusInternalServerError {
		b.h.log.Error("border: authorize", "err", err)
	}
	b.problem(ctx, status, key)
	return false
}

func (b *borderFast) batch(ctx *fasthttp.RequestCtx) {
	var in struct {
		Identifiers []borderIdentifier `json:"identifiers"`
	}
	dec := json.NewDecoder(bytes.NewReader(ctx.PostBody()))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&in); err != nil || dec.More() {
		b.problem(ctx, http.StatusBadRequest, "api.detail.border_body")
		return
	}
	if len(in.Identifiers) == 0 || len(in.Identifiers) > maxBorderBatch {
		b.problem(ctx, http.StatusUnprocessableEntity, "api.detail.border_batch")
		return
	}
	ctx.Response.Header.SetContentTypeBytes(jsonContentType)
	ctx.Response.Header.SetBytesKV(cacheControl, noStoreBytes)
	ctx.Response.SetBodyRaw(appendBatch(nil, b.h.border.Load(), in.Identifiers))
}

func (b *borderFast) notAllowed(ctx *fasthttp.RequestCtx, allow string) {
	ctx.Response.Header.Set("Allow", allow)
	b.problem(ctx, http.StatusMethodNotAllowed, "api.detail.method")
}

// problem answers an RFC 9457 problem in the reader's language, as the
// main listener does.
func (b *borderFast) problem(ctx *fasthttp.RequestCtx, status int, key string) {
	lang := i18n.Match(string(ctx.Request.Header.Peek("Accept-Language")))
	l := b.h.i18n.For(lang)
	p := newProblem(l, status, l.T(key))
	p.Instance = string(ctx.Path())
	body, err := json.Marshal(p)
	if err != nil {
		body = []byte(fmt.Sprintf(`{"status":%d}`, status))
	}
	ctx.Response.Reset()
	ctx.SetStatusCode(p.Status)
	ctx.Response.Header.SetContentType("application/problem+json")
	ctx.Response.Header.Set("Content-Language", lang)
	ctx.Response.Header.SetBytesKV(cacheControl, noStoreBytes)
	ctx.SetBody(append(body, '\n'))
}

// authProblem is the status and message of a refused border request.
func authProblem(err error) (int, string) {
	status := errs.Status(errs.CodeOf(err))
	key := "error.forbidden"
	if e, ok := errs.As(err); ok && e.Key != "" {
		key = e.Key
	}
	if status == http.StatusInternalServerError {
		key = "api.detail.internal"
	}
	return status, key
}

// challengeFor is the WWW-Authenticate challenge of a 401 (RFC 6750).
func challengeFor(err error) string {
	if err == errNoToken {
		return `Bearer realm="trustlane"`
	}
	return `Bearer realm="trustlane", error="invalid_token"`
}
