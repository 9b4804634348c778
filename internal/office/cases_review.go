package office

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"trustlane/internal/auth"
	"trustlane/internal/catalog"
	"trustlane/internal/errs"
	"trustlane/internal/notify"
	"trustlane/internal/program"
	"trustlane/internal/store"
)

// StartReview lets an officer take a submitted application.
func (o *Office) StartReview(ctx context.Context, a auth.Actor, appID string) error {
	return o.update(ctx, func(tx *store.Tx) error {
		app, err := loadCaseApp(tx, a, "", appID, auth.CaseReview)
		if err != nil {
			return err
		}
		next, err := app.Apply(program.CmdStartReview, o.appInput(tx, a))
		if err != nil {
			return err
		}
		return saveApp(tx, a, &next, "application.review_started", map[string]any{"officer": a.UserID})
	})
}

// RequestInfo asks the company questions about its application; the
// policy gives the due date, with a reminder before it.
func (o *Office) RequestInfo(ctx context.Context, a auth.Actor, appID, questions string) error {
	questions = strings.TrimSpace(questions)
	if n := utf8.RuneCountInString(questions); n < 10 || n > 8000 {
		return errs.Fields(errs.F("questions", "error.case.questions_required", "write what the company must provide"))
	}
	return o.update(ctx, func(tx *store.Tx) error {
		app, err := loadCaseApp(tx, a, "", appID, auth.CaseReview)
		if err != nil {
			return err
		}
		next, err := app.Apply(program.CmdRequestInfo, o.appInput(tx, a))
		if err != nil {
			return err
		}
		req := store.InfoRequest{OrgID: app.OrgID, ApplicationID: app.ID, Questions: questions, AskedBy: a.UserID, DueAt: next.InfoDueAt}
		if err := tx.InsertInfoRequest(&req); err != nil {
			return err
		}
		if err := saveApp(tx, a, &next, "application.info_requested", map[string]any{"request": req.ID, "due": req.DueAt}); err != nil {
			return err
		}
		if err := o.schedule(tx, Deadline{What: "info", OrgID: app.OrgID, SubjectType: subjectApplication, SubjectID: app.ID,
			Due: next.InfoDueAt}, o.policy.Windows.Reminder); err != nil {
			return err
		}
		org, err := tx.Org(app.OrgID)
		if err != nil {
			return err
		}
		return o.mailCompany(tx, org, "info_request", map[string]string{"Org": org.LegalName,
			"Sector": notify.Key("sector." + string(app.Sector)), "Due": o.dateValue(next.InfoDueAt),
			"Link": o.link(casePath(subjectApplication, app.OrgID, app.ID))})
	})
}

// VerifyEligibility records the officer's check of each eligibility
// requirement the company declared.
func (o *Office) VerifyEligibility(ctx context.Context, a auth.Actor, appID string, verified []program.EligibilityItem, notes string) error {
	return o.update(ctx, func(tx *store.Tx) error {
		app, err := loadCaseApp(tx, a, "", appID, auth.CaseReview)
		if err != nil {
			return err
		}
		if app.State != program.AppInReview && app.State != program.AppInfoRequested {
			return program.ErrWrongState
		}
		e := app.Eligibility
		e.Checks = map[program.EligibilityItem]bool{}
		for _, it := range program.EligibilityItems() {
			e.Checks[it] = false
		}
		for _, it := range verified {
			if _, ok := e.Checks[it]; ok {
				e.Checks[it] = true
			}
		}
		e.CheckNotes, e.CheckedBy = strings.TrimSpace(notes), a.UserID
		app.Eligibility = e
		return saveApp(tx, a, &app, "application.eligibility_checked", map[string]any{"verified": verified, "notes": e.CheckNotes})
	})
}

// ScheduleValidation plans our own site validation: the checklist is every
// criterion of the snapshot's parts (generic and the application's sector).
func (o *Office) ScheduleValidation(ctx context.Context, a auth.Actor, appID string, when time.Time, sites, validators []string) (program.Validation, error) {
	return o.ScheduleSharedValidation(ctx, a, appID, ValidationPlan{When: when, Sites: sites, Validators: validators})
}

