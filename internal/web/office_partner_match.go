package web

import (
	"net/http"
	"net/url"
	"strconv"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/office"
	"trustlane/internal/partner"
)

// The officers' matching queue: companies' declared memberships of partner
// programs, oldest first, each opened on a page with the partner member
// records proposed for it. Only an officer's confirmation links; the
// proposals never do.

// matchPageSize is how many declarations one page of the queue shows.
const matchPageSize = 25

// matchBase is the queue's URL. Each link's page sits under links/ so the
// queue's paths never overlap the registry's /office/partners/{code}/….
const matchBase = "/office/partners/matching"

func (h *Handler) routesPartnerMatching() {
	h.mux.Handle("GET "+matchBase, h.page(h.matchQueue))
	h.mux.Handle("GET "+matchBase+"/links/{id}", h.page(h.matchLink))
	h.mux.Handle("POST "+matchBase+"/links/{id}/confirm", h.page(h.matchConfirm))
	h.mux.Handle("POST "+matchBase+"/links/{id}/reject", h.page(h.matchReject))
}

type matchQueueData struct {
	Items              []matchRow
	Total, Page, Pages int
	PrevURL, NextURL   string
}

// matchRow is a declaration of the queue with its program's name.
type matchRow struct {
	Link      partner.Link
	OrgName   string
	Program   string
	BestScore int
}

// matchView starts a page of the matching screens.
func (h *Handler) matchView(r *http.Request, rq *request, titleKey string) *view {
	v := h.newView(r, rq, titleKey)
	v.Nav = "matching"
	return v
}

func matchPageURL(page int) string {
	if page <= 1 {
		return matchBase
	}
	return matchBase + "?" + url.Values{"page": {strconv.Itoa(page)}}.Encode()
}

func (h *Handler) matchQueue(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := ocRequireStaff(rq); err != nil {
		return err
	}
	page := ocPage(r.URL.Query().Get("page"))
	q, err := h.off.PartnerMatchQueue(r.Context(), rq.Actor(), matchPageSize, (page-1)*matchPageSize)
	if err != nil {
		return err
	}
	pages := max(1, (q.Total+matchPageSize-1)/matchPageSize)
	if page > pages {
		return redirect(matchPageURL(pages))
	}
	d := matchQueueData{Total: q.Total, Page: page, Pages: pages}
	if page > 1 {
		d.PrevURL = matchPageURL(page - 1)
	}
	if page < pages {
		d.NextURL = matchPageURL(page + 1)
	}
	for _, it := range q.Items {
		d.Items = append(d.Items, matchRow{Link: it.Link, OrgName: it.OrgName, Program: it.Link.PartnerCode, BestScore: it.BestScore})
	}
	v := h.matchView(r, rq, "partner_web.matching.title")
	v.Data = d
	return h.render(w, http.StatusOK, "staff-partner-matching", v)
}

// matchLinkData is one declaration with its candidates.
type matchLinkData struct {
	office.LinkView
	Program string
	Queue   string
	Decide  bool // the declaration still waits for an officer
}

func (h *Handler) renderMatchLink(w http.ResponseWriter, r *http.Request, rq *request, status int, form url.Values, fe *formErrors) error {
	if err := ocRequireStaff(rq); err != nil {
		return err
	}
	lv, err := h.off.PartnerLinkForOfficer(r.Context(), rq.Actor(), r.PathValue("id"))
	if err != nil {
		return err
	}
	d := matchLinkData{LinkView: lv, Program: lv.Program.Name.In(rq.L.Lang()), Queue: matchBase,
		Decide: lv.Link.State == partner.LinkDeclared && ocCan(rq, auth.PartnersMatch)}
	v := h.matchView(r, rq, "")
	v.Title = rq.L.T("partner_web.link.title", map[string]any{"Org": lv.Org.LegalName})
	v.Form, v.Errors, v.Data = form, fe, d
	return h.render(w, status, "staff-partner-link", v)
}

func (h *Handler) matchLink(w http.ResponseWriter, r *http.Request, rq *request) error {
	return h.renderMatchLink(w, r, rq, http.StatusOK, url.Values{}, nil)
}

// matchDecided shows the decision's errors on the link's page, or goes back
// to the queue with a notice.
func (h *Handler) matchDecided(w http.ResponseWriter, r *http.Request, rq *request, err error, form url.Values, field, flash string) error {
	if err != nil {
		if !isFormError(err) {
			return err
		}
		return h.renderMatchLink(w, r, rq, errs.Status(errs.CodeOf(err)), form, formErrorsOf(err, rq.L, field))
	}
	h.setFlash(w, flash)
	return redirect(matchBase)
}

func (h *Handler) matchConfirm(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := ocRequireStaff(rq); err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	ref := r.PostForm.Get("member_ref")
	err := h.off.ConfirmPartnerLink(r.Context(), rq.Actor(), r.PathValue("id"), ref)
	return h.matchDecided(w, r, rq, err, url.Values{"member_ref": {ref}}, "member_ref", "flash.partner_link_confirmed")
}

func (h *Handler) matchReject(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := ocRequireStaff(rq); err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	note := r.PostForm.Get("note")
	err := h.off.RejectPartnerLink(r.Context(), rq.Actor(), r.PathValue("id"), note)
	return h.matchDecided(w, r, rq, err, url.Values{"note": {note}}, "note", "flash.partner_link_rejected")
}
