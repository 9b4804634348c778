package web

import (
	"net/http"
	"net/url"
	"slices"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/office"
	"trustlane/internal/program"
	"trustlane/internal/store"
)

// casePage is a case as the company sees it: an application or a
// membership, what the company must do next, and everything that happened
// to it. Forms appear only where the viewer's role may use them.
type casePage struct {
	orgHead
	App       *office.ApplicationView // set on an application's page
	Member    *office.MembershipView  // set on a membership's page
	URL       string                  // the case's page
	Tag       string
	Next      nextStep
	Timeline  []eventRow // newest first
	Decisions []caseDecision
	Appeals   []program.Appeal
	Plans     []casePlan
	Names     map[string]string
	// The application's own parts.
	Requests    []caseRequest
	Validations []caseValidation
	Snapshot    *caseSnapshot
	Eligibility []option // the requirements, for the draft's form
	// What the viewer may do from here.
	CanWithdraw, CanConfirm, CanSign bool
}

// Name is the name of a person the case mentions, or "".
func (d casePage) Name(userID string) string { return d.Names[userID] }

// caseDecision is a decision with its reasons in the reader's language and
// the way to appeal it while that is possible.
type caseDecision struct {
	program.Decision
	Reasons   []caseReason
	LetterURL string
	AppealURL string // set while the viewer may appeal it
	Review    bool   // a denial notice: its appeal is the informal review
	Appeal    *program.Appeal
}

// caseReason is a reason code with its label from the policy.
type caseReason struct{ Code, Label string }

// casePlan is an action plan with the company's answer form per action.
type casePlan struct {
	program.ActionPlan
	Due   time.Time
	Items []caseAction
}

// caseAction is one corrective action. Field names its answer on the page
// (unique, so an error points at the right one); Action is the form's URL,
// "" when the viewer cannot answer it.
type caseAction struct {
	program.ActionItem
	Field  string
	Action string
}

func (h *Handler) caseApplication(w http.ResponseWriter, r *http.Request, rq *request) error {
	d, err := h.loadAppCase(r, rq)
	if err != nil {
		return err
	}
	return h.renderCase(w, r, rq, d, http.StatusOK, nil, nil)
}

func (h *Handler) membershipPage(w http.ResponseWriter, r *http.Request, rq *request) error {
	d, err := h.loadMemberCase(r, rq)
	if err != nil {
		return err
	}
	return h.renderCase(w, r, rq, d, http.StatusOK, nil, nil)
}

