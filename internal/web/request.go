package web

import (
	"errors"
	"net"
	"net/http"
	"net/url"
	"runtime/debug"
	"strings"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/i18n"
	"trustlane/internal/office"
)

// Cookie names. The session cookie is HttpOnly and SameSite=Lax; the
// language and notice cookies hold no secrets.
const (
	cookieSession = "tl_session"
	cookieLang    = "tl_lang"
	cookieFlash   = "tl_flash"
)

// request is what a page handler knows about the request beyond net/http:
// the language, the session and a notice left by the previous page.
type request struct {
	L       *i18n.Localizer
	Session *office.SessionState // nil when nobody is signed in
	secret  string               // the session cookie's value
	Flash   string               // a message key, shown once
	Now     time.Time
	loc     *time.Location // the program's time zone, for dates shown
}

// daysLeft says how many days remain until t from now, counted in the
// program's time zone, the one its dates are shown in.
func (rq *request) daysLeft(t time.Time) string { return rq.L.DaysLeft(t.In(rq.loc), rq.Now) }

// Actor is the signed-in person, or the zero Actor.
func (rq *request) Actor() auth.Actor {
	if rq.Session == nil || rq.Session.MFAPending {
		return auth.Actor{}
	}
	return rq.Session.Actor
}

// SignedIn reports whether a person is fully signed in.
func (rq *request) SignedIn() bool { return rq.Session != nil && !rq.Session.MFAPending }

// redirect is an error that sends the browser elsewhere (303 See Other).
type redirect string

func (r redirect) Error() string { return "redirect to " + string(r) }

var (
	errPageNotFound = errs.E(errs.NotFound, "error.not_found", "page not found")
	errSignInFirst  = errors.New("sign in first")
)

// pageFunc is a page handler; it returns an error instead of writing one.
type pageFunc func(w http.ResponseWriter, r *http.Request, rq *request) error

// page adapts a pageFunc: it resolves language and session, turns errors
// into friendly pages in the reader's language, and never lets a panic
// reach the reader.
func (h *Handler) page(fn pageFunc) http.Handler { return h.pageLimit(fn, maxFormBytes) }

// pageLimit is page with another bound on the request body, for uploads.
func (h *Handler) pageLimit(fn pageFunc, limit int64) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rq := h.newRequest(w, r)
		defer func() {
			if p := recover(); p != nil {
				h.log.Error("panic in page", "path", r.URL.Path, "panic", p, "stack", string(debug.Stack()))
				h.renderError(w, r, rq, errs.E(errs.Internal, "error.internal", "internal error"))
			}
		}()
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		if err := fn(w, r, rq); err != nil {
			h.handleError(w, r, rq, err)
		}
	})
}

func (h *Handler) newRequest(w http.ResponseWriter, r *http.Request) *request {
	rq := &request{Now: time.Now(), loc: h.cfg.Location}
	if c, err := r.Cookie(cookieSession); err == nil && c.Value != "" {
		st, err := h.off.Session(r.Context(), c.Value)
		switch {
		case err == nil:
			rq.Session, rq.secret = &st, c.Value
		case errs.Is(err, errs.Unauthorized):
			h.clearCookie(w, cookieSession)
		default:
			h.log.Error("load session", "err", err)
		}
	}
	rq.L = h.i18n.For(h.langOf(r, rq))
	if c, err := r.Cookie(cookieFlash); err == nil && strings.HasPrefix(c.Value, "flash.") && h.i18n.Has(c.Value) {
		rq.Flash = c.Value
		h.clearCookie(w, cookieFlash)
	}
	return rq
}

// langOf picks the language: the toggle's cookie, then the person's saved
// choice, then the browser's preference.
func (h *Handler) langOf(r *http.Request, rq *request) string {
	if c, err := r.Cookie(cookieLang); err == nil && i18n.Supported(c.Value) {
		return c.Value
	}
	if rq.Session != nil && i18n.Supported(rq.Session.User.Lang) {
		return rq.Session.User.Lang
	}
	return i18n.Match(r.Header.Get("Accept-Language"))
}

func (h *Handler) handleError(w http.ResponseWriter, r *http.Request, rq *request, err error) {
	var to redirect
	switch {
	case errors.As(err, &to):
		http.Redirect(w, r, string(to), http.StatusSeeOther)
	case errors.Is(err, errSignInFirst), errs.Is(err, errs.Unauthorized):
		http.Redirect(w, r, "/signin?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
	case errs.Is(err, errs.Forbidden) && rq.SignedIn() && rq.Session.User.Staff.IsStaff() && !rq.Actor().MFA:
		h.setFlash(w, "flash.mfa_required")
		http.Redirect(w, r, "/account/totp", http.StatusSeeOther)
	default:
		h.renderError(w, r, rq, err)
	}
}

// requireUser returns errSignInFirst unless a person is fully signed in.
func requireUser(rq *request) error {
	if !rq.SignedIn() {
		return errSignInFirst
	}
	return nil
}

// clientOf describes the request's origin for throttling.
func (h *Handler) clientOf(r *http.Request) office.Client {
	addr := r.RemoteAddr
	if host, _, err := net.SplitHostPort(addr); err == nil {
		addr = host
	}
	if h.cfg.TrustProxy {
		if f := r.Header.Get("X-Forwarded-For"); f != "" {
			addr = strings.TrimSpace(strings.Split(f, ",")[0])
		}
	}
	return office.Client{Address: addr, UserAgent: r.UserAgent()}
}

func (h *Handler) setCookie(w http.ResponseWriter, name, value string, maxAge time.Duration) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: value, Path: "/", MaxAge: int(maxAge.Seconds()),
		HttpOnly: true, Secure: h.cfg.SecureCookies, SameSite: http.SameSiteLaxMode})
}

func (h *Handler) clearCookie(w http.ResponseWriter, name string) {
	http.SetCookie(w, &http.Cookie{Name: name, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: h.cfg.SecureCookies, SameSite: http.SameSiteLaxMode})
}

// setFlash leaves a notice (a message key) for the next page.
func (h *Handler) setFlash(w http.ResponseWriter, key string) {
	h.setCookie(w, cookieFlash, key, time.Minute)
}

// localPath accepts only a path on this site, so ?next= and ?back= cannot
// send anyone elsewhere.
func localPath(p, fallback string) string {
	if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") || strings.HasPrefix(p, "/\\") || strings.ContainsAny(p, "\r\n") {
		return fallback
	}
	return p
}
