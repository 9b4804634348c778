package web

import (
	"net/http"
	"net/url"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/office"
)

// tokenLifetime is the expiry offered by default: long enough to set up a
// system, short enough that a forgotten token does not live for a year.
const tokenLifetime = 90 * 24 * time.Hour

// tokensData is the API tokens page, the page that shows a new secret, and
// the check before revoking one.
type tokensData struct {
	orgHead
	Tokens []tokenRow
	Scopes []option
	Token  tokenRow // the token created or about to be revoked
	Secret string   // shown once, right after creation
}

// tokenRow is a token with where it stands now.
type tokenRow struct {
	auth.APIToken
	State string // active, expired or revoked
}

func newTokenRow(t auth.APIToken, now time.Time) tokenRow {
	switch {
	case !t.RevokedAt.IsZero():
		return tokenRow{t, "revoked"}
	case !now.Before(t.ExpiresAt):
		return tokenRow{t, "expired"}
	}
	return tokenRow{t, "active"}
}

func scopeOptions() []option {
	var out []option
	for _, s := range office.CompanyScopes() {
		out = append(out, option{string(s), "scope." + string(s), "scope_hint." + string(s)})
	}
	return out
}

func (h *Handler) companyTokens(w http.ResponseWriter, r *http.Request, rq *request) error {
	head, err := h.loadOrg(r, rq)
	if err != nil {
		return err
	}
	expires := rq.Now.In(h.cfg.Location).Add(tokenLifetime).Format(time.DateOnly)
	return h.renderTokens(w, r, rq, head, http.StatusOK, url.Values{"expires": {expires}}, nil)
}

// companyCreateToken issues a token and shows its secret on this response
// only: the store keeps its hash, so the secret can never be shown again.
func (h *Handler) companyCreateToken(w http.ResponseWriter, r *http.Request, rq *request) error {
	head, err := h.loadOrg(r, rq)
	if err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	f := r.PostForm
	in := office.TokenInput{Name: f.Get("name")}
	for _, s := range f["scopes"] {
		in.Scopes = append(in.Scopes, auth.Scope(s))
	}
	// The token lasts until the end of the chosen day; an unreadable date
	// stays zero, which the office refuses with its expiry message.
	if day, err := time.ParseInLocation(time.DateOnly, f.Get("expires"), h.cfg.Location); err == nil {
		in.Expires = day.AddDate(0, 0, 1).Add(-time.Second)
	}
	tok, secret, err := h.off.CreateToken(r.Context(), rq.Actor(), head.Org.ID, in)
	if err != nil {
		if !isFormError(err) {
			return err
		}
		form := url.Values{"name": {f.Get("name")}, "scopes": f["scopes"], "expires": {f.Get("expires")}}
		return h.renderTokens(w, r, rq, head, errs.Status(errs.CodeOf(err)), form, formErrorsOf(err, rq.L, "name"))
	}
	v := h.companyView(r, rq, "company.token_created.title")
	v.Data = tokensData{orgHead: head, Token: newTokenRow(tok, rq.Now), Secret: secret}
	return h.render(w, http.StatusOK, "company-token-created", v)
}

func (h *Handler) renderTokens(w http.ResponseWriter, r *http.Request, rq *request, head orgHead, status int, form url.Values, fe *formErrors) error {
	toks, err := h.off.Tokens(r.Context(), rq.Actor(), head.Org.ID)
	if err != nil {
		return err
	}
	d := tokensData{orgHead: head, Scopes: scopeOptions()}
	for _, t := range toks {
		d.Tokens = append(d.Tokens, newTokenRow(t, rq.Now))
	}
	v := h.companyView(r, rq, "company.tokens.title")
	v.Form, v.Errors, v.Data = form, fe, d
	return h.render(w, status, "company-tokens", v)
}

// companyRevokeTokenForm is the check before revoking, which cannot be
// undone: systems using the token stop at once.
func (h *Handler) companyRevokeTokenForm(w http.ResponseWriter, r *http.Request, rq *request) error {
	head, err := h.loadOrg(r, rq)
	if err != nil {
		return err
	}
	toks, err := h.off.Tokens(r.Context(), rq.Actor(), head.Org.ID)
	if err != nil {
		return err
	}
	for _, t := range toks {
		if t.ID != r.PathValue("id") {
			continue
		}
		if !t.RevokedAt.IsZero() {
			return errs.E(errs.Conflict, "company.token_revoke.already", "the token is already revoked")
		}
		v := h.companyView(r, rq, "")
		v.Title = rq.L.T("company.token_revoke.title", map[string]any{"Name": t.Name})
		v.Data = tokensData{orgHead: head, Token: newTokenRow(t, rq.Now)}
		return h.render(w, http.StatusOK, "company-token-revoke", v)
	}
	return errPageNotFound
}

func (h *Handler) companyRevokeToken(w http.ResponseWriter, r *http.Request, rq *request) error {
	head, err := h.loadOrg(r, rq)
	if err != nil {
		return err
	}
	if err := h.off.RevokeToken(r.Context(), rq.Actor(), head.Org.ID, r.PathValue("id")); err != nil {
		return err
	}
	h.setFlash(w, "flash.company_token_revoked")
	return redirect(head.Base() + "/tokens")
}
