package web

import (
	"net/http"
	"net/url"
	"slices"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/program"
)

// routesCases registers the company's case screens: its applications and
// memberships, each with what the company must do next, its decisions and
// their letters, and its timeline. Every route names the organization, so
// another company's record answers 404; the office decides again on every
// change, the pages only leave out the forms a role could not use.
func (h *Handler) routesCases() {
	h.needPages("case-list", "case-page", "case-submit", "case-withdraw", "case-appeal", "case-mou")
	org := "/app/orgs/{org}"
	app := org + "/applications/{id}"
	mem := org + "/memberships/{id}"
	h.mux.Handle("GET "+org+"/applications", h.page(h.casesList))
	h.mux.Handle("POST "+org+"/applications", h.page(h.casesApply))
	h.mux.Handle("GET "+app, h.page(h.caseApplication))
	h.mux.Handle("POST "+app+"/eligibility", h.page(h.caseEligibility))
	h.mux.Handle("GET "+app+"/submit", h.page(h.caseSubmitCheck))
	h.mux.Handle("POST "+app+"/submit", h.page(h.caseSubmit))
	h.mux.Handle("GET "+app+"/withdraw", h.page(h.caseWithdrawCheck))
	h.mux.Handle("POST "+app+"/withdraw", h.page(h.caseWithdraw))
	h.mux.Handle("POST "+app+"/info", h.page(h.caseAnswerInfo))
	h.mux.Handle("POST "+app+"/plans/{plan}/actions/{item}", h.page(h.caseRespondAction))
	h.mux.Handle("GET "+app+"/evidence/{file}", h.page(h.caseSnapshotFile))
	h.mux.Handle("GET "+mem, h.page(h.membershipPage))
	h.mux.Handle("POST "+mem+"/plans/{plan}/actions/{item}", h.page(h.membershipRespondAction))
	h.mux.Handle("POST "+mem+"/confirm", h.page(h.membershipConfirm))
	h.mux.Handle("GET "+mem+"/mou", h.page(h.membershipMOUForm))
	h.mux.Handle("POST "+mem+"/mou", h.page(h.membershipMOUSign))
	h.mux.Handle("GET "+mem+"/withdraw", h.page(h.membershipWithdrawCheck))
	h.mux.Handle("POST "+mem+"/withdraw", h.page(h.membershipWithdraw))
	h.mux.Handle("GET "+org+"/decisions/{id}/appeal", h.page(h.caseAppealForm))
	h.mux.Handle("POST "+org+"/decisions/{id}/appeal", h.page(h.caseAppeal))
	h.mux.Handle("GET "+org+"/letters/{id}", h.page(h.caseLetter))
}

// caseListData is the company's applications and memberships, and the
// sectors it may apply for now.
type caseListData struct {
	orgHead
	Apps      []caseRow
	Members   []caseRow
	Sectors   []option // sectors without an application under way
	Associate bool     // associates take part without applying
}

// caseRow is one application or membership in a table: its record, the
// colour of its status tag and what the company must do next.
type caseRow struct {
	App    program.Application
	Member program.Membership
	URL    string
	Tag    string
	Next   nextStep
}

func (h *Handler) casesList(w http.ResponseWriter, r *http.Request, rq *request) error {
	head, err := h.loadOrg(r, rq)
	if err != nil {
		return err
	}
	return h.renderCaseList(w, r, rq, head, http.StatusOK, nil, nil)
}

// casesApply opens a draft application for one of the company's sectors
// and goes to it, where the eligibility form is the first step.
func (h *Handler) casesApply(w http.ResponseWriter, r *http.Request, rq *request) error {
	head, err := h.loadOrg(r, rq)
	if err != nil {
		return err
	}
	if err := needRole(head, auth.CaseApply); err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	sector := r.PostForm.Get("sector")
	app, err := h.off.CreateApplication(r.Context(), rq.Actor(), head.Org.ID, program.Sector(sector))
	if err != nil {
		if !isFormError(err) {
			return err
		}
		return h.renderCaseList(w, r, rq, head, errs.Status(errs.CodeOf(err)), url.Values{"sector": {sector}},
			formErrorsOf(err, rq.L, "sector"))
	}
	h.setFlash(w, "flash.case_created")
	return redirect(head.Base() + "/applications/" + app.ID)
}

