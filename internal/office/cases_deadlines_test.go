package office_test

import (
	"encoding/json"
	"testing"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/notify"
	"trustlane/internal/office"
	"trustlane/internal/program"
	"trustlane/internal/store"
)

func TestCaseDenialTakesEffectAfterTheWindow(t *testing.T) {
	eachCase(t, func(t *testing.T, c *caseEnv) {
		f := c.newFirm(t)
		app, notice := c.denialNotice(t, f)
		c.caseMails(t)
		c.clock.Advance(days(23) + time.Hour)
		c.runDeadlines(t)
		rem := mailsOf(c.caseMails(t), "reminder")
		if len(rem) != 1 || rem[0].To != f.owner.Email || rem[0].Data["What"] != "key:deadline.what.denial" ||
			rem[0].Data["Due"] != notify.DateValue(notice.EffectiveAt, toronto(t)) {
			t.Fatalf("reminder mail %+v", rem)
		}
		if a := c.view(t, app.ID).App; a.State != program.AppDenialProposed {
			t.Fatalf("before its date the denial is %s", a.State)
		}
		c.clock.Advance(days(7))
		c.runDeadlines(t)
		v := c.view(t, app.ID)
		if v.App.State != program.AppDenied || len(v.Decisions) != 2 || v.Decisions[1].Kind != program.Denial ||
			v.Decisions[1].DecidedBy != auth.System.UserID || v.Decisions[1].LetterID == "" {
			t.Fatalf("after the window: %s, %v", v.App.State, decisionKinds(v.Decisions))
		}
		if m := mailsOf(c.caseMails(t), "decision"); len(m) != 1 || m[0].Data["Decision"] != "key:letter.kind.denial" {
			t.Errorf("denial mail %+v", m)
		}
		c.runDeadlines(t)
		_, err := c.off.FileAppeal(ctx, f.actor(), f.org.ID, notice.ID, appealGrounds)
		if e, ok := errs.As(err); !ok || e.Key != "error.case.window_closed" {
			t.Errorf("a review asked after the window: %v", err)
		}
		if n := len(c.view(t, app.ID).Decisions); n != 2 || c.countEvents(t, f.org.ID, "application.denied") != 1 {
			t.Errorf("the denial acted again: %d decisions", n)
		}
		c.auditCount(t)
	})
}

func TestCaseInfoRequestOverdueEscalates(t *testing.T) {
	eachCase(t, func(t *testing.T, c *caseEnv) {
		f := c.newFirm(t)
		app := c.inReview(t, f)
		must(t, c.off.RequestInfo(ctx, c.officer, app.ID, "Send the seal log for March."), "request info")
		c.caseMails(t)
		c.clock.Advance(days(29))
		c.runDeadlines(t)
		if n := c.countEvents(t, f.org.ID, "application.info_overdue"); n != 0 {
			t.Fatalf("%d escalations before the due date", n)
		}
		c.clock.Advance(days(2))
		c.runDeadlines(t)
		c.runDeadlines(t)
		if n := c.countEvents(t, f.org.ID, "application.info_overdue"); n != 1 {
			t.Fatalf("%d escalations after the due date, want 1", n)
		}
		to := map[string]bool{}
		for _, m := range mailsOf(c.caseMails(t), "overdue") {
			to[m.To] = true
		}
		if !to[c.officer.Email] || !to[f.owner.Email] || len(to) != 2 {
			t.Errorf("overdue mail went to %v", to)
		}
		if st := c.view(t, app.ID).App.State; st != program.AppInfoRequested {
			t.Errorf("state %s", st)
		}
	})
}

