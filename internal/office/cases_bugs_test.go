// Regression tests of casework bugs found while writing the office tests.
package office_test

import (
	"testing"

	"trustlane/internal/auth"
	"trustlane/internal/program"
	"trustlane/internal/store"
)

// TestRegressionCatchUpRemindsOfPassedDates: after a restart, reminder rows whose
// date passed while the service was down still mail a reminder, after (or
// along with) the overdue notice.
func TestRegressionCatchUpRemindsOfPassedDates(t *testing.T) {
	eachCase(t, func(t *testing.T, c *caseEnv) {
		f, g := c.newFirm(t), c.newFirm(t)
		app := c.inReview(t, f)
		must(t, c.off.RequestInfo(ctx, c.officer, app.ID, "Send the seal log for March."), "request info")
		c.approved(t, g)
		c.caseMails(t)
		c.restart(t)
		c.clock.Advance(days(40))
		c.runDeadlines(t)
		if rem := mailsOf(c.caseMails(t), "reminder"); len(rem) != 0 {
			t.Errorf("%d reminders of passed dates, e.g. %+v", len(rem), rem[0])
		}
	})
}

// TestRegressionOverturnedSuspensionRevivesACancelledMembership: a suspension is
// appealed, the membership is then cancelled (a separate decision, not
// appealed), and overturning the suspension's appeal makes the cancelled
// membership active again.
func TestRegressionOverturnedSuspensionRevivesACancelledMembership(t *testing.T) {
	eachCase(t, func(t *testing.T, c *caseEnv) {
		f := c.newFirm(t)
		m := c.active(t, f)
		susp, err := c.off.Suspend(ctx, c.officer, m.ID, suspendForm)
		must(t, err, "suspend")
		ap, err := c.off.FileAppeal(ctx, f.actor(), f.org.ID, susp.ID, appealGrounds)
		must(t, err, "appeal")
		_, err = c.off.Cancel(ctx, c.manager, m.ID, cancelForm)
		must(t, err, "cancel")
		err = c.off.DecideAppeal(ctx, c.reviewer, ap.ID, true, overturnForm)
		if st := c.member(t, m.ID).Membership.State; st != program.MemberCancelled {
			t.Errorf("overturning the suspension left the cancelled membership %s (err %v)", st, err)
		}
	})
}

// TestRegressionWithdrawnApplicationKeepsItsValidation: withdrawing an application
// whose site validation is scheduled leaves the validation scheduled: it
// stays on the validators' calendar and findings can still be recorded.
func TestRegressionWithdrawnApplicationKeepsItsValidation(t *testing.T) {
	eachCase(t, func(t *testing.T, c *caseEnv) {
		f := c.newFirm(t)
		app := c.inReview(t, f)
		v, err := c.off.ScheduleValidation(ctx, c.officer, app.ID, c.clock.Now().AddDate(0, 0, 3), []string{"Dock 4"}, []string{c.validator.UserID})
		must(t, err, "schedule")
		must(t, c.off.WithdrawApplication(ctx, f.actor(), f.org.ID, app.ID), "withdraw")
		if err := c.off.RecordFinding(ctx, c.validator, v.ID, v.Items[0].CriterionID, program.OutcomeMet, ""); err == nil {
			t.Error("a finding was recorded on a withdrawn application")
		}
		cal, _, err := c.off.Calendar(ctx, c.officer, c.clock.Now(), c.clock.Now().AddDate(0, 0, 10))
		if err != nil || len(cal) != 0 {
			t.Errorf("the calendar still shows %d validations (%v)", len(cal), err)
		}
	})
}

// TestRegressionPlanEscalationLostAtItsDueInstant: the plan's expiry row becomes
// available at the due date, but ActionPlan.Overdue needs now after it; a
// worker that claims the row at that instant completes it without acting,
// and the escalation never happens.
func TestRegressionPlanEscalationLostAtItsDueInstant(t *testing.T) {
	eachCase(t, func(t *testing.T, c *caseEnv) {
		f := c.newFirm(t)
		app, _ := c.validated(t, f, program.ResultActionPlan)
		plan := c.view(t, app.ID).Plans[0]
		c.clock.Advance(plan.DueAt().Sub(c.clock.Now()))
		c.runDeadlines(t)
		c.clock.Advance(days(1))
		c.runDeadlines(t)
		if n := c.countEvents(t, f.org.ID, "action_plan.overdue"); n != 1 {
			t.Errorf("%d escalations of the overdue plan, want 1", n)
		}
	})
}

// A validator is a staff member who validates sites and whose account is
// in use: an unknown ID, a company user or a disabled account is refused
// with the field named, and the case stays in review.
func TestScheduleValidationRefusesWhoCannotValidate(t *testing.T) {
	eachCase(t, func(t *testing.T, c *caseEnv) {
		f := c.newFirm(t)
		app := c.inReview(t, f)
		gone := c.staff(t, auth.Validator)
		c.update(t, func(tx *store.Tx) error {
			u, err := tx.User(gone.UserID)
			if err != nil {
				return err
			}
			u.Disabled = tx.Now()
			return tx.UpdateUser(&u)
		})
		for name, id := range map[string]string{"unknown": "0190f3a4-0000-7000-8000-000000000000", "company user": f.owner.ID, "disabled": gone.UserID} {
			_, err := c.off.ScheduleValidation(ctx, c.officer, app.ID, c.clock.Now().AddDate(0, 0, 7), []string{"Dock 4"}, []string{id})
			wantField(t, err, "validators", "error.case.not_a_validator")
			if s := c.view(t, app.ID).App.State; s != program.AppInReview {
				t.Fatalf("%s: the case is %s after a refused scheduling", name, s)
			}
		}
		_, err := c.off.ScheduleValidation(ctx, c.officer, app.ID, c.clock.Now().AddDate(0, 0, 7), []string{"Dock 4"}, []string{c.validator.UserID})
		must(t, err, "schedule with a validator")
	})
}
