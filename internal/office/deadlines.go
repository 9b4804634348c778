package office

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/notify"
	"trustlane/internal/program"
	"trustlane/internal/store"
)

// KindDeadline is the outbox kind of deadline work: a reminder before a
// due date, or what policy says to do when it passes. Every instance's
// worker runs them; each acts only if the case still waits on that very
// date, so running one twice, late or after a restart does no harm.
const KindDeadline = "deadline"

// Deadline is one piece of deadline work.
type Deadline struct {
	What        string    `json:"what"`   // denial, info, plan, mou, annual, revalidation, remedy, appeal
	Action      string    `json:"action"` // remind or expire
	OrgID       string    `json:"org_id"`
	SubjectType string    `json:"subject_type"`
	SubjectID   string    `json:"subject_id"`
	Due         time.Time `json:"due"`
}

// schedule queues the expiry of a due date and, if there is still time, a
// reminder before it.
func (o *Office) schedule(tx *store.Tx, d Deadline, remindBefore program.Days) error {
	d.Due = d.Due.UTC().Truncate(time.Microsecond)
	d.Action = "expire"
	if err := tx.Enqueue(KindDeadline, d, d.Due); err != nil {
		return err
	}
	if at := d.Due.Add(-remindBefore.Duration()); remindBefore > 0 && at.After(tx.Now()) {
		d.Action = "remind"
		return tx.Enqueue(KindDeadline, d, at)
	}
	return nil
}

// HandleDeadline does one piece of deadline work (the worker's handler).
func (o *Office) HandleDeadline(ctx context.Context, item store.OutboxItem) error {
	var d Deadline
	if err := json.Unmarshal(item.Payload, &d); err != nil {
		return fmt.Errorf("deadline payload: %w", err)
	}
	return o.update(ctx, func(tx *store.Tx) error {
		switch d.SubjectType {
		case subjectApplication:
			app, err := tx.Application(d.OrgID, d.SubjectID)
			if err != nil {
				return err
			}
			return o.appDeadline(tx, app, d)
		case subjectMembership:
			m, err := tx.Membership(d.OrgID, d.SubjectID)
			if err != nil {
				return err
			}
			return o.memberDeadline(tx, m, d)
		case "action_plan":
			p, err := tx.Plan(d.OrgID, d.SubjectID)
			if err != nil {
				return err
			}
			return o.planDeadline(tx, p, d)
		case "decision":
			dec, err := tx.Decision(d.OrgID, d.SubjectID)
			if err != nil {
				return err
			}
			return o.appealWindowCloses(tx, dec, d)
		}
		return nil
	})
}

// same reports whether a stored due date is still the one a job was made
// for; a job for a date since moved does nothing.
func same(a, b time.Time) bool {
	return a.UTC().Truncate(time.Second).Equal(b.UTC().Truncate(time.Second))
}

func (o *Office) appDeadline(tx *store.Tx, app program.Application, d Deadline) error {
	sys := auth.System
	switch {
	case d.What == "denial" && app.State == program.AppDenialProposed && !app.ReviewRequested && same(app.DenialEffectiveAt, d.Due):
		if d.Action == "remind" {
			return o.remind(tx, d)
		}
		next, err := app.Apply(program.CmdDenialTakesEffect, o.appInput(tx, sys))
		if err != nil {
			return err
		}
		if err := saveApp(tx, sys, &next, "application.denied", map[string]any{"by": "deadline"}); err != nil {
			return err
		}
		_, err = o.decide(tx, sys, app.OrgID, decisionArgs{kind: program.Denial, subjectType: subjectApplication, subjectID: app.ID,
			sector: app.Sector, narrative: "", reasons: nil})
		return err
	case d.What == "info" && app.State == program.AppInfoRequested && same(app.InfoDueAt, d.Due):
		if d.Action == "remind" {
			return o.remind(tx, d)
		}
		return o.overdue(tx, d, app.OfficerID, "application.info_overdue")
	}
	return nil
}