func (h *Handler) renderCaseList(w http.ResponseWriter, r *http.Request, rq *request, head orgHead, status int, form url.Values, fe *formErrors) error {
	apps, ms, err := h.off.CompanyCases(r.Context(), rq.Actor(), head.Org.ID)
	if err != nil {
		return err
	}
	d := caseListData{orgHead: head, Associate: head.Org.Category == program.CategoryAssociate}
	d.Apps, d.Members = caseRows(head, apps, ms, true)
	d.Sectors = openSectors(head.Org.Sectors, apps, ms)
	v := h.companyView(r, rq, "casepage.list.title")
	v.Data, v.Errors = d, fe
	if form != nil {
		v.Form = form
	}
	return h.render(w, status, "case-list", v)
}

// caseRows lays out applications and memberships for a table, each with
// what is due next as far as its record tells. With finished false, only
// the applications still under way are listed (memberships stand for the
// approved ones).
func caseRows(head orgHead, apps []program.Application, ms []program.Membership, finished bool) (appRows, memberRows []caseRow) {
	byID := map[string]program.Membership{}
	for _, m := range ms {
		byID[m.ID] = m
	}
	for _, a := range apps {
		if !finished && a.State.Final() {
			continue
		}
		var m *program.Membership
		if x, ok := byID[a.MembershipID]; ok {
			m = &x
		}
		appRows = append(appRows, caseRow{App: a, URL: head.Base() + "/applications/" + a.ID,
			Tag: appTag(a.State), Next: appNextBrief(a, m)})
	}
	for _, m := range ms {
		memberRows = append(memberRows, caseRow{Member: m, URL: head.Base() + "/memberships/" + m.ID,
			Tag: memberTag(m.State), Next: memberNextBrief(m)})
	}
	return appRows, memberRows
}

// openSectors lists the company's sectors it may apply for now: those with
// no application under way and no membership waiting for its signature.
// A sector with an active membership is offered too: applying again is its
// revalidation.
func openSectors(sectors []program.Sector, apps []program.Application, ms []program.Membership) []option {
	var out []option
	for _, s := range sectors {
		busy := slices.ContainsFunc(apps, func(a program.Application) bool { return a.Sector == s && !a.State.Final() }) ||
			slices.ContainsFunc(ms, func(m program.Membership) bool { return m.Sector == s && m.State == program.MemberPendingMOU })
		if busy {
			continue
		}
		o := option{Value: string(s), Label: "sector." + string(s)}
		if slices.ContainsFunc(ms, func(m program.Membership) bool { return m.Sector == s && !memberEnded(m.State) }) {
			o.Hint = "casepage.apply.revalidation_hint"
		}
		out = append(out, o)
	}
	return out
}

// needRole refuses, before any input is read, what the viewer's role does
// not allow: a read-only member gets the 403 page, never a form error.
func needRole(head orgHead, action auth.Action) error {
	if !head.Can(string(action)) {
		return errRoleForbids
	}
	return nil
}

// appTag is the colour of an application's status tag, on the company's
// pages and the office's alike: red for a denial, green once approved,
// yellow while the company must act, grey when closed otherwise, none
// while the office works on it.
func appTag(s program.AppState) string {
	switch s {
	case program.AppDraft, program.AppWithdrawn:
		return "tag--grey"
	case program.AppInfoRequested:
		return "tag--yellow"
	case program.AppDenialProposed, program.AppDenied:
		return "tag--red"
	case program.AppApproved:
		return "tag--green"
	}
	return ""
}

// memberTag is the colour of a membership's status tag, on the company's
// pages and the office's alike.
func memberTag(s program.MemberState) string {
	switch s {
	case program.MemberPendingMOU:
		return "tag--yellow"
	case program.MemberActive:
		return "tag--green"
	case program.MemberSuspended, program.MemberCancelled:
		return "tag--red"
	}
	return "tag--grey"
}

// memberEnded reports whether a membership is over.
func memberEnded(s program.MemberState) bool {
	return s == program.MemberCancelled || s == program.MemberWithdrawn
}
