package program_test

import (
	"strings"
	"testing"
	"time"

	"trustlane/internal/errs"
	"trustlane/internal/program"
)

// wantFieldErr fails unless err is Invalid with a field error field/key.
func wantFieldErr(t *testing.T, err error, field, key string) {
	t.Helper()
	if e, ok := errs.As(err); ok && e.Code == errs.Invalid {
		for _, f := range e.Fields {
			if f.Field == field && f.Key == key {
				return
			}
		}
	}
	t.Fatalf("err = %v, want field error %s %s", err, field, key)
}

const narrative = "The site visit found the seals unrecorded."

func TestNewDecisionReasonsAndNarrative(t *testing.T) {
	p := defaultPolicy(t)
	long := strings.Repeat("x", 8001)
	cases := []struct {
		kind         program.DecisionKind
		reasons      []string
		text         string
		field, key   string // "" for success
		wantsReasons bool
	}{
		{program.DenialNotice, nil, narrative, "reasons", "error.case.reason_required", true},
		{program.DenialNotice, []string{"DN-MSR", "SU-MSR"}, narrative, "reasons", "error.case.reason_unknown", true},
		{program.DenialNotice, []string{"DN-MSR"}, "too short", "narrative", "error.case.narrative_required", true},
		{program.Suspension, []string{"SU-INCIDENT"}, long, "narrative", "error.too_long", true},
		{program.Suspension, []string{"SU-INCIDENT", "SU-MSR"}, narrative, "", "", true},
		{program.Cancellation, []string{"DN-MSR"}, narrative, "reasons", "error.case.reason_unknown", true},
		{program.Reinstatement, nil, narrative, "reasons", "error.case.reason_required", true},
		{program.AppealUpheld, []string{"AP-STANDS"}, narrative, "", "", true},
		{program.AppealOverturned, nil, narrative, "reasons", "error.case.reason_required", true},
		{program.Approval, nil, "", "", "", false},
		{program.Approval, []string{"DN-MSR"}, "", "reasons", "error.case.reason_unknown", false},
		{program.Denial, nil, "", "", "", false},
	}
	for _, c := range cases {
		d, err := program.NewDecision(p, c.kind, c.reasons, c.text, "officer", caseNow, time.Time{})
		if (len(p.Reasons[c.kind]) > 0) != c.wantsReasons {
			t.Errorf("%s: the policy's reasons changed", c.kind)
		}
		if c.field != "" {
			wantFieldErr(t, err, c.field, c.key)
			continue
		}
		if err != nil {
			t.Fatalf("%s %v: %v", c.kind, c.reasons, err)
		}
		if d.Kind != c.kind || d.DecidedBy != "officer" || len(d.Reasons) != len(c.reasons) || !d.DecidedAt.Equal(caseNow) || !d.EffectiveAt.Equal(caseNow) {
			t.Errorf("decision %+v", d)
		}
	}
}

func TestDecisionAppealDeadlines(t *testing.T) {
	p := defaultPolicy(t)
	effective := caseNow.AddDate(0, 0, 30)
	cases := []struct {
		kind      program.DecisionKind
		reasons   []string
		effective time.Time
		deadline  time.Time
	}{
		{program.DenialNotice, []string{"DN-VAL"}, effective, effective},
		{program.Suspension, []string{"SU-PLAN"}, time.Time{}, caseNow.Add(30 * 24 * time.Hour)},
		{program.Cancellation, []string{"CA-SUSP"}, time.Time{}, caseNow.Add(30 * 24 * time.Hour)},
		{program.Approval, nil, time.Time{}, time.Time{}},
		{program.Denial, nil, time.Time{}, time.Time{}},
		{program.Reinstatement, []string{"RE-PLAN"}, time.Time{}, time.Time{}},
		{program.AppealOverturned, []string{"AP-FACTS"}, time.Time{}, time.Time{}},
	}
	for _, c := range cases {
		d, err := program.NewDecision(p, c.kind, c.reasons, narrative, "officer", caseNow, c.effective)
		if err != nil {
			t.Fatalf("%s: %v", c.kind, err)
		}
		if !d.AppealDeadline.Equal(c.deadline) {
			t.Errorf("%s: appeal deadline %v, want %v", c.kind, d.AppealDeadline, c.deadline)
		}
		open := !c.deadline.IsZero()
		if d.Appealable(caseNow) != open || d.Appealable(c.deadline) || (open && !d.Appealable(c.deadline.Add(-time.Second))) {
			t.Errorf("%s: appealable now %v, at the deadline %v", c.kind, d.Appealable(caseNow), d.Appealable(c.deadline))
		}
	}
}

