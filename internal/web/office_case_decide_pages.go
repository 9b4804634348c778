package web

import (
	"net/http"
	"net/url"
	"time"

	"trustlane/internal/errs"
	"trustlane/internal/office"
	"trustlane/internal/program"
)

// The pages of a decision: the form, the check of the answers, and taking
// it. Every step asks the office, so a role that may not decide gets 403 at
// each of them, even by posting directly.

// ocDecisionData is what the decision's form and check pages show.
type ocDecisionData struct {
	ocDecisionCtx
	Reasons            []ocReason // the reasons this decision may cite
	Upheld, Overturned []ocReason // an appeal's, by outcome
	RemedyDays         int
	// CanDecide is false on an appeal's page when the viewer may only read
	// it; Why says why (a message key).
	CanDecide bool
	Why       string
	// The check page's answers in words.
	Kind      program.DecisionKind
	Chosen    []ocReason
	Actions   []string
	RemedyDue time.Time
}

func (h *Handler) ocDecisionData(rq *request, c ocDecisionCtx) ocDecisionData {
	d := ocDecisionData{ocDecisionCtx: c, Reasons: h.ocReasons(rq, c.Spec.Kind),
		RemedyDays: int(h.off.Policy().Windows.SuspensionRemedy), CanDecide: true}
	if ap := c.Appeal; ap != nil {
		d.Reasons = nil
		d.Upheld, d.Overturned = h.ocReasons(rq, program.AppealUpheld), h.ocReasons(rq, program.AppealOverturned)
		switch {
		case ap.Appeal.State != program.AppealFiled:
			d.CanDecide, d.Why = false, "staffcase.appeal.closed"
		case !ocCan(rq, c.Spec.Action):
			d.CanDecide, d.Why = false, "staffcase.appeal.reviewers_only"
		case ap.Decision.DecidedBy == rq.Actor().UserID:
			d.CanDecide, d.Why = false, "staffcase.appeal.own_decision"
		}
	}
	return d
}

// ocRenderDecisionForm shows the decision's form with answers and errors.
func (h *Handler) ocRenderDecisionForm(w http.ResponseWriter, r *http.Request, rq *request, c ocDecisionCtx, f url.Values, fe *formErrors, status int) error {
	v := h.ocView(r, rq, "staffcase.decision."+c.Spec.What+".title")
	v.Form, v.Errors, v.Data = f, fe, h.ocDecisionData(rq, c)
	return h.render(w, status, "staff-decision", v)
}

// ocDecisionForm opens the form, for staff whose role takes this decision.
// An appeal's page is its record too: every staff member may read it, and
// the form shows only to a reviewer who may decide it.
func (h *Handler) ocDecisionForm(w http.ResponseWriter, r *http.Request, rq *request) error {
	c, err := h.ocDecisionOf(r, rq)
	if err != nil {
		return err
	}
	if c.Appeal == nil && !ocCan(rq, c.Spec.Action) {
		return errRoleForbids
	}
	return h.ocRenderDecisionForm(w, r, rq, c, url.Values{}, nil, http.StatusOK)
}

// ocDecisionChange shows the form again with the answers from the check.
func (h *Handler) ocDecisionChange(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	c, err := h.ocDecisionOf(r, rq)
	if err != nil {
		return err
	}
	if !ocCan(rq, c.Spec.Action) {
		return errRoleForbids
	}
	return h.ocRenderDecisionForm(w, r, rq, c, ocDecisionAnswers(r.PostForm), nil, http.StatusOK)
}

// ocDecisionCheck checks the answers with the office and shows them for
// confirmation, or the form again with what to correct.
func (h *Handler) ocDecisionCheck(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	c, err := h.ocDecisionOf(r, rq)
	if err != nil {
		return err
	}
	f := ocDecisionAnswers(r.PostForm)
	kind, _, kerr := ocKindOf(c, f)
	in, ierr := h.ocSuspendInput(f)
	if kerr == nil && ierr == nil {
		err = h.off.PlanDecision(r.Context(), rq.Actor(), kind, c.SubjectID, in)
	} else {
		err = ocJoinErrors(kerr, ierr)
	}
	if isFormError(err) {
		return h.ocRenderDecisionForm(w, r, rq, c, f, formErrorsOf(err, rq.L, h.ocFirstField(c)), errs.Status(errs.CodeOf(err)))
	}
	if err != nil {
		return err
	}
	d := h.ocDecisionData(rq, c)
	d.Kind, d.Chosen, d.Actions, d.RemedyDue = kind, h.ocReasonLabels(rq, kind, in.Reasons), in.Actions, in.RemedyDue
	if c.Spec.Kind == program.Suspension && d.RemedyDue.IsZero() {
		d.RemedyDue = rq.Now.Add(h.off.Policy().Windows.SuspensionRemedy.Duration())
	}
	v := h.ocView(r, rq, "staffcase.decision."+c.Spec.What+".check_title")
	v.Form, v.Data = f, d
	return h.render(w, http.StatusOK, "staff-decision-check", v)
}

// ocJoinErrors merges the field errors of answers read by the portal.
func ocJoinErrors(list ...error) error {
	var fields []errs.FieldError
	for _, err := range list {
		if e, ok := errs.As(err); ok {
			fields = append(fields, e.Fields...)
		}
	}
	return errs.Fields(fields...)
}

// ocDecisionTake takes the decision once confirmed, then shows the case
// with a notice; refused answers go back to the form.
func (h *Handler) ocDecisionTake(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	c, err := h.ocDecisionOf(r, rq)
	if err != nil {
		return err
	}
	f := ocDecisionAnswers(r.PostForm)
	_, overturn, kerr := ocKindOf(c, f)
	in, ierr := h.ocSuspendInput(f)
	if kerr != nil || ierr != nil {
		err = ocJoinErrors(kerr, ierr)
	} else {
		err = h.ocTake(r, rq, c, in, overturn)
	}
	if isFormError(err) {
		return h.ocRenderDecisionForm(w, r, rq, c, f, formErrorsOf(err, rq.L, h.ocFirstField(c)), errs.Status(errs.CodeOf(err)))
	}
	if err != nil {
		return err
	}
	h.setFlash(w, c.Spec.Flash)
	return redirect(c.CaseURL + "#decisions")
}

// ocTake calls the office use case of the decision.
func (h *Handler) ocTake(r *http.Request, rq *request, c ocDecisionCtx, in office.SuspendInput, overturn bool) error {
	ctx, a, id := r.Context(), rq.Actor(), c.SubjectID
	var err error
	switch c.Spec.What {
	case "approve":
		_, err = h.off.Approve(ctx, a, id, in.DecisionInput)
	case "deny":
		_, err = h.off.ProposeDenial(ctx, a, id, in.DecisionInput)
	case "suspend":
		_, err = h.off.Suspend(ctx, a, id, in)
	case "reinstate":
		_, err = h.off.Reinstate(ctx, a, id, in.DecisionInput)
	case "cancel":
		_, err = h.off.Cancel(ctx, a, id, in.DecisionInput)
	case "appeal":
		err = h.off.DecideAppeal(ctx, a, id, overturn, in.DecisionInput)
	}
	return err
}

// ocFirstField is the form's first field, where an error that concerns the
// whole decision (the case moved on meanwhile) is shown.
func (h *Handler) ocFirstField(c ocDecisionCtx) string {
	switch {
	case c.Spec.Subject == "appeal":
		return "outcome"
	case len(h.off.Policy().Reasons[c.Spec.Kind]) > 0:
		return "reasons"
	}
	return "narrative"
}
