package program_test

import (
	"slices"
	"testing"
	"time"

	"trustlane/internal/errs"
	"trustlane/internal/program"
)

func scheduled(t *testing.T) program.Validation {
	t.Helper()
	app := program.Application{ID: "app1", OrgID: "org1", State: program.AppInReview}
	items := []program.CheckItem{{CriterionID: "PH-01", Level: "must"}, {CriterionID: "PH-02", Level: "should"}, {CriterionID: "PR-01", Level: "must"}}
	v, err := program.NewValidation(app, caseNow.AddDate(0, 0, 14), []string{" Main warehouse ", ""}, []string{"v2", "v1", "v2"}, items, "officer", caseNow)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestNewValidationChecks(t *testing.T) {
	v := scheduled(t)
	if v.State != program.ValScheduled || !slices.Equal(v.Sites, []string{"Main warehouse"}) || !slices.Equal(v.Validators, []string{"v1", "v2"}) ||
		v.OrgID != "org1" || v.ApplicationID != "app1" || len(v.Items) != 3 {
		t.Errorf("validation %+v", v)
	}
	app := program.Application{ID: "app1", OrgID: "org1"}
	today := caseNow.Truncate(24 * time.Hour)
	if _, err := program.NewValidation(app, today, []string{"a"}, []string{"v1"}, nil, "o", caseNow); err != nil {
		t.Errorf("today: %v", err)
	}
	_, err := program.NewValidation(app, today.Add(-time.Second), []string{" "}, nil, nil, "o", caseNow)
	for _, f := range [][2]string{{"date", "error.case.date_past"}, {"sites", "error.case.sites_required"}, {"validators", "error.case.validators_required"}} {
		wantFieldErr(t, err, f[0], f[1])
	}
	// At 20:00 in Toronto it is already tomorrow in UTC: today, as the
	// portal gives it (midnight in the program's zone), is still allowed;
	// yesterday is not.
	toronto, _ := time.LoadLocation("America/Toronto")
	evening := time.Date(2026, 11, 25, 20, 0, 0, 0, toronto)
	if _, err := program.NewValidation(app, time.Date(2026, 11, 25, 0, 0, 0, 0, toronto), []string{"a"}, []string{"v1"}, nil, "o", evening.UTC()); err != nil {
		t.Errorf("today in Toronto, in the evening: %v", err)
	}
	_, err = program.NewValidation(app, time.Date(2026, 11, 24, 0, 0, 0, 0, toronto), []string{"a"}, []string{"v1"}, nil, "o", evening.UTC())
	wantFieldErr(t, err, "date", "error.case.date_past")
}

func TestValidationRecordAndComplete(t *testing.T) {
	v := scheduled(t)
	_, err := v.Record("PH-01", program.OutcomeMet, "", "officer")
	wantErr(t, err, errs.Forbidden, "error.case.not_validator", "a non-validator records")
	_, err = v.Record("XX-99", program.OutcomeMet, "", "v1")
	wantFieldErr(t, err, "criterion", "error.case.not_on_checklist")
	_, err = v.Record("PH-01", "excellent", "", "v1")
	wantFieldErr(t, err, "outcome", "error.choose_option")
	v1, err := v.Record("PH-01", program.OutcomeNotMet, " fence broken ", "v1")
	if err != nil || v1.Items[0].Notes != "fence broken" || v1.Items[0].RecordedBy != "v1" {
		t.Fatalf("record: %+v %v", v1.Items[0], err)
	}
	if v.Items[0].Outcome != program.OutcomeNone {
		t.Error("recording changed the original validation's items")
	}
	_, err = v1.Complete(program.ResultActionPlan, "s", "v1", caseNow)
	wantErr(t, err, errs.Conflict, "error.case.checklist_incomplete", "an item unrecorded")
	v1, _ = v1.Record("PH-02", program.OutcomeNotMet, "", "v2")
	v1, _ = v1.Record("PR-01", program.OutcomeMet, "", "v2")
	_, err = v1.Complete(program.ResultSatisfactory, "s", "v1", caseNow)
	wantFieldErr(t, err, "result", "error.case.result_contradicts")
	_, err = v1.Complete("great", "s", "v1", caseNow)
	wantFieldErr(t, err, "result", "error.choose_option")
	_, err = v1.Complete(program.ResultActionPlan, "s", "officer", caseNow)
	wantErr(t, err, errs.Forbidden, "error.case.not_validator", "a non-validator completes")
	if got := v1.NotMet(); len(got) != 2 || got[0].CriterionID != "PH-01" || got[1].CriterionID != "PH-02" {
		t.Errorf("not met = %+v", got)
	}
	done, err := v1.Complete(program.ResultActionPlan, " gaps ", "v2", caseNow)
	if err != nil || done.State != program.ValCompleted || done.Result != program.ResultActionPlan || done.Summary != "gaps" || done.CompletedBy != "v2" {
		t.Fatalf("complete: %+v %v", done, err)
	}
	for name, f := range map[string]func() error{
		"record":   func() error { _, err := done.Record("PH-01", program.OutcomeMet, "", "v1"); return err },
		"complete": func() error { _, err := done.Complete(program.ResultActionPlan, "", "v1", caseNow); return err },
		"cancel":   func() error { _, err := done.Cancel(); return err },
	} {
		wantErr(t, f(), errs.Conflict, "error.case.wrong_state", name+" after completion")
	}
	// A should-criterion not met still allows a satisfactory result.
	v2, _ := v.Record("PH-01", program.OutcomeMet, "", "v1")
	v2, _ = v2.Record("PH-02", program.OutcomeNotMet, "", "v1")
	v2, _ = v2.Record("PR-01", program.OutcomeNotApplicable, "", "v1")
	if _, err := v2.Complete(program.ResultSatisfactory, "", "v1", caseNow); err != nil {
		t.Errorf("satisfactory with a should not met: %v", err)
	}
	if c, err := v.Cancel(); err != nil || c.State != program.ValCancelled {
		t.Errorf("cancel: %v %v", c.State, err)
	}
}

func TestActionPlanRules(t *testing.T) {
	due := caseNow.AddDate(0, 0, 30)
	items := []program.ActionItem{{ID: "A1", Description: "Fix the fence", DueAt: due}, {ID: "A2", Description: "Log seals", DueAt: due.AddDate(0, 0, 10)}}
	_, err := program.NewActionPlan("org1", "membership", "m1", nil, "officer", caseNow)
	wantFieldErr(t, err, "actions", "error.case.actions_required")
	_, err = program.NewActionPlan("org1", "membership", "m1", []program.ActionItem{{ID: "A1", Description: "x", DueAt: caseNow}}, "officer", caseNow)
	wantFieldErr(t, err, "actions", "error.case.action_invalid")
	_, err = program.NewActionPlan("org1", "membership", "m1", []program.ActionItem{{ID: "A1", Description: " ", DueAt: due}}, "officer", caseNow)
	wantFieldErr(t, err, "actions", "error.case.action_invalid")
	p, err := program.NewActionPlan("org1", "membership", "m1", items, "officer", caseNow)
	if err != nil || p.State != program.PlanOpen || !p.DueAt().Equal(due.AddDate(0, 0, 10)) {
		t.Fatalf("plan %+v %v", p, err)
	}
	// The due instant itself is late: an escalation run at that moment acts.
	if p.Overdue(due.Add(-time.Second)) || !p.Overdue(due) {
		t.Errorf("overdue before the due date %v, at it %v", p.Overdue(due.Add(-time.Second)), p.Overdue(due))
	}
	_, err = p.Verify("A1", program.VerdictAccepted, "", "officer", caseNow)
	wantErr(t, err, errs.Conflict, "error.case.no_response", "verify before an answer")
	_, err = p.Respond("A1", "done", "owner", caseNow)
	wantFieldErr(t, err, "response", "error.case.response_required")
	_, err = p.Respond("A9", "New fence installed", "owner", caseNow)
	wantErr(t, err, errs.NotFound, "error.not_found", "unknown action")
	p, _ = p.Respond("A1", "New fence installed", "owner", caseNow)
	p, _ = p.Respond("A2", "Seal log started", "owner", caseNow)
	_, err = p.Verify("A1", "maybe", "", "officer", caseNow)
	wantFieldErr(t, err, "verdict", "error.choose_option")
	p, _ = p.Verify("A1", program.VerdictAccepted, "seen", "officer", caseNow)
	p, _ = p.Verify("A2", program.VerdictRejected, "no log", "officer", caseNow)
	if p.State != program.PlanOpen || !p.DueAt().Equal(due.AddDate(0, 0, 10)) || p.Overdue(due.Add(time.Hour)) {
		t.Fatalf("one accepted, one rejected: %+v", p)
	}
	_, err = p.Respond("A1", "Again, new fence", "owner", caseNow)
	wantErr(t, err, errs.Conflict, "error.case.wrong_state", "answer an accepted action")
	p, _ = p.Respond("A2", "Seal log, photos attached", "owner", caseNow)
	if p.Items[1].Verdict != program.VerdictNone {
		t.Errorf("a new answer kept the old verdict %q", p.Items[1].Verdict)
	}
	p, err = p.Verify("A2", program.VerdictAccepted, "", "officer", caseNow)
	if err != nil || p.State != program.PlanCompleted || p.Overdue(due.AddDate(1, 0, 0)) {
		t.Fatalf("all accepted: %+v %v", p, err)
	}
	_, err = p.Respond("A2", "More seal logs", "owner", caseNow)
	wantErr(t, err, errs.Conflict, "error.case.wrong_state", "answer a completed plan")
	_, err = p.Verify("A2", program.VerdictRejected, "", "officer", caseNow)
	wantErr(t, err, errs.Conflict, "error.case.wrong_state", "verify a completed plan")
}

func TestEligibilityDeclare(t *testing.T) {
	all := append(program.EligibilityItems(), "bribes", program.EligSolvent)
	day := 24 * time.Hour
	for _, c := range []struct {
		name string
		last time.Time
		ok   bool
	}{
		{"today", caseNow, true}, {"90 days ago", caseNow.Add(-90 * day), true}, {"91 days ago", caseNow.Add(-91 * day), false},
		{"tomorrow (time zones)", caseNow.Add(day), true}, {"in two days", caseNow.Add(2 * day), false},
	} {
		e, err := program.Eligibility{}.Declare(all, c.last, "owner", caseNow)
		if c.ok != (err == nil) {
			t.Errorf("%s: %v", c.name, err)
		}
		if !c.ok {
			wantFieldErr(t, err, "last_movement", "error.case.movement_old")
		}
		if !slices.Equal(e.Declared, program.EligibilityItems()) || e.DeclaredBy != "owner" || !e.DeclaredAt.Equal(caseNow) {
			t.Errorf("%s: declared %+v", c.name, e)
		}
	}
	_, err := program.Eligibility{}.Declare(program.EligibilityItems()[1:], caseNow, "owner", caseNow)
	wantFieldErr(t, err, "eligibility.facilities", "error.case.eligibility_missing")
	e := verifiedElig()
	if !e.Verified() {
		t.Error("every item checked, yet not verified")
	}
	delete(e.Checks, program.EligCustomsAccount)
	if e.Verified() {
		t.Error("an unchecked item, yet verified")
	}
}
