package office_test

import (
	"bytes"
	"slices"
	"testing"

	"trustlane/internal/errs"
	"trustlane/internal/program"
)

func decisionKinds(ds []program.Decision) []program.DecisionKind {
	out := make([]program.DecisionKind, len(ds))
	for i, d := range ds {
		out[i] = d.Kind
	}
	return out
}

// denialNotice takes a firm's application to a proposed denial.
func (c *caseEnv) denialNotice(t *testing.T, f firm) (program.Application, program.Decision) {
	t.Helper()
	app := c.inReview(t, f)
	dec, err := c.off.ProposeDenial(ctx, c.officer, app.ID, denyForm)
	must(t, err, "propose denial")
	app = c.view(t, app.ID).App
	want := c.clock.Now().Add(days(30))
	if app.State != program.AppDenialProposed || dec.Kind != program.DenialNotice || !app.DenialEffectiveAt.Equal(want) ||
		!dec.EffectiveAt.Equal(want) || !dec.AppealDeadline.Equal(want) {
		t.Fatalf("denial notice: %s effective %v, decision %+v", app.State, app.DenialEffectiveAt, dec)
	}
	return app, dec
}

func TestCaseDenialInformalReviewUpheld(t *testing.T) {
	eachCase(t, func(t *testing.T, c *caseEnv) {
		f := c.newFirm(t)
		app, notice := c.denialNotice(t, f)
		c.clock.Advance(days(20))
		ap, err := c.off.FileAppeal(ctx, f.actor(), f.org.ID, notice.ID, appealGrounds)
		must(t, err, "ask for the informal review")
		if a := c.view(t, app.ID).App; !a.ReviewRequested || ap.Kind != program.DenialNotice {
			t.Fatalf("review not recorded: %+v", a)
		}
		_, err = c.off.FileAppeal(ctx, f.actor(), f.org.ID, notice.ID, appealGrounds)
		if e, ok := errs.As(err); !ok || e.Key != "error.case.review_already" {
			t.Errorf("a second review: %v", err)
		}
		c.caseMails(t)
		c.clock.Advance(days(5))
		must(t, c.off.DecideAppeal(ctx, c.reviewer, ap.ID, false, upholdForm), "uphold")
		v := c.view(t, app.ID)
		want := []program.DecisionKind{program.DenialNotice, program.AppealUpheld, program.Denial}
		if v.App.State != program.AppDenied || !v.App.DecidedAt.Equal(c.clock.Now()) || !slices.Equal(decisionKinds(v.Decisions), want) {
			t.Fatalf("upheld: %s, decisions %v", v.App.State, decisionKinds(v.Decisions))
		}
		denial := v.Decisions[2]
		if denial.DecidedBy != c.reviewer.UserID || !denial.AppealDeadline.IsZero() || denial.LetterID == "" {
			t.Errorf("denial %+v", denial)
		}
		l, err := c.off.LetterPDF(ctx, f.actor(), f.org.ID, denial.LetterID)
		if err != nil || !bytes.HasPrefix(l.PDF, []byte("%PDF")) {
			t.Errorf("denial letter: %v", err)
		}
		mails := mailsOf(c.caseMails(t), "decision")
		if len(mails) != 2 || mails[1].Data["Decision"] != "key:letter.kind.denial" {
			t.Errorf("decision mails %+v", mails)
		}
		// The window closes later: the deadline finds the case decided.
		c.clock.Advance(days(10))
		c.runDeadlines(t)
		after := c.view(t, app.ID)
		if len(after.Decisions) != 3 || c.countEvents(t, f.org.ID, "application.denied") != 1 {
			t.Errorf("the deadline acted on a decided case: %v", decisionKinds(after.Decisions))
		}
		sameDecisions(t, v.Decisions, after.Decisions)
		c.auditCount(t)
	})
}

func TestCaseDenialReviewOverturned(t *testing.T) {
	eachCase(t, func(t *testing.T, c *caseEnv) {
		f := c.newFirm(t)
		app, notice := c.denialNotice(t, f)
		ap, err := c.off.FileAppeal(ctx, f.actor(), f.org.ID, notice.ID, appealGrounds)
		must(t, err, "ask for the informal review")
		must(t, c.off.DecideAppeal(ctx, c.reviewer, ap.ID, true, overturnForm), "overturn")
		v := c.view(t, app.ID)
		if v.App.State != program.AppInReview || !v.App.DenialEffectiveAt.IsZero() || v.App.ReviewRequested ||
			!slices.Equal(decisionKinds(v.Decisions), []program.DecisionKind{program.DenialNotice, program.AppealOverturned}) {
			t.Fatalf("overturned: %+v, %v", v.App, decisionKinds(v.Decisions))
		}
		c.clock.Advance(days(31))
		c.runDeadlines(t)
		if a := c.view(t, app.ID); a.App.State != program.AppInReview || len(a.Decisions) != 2 {
			t.Errorf("the old denial date acted: %s, %v", a.App.State, decisionKinds(a.Decisions))
		}
	})
}
