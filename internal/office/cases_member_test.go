package office_test

import (
	"log/slog"
	"testing"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/office"
	"trustlane/internal/policy"
	"trustlane/internal/program"
	"trustlane/internal/secret"
)

// answerPlan has the owner answer every action of a plan and the officer
// accept each one.
func (c *caseEnv) answerPlan(t *testing.T, f firm, plan program.ActionPlan) {
	t.Helper()
	for _, it := range plan.Items {
		must(t, c.off.RespondAction(ctx, f.actor(), f.org.ID, plan.ID, it.ID, "Done, see the attached records."), "respond "+it.ID)
		must(t, c.off.VerifyAction(ctx, c.officer, plan.ID, it.ID, program.VerdictAccepted, "checked"), "verify "+it.ID)
	}
}

func TestCaseSuspensionPlanThenReinstatement(t *testing.T) {
	eachCase(t, func(t *testing.T, c *caseEnv) {
		f := c.newFirm(t)
		m := c.active(t, f)
		_, err := c.off.Suspend(ctx, c.officer, m.ID, suspendForm)
		must(t, err, "suspend")
		c.clock.Advance(days(10))
		_, err = c.off.Reinstate(ctx, c.manager, m.ID, reinstateForm)
		wantCode(t, err, errs.Conflict, "reinstate with the plan open")
		mv := c.member(t, m.ID)
		before := mv.Decisions
		plan := mv.Plans[0]
		must(t, c.off.RespondAction(ctx, f.actor(), f.org.ID, plan.ID, plan.Items[0].ID, "New supplier since May."), "respond")
		must(t, c.off.VerifyAction(ctx, c.officer, plan.ID, plan.Items[0].ID, program.VerdictRejected, "no contract shown"), "reject")
		c.answerPlan(t, f, plan)
		if p := c.member(t, m.ID).Plans[0]; p.State != program.PlanCompleted {
			t.Fatalf("plan %s after every action was accepted", p.State)
		}
		// The default policy lets the suspender lift the suspension.
		dec, err := c.off.Reinstate(ctx, c.officer, m.ID, reinstateForm)
		must(t, err, "reinstate")
		mv = c.member(t, m.ID)
		if mv.Membership.State != program.MemberActive || !mv.Membership.RemedyDueAt.IsZero() || dec.Kind != program.Reinstatement ||
			len(mv.Decisions) != 2 || c.countEvents(t, f.org.ID, "membership.reinstated") != 1 {
			t.Fatalf("reinstated: %+v, %d decisions", mv.Membership, len(mv.Decisions))
		}
		sameDecisions(t, before, mv.Decisions)
		c.auditCount(t)
	})
}

func TestCaseReinstatementByAnotherWhenPolicySaysSo(t *testing.T) {
	eachCase(t, func(t *testing.T, c *caseEnv) {
		f := c.newFirm(t)
		m := c.active(t, f)
		_, err := c.off.Suspend(ctx, c.officer, m.ID, suspendForm)
		must(t, err, "suspend")
		c.answerPlan(t, f, c.member(t, m.ID).Plans[0])
		p, err := policy.Load("")
		must(t, err, "policy")
		p.Duties.ReinstateByAnother = true
		box, _ := secret.NewBox(make([]byte, 32))
		strict, err := office.New(office.Config{DB: c.db, Box: box, Policy: &p, Argon: auth.Argon2Params{MemoryKiB: 1024, Time: 1, Threads: 1},
			Log: slog.New(slog.DiscardHandler)})
		must(t, err, "office")
		_, err = strict.Reinstate(ctx, c.officer, m.ID, reinstateForm)
		if e, ok := errs.As(err); !ok || e.Key != "error.case.same_person" {
			t.Fatalf("the suspender reinstated: %v", err)
		}
		if st := c.member(t, m.ID).Membership.State; st != program.MemberSuspended {
			t.Fatalf("refused, yet %s", st)
		}
		_, err = strict.Reinstate(ctx, c.manager, m.ID, reinstateForm)
		must(t, err, "another reinstates")
	})
}

func TestCaseCancellationAppealUpheld(t *testing.T) {
	eachCase(t, func(t *testing.T, c *caseEnv) {
		f := c.newFirm(t)
		m := c.active(t, f)
		dec, err := c.off.Cancel(ctx, c.manager, m.ID, cancelForm)
		must(t, err, "cancel")
		mv := c.member(t, m.ID)
		now := c.clock.Now()
		if mv.Membership.State != program.MemberCancelled || !mv.Membership.EndedAt.Equal(now) || !dec.AppealDeadline.Equal(now.Add(days(30))) {
			t.Fatalf("cancelled: %+v, appeal by %v", mv.Membership, dec.AppealDeadline)
		}
		c.clock.Advance(days(12))
		ap, err := c.off.FileAppeal(ctx, f.actor(), f.org.ID, dec.ID, appealGrounds)
		must(t, err, "appeal")
		_, err = c.off.FileAppeal(ctx, f.actor(), f.org.ID, dec.ID, appealGrounds)
		if e, ok := errs.As(err); !ok || e.Key != "error.case.appeal_already" {
			t.Errorf("a second appeal: %v", err)
		}
		c.clock.Advance(days(3))
		must(t, c.off.DecideAppeal(ctx, c.reviewer, ap.ID, false, upholdForm), "uphold")
		err = c.off.DecideAppeal(ctx, c.reviewer, ap.ID, true, overturnForm)
		if e, ok := errs.As(err); !ok || e.Key != "error.case.wrong_state" {
			t.Errorf("decided twice: %v", err)
		}
		mv = c.member(t, m.ID)
		if mv.Membership.State != program.MemberCancelled || mv.Appeals[0].State != program.AppealStands ||
			len(mv.Decisions) != 2 || mv.Decisions[1].Kind != program.AppealUpheld || !mv.Membership.EndedAt.Equal(now) {
			t.Fatalf("upheld: %+v %+v", mv.Membership, mv.Appeals)
		}
		sameDecisions(t, []program.Decision{dec}, mv.Decisions)
		c.auditCount(t)
	})
}

func TestCaseActionPlanMustBeVerifiedBeforeApproval(t *testing.T) {
	eachCase(t, func(t *testing.T, c *caseEnv) {
		f := c.newFirm(t)
		app, val := c.validated(t, f, program.ResultActionPlan)
		v := c.view(t, app.ID)
		if app.State != program.AppValidated || len(v.Plans) != 1 || len(v.Plans[0].Items) != 1 ||
			v.Plans[0].Items[0].CriterionID != val.NotMet()[0].CriterionID || !v.Plans[0].DueAt().Equal(c.clock.Now().Add(days(90))) {
			t.Fatalf("validated with a plan: %s, %+v", app.State, v.Plans)
		}
		_, err := c.off.Approve(ctx, c.manager, app.ID, approveForm)
		if e, ok := errs.As(err); !ok || e.Key != "error.case.validation_not_ok" {
			t.Fatalf("approved with the plan open: %v", err)
		}
		c.answerPlan(t, f, v.Plans[0])
		_, err = c.off.Approve(ctx, c.manager, app.ID, approveForm)
		must(t, err, "approve once the plan is verified")
	})
}
