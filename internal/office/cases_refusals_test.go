package office_test

import (
	"testing"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/program"
)

// caseState is what a refused command must leave as it was.
type caseState struct {
	app       program.Application
	member    program.Membership
	decisions []program.Decision
	appeals   []program.Appeal
	events    int64
}

func (c *caseEnv) stateOf(t *testing.T, appID string) caseState {
	t.Helper()
	v := c.view(t, appID)
	s := caseState{app: v.App, decisions: v.Decisions, appeals: v.Appeals, events: c.auditCount(t)}
	if v.App.MembershipID != "" {
		mv := c.member(t, v.App.MembershipID)
		s.member = mv.Membership
		s.decisions = append(s.decisions, mv.Decisions...)
		s.appeals = append(s.appeals, mv.Appeals...)
	}
	return s
}

func sameState(t *testing.T, before, after caseState) {
	t.Helper()
	if after.app.State != before.app.State || !after.app.UpdatedAt.Equal(before.app.UpdatedAt) ||
		after.member.State != before.member.State || !after.member.UpdatedAt.Equal(before.member.UpdatedAt) ||
		len(after.decisions) != len(before.decisions) || len(after.appeals) != len(before.appeals) || after.events != before.events {
		t.Errorf("a refusal changed the case:\n was %s/%s, %d decisions, %d appeals, %d events\n now %s/%s, %d decisions, %d appeals, %d events",
			before.app.State, before.member.State, len(before.decisions), len(before.appeals), before.events,
			after.app.State, after.member.State, len(after.decisions), len(after.appeals), after.events)
	}
	for i := range min(len(before.appeals), len(after.appeals)) {
		if after.appeals[i].State != before.appeals[i].State {
			t.Errorf("appeal %d is now %s", i, after.appeals[i].State)
		}
	}
	sameDecisions(t, before.decisions, after.decisions)
}

// refusal prepares a case and returns the refused call and, when the
// refusal is about who or when, a call that then succeeds.
type refusal struct {
	name    string
	code    errs.Code
	key     string
	prepare func(t *testing.T, c *caseEnv, f firm) (appID string, refused, then func() error)
}

