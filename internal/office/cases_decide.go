package office

import (
	"context"
	"slices"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/ident"
	"trustlane/internal/program"
	"trustlane/internal/store"
)

// DecisionInput is what a decision form sends.
type DecisionInput struct {
	Reasons   []string
	Narrative string
}

// Approve approves a validated application: a first application becomes a
// membership with its number, awaiting the account owner's signature of the
// memorandum; a revalidation renews the membership's four-year cycle.
func (o *Office) Approve(ctx context.Context, a auth.Actor, appID string, in DecisionInput) (program.Decision, error) {
	var dec program.Decision
	err := o.update(ctx, func(tx *store.Tx) error {
		app, err := loadCaseApp(tx, a, "", appID, auth.DecideApprove)
		if err != nil {
			return err
		}
		ai := o.appInput(tx, a)
		if ai.ValidationOK, ai.Validators, err = validationOK(tx, app); err != nil {
			return err
		}
		next, err := app.Apply(program.CmdApprove, ai)
		if err != nil {
			return err
		}
		m, err := o.membershipFor(tx, a, &next)
		if err != nil {
			return err
		}
		if err := saveApp(tx, a, &next, "application.approved", map[string]any{"membership": m.ID, "number": m.Number}); err != nil {
			return err
		}
		dec, err = o.decide(tx, a, app.OrgID, decisionArgs{kind: program.Approval, subjectType: subjectApplication, subjectID: app.ID,
			sector: app.Sector, number: m.Number, reasons: in.Reasons, narrative: in.Narrative})
		return err
	})
	return dec, err
}

// validationOK reports whether the application's latest completed
// validation allows approval (satisfactory, or its action plan verified
// complete) and who validated.
func validationOK(tx *store.Tx, app program.Application) (bool, []string, error) {
	vs, err := tx.Validations(app.ID)
	if err != nil {
		return false, nil, err
	}
	i := len(vs) - 1
	for i >= 0 && vs[i].State != program.ValCompleted {
		i--
	}
	if i < 0 {
		return false, nil, nil
	}
	v := vs[i]
	switch v.Result {
	case program.ResultSatisfactory:
		return true, v.Validators, nil
	case program.ResultActionPlan:
		plans, err := tx.Plans(subjectApplication, app.ID)
		if err != nil || len(plans) == 0 {
			return false, v.Validators, err
		}
		return plans[len(plans)-1].State == program.PlanCompleted, v.Validators, nil
	}
	return false, v.Validators, nil
}

// membershipFor creates the membership of an approved first application, or
// renews the one a revalidation is for.
func (o *Office) membershipFor(tx *store.Tx, a auth.Actor, app *program.Application) (program.Membership, error) {
	if app.Kind == program.Revalidation && app.MembershipID != "" {
		m, err := tx.Membership(app.OrgID, app.MembershipID)
		if err != nil {
			return m, err
		}
		if m, err = m.Apply(program.CmdRevalidated, program.MemberInput{Now: tx.Now(), Policy: o.policy, Actor: a.UserID}); err != nil {
			return m, err
		}
		if err := saveMember(tx, a, &m, "membership.revalidated", map[string]any{"application": app.ID}); err != nil {
			return m, err
		}
		return m, o.schedule(tx, Deadline{What: "revalidation", OrgID: m.OrgID, SubjectType: subjectMembership, SubjectID: m.ID,
			Due: m.RevalidationDueAt}, o.policy.Windows.LongReminder)
	}
	n, err := tx.NextSequence("membership_number")
	if err != nil {
		return program.Membership{}, err
	}
	number, err := ident.MemberNumber(n)
	if err != nil {
		return program.Membership{}, err
	}
	m := program.NewMembership(*app, number, o.policy, tx.Now())
	if err := tx.SaveMembership(&m); err != nil {
		return m, err
	}
	// The new number is found at the border at once (with no standing
	// until the memorandum is signed).
	tx.Changed(store.Change{Kind: subjectMembership, ID: m.ID, OrgID: m.OrgID})
	app.MembershipID = m.ID
	if err := tx.Audit(a, store.Event{OrgID: m.OrgID, SubjectType: subjectMembership, SubjectID: m.ID, Action: "membership.created",
		Data: map[string]any{"number": m.Number, "sector": m.Sector, "application": app.ID, "mou_due": m.MOUDueAt}}); err != nil {
		return m, err
	}
	return m, o.schedule(tx, Deadline{What: "mou", OrgID: m.OrgID, SubjectType: subjectMembership, SubjectID: m.ID, Due: m.MOUDueAt},
		o.policy.Windows.Reminder)
}

