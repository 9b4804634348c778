package office_test

import (
	"bytes"
	"slices"
	"testing"
	"time"

	"trustlane/internal/catalog"
	"trustlane/internal/errs"
	"trustlane/internal/ident"
	"trustlane/internal/office"
	"trustlane/internal/program"
)

// freeTextQuestion returns a generic free-text question of the catalog.
func freeTextQuestion(t *testing.T, c *caseEnv) string {
	t.Helper()
	v, _ := c.off.Catalog().Version(catalog.DefaultVersion)
	for _, s := range v.Sections(nil) {
		for _, q := range s.Questions {
			if q.Type == catalog.Free && q.ShowIf == nil {
				return q.ID
			}
		}
	}
	t.Fatal("no free-text question in the generic part")
	return ""
}

func answerIn(b office.SnapshotBody, qid string) string {
	for _, a := range b.Answers {
		if a.Part == catalog.GenericPart && a.Question == qid {
			return a.Value.Text
		}
	}
	return ""
}

func TestCaseFromSignUpToAppealOverturned(t *testing.T) {
	eachCase(t, func(t *testing.T, c *caseEnv) {
		f := c.newFirm(t)
		qid := freeTextQuestion(t, c)
		app := c.submitted(t, f)
		first := c.view(t, app.ID)
		if app.State != program.AppSubmitted || first.Snapshot == nil || !first.Assessment.Ready() || answerIn(first.Body, qid) == "" {
			t.Fatalf("submitted: %s, snapshot %v", app.State, first.Snapshot)
		}
		if n := len(mailsOf(c.caseMails(t), "case_update")); n != 1 {
			t.Errorf("%d submission mails", n)
		}
		// Later edits of the profile do not reach the frozen snapshot.
		_, err := c.off.SaveAnswers(ctx, f.actor(), f.org.ID, catalog.GenericPart, map[string]string{qid: "Changed after submission"})
		must(t, err, "edit after submission")
		if v := c.view(t, app.ID); v.Snapshot.SHA256 != first.Snapshot.SHA256 || answerIn(v.Body, qid) != answerIn(first.Body, qid) {
			t.Fatal("a profile edit changed the submitted snapshot")
		}

		must(t, c.off.StartReview(ctx, c.officer, app.ID), "start review")
		must(t, c.off.RequestInfo(ctx, c.officer, app.ID, "Send the seal log for March."), "request info")
		v := c.view(t, app.ID)
		if v.App.State != program.AppInfoRequested || v.App.OfficerID != c.officer.UserID || !v.InfoRequests[0].DueAt.Equal(c.clock.Now().Add(days(30))) {
			t.Fatalf("info requested: %+v", v.App)
		}
		if m := mailsOf(c.caseMails(t), "info_request"); len(m) != 1 || m[0].To != f.owner.Email {
			t.Errorf("info request mail %+v", m)
		}
		c.clock.Advance(days(2))
		must(t, c.off.AnswerInfoRequest(ctx, f.actor(), f.org.ID, app.ID, "The seal log is attached to the profile.", true), "answer")
		v = c.view(t, app.ID)
		if v.App.State != program.AppInReview || v.Snapshot.ID == first.Snapshot.ID || v.InfoRequests[0].SnapshotID != v.Snapshot.ID ||
			answerIn(v.Body, qid) != "Changed after submission" {
			t.Fatalf("answered with refresh: state %s, snapshot %s", v.App.State, v.Snapshot.ID)
		}
		if m := mailsOf(c.caseMails(t), "case_update"); len(m) != 1 || m[0].To != c.officer.Email {
			t.Errorf("answer mail to the officer: %+v", m)
		}

		must(t, c.off.VerifyEligibility(ctx, c.officer, app.ID, program.EligibilityItems(), "seen"), "verify")
		val, err := c.off.ScheduleValidation(ctx, c.officer, app.ID, c.clock.Now().AddDate(0, 0, 10), []string{"Dock 4"}, []string{c.validator.UserID})
		must(t, err, "schedule")
		checkChecklist(t, c, val, string(f.org.Sectors[0]))
		for _, it := range val.Items {
			must(t, c.off.RecordFinding(ctx, c.validator, val.ID, it.CriterionID, program.OutcomeMet, ""), "record")
		}
		must(t, c.off.CompleteValidation(ctx, c.validator, val.ID, program.ResultSatisfactory, "All met."), "complete")

		dec := c.checkApproval(t, f, app.ID)
		m := c.checkMOU(t, f, c.view(t, app.ID).App.MembershipID)

		susp, err := c.off.Suspend(ctx, c.officer, m.ID, suspendForm)
		must(t, err, "suspend")
		mv := c.member(t, m.ID)
		if mv.Membership.State != program.MemberSuspended || !susp.AppealDeadline.Equal(c.clock.Now().Add(days(30))) ||
			len(mv.Plans) != 1 || len(mv.Plans[0].Items) != 2 || !mv.Membership.RemedyDueAt.Equal(c.clock.Now().Add(days(90))) {
			t.Fatalf("suspended: %+v, plans %+v", mv.Membership, mv.Plans)
		}
		before := mv.Decisions
		c.clock.Advance(days(29))
		ap, err := c.off.FileAppeal(ctx, f.actor(), f.org.ID, susp.ID, appealGrounds)
		must(t, err, "appeal")
		if q, _ := c.off.AppealQueue(ctx, c.reviewer); len(q) != 1 || q[0].ID != ap.ID {
			t.Errorf("appeal queue %+v", q)
		}
		c.clock.Advance(days(5))
		must(t, c.off.DecideAppeal(ctx, c.reviewer, ap.ID, true, overturnForm), "overturn")
		mv = c.member(t, m.ID)
		kinds := []program.DecisionKind{}
		for _, d := range mv.Decisions {
			kinds = append(kinds, d.Kind)
		}
		if mv.Membership.State != program.MemberActive || mv.Appeals[0].State != program.AppealReverses ||
			!slices.Equal(kinds, []program.DecisionKind{program.Suspension, program.AppealOverturned}) {
			t.Fatalf("after the appeal: %s, %+v, %v", mv.Membership.State, mv.Appeals, kinds)
		}
		// Reversing the suspension withdraws its corrective plan.
		if len(mv.Plans) != 1 || mv.Plans[0].State != program.PlanWithdrawn {
			t.Errorf("the suspension's plan after the appeal: %+v", mv.Plans)
		}
		sameDecisions(t, before, mv.Decisions)
		sameDecisions(t, []program.Decision{dec}, c.view(t, app.ID).Decisions)
		c.auditCount(t)
	})
}

