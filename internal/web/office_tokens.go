package web

import (
	"net/http"
	"net/url"
	"slices"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/office"
	"trustlane/internal/partner"
)

// The program API tokens page: staff create tokens for the systems they
// work with (each acts with its creator's role, never more), and
// administrators may bind one to a partner program's status exchange, which
// then holds exchange:read alone.

func (h *Handler) routesProgramTokens() {
	h.mux.Handle("GET /office/tokens", h.page(h.programTokens))
	h.mux.Handle("POST /office/tokens", h.page(h.programCreateToken))
	h.mux.Handle("GET /office/tokens/{id}/revoke", h.page(h.programRevokeTokenForm))
	h.mux.Handle("POST /office/tokens/{id}/revoke", h.page(h.programRevokeToken))
}

// programTokensData is the program tokens page and its two follow-ups.
type programTokensData struct {
	Tokens []tokenRow
	Scopes []option
	// Partners are the programs an administrator may bind a token to;
	// empty for everyone else, who never sees the choice.
	Partners []partner.Program
	Names    map[string]string // partner code → name, for the list
	Token    tokenRow
	Secret   string
}

// Base is where the token pages live, so that the company's check and
// created pages serve program tokens too.
func (programTokensData) Base() string { return "/office" }

// programScopeOptions are the permissions a program token may hold; the
// exchange one comes only with a partner binding.
func programScopeOptions() []option {
	var out []option
	for _, s := range auth.AllScopes() {
		if s != auth.ScopeExchange {
			out = append(out, option{string(s), "scope." + string(s), ""})
		}
	}
	return out
}

func (h *Handler) programTokens(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := ocRequireStaff(rq); err != nil {
		return err
	}
	expires := rq.Now.In(h.cfg.Location).Add(tokenLifetime).Format(time.DateOnly)
	return h.renderProgramTokens(w, r, rq, http.StatusOK, url.Values{"expires": {expires}}, nil)
}

func (h *Handler) renderProgramTokens(w http.ResponseWriter, r *http.Request, rq *request, status int, form url.Values, fe *formErrors) error {
	toks, err := h.off.Tokens(r.Context(), rq.Actor(), "")
	if err != nil {
		return err
	}
	d := programTokensData{Scopes: programScopeOptions(), Names: map[string]string{}}
	if ocCan(rq, auth.SystemTokens) {
		if d.Partners, err = h.off.TokenPartners(r.Context(), rq.Actor()); err != nil {
			return err
		}
		for _, p := range d.Partners {
			d.Names[p.Code] = p.Name.In(rq.L.Lang())
		}
	}
	for _, t := range toks {
		d.Tokens = append(d.Tokens, newTokenRow(t, rq.Now))
	}
	v := h.ocView(r, rq, "partner_web.tokens.title")
	v.Form, v.Errors, v.Data = form, fe, d
	return h.render(w, status, "office-tokens", v)
}

// programCreateToken issues a program token and shows its secret once. A
// partner chosen adds the exchange permission; the office refuses it with
// any other permission ticked.
func (h *Handler) programCreateToken(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := ocRequireStaff(rq); err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	f := r.PostForm
	in := office.TokenInput{Name: f.Get("name"), Partner: f.Get("partner")}
	for _, s := range f["scopes"] {
		in.Scopes = append(in.Scopes, auth.Scope(s))
	}
	if in.Partner != "" && !slices.Contains(in.Scopes, auth.ScopeExchange) {
		in.Scopes = append(in.Scopes, auth.ScopeExchange)
	}
	if day, err := time.ParseInLocation(time.DateOnly, f.Get("expires"), h.cfg.Location); err == nil {
		in.Expires = day.AddDate(0, 0, 1).Add(-time.Second)
	}
	tok, secret, err := h.off.CreateToken(r.Context(), rq.Actor(), "", in)
	if err != nil {
		if !isFormError(err) {
			return err
		}
		form := url.Values{"name": {f.Get("name")}, "scopes": f["scopes"], "expires": {f.Get("expires")}, "partner": {f.Get("partner")}}
		return h.renderProgramTokens(w, r, rq, errs.Status(errs.CodeOf(err)), form, formErrorsOf(err, rq.L, "name"))
	}
	d := programTokensData{Token: newTokenRow(tok, rq.Now), Secret: secret, Names: map[string]string{}}
	if tok.Partner != "" {
		ps, err := h.off.TokenPartners(r.Context(), rq.Actor())
		if err != nil {
			return err
		}
		for _, p := range ps {
			d.Names[p.Code] = p.Name.In(rq.L.Lang())
		}
	}
	v := h.ocView(r, rq, "company.token_created.title")
	v.Data = d
	return h.render(w, http.StatusOK, "company-token-created", v)
}

// programRevokeTokenForm is the check before revoking a program token.
func (h *Handler) programRevokeTokenForm(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := ocRequireStaff(rq); err != nil {
		return err
	}
	toks, err := h.off.Tokens(r.Context(), rq.Actor(), "")
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
		v := h.ocView(r, rq, "")
		v.Title = rq.L.T("company.token_revoke.title", map[string]any{"Name": t.Name})
		v.Data = programTokensData{Token: newTokenRow(t, rq.Now)}
		return h.render(w, http.StatusOK, "company-token-revoke", v)
	}
	return errPageNotFound
}

func (h *Handler) programRevokeToken(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := ocRequireStaff(rq); err != nil {
		return err
	}
	if err := h.off.RevokeToken(r.Context(), rq.Actor(), "", r.PathValue("id")); err != nil {
		return err
	}
	h.setFlash(w, "flash.company_token_revoked")
	return redirect("/office/tokens")
}