// ProposeDenial announces the intent to deny an application. It takes
// effect when the informal review window closes, unless a review is asked
// for and overturns it.
func (o *Office) ProposeDenial(ctx context.Context, a auth.Actor, appID string, in DecisionInput) (program.Decision, error) {
	var dec program.Decision
	err := o.update(ctx, func(tx *store.Tx) error {
		app, err := loadCaseApp(tx, a, "", appID, auth.DecideDeny)
		if err != nil {
			return err
		}
		next, err := app.Apply(program.CmdProposeDenial, o.appInput(tx, a))
		if err != nil {
			return err
		}
		if err := cancelOpenValidation(tx, a, app); err != nil {
			return err
		}
		if dec, err = o.decide(tx, a, app.OrgID, decisionArgs{kind: program.DenialNotice, subjectType: subjectApplication,
			subjectID: app.ID, sector: app.Sector, reasons: in.Reasons, narrative: in.Narrative, effective: next.DenialEffectiveAt}); err != nil {
			return err
		}
		if err := saveApp(tx, a, &next, "application.denial_proposed", map[string]any{"decision": dec.ID, "effective": next.DenialEffectiveAt}); err != nil {
			return err
		}
		return o.schedule(tx, Deadline{What: "denial", OrgID: app.OrgID, SubjectType: subjectApplication, SubjectID: app.ID,
			Due: next.DenialEffectiveAt}, o.policy.Windows.Reminder)
	})
	return dec, err
}

// FileAppeal appeals a decision within its window: the informal review of
// a denial notice, or the appeal of a suspension or a cancellation.
func (o *Office) FileAppeal(ctx context.Context, a auth.Actor, orgID, decisionID, grounds string) (program.Appeal, error) {
	var ap program.Appeal
	err := o.update(ctx, func(tx *store.Tx) error {
		if _, err := authorizeOrg(tx, a, orgID, auth.AppealFile); err != nil {
			return err
		}
		dec, err := tx.Decision(orgID, decisionID)
		if err != nil {
			return err
		}
		if ap, err = program.FileAppeal(dec, grounds, a.UserID, tx.Now()); err != nil {
			return err
		}
		if dec.Kind == program.DenialNotice {
			app, err := tx.Application(orgID, dec.SubjectID)
			if err != nil {
				return err
			}
			next, err := app.Apply(program.CmdRequestReview, o.appInput(tx, a))
			if err != nil {
				return err
			}
			if err := saveApp(tx, a, &next, "application.review_requested", nil); err != nil {
				return err
			}
		}
		if err := tx.SaveAppeal(&ap); err != nil {
			if store.IsDuplicate(err) {
				return errs.E(errs.Conflict, "error.case.appeal_already", "this decision has already been appealed")
			}
			return err
		}
		return tx.Audit(a, store.Event{OrgID: orgID, SubjectType: dec.SubjectType, SubjectID: dec.SubjectID, Action: "appeal.filed",
			Data: map[string]any{"appeal": ap.ID, "decision": dec.ID, "kind": dec.Kind}})
	})
	return ap, err
}