var refusals = []refusal{
	{"read-only member submits", errs.Forbidden, "error.forbidden", func(t *testing.T, c *caseEnv, f firm) (string, func() error, func() error) {
		app, err := c.off.CreateApplication(ctx, f.actor(), f.org.ID, f.org.Sectors[0])
		must(t, err, "create")
		must(t, c.off.DeclareEligibility(ctx, f.actor(), f.org.ID, app.ID, program.EligibilityItems(), c.clock.Now()), "declare")
		reader := c.addMember(t, f.org.ID, auth.ReadOnly).Actor()
		submit := func(a auth.Actor) func() error {
			return func() error { _, err := c.off.SubmitApplication(ctx, a, f.org.ID, app.ID); return err }
		}
		return app.ID, submit(reader), submit(f.actor())
	}},
	{"another company submits", errs.NotFound, "error.not_found", func(t *testing.T, c *caseEnv, f firm) (string, func() error, func() error) {
		app, err := c.off.CreateApplication(ctx, f.actor(), f.org.ID, f.org.Sectors[0])
		must(t, err, "create")
		_, stranger, _ := c.signUp(t)
		return app.ID, func() error { _, err := c.off.SubmitApplication(ctx, stranger.Actor(), f.org.ID, app.ID); return err }, nil
	}},
	{"staff without a second factor", errs.Forbidden, "error.mfa_required", func(t *testing.T, c *caseEnv, f firm) (string, func() error, func() error) {
		app := c.submitted(t, f)
		weak := c.officer
		weak.MFA = false
		return app.ID, func() error { return c.off.StartReview(ctx, weak, app.ID) }, func() error { return c.off.StartReview(ctx, c.officer, app.ID) }
	}},
	{"officer approves", errs.Forbidden, "error.forbidden", func(t *testing.T, c *caseEnv, f firm) (string, func() error, func() error) {
		app, _ := c.validated(t, f, program.ResultSatisfactory)
		approve := func(a auth.Actor) func() error {
			return func() error { _, err := c.off.Approve(ctx, a, app.ID, approveForm); return err }
		}
		return app.ID, approve(c.officer), approve(c.manager)
	}},
	{"a new application while the memorandum waits", errs.Conflict, "error.case.mou_pending", func(t *testing.T, c *caseEnv, f firm) (string, func() error, func() error) {
		app, _ := c.approved(t, f)
		create := func() error { _, err := c.off.CreateApplication(ctx, f.actor(), f.org.ID, app.Sector); return err }
		return app.ID, create, func() error { c.signMOU(t, f, app.MembershipID); return create() }
	}},
	{"manager approves a draft", errs.Conflict, "error.case.wrong_state", func(t *testing.T, c *caseEnv, f firm) (string, func() error, func() error) {
		app, err := c.off.CreateApplication(ctx, f.actor(), f.org.ID, f.org.Sectors[0])
		must(t, err, "create")
		return app.ID, func() error { _, err := c.off.Approve(ctx, c.manager, app.ID, approveForm); return err }, nil
	}},
	{"manager approves a case they validated", errs.Forbidden, "error.case.validator_approves", func(t *testing.T, c *caseEnv, f firm) (string, func() error, func() error) {
		validator := c.validator
		c.validator = c.staff(t, auth.Manager)
		app, _ := c.validated(t, f, program.ResultSatisfactory)
		self := c.validator
		c.validator = validator
		approve := func(a auth.Actor) func() error {
			return func() error { _, err := c.off.Approve(ctx, a, app.ID, approveForm); return err }
		}
		return app.ID, approve(self), approve(c.manager)
	}},
	{"officer cancels", errs.Forbidden, "error.forbidden", func(t *testing.T, c *caseEnv, f firm) (string, func() error, func() error) {
		m := c.active(t, f)
		cancel := func(a auth.Actor) func() error {
			return func() error { _, err := c.off.Cancel(ctx, a, m.ID, cancelForm); return err }
		}
		return m.ApplicationID, cancel(c.officer), cancel(c.manager)
	}},
	{"appeal after 30 days", errs.Conflict, "error.case.window_closed", func(t *testing.T, c *caseEnv, f firm) (string, func() error, func() error) {
		m := c.active(t, f)
		dec, err := c.off.Suspend(ctx, c.officer, m.ID, suspendForm)
		must(t, err, "suspend")
		c.clock.Advance(days(30))
		return m.ApplicationID, func() error { _, err := c.off.FileAppeal(ctx, f.actor(), f.org.ID, dec.ID, appealGrounds); return err }, nil
	}},
	{"the denier decides the review", errs.Forbidden, "error.case.same_person", func(t *testing.T, c *caseEnv, f firm) (string, func() error, func() error) {
		c.officer = c.staff(t, auth.Officer) // promoted below: not the officer other cases use
		app, notice := c.denialNotice(t, f)
		ap, err := c.off.FileAppeal(ctx, f.actor(), f.org.ID, notice.ID, appealGrounds)
		must(t, err, "ask for the review")
		denier := c.promote(t, c.officer, auth.AppealsReviewer) // the officer later joins the appeals team
		decide := func(a auth.Actor) func() error {
			return func() error { return c.off.DecideAppeal(ctx, a, ap.ID, false, upholdForm) }
		}
		return app.ID, decide(denier), decide(c.reviewer)
	}},
}

func TestCaseRefusalsChangeNothing(t *testing.T) {
	eachCase(t, func(t *testing.T, c *caseEnv) {
		for _, r := range refusals {
			t.Run(r.name, func(t *testing.T) {
				f := c.newFirm(t)
				appID, refused, then := r.prepare(t, c, f)
				before := c.stateOf(t, appID)
				err := refused()
				if e, ok := errs.As(err); !ok || e.Code != r.code || e.Key != r.key {
					t.Fatalf("error %v, want %s %s", err, r.code, r.key)
				}
				sameState(t, before, c.stateOf(t, appID))
				if then != nil {
					must(t, then(), "the right person, or in time")
				}
			})
		}
	})
}
