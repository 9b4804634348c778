package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"trustlane/internal/auth"
	"trustlane/internal/office"
	"trustlane/internal/program"
)

// The memberships queue and the appeals waiting for a reviewer.

// ocMemberStates are the memberships the queue shows by default: those
// that still carry obligations.
var ocMemberStates = []program.MemberState{program.MemberPendingMOU, program.MemberActive, program.MemberSuspended}

// ocMemberRow is one membership of the queue with the date that matters
// next: the signature, the correction of a suspension, or the next yearly
// confirmation or revalidation.
type ocMemberRow struct {
	M       program.Membership
	Org     string
	Tag     string
	Due     *ocDue
	DueWhat string // staffcase.due.* key
}

type ocMembersData struct {
	Tabs             []ocTab
	Rows             []ocMemberRow
	Page             int
	PrevURL, NextURL string
	Caption          string
}

func ocMembersURL(state string, page int) string {
	v := url.Values{}
	if state != "" {
		v.Set("state", state)
	}
	if page > 1 {
		v.Set("page", strconv.Itoa(page))
	}
	if len(v) == 0 {
		return "/office/memberships"
	}
	return "/office/memberships?" + v.Encode()
}

// ocMemberships lists memberships by state, oldest change first.
func (h *Handler) ocMemberships(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := ocRequireStaff(rq); err != nil {
		return err
	}
	q := r.URL.Query()
	state, page := program.MemberState(q.Get("state")), ocPage(q.Get("page"))
	states := ocMemberStates
	if slices.Contains(program.MemberStates(), state) {
		states = []program.MemberState{state}
	} else {
		state = ""
	}
	res, err := h.off.StaffMemberships(r.Context(), rq.Actor(), states, ocQueueSize, (page-1)*ocQueueSize)
	if err != nil {
		return err
	}
	if page > 1 && len(res.Members) == 0 {
		return redirect(ocMembersURL(string(state), 1))
	}
	d := ocMembersData{Page: page, Caption: rq.L.T("staffcase.memberships.caption_all")}
	if state != "" {
		d.Caption = rq.L.T("staffcase.memberships.caption_state", map[string]any{"State": rq.L.T("case.member_state." + string(state))})
	}
	d.Tabs = append(d.Tabs, ocTab{Label: "staffcase.memberships.tab_all", URL: ocMembersURL("", 1), Current: state == ""})
	for _, s := range program.MemberStates() {
		d.Tabs = append(d.Tabs, ocTab{State: string(s), Label: "case.member_state." + string(s), URL: ocMembersURL(string(s), 1), Current: s == state})
	}
	if page > 1 {
		d.PrevURL = ocMembersURL(string(state), page-1)
	}
	if res.More {
		d.NextURL = ocMembersURL(string(state), page+1)
	}
	for _, m := range res.Members {
		d.Rows = append(d.Rows, ocMemberRowOf(rq, m, res.Orgs[m.OrgID]))
	}
	v := h.ocView(r, rq, "staffcase.memberships.title")
	v.Data = d
	return h.render(w, http.StatusOK, "staff-memberships", v)
}

func ocMemberRowOf(rq *request, m program.Membership, org string) ocMemberRow {
	row := ocMemberRow{M: m, Org: org, Tag: memberTag(m.State)}
	switch m.State {
	case program.MemberPendingMOU:
		row.Due, row.DueWhat = ocDueOf(rq, m.MOUDueAt), "staffcase.due.mou"
	case program.MemberSuspended:
		row.Due, row.DueWhat = ocDueOf(rq, m.RemedyDueAt), "staffcase.due.remedy"
	case program.MemberActive:
		row.Due, row.DueWhat = ocDueOf(rq, m.AnnualDueAt), "staffcase.due.annual"
		if !m.RevalidationDueAt.IsZero() && m.RevalidationDueAt.Before(m.AnnualDueAt) {
			row.Due, row.DueWhat = ocDueOf(rq, m.RevalidationDueAt), "staffcase.due.revalidation"
		}
	}
	return row
}

// ocAppealRow is an appeal waiting for a reviewer.
type ocAppealRow struct {
	office.StaffAppealView
	CaseURL   string
	CanDecide bool
}

// ocAppeals lists the appeals and informal reviews waiting for a reviewer,
// oldest first.
func (h *Handler) ocAppeals(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := ocRequireStaff(rq); err != nil {
		return err
	}
	aps, err := h.off.StaffAppeals(r.Context(), rq.Actor())
	if err != nil {
		return err
	}
	rows := make([]ocAppealRow, 0, len(aps))
	for _, ap := range aps {
		rows = append(rows, ocAppealRow{StaffAppealView: ap, CaseURL: ocCaseURL(ap.Appeal.SubjectType, ap.Appeal.SubjectID),
			CanDecide: ocCan(rq, auth.AppealDecide) && ap.Decision.DecidedBy != rq.Actor().UserID})
	}
	v := h.ocView(r, rq, "staffcase.appeals.title")
	v.Data = rows
	return h.render(w, http.StatusOK, "staff-appeals", v)
}

// ocCaseURL is the office's page of an application or a membership.
func ocCaseURL(subjectType, id string) string {
	if subjectType == "membership" {
		return "/office/memberships/" + url.PathEscape(id)
	}
	return "/office/applications/" + url.PathEscape(id)
}
