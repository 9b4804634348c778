package web

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/office"
	"trustlane/internal/program"
)

// Decisions: approve or announce the denial of an application; suspend,
// reinstate or cancel a membership; decide an appeal. Each is a form with
// the policy's reason codes and a narrative, then a check-your-answers page
// (checked by the office with the same rules, nothing written), then the
// confirmation that takes the decision and writes its letter.

// ocDecisionSpec describes one decision's pages.
type ocDecisionSpec struct {
	What    string // the URL's word and the messages' key: staffcase.decision.<What>.*
	Kind    program.DecisionKind
	Action  auth.Action
	Subject string // "application", "membership" or "appeal"
	Flash   string
	Warning bool // an adverse decision: the confirmation button says so
}

var ocDecisionSpecs = map[string]ocDecisionSpec{
	"approve":   {"approve", program.Approval, auth.DecideApprove, "application", "flash.staff_approved", false},
	"deny":      {"deny", program.DenialNotice, auth.DecideDeny, "application", "flash.staff_denial_announced", true},
	"suspend":   {"suspend", program.Suspension, auth.DecideSuspend, "membership", "flash.staff_suspended", true},
	"reinstate": {"reinstate", program.Reinstatement, auth.DecideSuspend, "membership", "flash.staff_reinstated", false},
	"cancel":    {"cancel", program.Cancellation, auth.DecideCancel, "membership", "flash.staff_cancelled", true},
	"appeal":    {"appeal", program.AppealUpheld, auth.AppealDecide, "appeal", "flash.staff_appeal_decided", false},
}

func (h *Handler) routesOfficeDecisions() {
	for _, base := range []string{"/office/applications/{id}/decide/{what}", "/office/memberships/{id}/decide/{what}", "/office/appeals/{id}"} {
		h.mux.Handle("GET "+base, h.page(h.ocDecisionForm))
		h.mux.Handle("POST "+base+"/check", h.page(h.ocDecisionCheck))
		h.mux.Handle("POST "+base+"/change", h.page(h.ocDecisionChange))
		h.mux.Handle("POST "+base, h.page(h.ocDecisionTake))
	}
}

// ocDecisionCtx is the case a decision is about, as its pages show it.
type ocDecisionCtx struct {
	Spec      ocDecisionSpec
	SubjectID string
	Base      string // the decision's URL; /check and /change follow it
	CaseURL   string
	Org       program.Organization
	Sector    program.Sector
	Number    string
	State     string // the case's state, as a message key
	Appeal    *office.StaffAppealView
	Appealed  []ocReason // the reasons of the decision appealed
}

// ocDecisionOf loads the case the URL names and the decision's spec; a
// decision the case cannot have (deny a membership) is not found.
func (h *Handler) ocDecisionOf(r *http.Request, rq *request) (ocDecisionCtx, error) {
	if err := ocRequireStaff(rq); err != nil {
		return ocDecisionCtx{}, err
	}
	id, path := r.PathValue("id"), r.URL.Path
	what := r.PathValue("what")
	if strings.HasPrefix(path, "/office/appeals/") {
		what = "appeal"
	}
	spec, ok := ocDecisionSpecs[what]
	if !ok || !strings.HasPrefix(path, "/office/"+spec.Subject) {
		return ocDecisionCtx{}, errPageNotFound
	}
	c := ocDecisionCtx{Spec: spec, SubjectID: id}
	switch spec.Subject {
	case "application":
		v, err := h.off.Application(r.Context(), rq.Actor(), "", id)
		if err != nil {
			return c, err
		}
		c.Org, c.Sector, c.State = v.Org, v.App.Sector, "case.state."+string(v.App.State)
		c.CaseURL = ocCaseURL("application", id)
		c.Base = c.CaseURL + "/decide/" + what
	case "membership":
		v, err := h.off.Membership(r.Context(), rq.Actor(), "", id)
		if err != nil {
			return c, err
		}
		c.Org, c.Sector, c.Number = v.Org, v.Membership.Sector, v.Membership.Number
		c.State = "case.member_state." + string(v.Membership.State)
		c.CaseURL = ocCaseURL("membership", id)
		c.Base = c.CaseURL + "/decide/" + what
	default:
		ap, err := h.off.StaffAppeal(r.Context(), rq.Actor(), id)
		if err != nil {
			return c, err
		}
		c.Appeal, c.Org, c.Sector, c.Number = &ap, ap.Org, ap.Sector, ap.Number
		c.State = "case.appeal_state." + string(ap.Appeal.State)
		c.CaseURL = ocCaseURL(ap.Appeal.SubjectType, ap.Appeal.SubjectID)
		c.Base = "/office/appeals/" + url.PathEscape(id)
		c.Appealed = h.ocReasonLabels(rq, ap.Decision.Kind, ap.Decision.Reasons)
	}
	return c, nil
}

// ocDecisionAnswers keeps only a decision form's fields, trimmed.
func ocDecisionAnswers(f url.Values) url.Values {
	out := url.Values{}
	for _, k := range []string{"narrative", "outcome", "actions", "remedy_due"} {
		if v := strings.TrimSpace(f.Get(k)); v != "" {
			out.Set(k, v)
		}
	}
	for _, r := range f["reasons"] {
		if r = strings.TrimSpace(r); r != "" && len(out["reasons"]) < 20 {
			out.Add("reasons", r)
		}
	}
	return out
}

// ocKindOf is the decision the answers make: an appeal's outcome decides
// whether the decision appealed stands or is reversed.
func ocKindOf(c ocDecisionCtx, f url.Values) (program.DecisionKind, bool, error) {
	if c.Spec.Subject != "appeal" {
		return c.Spec.Kind, false, nil
	}
	switch f.Get("outcome") {
	case "uphold":
		return program.AppealUpheld, false, nil
	case "overturn":
		return program.AppealOverturned, true, nil
	}
	return "", false, errs.Fields(errs.F("outcome", "error.choose_option", "choose an outcome"))
}

// ocSuspendInput reads a decision's answers, with a suspension's
// corrective actions (one per line) and their due date.
func (h *Handler) ocSuspendInput(f url.Values) (office.SuspendInput, error) {
	in := office.SuspendInput{DecisionInput: office.DecisionInput{Reasons: f["reasons"], Narrative: f.Get("narrative")}}
	for _, line := range strings.Split(f.Get("actions"), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			in.Actions = append(in.Actions, line)
		}
	}
	if s := f.Get("remedy_due"); s != "" {
		t, err := ocParseDate(s, h.cfg.Location)
		if err != nil {
			return in, errs.Fields(errs.F("remedy_due", "staffcase.error.date", "enter a date"))
		}
		// Due at the end of the day chosen.
		in.RemedyDue = t.Add(24*time.Hour - time.Second)
	}
	return in, nil
}