func TestCaseActionPlanOverdueEscalatesOnce(t *testing.T) {
	eachCase(t, func(t *testing.T, c *caseEnv) {
		f := c.newFirm(t)
		app, _ := c.validated(t, f, program.ResultActionPlan)
		plan := c.view(t, app.ID).Plans[0]
		c.clock.Advance(days(91))
		c.runDeadlines(t)
		if n := c.countEvents(t, f.org.ID, "action_plan.overdue"); n != 1 {
			t.Fatalf("%d escalations, want 1", n)
		}
		escalated := c.view(t, app.ID).Plans[0].EscalatedAt
		if !escalated.Equal(c.clock.Now()) {
			t.Errorf("escalated at %v", escalated)
		}
		// The same work delivered again (a retry, another instance) does
		// nothing more.
		d := office.Deadline{What: "plan", Action: "expire", OrgID: f.org.ID, SubjectType: "action_plan", SubjectID: plan.ID, Due: plan.DueAt()}
		payload, _ := json.Marshal(d)
		c.clock.Advance(days(1))
		for range 2 {
			must(t, c.off.HandleDeadline(ctx, store.OutboxItem{Kind: office.KindDeadline, Payload: payload}), "handle again")
		}
		p := c.view(t, app.ID).Plans[0]
		if n := c.countEvents(t, f.org.ID, "action_plan.overdue"); n != 1 || !p.EscalatedAt.Equal(escalated) {
			t.Errorf("%d escalations, escalated at %v", n, p.EscalatedAt)
		}
	})
}

// TestCaseActionPlanReminderLinksToItsCase: a plan has no page of its own,
// so the reminder before its due date sends the company to the application
// the plan belongs to.
func TestCaseActionPlanReminderLinksToItsCase(t *testing.T) {
	eachCase(t, func(t *testing.T, c *caseEnv) {
		f := c.newFirm(t)
		app, _ := c.validated(t, f, program.ResultActionPlan)
		plan := c.view(t, app.ID).Plans[0]
		c.caseMails(t)
		c.clock.Advance(plan.DueAt().Sub(c.clock.Now()) - days(1))
		c.runDeadlines(t)
		rem := mailsOf(c.caseMails(t), "reminder")
		want := "http://test/app/orgs/" + f.org.ID + "/applications/" + app.ID
		if len(rem) != 1 || rem[0].Data["What"] != "key:deadline.what.plan" || rem[0].Data["Link"] != want {
			t.Fatalf("reminder mail %+v, want one linking to %s", rem, want)
		}
	})
}

// TestCaseDeadlinesCatchUpAfterRestart stops everything while deadlines
// pass, starts a new office and worker on the same database, and expects
// each past deadline to act exactly once.
func TestCaseDeadlinesCatchUpAfterRestart(t *testing.T) {
	eachCase(t, func(t *testing.T, c *caseEnv) {
		denied, info, suspended, unsigned := c.newFirm(t), c.newFirm(t), c.newFirm(t), c.newFirm(t)
		deniedApp, _ := c.denialNotice(t, denied)
		infoApp := c.inReview(t, info)
		must(t, c.off.RequestInfo(ctx, c.officer, infoApp.ID, "Send the seal log for March."), "request info")
		m := c.active(t, suspended)
		_, err := c.off.Suspend(ctx, c.officer, m.ID, suspendForm)
		must(t, err, "suspend")
		c.approved(t, unsigned)
		want := []struct {
			org    firm
			action string
		}{
			{denied, "application.denied"}, {denied, "decision.denial"}, {info, "application.info_overdue"},
			{suspended, "membership.remedy_overdue"}, {suspended, "decision.appeal_window_closed"}, {unsigned, "membership.mou_overdue"},
		}
		check := func(when string) {
			t.Helper()
			for _, w := range want {
				if n := c.countEvents(t, w.org.org.ID, w.action); n != 1 {
					t.Errorf("%s: %d × %s, want 1", when, n, w.action)
				}
			}
			if a := c.view(t, deniedApp.ID); a.App.State != program.AppDenied || len(a.Decisions) != 2 {
				t.Errorf("%s: denial %s with %d decisions", when, a.App.State, len(a.Decisions))
			}
		}
		c.restart(t)
		c.clock.Advance(days(100))
		c.restart(t)
		if n := c.runDeadlines(t); n == 0 {
			t.Fatal("no deadline work after the restart")
		}
		check("after catch-up")
		c.restart(t)
		c.clock.Advance(days(1))
		if n := c.runDeadlines(t); n != 0 {
			t.Errorf("%d rows ran again after a second restart", n)
		}
		check("after a second restart")
		c.auditCount(t)
	})
}

// toronto is the program's default time zone.
func toronto(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("America/Toronto")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}