func (o *Office) memberDeadline(tx *store.Tx, m program.Membership, d Deadline) error {
	var due time.Time
	var live bool
	switch d.What {
	case "mou":
		due, live = m.MOUDueAt, m.State == program.MemberPendingMOU
	case "annual":
		due, live = m.AnnualDueAt, m.State == program.MemberActive || m.State == program.MemberSuspended
	case "revalidation":
		due, live = m.RevalidationDueAt, m.State == program.MemberActive || m.State == program.MemberSuspended
	case "remedy":
		due, live = m.RemedyDueAt, m.State == program.MemberSuspended
	}
	if !live || !same(due, d.Due) {
		return nil
	}
	if d.Action == "remind" {
		return o.remind(tx, d)
	}
	app, err := tx.Application(m.OrgID, m.ApplicationID)
	if err != nil {
		return err
	}
	return o.overdue(tx, d, app.OfficerID, "membership."+d.What+"_overdue")
}

func (o *Office) planDeadline(tx *store.Tx, p program.ActionPlan, d Deadline) error {
	if p.State != program.PlanOpen {
		return nil
	}
	// Mail, links and the audit trail name the case the plan belongs to: a
	// plan has no page of its own.
	onCase := Deadline{What: d.What, OrgID: p.OrgID, SubjectType: p.SubjectType, SubjectID: p.SubjectID, Due: d.Due}
	if d.Action == "remind" {
		return o.remind(tx, onCase)
	}
	if !p.Overdue(tx.Now()) || !p.EscalatedAt.IsZero() {
		return nil
	}
	p.EscalatedAt = tx.Now()
	if err := tx.SavePlan(&p); err != nil {
		return err
	}
	officer := ""
	if p.SubjectType == subjectApplication {
		if app, err := tx.Application(p.OrgID, p.SubjectID); err == nil {
			officer = app.OfficerID
		}
	}
	return o.overdue(tx, onCase, officer, "action_plan.overdue")
}

// appealWindowCloses records in the trail that a decision can no longer be
// appealed (when nobody appealed it).
func (o *Office) appealWindowCloses(tx *store.Tx, dec program.Decision, d Deadline) error {
	if d.Action != "expire" || !same(dec.AppealDeadline, d.Due) || dec.Kind == program.DenialNotice {
		return nil
	}
	appeals, err := tx.Appeals(dec.SubjectType, dec.SubjectID)
	if err != nil {
		return err
	}
	for _, a := range appeals {
		if a.DecisionID == dec.ID {
			return nil
		}
	}
	return tx.Audit(auth.System, store.Event{OrgID: dec.OrgID, SubjectType: dec.SubjectType, SubjectID: dec.SubjectID,
		Action: "decision.appeal_window_closed", Data: map[string]any{"decision": dec.ID}})
}

// remind mails the company that a due date is near; a reminder run late
// (after a downtime) for a date already past says nothing.
func (o *Office) remind(tx *store.Tx, d Deadline) error {
	if !tx.Now().Before(d.Due) {
		return nil
	}
	org, err := tx.Org(d.OrgID)
	if err != nil {
		return err
	}
	return o.mailCompany(tx, org, "reminder", map[string]string{"Org": org.LegalName, "What": notify.Key("deadline.what." + d.What),
		"Due": o.dateValue(d.Due), "Link": o.link(casePath(d.SubjectType, d.OrgID, d.SubjectID))})
}

// overdue records that a due date passed and tells the officer and the
// company.
func (o *Office) overdue(tx *store.Tx, d Deadline, officer, action string) error {
	if err := tx.Audit(auth.System, store.Event{OrgID: d.OrgID, SubjectType: d.SubjectType, SubjectID: d.SubjectID, Action: action,
		Data: map[string]any{"due": d.Due}}); err != nil {
		return err
	}
	org, err := tx.Org(d.OrgID)
	if err != nil {
		return err
	}
	data := map[string]string{"Org": org.LegalName, "What": notify.Key("deadline.what." + d.What), "Due": o.dateValue(d.Due),
		"Link": o.link(staffCasePath(d.SubjectType, d.SubjectID))}
	if err := o.mailStaff(tx, officer, "overdue", data); err != nil {
		return err
	}
	data["Link"] = o.link(casePath(d.SubjectType, d.OrgID, d.SubjectID))
	return o.mailCompany(tx, org, "overdue", data)
}