// loadAppCase opens the application in the path; another company's is
// NotFound.
func (h *Handler) loadAppCase(r *http.Request, rq *request) (*casePage, error) {
	head, err := h.loadOrg(r, rq)
	if err != nil {
		return nil, err
	}
	v, err := h.off.Application(r.Context(), rq.Actor(), head.Org.ID, r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	d := &casePage{orgHead: head, App: v, URL: head.Base() + "/applications/" + v.App.ID, Tag: appTag(v.App.State)}
	d.Next = appNext(v, d.URL, head.Base())
	h.fillCase(rq, d, v.Decisions, v.Appeals, v.Plans, v.Timeline, v.Names)
	h.fillApplication(rq, d)
	d.CanWithdraw = head.Can(string(auth.CaseApply)) && program.CmdWithdraw.Allowed(v.App.State)
	return d, nil
}

// loadMemberCase opens the membership in the path.
func (h *Handler) loadMemberCase(r *http.Request, rq *request) (*casePage, error) {
	head, err := h.loadOrg(r, rq)
	if err != nil {
		return nil, err
	}
	v, err := h.off.Membership(r.Context(), rq.Actor(), head.Org.ID, r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	st := v.Membership.State
	d := &casePage{orgHead: head, Member: v, URL: head.Base() + "/memberships/" + v.Membership.ID, Tag: memberTag(st)}
	d.Next = memberNext(v, d.URL, head.Base())
	h.fillCase(rq, d, v.Decisions, v.Appeals, v.Plans, v.Timeline, v.Names)
	d.CanSign = head.Can(string(auth.MOUSign)) && st == program.MemberPendingMOU
	d.CanConfirm = head.Can(string(auth.CaseApply)) && program.CmdConfirmAnnual.Allowed(st)
	d.CanWithdraw = head.Can(string(auth.MemberWithdraw)) && program.CmdWithdrawMember.Allowed(st)
	return d, nil
}

// fillCase lays out what applications and memberships share: decisions
// with their letters and appeals, action plans, and the timeline.
func (h *Handler) fillCase(rq *request, d *casePage, ds []program.Decision, aps []program.Appeal, plans []program.ActionPlan,
	evs []store.AuditEvent, names map[string]string) {
	d.Names = map[string]string{auth.System.UserID: rq.L.T("company.history.system")}
	for id, n := range names {
		d.Names[id] = n
	}
	d.Appeals = aps
	pol := h.off.Policy()
	for _, dec := range ds {
		row := caseDecision{Decision: dec, Review: dec.Kind == program.DenialNotice}
		if dec.LetterID != "" {
			row.LetterURL = d.Base() + "/letters/" + dec.LetterID
		}
		for _, code := range dec.Reasons {
			label := code
			if r, ok := pol.Reason(dec.Kind, code); ok {
				label = r.Label.In(rq.L.Lang())
			}
			row.Reasons = append(row.Reasons, caseReason{code, label})
		}
		if i := slices.IndexFunc(aps, func(a program.Appeal) bool { return a.DecisionID == dec.ID }); i >= 0 {
			row.Appeal = &aps[i]
		} else if d.appealable(dec) {
			row.AppealURL = d.Base() + "/decisions/" + dec.ID + "/appeal"
		}
		d.Decisions = append(d.Decisions, row)
	}
	apply := d.Can(string(auth.CaseApply))
	for _, p := range plans {
		cp := casePlan{ActionPlan: p, Due: p.DueAt()}
		for _, it := range p.Items {
			a := caseAction{ActionItem: it, Field: "response-" + p.ID + "-" + it.ID}
			if apply && p.State == program.PlanOpen && it.Verdict != program.VerdictAccepted {
				a.Action = d.URL + "/plans/" + p.ID + "/actions/" + it.ID
			}
			cp.Items = append(cp.Items, a)
		}
		d.Plans = append(d.Plans, cp)
	}
	// The timeline names people without their sign-in (which the company's
	// history shows for its own members): staff appear by name only.
	for i := len(evs) - 1; i >= 0; i-- {
		row := h.eventRow(evs[i], rq.L, d.Names)
		if n, ok := d.Names[evs[i].ActorID]; ok {
			row.Actor = n
		}
		d.Timeline = append(d.Timeline, row)
	}
}

// appealable reports whether the viewer may appeal a decision now: an
// appealable kind within its window, and for a denial notice an application
// still waiting on it.
func (d *casePage) appealable(dec program.Decision) bool {
	if !d.Can(string(auth.AppealFile)) || !dec.Appealable(d.Now) {
		return false
	}
	switch dec.Kind {
	case program.DenialNotice:
		return d.App != nil && d.App.App.State == program.AppDenialProposed && !d.App.App.ReviewRequested
	case program.Suspension, program.Cancellation:
		return true
	}
	return false
}

// renderCase shows a case page, with a form's answers and errors after a
// refused change.
func (h *Handler) renderCase(w http.ResponseWriter, r *http.Request, rq *request, d *casePage, status int, form url.Values, fe *formErrors) error {
	v := h.companyView(r, rq, "")
	if d.App != nil {
		v.Title = rq.L.T("casepage.app.title", map[string]any{"Sector": rq.L.T("sector." + string(d.App.App.Sector))})
	} else {
		v.Title = rq.L.T("casepage.member.title", map[string]any{"Number": d.Member.Membership.Number})
	}
	v.Form = casePrefill(d, h.cfg.Location)
	for k, vals := range form {
		v.Form[k] = vals
	}
	v.Data, v.Errors = d, fe
	return h.render(w, status, "case-page", v)
}

// casePrefill fills the page's forms with what the company already said:
// the eligibility it declared, and its answers to actions it must redo.
func casePrefill(d *casePage, loc *time.Location) url.Values {
	f := url.Values{}
	if d.App != nil {
		e := d.App.App.Eligibility
		for _, it := range e.Declared {
			f.Add("eligibility", string(it))
		}
		if !e.LastMovement.IsZero() {
			f.Set("last_movement", e.LastMovement.In(loc).Format(time.DateOnly))
		}
	}
	for _, p := range d.Plans {
		for _, it := range p.Items {
			if it.Action != "" && it.Response != "" {
				f.Set(it.Field, it.Response)
			}
		}
	}
	return f
}