// decisionOf makes a valid decision of kind by "officer" at caseNow.
func decisionOf(t *testing.T, kind program.DecisionKind) program.Decision {
	t.Helper()
	p := defaultPolicy(t)
	var reasons []string
	if rs := p.Reasons[kind]; len(rs) > 0 {
		reasons = []string{rs[0].Code}
	}
	var eff time.Time
	if kind == program.DenialNotice {
		eff = caseNow.AddDate(0, 0, 30)
	}
	d, err := program.NewDecision(p, kind, reasons, narrative, "officer", caseNow, eff)
	if err != nil {
		t.Fatal(err)
	}
	d.ID, d.OrgID, d.SubjectType, d.SubjectID = "d1", "org1", "membership", "m1"
	return d
}

const grounds = "The seizure was at a partner's site, not ours."

func TestFileAppealByDecisionKind(t *testing.T) {
	for _, kind := range program.DecisionKinds() {
		d := decisionOf(t, kind)
		ap, err := program.FileAppeal(d, grounds, "owner", caseNow.Add(time.Hour))
		switch kind {
		case program.DenialNotice, program.Suspension, program.Cancellation:
			if err != nil {
				t.Fatalf("%s: %v", kind, err)
			}
			if ap.State != program.AppealFiled || ap.DecisionID != "d1" || ap.Kind != kind || ap.SubjectID != "m1" || ap.FiledBy != "owner" || ap.Grounds != grounds {
				t.Errorf("%s: appeal %+v", kind, ap)
			}
			_, err = program.FileAppeal(d, grounds, "owner", d.AppealDeadline)
			wantErr(t, err, errs.Conflict, "error.case.window_closed", string(kind)+" at the deadline")
			_, err = program.FileAppeal(d, grounds, "owner", d.AppealDeadline.Add(-time.Second))
			if err != nil {
				t.Errorf("%s: a second before the deadline: %v", kind, err)
			}
		default:
			wantErr(t, err, errs.Conflict, "error.case.not_appealable", string(kind))
		}
	}
	d := decisionOf(t, program.Suspension)
	for _, g := range []string{"", "   too short, really   ", strings.Repeat("é", 8001)} {
		_, err := program.FileAppeal(d, g, "owner", caseNow)
		wantFieldErr(t, err, "grounds", "error.case.grounds_required")
	}
	if ap, err := program.FileAppeal(d, "  "+strings.Repeat("é", 20)+"  ", "owner", caseNow); err != nil || ap.Grounds != strings.Repeat("é", 20) {
		t.Errorf("20 letters of grounds: %q %v", ap.Grounds, err)
	}
}

func TestDecideAppeal(t *testing.T) {
	p := defaultPolicy(t)
	d := decisionOf(t, program.Cancellation)
	ap, err := program.FileAppeal(d, grounds, "owner", caseNow)
	if err != nil {
		t.Fatal(err)
	}
	later := caseNow.AddDate(0, 0, 3)
	_, err = ap.Decide(d, true, "officer", "New facts from the partner.", p, later)
	wantErr(t, err, errs.Forbidden, "error.case.same_person", "the decider reviews")
	_, err = ap.Decide(d, true, "reviewer", "short", p, later)
	wantFieldErr(t, err, "narrative", "error.case.narrative_required")
	if ap.State != program.AppealFiled || ap.ReviewerID != "" {
		t.Fatalf("refusals changed the appeal: %+v", ap)
	}
	over, err := ap.Decide(d, true, "reviewer", "New facts from the partner.", p, later)
	if err != nil || over.State != program.AppealReverses || over.ReviewerID != "reviewer" || !over.DecidedAt.Equal(later) {
		t.Fatalf("overturn: %+v %v", over, err)
	}
	_, err = over.Decide(d, false, "reviewer2", "Second thoughts on it.", p, later)
	wantErr(t, err, errs.Conflict, "error.case.wrong_state", "decided twice")
	stands, err := ap.Decide(d, false, "reviewer", "The decision was right.", p, later)
	if err != nil || stands.State != program.AppealStands {
		t.Errorf("uphold: %+v %v", stands, err)
	}
	p.Duties.AppealByAnother = false
	if _, err := ap.Decide(d, false, "officer", "The decision was right.", p, later); err != nil {
		t.Errorf("the decider reviews with the duty off: %v", err)
	}
}