// ScheduleSharedValidation plans a site validation in any mode: our own,
// joint with a partner program, or relying on a partner's recent
// validation. A shared one comes with the items the partner's result
// carries to pre-filled, each to be confirmed by a validator.
func (o *Office) ScheduleSharedValidation(ctx context.Context, a auth.Actor, appID string, plan ValidationPlan) (program.Validation, error) {
	var v program.Validation
	err := o.update(ctx, func(tx *store.Tx) error {
		app, err := loadCaseApp(tx, a, "", appID, auth.CaseReview)
		if err != nil {
			return err
		}
		next, err := app.Apply(program.CmdScheduleValidation, o.appInput(tx, a))
		if err != nil {
			return err
		}
		if err := checkValidators(tx, plan.Validators); err != nil {
			return err
		}
		items, version, err := o.checklist(tx, app)
		if err != nil {
			return err
		}
		p, found, err := sharingPartner(tx, plan.Sharing)
		if err != nil {
			return err
		}
		var known *program.SharingPartner
		if found {
			known = &program.SharingPartner{Code: p.Code, Recognized: p.Recognized()}
			if p.Recognized() {
				items = prefill(items, version, p)
			}
		}
		if v, err = program.NewSharedValidation(app, plan.When, plan.Sites, plan.Validators, items, plan.Sharing, known, o.policy,
			a.UserID, tx.Now()); err != nil {
			return err
		}
		if err := tx.SaveValidation(&v); err != nil {
			return err
		}
		if err := saveApp(tx, a, &next, "application.validation_scheduled", scheduledData(v)); err != nil {
			return err
		}
		org, err := tx.Org(app.OrgID)
		if err != nil {
			return err
		}
		return o.mailCompany(tx, org, "validation_scheduled", map[string]string{"Org": org.LegalName,
			"Sector": notify.Key("sector." + string(app.Sector)), "Date": o.dateValue(v.ScheduledFor),
			"Sites": strings.Join(v.Sites, "; "), "Link": o.link(casePath(subjectApplication, app.OrgID, app.ID))})
	})
	return v, err
}

// checkValidators accepts only active staff who validate sites.
func checkValidators(tx *store.Tx, validators []string) error {
	for _, id := range validators {
		u, err := tx.User(id)
		if err != nil && !errs.Is(err, errs.NotFound) {
			return err
		}
		if err != nil || !u.Disabled.IsZero() || !auth.Can(u.Staff, auth.ValidationDo) {
			return errs.Fields(errs.F("validators", "error.case.not_a_validator", "choose validators among the staff who validate sites"))
		}
	}
	return nil
}

// checklist lists the criteria the snapshot of an application is judged
// on, with the catalog version they come from.
func (o *Office) checklist(tx *store.Tx, app program.Application) ([]program.CheckItem, *catalog.Version, error) {
	snap, err := tx.Snapshot(app.OrgID, app.SnapshotID)
	if err != nil {
		return nil, nil, err
	}
	v, err := o.catalog.Version(snap.CatalogVersion)
	if err != nil {
		return nil, nil, err
	}
	var items []program.CheckItem
	for _, s := range v.Sections([]string{snap.Sector}) {
		for _, cr := range s.Criteria {
			items = append(items, program.CheckItem{CriterionID: cr.ID, Level: string(cr.Level)})
		}
	}
	return items, v, nil
}

// CancelValidation calls off a scheduled validation; the case returns to
// review.
func (o *Office) CancelValidation(ctx context.Context, a auth.Actor, validationID string) error {
	return o.update(ctx, func(tx *store.Tx) error {
		v, app, err := validationCase(tx, a, auth.CaseReview, validationID)
		if err != nil {
			return err
		}
		if v, err = v.Cancel(); err != nil {
			return err
		}
		next, err := app.Apply(program.CmdCancelValidation, o.appInput(tx, a))
		if err != nil {
			return err
		}
		if err := tx.SaveValidation(&v); err != nil {
			return err
		}
		return saveApp(tx, a, &next, "application.validation_cancelled", map[string]any{"validation": v.ID})
	})
}

// RecordFinding records a validator's finding on one checklist item.
func (o *Office) RecordFinding(ctx context.Context, a auth.Actor, validationID, criterionID string, outcome program.Outcome, notes string) error {
	return o.update(ctx, func(tx *store.Tx) error {
		v, app, err := validationCase(tx, a, auth.ValidationDo, validationID)
		if err != nil {
			return err
		}
		if app.State != program.AppValidationScheduled {
			return program.ErrWrongState
		}
		confirming := slices.ContainsFunc(v.Unconfirmed(), func(it program.CheckItem) bool { return it.CriterionID == criterionID })
		if v, err = v.Record(criterionID, outcome, notes, a.UserID); err != nil {
			return err
		}
		if err := tx.SaveValidation(&v); err != nil {
			return err
		}
		data := map[string]any{"validation": v.ID, "criterion": criterionID, "outcome": outcome}
		if confirming {
			data["confirmed_prefill"] = true
		}
		return tx.Audit(a, store.Event{OrgID: v.OrgID, SubjectType: subjectApplication, SubjectID: v.ApplicationID,
			Action: "validation.finding", Data: data})
	})
}