// DecideAppeal is the appeals reviewer's outcome. The reviewer must not be
// who took the decision. Upholding a denial notice makes the denial final;
// overturning a suspension or a cancellation restores the membership.
func (o *Office) DecideAppeal(ctx context.Context, a auth.Actor, appealID string, overturn bool, in DecisionInput) error {
	return o.update(ctx, func(tx *store.Tx) error {
		if err := authorizeStaff(a, auth.AppealDecide); err != nil {
			return err
		}
		ap, err := tx.Appeal("", appealID)
		if err != nil {
			return err
		}
		dec, err := tx.Decision(ap.OrgID, ap.DecisionID)
		if err != nil {
			return err
		}
		if ap, err = ap.Decide(dec, overturn, a.UserID, in.Narrative, o.policy, tx.Now()); err != nil {
			return err
		}
		kind := program.AppealUpheld
		if overturn {
			kind = program.AppealOverturned
		}
		sector, number, err := o.applyAppeal(tx, a, ap, dec, overturn)
		if err != nil {
			return err
		}
		if err := tx.SaveAppeal(&ap); err != nil {
			return err
		}
		if _, err := o.decide(tx, a, ap.OrgID, decisionArgs{kind: kind, subjectType: dec.SubjectType, subjectID: dec.SubjectID,
			sector: sector, number: number, reasons: in.Reasons, narrative: in.Narrative}); err != nil {
			return err
		}
		if dec.Kind == program.DenialNotice && !overturn {
			_, err = o.decide(tx, a, ap.OrgID, decisionArgs{kind: program.Denial, subjectType: dec.SubjectType, subjectID: dec.SubjectID, sector: sector})
		}
		return err
	})
}

// applyAppeal carries an appeal's outcome into the case it is about.
func (o *Office) applyAppeal(tx *store.Tx, a auth.Actor, ap program.Appeal, dec program.Decision, overturn bool) (program.Sector, string, error) {
	if dec.SubjectType == subjectApplication {
		app, err := tx.Application(ap.OrgID, dec.SubjectID)
		if err != nil {
			return "", "", err
		}
		in := o.appInput(tx, a)
		in.DenialBy = dec.DecidedBy
		cmd, action := program.CmdReviewUpheld, "application.denied"
		if overturn {
			cmd, action = program.CmdReviewOverturned, "application.review_overturned"
		}
		next, err := app.Apply(cmd, in)
		if err != nil {
			return "", "", err
		}
		return app.Sector, "", saveApp(tx, a, &next, action, map[string]any{"appeal": ap.ID})
	}
	m, err := tx.Membership(ap.OrgID, dec.SubjectID)
	if err != nil {
		return "", "", err
	}
	// Reversing a decision restores what that decision changed, and only
	// that: overturning a suspension after a later cancellation leaves the
	// cancellation in force.
	still := (dec.Kind == program.Suspension && m.State == program.MemberSuspended) ||
		(dec.Kind == program.Cancellation && m.State == program.MemberCancelled)
	if overturn && still {
		if m, err = m.Apply(program.CmdAppealOverturns, program.MemberInput{Now: tx.Now(), Policy: o.policy, Actor: a.UserID}); err != nil {
			return "", "", err
		}
		if err := saveMember(tx, a, &m, "membership.restored_on_appeal", map[string]any{"appeal": ap.ID}); err != nil {
			return "", "", err
		}
		if err := withdrawPlans(tx, a, m); err != nil {
			return "", "", err
		}
	}
	return m.Sector, m.Number, nil
}

// lastDecision returns the latest decision of a kind about a subject.
func lastDecision(tx *store.Tx, subjectType, subjectID string, kinds ...program.DecisionKind) (program.Decision, bool, error) {
	ds, err := tx.Decisions(subjectType, subjectID)
	if err != nil {
		return program.Decision{}, false, err
	}
	for i := len(ds) - 1; i >= 0; i-- {
		if slices.Contains(kinds, ds[i].Kind) {
			return ds[i], true, nil
		}
	}
	return program.Decision{}, false, nil
}

// withdrawPlans closes the open action plans of a membership whose
// suspension was reversed: nothing is left to correct, so no reminder or
// escalation should follow.
func withdrawPlans(tx *store.Tx, a auth.Actor, m program.Membership) error {
	plans, err := tx.Plans(subjectMembership, m.ID)
	if err != nil {
		return err
	}
	for _, p := range plans {
		if p.State != program.PlanOpen {
			continue
		}
		if p, err = p.Withdraw(); err != nil {
			return err
		}
		if err := tx.SavePlan(&p); err != nil {
			return err
		}
		if err := tx.Audit(a, store.Event{OrgID: m.OrgID, SubjectType: subjectMembership, SubjectID: m.ID,
			Action: "action_plan.withdrawn", Data: map[string]any{"plan": p.ID}}); err != nil {
			return err
		}
	}
	return nil
}
