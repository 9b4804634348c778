package web

import (
	"cmp"
	"net/http"
	"net/url"
	"strings"

	"trustlane/internal/errs"
	"trustlane/internal/office"
	"trustlane/internal/partner"
)

// routesPartnerLinks registers the mutual recognition screens: a company's
// declared memberships of partner programs and its consent to share its
// standing (under /app, read-only under /office for staff), the officers'
// matching queue, and the program API tokens page where administrators
// bind a token to one partner's status exchange.
func (h *Handler) routesPartnerLinks() {
	h.needPages("company-partners", "company-partner-withdraw", "company-partner-consent",
		"staff-partner-matching", "staff-partner-link", "office-tokens")
	for _, side := range []string{"/app", "/office"} {
		h.mux.Handle("GET "+side+"/orgs/{org}/partners", h.page(h.partnersPage))
	}
	co := "/app/orgs/{org}/partners"
	h.mux.Handle("POST "+co+"/links", h.page(h.partnerDeclare))
	h.mux.Handle("GET "+co+"/links/{id}/withdraw", h.page(h.partnerWithdrawForm))
	h.mux.Handle("POST "+co+"/links/{id}/withdraw", h.page(h.partnerWithdraw))
	h.mux.Handle("GET "+co+"/consents/{code}", h.page(h.consentCheck))
	h.mux.Handle("POST "+co+"/consents/{code}/grant", h.page(h.consentGrant))
	h.mux.Handle("POST "+co+"/consents/{code}/withdraw", h.page(h.consentWithdraw))
	h.routesPartnerMatching()
	h.routesProgramTokens()
}

// companyPartnersData is the company's partner programs page and its two checks.
type companyPartnersData struct {
	orgHead
	Links    []linkRow
	Consents []office.ConsentView
	// Declarable are the programs a membership may be declared in: those
	// with an arrangement in force.
	Declarable []partner.Program
	Link       linkRow            // the link about to be withdrawn
	Consent    office.ConsentView // the consent being checked
}

// linkRow is a declared membership with its program's name.
type linkRow struct {
	partner.Link
	Program string
}

// Tag is the colour of the link's status tag.
func (l linkRow) Tag() string { return linkTag(l.State) }

// Live reports whether the company may still withdraw the link.
func (l linkRow) Live() bool { return l.State.Live() }

func linkTag(s partner.LinkState) string {
	switch s {
	case partner.LinkConfirmed:
		return "tag--green"
	case partner.LinkRejected:
		return "tag--red"
	case partner.LinkWithdrawn:
		return "tag--grey"
	}
	return "tag--yellow"
}

// loadOrgEither opens a company page that staff may read too: each is sent
// to their own side's URL, company users under /app and staff under
// /office, where the page is read-only.
func (h *Handler) loadOrgEither(r *http.Request, rq *request) (orgHead, error) {
	if err := requireUser(rq); err != nil {
		return orgHead{}, err
	}
	staff, onOffice := rq.Session.User.Staff.IsStaff(), strings.HasPrefix(r.URL.Path, "/office/")
	if staff != onOffice {
		if onOffice {
			return orgHead{}, redirect(strings.Replace(r.URL.Path, "/office/", "/app/", 1))
		}
		return orgHead{}, redirect(strings.Replace(r.URL.Path, "/app/", "/office/", 1))
	}
	org, role, err := h.off.Org(r.Context(), rq.Actor(), r.PathValue("org"))
	if err != nil {
		return orgHead{}, err
	}
	return orgHead{Org: org, Role: role, UserID: rq.Actor().UserID, Now: rq.Now, Staff: staff}, nil
}

// loadPartners reads the company's links and consents for its page.
func (h *Handler) loadPartners(r *http.Request, rq *request, head orgHead) (companyPartnersData, error) {
	d := companyPartnersData{orgHead: head}
	cs, err := h.off.PartnerConsents(r.Context(), rq.Actor(), head.Org.ID)
	if err != nil {
		return d, err
	}
	ls, err := h.off.PartnerLinks(r.Context(), rq.Actor(), head.Org.ID)
	if err != nil {
		return d, err
	}
	d.Consents = cs
	names := map[string]string{}
	for _, c := range cs {
		if c.Program.Recognized() {
			d.Declarable = append(d.Declarable, c.Program)
		}
		names[c.Program.Code] = c.Program.Name.In(rq.L.Lang())
	}
	for _, l := range ls {
		d.Links = append(d.Links, linkRow{Link: l, Program: cmp.Or(names[l.PartnerCode], l.PartnerCode)})
	}
	return d, nil
}

func (h *Handler) renderPartners(w http.ResponseWriter, r *http.Request, rq *request, head orgHead, status int, form url.Values, fe *formErrors) error {
	d, err := h.loadPartners(r, rq, head)
	if err != nil {
		return err
	}
	v := h.companyView(r, rq, "partner_web.page.title")
	v.Form, v.Errors, v.Data = form, fe, d
	return h.render(w, status, "company-partners", v)
}

func (h *Handler) partnersPage(w http.ResponseWriter, r *http.Request, rq *request) error {
	head, err := h.loadOrgEither(r, rq)
	if err != nil {
		return err
	}
	return h.renderPartners(w, r, rq, head, http.StatusOK, url.Values{}, nil)
}

// partnerDeclare records a declared membership; an officer confirms it.
func (h *Handler) partnerDeclare(w http.ResponseWriter, r *http.Request, rq *request) error {
	head, err := h.loadOrg(r, rq)
	if err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	f := r.PostForm
	_, err = h.off.DeclarePartnerLink(r.Context(), rq.Actor(), head.Org.ID, f.Get("partner"), f.Get("member_ref"))
	if err != nil {
		if !isFormError(err) {
			return err
		}
		form := url.Values{"partner": {f.Get("partner")}, "member_ref": {f.Get("member_ref")}}
		return h.renderPartners(w, r, rq, head, errs.Status(errs.CodeOf(err)), form, formErrorsOf(err, rq.L, "partner"))
	}
	h.setFlash(w, "flash.partner_link_declared")
	return redirect(head.Base() + "/partners")
}

// partnerWithdrawForm is the check before withdrawing a declaration, which
// cannot be undone: a new declaration waits for an officer again.
func (h *Handler) partnerWithdrawForm(w http.ResponseWriter, r *http.Request, rq *request) error {
	head, err := h.loadOrg(r, rq)
	if err != nil {
		return err
	}
	d, err := h.loadPartners(r, rq, head)
	if err != nil {
		return err
	}
	for _, l := range d.Links {
		if l.ID != r.PathValue("id") {
			continue
		}
		if !l.Live() {
			return errs.E(errs.Conflict, "error.partner_link.state", "the link is no longer in a state that allows this")
		}
		d.Link = l
		v := h.companyView(r, rq, "")
		v.Title = rq.L.T("partner_web.withdraw.title", map[string]any{"Program": l.Program})
		v.Data = d
		return h.render(w, http.StatusOK, "company-partner-withdraw", v)
	}
	return errPageNotFound
}

func (h *Handler) partnerWithdraw(w http.ResponseWriter, r *http.Request, rq *request) error {
	head, err := h.loadOrg(r, rq)
	if err != nil {
		return err
	}
	if err := h.off.WithdrawPartnerLink(r.Context(), rq.Actor(), head.Org.ID, r.PathValue("id")); err != nil {
		return err
	}
	h.setFlash(w, "flash.partner_link_withdrawn")
	return redirect(head.Base() + "/partners")
}
