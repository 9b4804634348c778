// Package api is the JSON API under /api/v1, for the systems of member
// companies, border services and partner administrations. It is built with
// huma on the standard library's ServeMux, which gives every operation an
// entry in the OpenAPI 3.1 document at /api/v1/openapi.json from the same Go
// types that parse and validate its input. Handlers are thin: authenticate
// the bearer token, call one office method, render. Every error is an RFC
// 9457 problem in the reader's language.
package api

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"

	"trustlane/internal/auth"
	"trustlane/internal/border"
	"trustlane/internal/i18n"
	"trustlane/internal/office"
)

// Config wires the API.
type Config struct {
	Office  *office.Office
	I18n    *i18n.Bundle
	Log     *slog.Logger
	BaseURL string
	// MaxBodyBytes bounds a request body; zero means DefaultMaxBodyBytes.
	MaxBodyBytes int64
	// Border is the status index the border endpoints answer from; without
	// it they are not served.
	Border *border.Index
}

// DefaultMaxBodyBytes is the largest request body the API reads. The
// largest body it takes, an organization's details, is a few KiB.
const DefaultMaxBodyBytes = 64 << 10

// handler is the API: the huma API and the mux it registers on.
type handler struct {
	office  *office.Office
	i18n    *i18n.Bundle
	log     *slog.Logger
	baseURL string
	maxBody int64
	api     huma.API
	mux     *routeMux
	border  *border.Index
	// tokenActor resolves a bearer token: the office's, except in tests
	// that stand in for staff roles the office gives no token.
	tokenActor func(context.Context, string) (auth.Actor, error)
}

// New builds the API handler, mounted at /api/.
func New(cfg Config) (_ http.Handler, err error) {
	if cfg.Office == nil || cfg.I18n == nil {
		return nil, errors.New("api: Office and I18n are required")
	}
	h := &handler{office: cfg.Office, i18n: cfg.I18n, log: cfg.Log, baseURL: strings.TrimRight(cfg.BaseURL, "/"),
		maxBody: cfg.MaxBodyBytes, mux: &routeMux{ServeMux: http.NewServeMux()}, tokenActor: cfg.Office.TokenActor, border: cfg.Border}
	if h.log == nil {
		h.log = slog.Default()
	}
	if h.maxBody <= 0 {
		h.maxBody = DefaultMaxBodyBytes
	}
	for _, key := range catalogKeys() {
		if !h.i18n.Has(key) {
			return nil, fmt.Errorf("api: message %q is not in the catalog", key)
		}
	}
	installErrorHooks()
	// huma reports a malformed operation (a bad tag, a duplicate ID) by
	// panicking at registration; that is a start-up error, not a crash.
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("api: register operations: %v", p)
		}
	}()
	h.api = humago.New(h.mux, h.config())
	h.api.UseMiddleware(h.authenticate)
	h.registerOrgs()
	h.registerMembers()
	h.registerInvitations()
	h.registerTokens()
	h.registerStaff()
	h.registerCatalog()
	h.registerCrosswalk()
	h.registerProfile()
	h.registerProfileXLSX()
	h.registerEvidence()
	h.registerApplications()
	h.registerMemberships()
	h.registerStaffCases()
	h.registerPartners()
	h.registerPartnerLinks()
	h.registerFast()
	h.registerBorder()
	if err := h.policyEnums(); err != nil {
		return nil, err
	}
	// Everything else under /api/ is a problem too, never the portal's page.
	h.mux.ServeMux.HandleFunc("/api/", h.noRoute)
	return h, nil
}

// ServeHTTP serves the API. Responses are never cached: they hold one
// organization's data, and sometimes a token's secret.
func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	defer func() {
		if p := recover(); p != nil {
			if p == http.ErrAbortHandler {
				panic(p)
			}
			h.log.Error("api: panic", "method", r.Method, "path", r.URL.Path, "panic", p, "stack", string(debug.Stack()))
			h.writeProblem(w, r, http.StatusInternalServerError, "api.detail.internal")
		}
	}()
	if h.fastLookup(w, r) {
		return
	}
	w.Header().Set("Cache-Control", "no-store")
	h.mux.ServeHTTP(w, r)
}

// noRoute answers a path no operation serves: 405 with the methods it does
// take when there are any, else 404.
func (h *handler) noRoute(w http.ResponseWriter, r *http.Request) {
	var allow []string
	for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pattern := h.mux.Handler(probe); pattern != "" && pattern != "/api/" {
			allow = append(allow, m)
		}
	}
	if len(allow) == 0 {
		h.writeProblem(w, r, http.StatusNotFound, "api.detail.no_route")
		return
	}
	w.Header().Set("Allow", strings.Join(allow, ", "))
	h.writeProblem(w, r, http.StatusMethodNotAllowed, "api.detail.method")
}

// routeMux records the patterns huma registers, so tests can hold the
// OpenAPI document and the routes actually served to each other.
type routeMux struct {
	*http.ServeMux
	patterns []string
}

func (m *routeMux) HandleFunc(pattern string, fn func(http.ResponseWriter, *http.Request)) {
	m.patterns = append(m.patterns, pattern)
	m.ServeMux.HandleFunc(pattern, fn)
}