// CompleteValidation closes a validation with its result. With an action
// plan required, the plan lists one corrective action per item not met,
// due when the policy says.
func (o *Office) CompleteValidation(ctx context.Context, a auth.Actor, validationID string, result program.ValidationResult, summary string) error {
	return o.update(ctx, func(tx *store.Tx) error {
		v, app, err := validationCase(tx, a, auth.ValidationDo, validationID)
		if err != nil {
			return err
		}
		if v, err = v.Complete(result, summary, a.UserID, tx.Now()); err != nil {
			return err
		}
		next, err := app.Apply(program.CmdCompleteValidation, o.appInput(tx, a))
		if err != nil {
			return err
		}
		if err := tx.SaveValidation(&v); err != nil {
			return err
		}
		if err := saveApp(tx, a, &next, "application.validated", map[string]any{"validation": v.ID, "result": result}); err != nil {
			return err
		}
		if result != program.ResultActionPlan {
			return nil
		}
		return o.planFromValidation(tx, a, app, v)
	})
}

func (o *Office) planFromValidation(tx *store.Tx, a auth.Actor, app program.Application, v program.Validation) error {
	due := tx.Now().Add(o.policy.Windows.ActionPlan.Duration())
	var actions []program.ActionItem
	for i, it := range v.NotMet() {
		desc := it.Notes
		if desc == "" {
			desc = fmt.Sprintf("Meet criterion %s", it.CriterionID)
		}
		actions = append(actions, program.ActionItem{ID: fmt.Sprintf("A%d", i+1), CriterionID: it.CriterionID, Description: desc, DueAt: due})
	}
	plan, err := program.NewActionPlan(app.OrgID, subjectApplication, app.ID, actions, a.UserID, tx.Now())
	if err != nil {
		return errs.Fields(errs.F("result", "error.case.plan_needs_gaps", "an action plan needs at least one item not met"))
	}
	if err := tx.SavePlan(&plan); err != nil {
		return err
	}
	if err := tx.Audit(a, store.Event{OrgID: app.OrgID, SubjectType: subjectApplication, SubjectID: app.ID, Action: "action_plan.created",
		Data: map[string]any{"plan": plan.ID, "actions": len(actions), "due": due}}); err != nil {
		return err
	}
	if err := o.schedule(tx, Deadline{What: "plan", OrgID: app.OrgID, SubjectType: "action_plan", SubjectID: plan.ID, Due: due},
		o.policy.Windows.Reminder); err != nil {
		return err
	}
	org, err := tx.Org(app.OrgID)
	if err != nil {
		return err
	}
	return o.mailCompany(tx, org, "action_plan", map[string]string{"Org": org.LegalName, "Due": o.dateValue(due),
		"Link": o.link(casePath(subjectApplication, app.OrgID, app.ID))})
}

// RespondAction records the company's answer to one corrective action.
func (o *Office) RespondAction(ctx context.Context, a auth.Actor, orgID, planID, itemID, response string) error {
	return o.update(ctx, func(tx *store.Tx) error {
		if _, err := authorizeOrg(tx, a, orgID, auth.CaseApply); err != nil {
			return err
		}
		p, err := tx.Plan(orgID, planID)
		if err != nil {
			return err
		}
		if p, err = p.Respond(itemID, response, a.UserID, tx.Now()); err != nil {
			return err
		}
		if err := tx.SavePlan(&p); err != nil {
			return err
		}
		return tx.Audit(a, store.Event{OrgID: orgID, SubjectType: p.SubjectType, SubjectID: p.SubjectID, Action: "action_plan.responded",
			Data: map[string]any{"plan": p.ID, "action": itemID}})
	})
}

// VerifyAction records the officer's verdict on an answered action.
func (o *Office) VerifyAction(ctx context.Context, a auth.Actor, planID, itemID string, verdict program.Verdict, note string) error {
	return o.update(ctx, func(tx *store.Tx) error {
		if err := authorizeStaff(a, auth.CaseReview); err != nil {
			return err
		}
		p, err := tx.Plan("", planID)
		if err != nil {
			return err
		}
		if p, err = p.Verify(itemID, verdict, note, a.UserID, tx.Now()); err != nil {
			return err
		}
		if err := tx.SavePlan(&p); err != nil {
			return err
		}
		return tx.Audit(a, store.Event{OrgID: p.OrgID, SubjectType: p.SubjectType, SubjectID: p.SubjectID, Action: "action_plan.verified",
			Data: map[string]any{"plan": p.ID, "action": itemID, "verdict": verdict, "plan_state": p.State}})
	})
}

// snapshotBody reads a snapshot's frozen answers.
func snapshotBody(s store.Snapshot) (SnapshotBody, error) {
	var b SnapshotBody
	err := json.Unmarshal([]byte(s.Body), &b)
	return b, err
}

// validationCase authorizes a staff action on a validation and loads the
// validation with its application.
func validationCase(tx *store.Tx, a auth.Actor, action auth.Action, validationID string) (program.Validation, program.Application, error) {
	if err := authorizeStaff(a, action); err != nil {
		return program.Validation{}, program.Application{}, err
	}
	v, err := tx.Validation("", validationID)
	if err != nil {
		return v, program.Application{}, err
	}
	app, err := tx.Application("", v.ApplicationID)
	return v, app, err
}
