// Package web is the portal: server-rendered pages in English and French for
// companies (/app), program staff (/office) and the public (/). It works
// without JavaScript, keeps forms on the server (nothing typed is lost on an
// error), and calls the office for every decision.
package web

import (
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"time"

	"trustlane/internal/border"
	"trustlane/internal/i18n"
	"trustlane/internal/office"
)

// Config wires the portal.
type Config struct {
	Office *office.Office
	I18n   *i18n.Bundle
	Log    *slog.Logger
	// SecureCookies marks cookies Secure and sends HSTS; on whenever the
	// portal is reached over HTTPS.
	SecureCookies bool
	// TrustProxy takes the client address from X-Forwarded-For, for
	// throttling behind a load balancer.
	TrustProxy bool
	// Location is the program's time zone for dates shown on pages.
	Location *time.Location
	// Demo shows demo sign-in hints on the sign-in page.
	Demo bool
	// Border is the border's status index, which the staff border pages
	// answer from; without it those pages are not found.
	Border *border.Index
}

// Handler serves the portal.
type Handler struct {
	cfg   Config
	off   *office.Office
	i18n  *i18n.Bundle
	log   *slog.Logger
	pages map[string]*template.Template
	css   staticFile
	mux   *http.ServeMux
	// missing collects pages that routes need but templates lack; New
	// refuses to start with any.
	missing []string
}

// needPages declares the pages an area renders, so a missing template
// stops the server at start-up instead of failing a request.
func (h *Handler) needPages(names ...string) {
	for _, n := range names {
		if _, ok := h.pages[n]; !ok {
			h.missing = append(h.missing, n)
		}
	}
}

// New parses the embedded templates, checks that every page and message
// they name exists, and registers the routes.
func New(cfg Config) (*Handler, error) {
	h := &Handler{cfg: cfg, off: cfg.Office, i18n: cfg.I18n, log: cfg.Log, mux: http.NewServeMux()}
	if h.log == nil {
		h.log = slog.Default()
	}
	if h.cfg.Location == nil {
		h.cfg.Location = time.UTC
	}
	var err error
	if h.css, err = loadStatic("static/style.css", "text/css; charset=utf-8"); err != nil {
		return nil, err
	}
	if h.pages, err = h.parseTemplates(); err != nil {
		return nil, err
	}
	h.routes()
	if len(h.missing) > 0 {
		return nil, fmt.Errorf("templates: pages missing: %v", h.missing)
	}
	return h, nil
}

// ServeHTTP serves one request through the portal's middleware.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.mux.ServeHTTP(w, r)
}

// routes registers every page. Each area keeps its routes beside its
// handlers.
func (h *Handler) routes() {
	h.needPages("home", "error")
	h.mux.HandleFunc("GET /static/{file}", h.static)
	h.mux.Handle("GET /{$}", h.page(h.home))
	h.mux.Handle("GET /lang/{lang}", h.page(h.switchLang))
	h.routesInfo()
	h.routesAuth()
	h.routesAccount()
	h.routesCompany()
	h.routesProfile()
	h.routesOffice()
	h.routesFast()
	h.routesCases()
	h.routesOfficeCases()
	h.routesPartners()
	h.routesCrosswalk()
	h.routesPartnerLinks()
	h.routesBorder()
	h.mux.Handle("/", h.page(func(w http.ResponseWriter, r *http.Request, rq *request) error {
		return errPageNotFound
	}))
}