// checkChecklist compares a validation's checklist with the criteria of the
// generic part and of the sector, read from the catalog.
func checkChecklist(t *testing.T, c *caseEnv, v program.Validation, sector string) {
	t.Helper()
	cat, _ := c.off.Catalog().Version(catalog.DefaultVersion)
	want := map[string]string{}
	for _, cr := range cat.Criteria {
		if cr.Generic() || slices.Contains(cr.Sectors, sector) {
			want[cr.ID] = string(cr.Level)
		}
	}
	got := map[string]string{}
	for _, it := range v.Items {
		got[it.CriterionID] = it.Level
	}
	if len(got) != len(v.Items) || len(got) != len(want) || len(want) == 0 {
		t.Fatalf("checklist of %d items (%d distinct), want %d", len(v.Items), len(got), len(want))
	}
	for id, level := range want {
		if got[id] != level {
			t.Errorf("criterion %s: %q on the checklist, want %q", id, got[id], level)
		}
	}
}

// checkApproval approves as a manager and checks the membership, the letter
// and the mail.
func (c *caseEnv) checkApproval(t *testing.T, f firm, appID string) program.Decision {
	t.Helper()
	dec, err := c.off.Approve(ctx, c.manager, appID, approveForm)
	must(t, err, "approve")
	v := c.view(t, appID)
	m := v.Membership
	if v.App.State != program.AppApproved || m == nil || m.State != program.MemberPendingMOU || !m.MOUDueAt.Equal(c.clock.Now().Add(days(30))) {
		t.Fatalf("approved: %s, membership %+v", v.App.State, m)
	}
	if n, err := ident.CheckMemberNumber(m.Number); err != nil || n != m.Number {
		t.Errorf("membership number %q: %v", m.Number, err)
	}
	l, err := c.off.LetterPDF(ctx, f.actor(), f.org.ID, dec.LetterID)
	if err != nil || !bytes.HasPrefix(l.PDF, []byte("%PDF")) || l.DecisionID != dec.ID {
		t.Errorf("letter: %v", err)
	}
	mails := mailsOf(c.caseMails(t), "decision")
	if len(mails) != 1 || mails[0].To != f.owner.Email || mails[0].Data["Decision"] != "key:letter.kind.approval" {
		t.Errorf("decision mail %+v", mails)
	}
	return dec
}

// checkMOU has the owner sign the memorandum, refusing a wrong code and a
// changed text first.
func (c *caseEnv) checkMOU(t *testing.T, f firm, membershipID string) program.Membership {
	t.Helper()
	secret, _ := enrol(t, c.env, f.owner)
	_, _, hash, _ := c.off.MOUText("en")
	code := totpCode(t, c.env, secret)
	wrong := string('0'+(code[0]-'0'+1)%10) + code[1:]
	wantField(t, c.off.SignMOU(ctx, f.actor(), f.org.ID, membershipID, "en", "President", hash, wrong), "code", "error.code_wrong")
	err := c.off.SignMOU(ctx, f.actor(), f.org.ID, membershipID, "en", "President", "0"+hash[1:], code)
	if e, ok := errs.As(err); !ok || e.Key != "error.case.mou_changed" {
		t.Errorf("changed text: %v", err)
	}
	if st := c.member(t, membershipID).Membership.State; st != program.MemberPendingMOU {
		t.Fatalf("refused signatures moved the membership to %s", st)
	}
	c.clock.Advance(30 * time.Second)
	must(t, c.off.SignMOU(ctx, f.actor(), f.org.ID, membershipID, "en", "President", hash, totpCode(t, c.env, secret)), "sign")
	m := c.member(t, membershipID).Membership
	now := c.clock.Now()
	if m.State != program.MemberActive || m.MOU.TextSHA256 != hash || m.MOU.SignerID != f.owner.ID || !m.ActivatedAt.Equal(now) ||
		!m.AnnualDueAt.Equal(now.Add(days(365))) || !m.RevalidationDueAt.Equal(now.Add(days(1461))) {
		t.Fatalf("signed: %+v", m)
	}
	return m
}
