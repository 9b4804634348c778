package office

import (
	"context"
	"strings"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/program"
	"trustlane/internal/store"
)

// PlanDecision checks a decision without taking it, for the portal's
// check-your-answers step: the same permission, the same state rule and the
// same checks of reasons and narrative as taking it, every field error at
// once, nothing written. subjectID is the application (approval, denial
// notice), the membership (suspension, reinstatement, cancellation) or the
// appeal (appeal_upheld, appeal_overturned) the decision is about.
func (o *Office) PlanDecision(ctx context.Context, a auth.Actor, kind program.DecisionKind, subjectID string, in SuspendInput) error {
	action, ok := decisionActions[kind]
	if !ok {
		return errNotFound
	}
	var planErr error
	err := o.view(ctx, func(tx *store.Tx) error {
		if err := o.planState(tx, a, kind, action, subjectID); err != nil {
			return err
		}
		_, decErr := program.NewDecision(o.policy, kind, in.Reasons, in.Narrative, a.UserID, tx.Now(), tx.Now())
		var extra error
		if kind == program.Suspension {
			extra = checkSuspension(in, tx)
		}
		planErr = joinFieldErrors(decErr, extra)
		return nil
	})
	if err != nil {
		return err
	}
	return planErr
}

// decisionActions is the permission each decision needs, as the use case
// that takes it asks.
var decisionActions = map[program.DecisionKind]auth.Action{
	program.Approval:         auth.DecideApprove,
	program.DenialNotice:     auth.DecideDeny,
	program.Suspension:       auth.DecideSuspend,
	program.Reinstatement:    auth.DecideSuspend,
	program.Cancellation:     auth.DecideCancel,
	program.AppealUpheld:     auth.AppealDecide,
	program.AppealOverturned: auth.AppealDecide,
}

// planState authorizes the decision and checks that its subject is at a
// stage where it can be taken.
func (o *Office) planState(tx *store.Tx, a auth.Actor, kind program.DecisionKind, action auth.Action, subjectID string) error {
	switch kind {
	case program.Approval, program.DenialNotice:
		app, err := loadCaseApp(tx, a, "", subjectID, action)
		if err != nil {
			return err
		}
		cmd := program.CmdApprove
		if kind == program.DenialNotice {
			cmd = program.CmdProposeDenial
		}
		if !cmd.Allowed(app.State) {
			return program.ErrWrongState
		}
	case program.Suspension, program.Reinstatement, program.Cancellation:
		m, err := loadMember(tx, a, "", subjectID, action)
		if err != nil {
			return err
		}
		cmd := map[program.DecisionKind]program.MemberCommand{program.Suspension: program.CmdSuspend,
			program.Reinstatement: program.CmdReinstate, program.Cancellation: program.CmdCancel}[kind]
		if !cmd.Allowed(m.State) {
			return program.ErrWrongState
		}
	default:
		if err := authorizeStaff(a, action); err != nil {
			return err
		}
		ap, err := tx.Appeal("", subjectID)
		if err != nil {
			return err
		}
		if ap.State != program.AppealFiled {
			return program.ErrWrongState
		}
		dec, err := tx.Decision(ap.OrgID, ap.DecisionID)
		if err != nil {
			return err
		}
		if o.policy.Duties.AppealByAnother && dec.DecidedBy == a.UserID {
			return program.ErrSamePerson
		}
	}
	return nil
}

// checkSuspension checks a suspension's corrective actions and the date
// they are due, as Suspend's action plan will.
func checkSuspension(in SuspendInput, tx *store.Tx) error {
	var fe []errs.FieldError
	n := 0
	for _, a := range in.Actions {
		if strings.TrimSpace(a) != "" {
			n++
		}
	}
	if n == 0 {
		fe = append(fe, errs.F("actions", "error.case.actions_required", "list at least one corrective action"))
	}
	if !in.RemedyDue.IsZero() && !in.RemedyDue.After(tx.Now()) {
		fe = append(fe, errs.F("remedy_due", "error.case.action_invalid", "the corrective actions need a due date in the future"))
	}
	if len(fe) > 0 {
		return errs.Fields(fe...)
	}
	return nil
}
