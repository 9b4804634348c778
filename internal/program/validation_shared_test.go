package program_test

import (
	"slices"
	"testing"
	"time"

	"trustlane/internal/errs"
	"trustlane/internal/program"
)

func sharedPolicy() program.Policy {
	return program.Policy{Windows: program.Windows{PartnerValidationRecency: 365}}
}

var (
	ctpatActive = &program.SharingPartner{Code: "CTPAT", Recognized: true}
	planned     = &program.SharingPartner{Code: "PLANNED"}
	sharedItems = []program.CheckItem{{CriterionID: "PH-01", Level: "must", Outcome: program.OutcomeMet,
		Prefill: &program.Prefill{Partner: "CTPAT", Framework: "ctpat", Target: "9", Relationship: "equal"}}, {CriterionID: "PR-01", Level: "must"}}
)

func TestSharedValidationModes(t *testing.T) {
	app := program.Application{ID: "app1", OrgID: "org1"}
	day := 24 * time.Hour
	today := caseNow.Truncate(day)
	window := 365 * day
	type tc struct {
		s        program.Sharing
		p        *program.SharingPartner
		field    string // "" for success
		key      string
		wantMode program.ValidationMode
	}
	cases := map[string]tc{
		"own by default":   {s: program.Sharing{}, wantMode: program.ModeOwn},
		"unknown mode":     {s: program.Sharing{Mode: "remote"}, field: "mode", key: "error.choose_option"},
		"joint":            {s: program.Sharing{Mode: program.ModeJoint, PartnerCode: "ctpat", PartnerRef: "CBP-1", PartnerValidators: []string{" J. Doe ", ""}}, p: ctpatActive, wantMode: program.ModeJoint},
		"joint no names":   {s: program.Sharing{Mode: program.ModeJoint, PartnerCode: "CTPAT", PartnerRef: "CBP-1", PartnerValidators: []string{" "}}, p: ctpatActive, field: "partner_validators", key: "error.crosswalk.partner_validators"},
		"joint no ref":     {s: program.Sharing{Mode: program.ModeJoint, PartnerCode: "CTPAT", PartnerValidators: []string{"J. Doe"}}, p: ctpatActive, field: "partner_ref", key: "error.crosswalk.partner_ref"},
		"unknown partner":  {s: program.Sharing{Mode: program.ModeJoint, PartnerCode: "NOPE", PartnerRef: "x", PartnerValidators: []string{"a"}}, field: "partner", key: "error.crosswalk.partner_required"},
		"planned partner":  {s: program.Sharing{Mode: program.ModeRelied, PartnerCode: "PLANNED", PartnerRef: "x", PartnerValidatedOn: today}, p: planned, field: "partner", key: "error.crosswalk.partner_not_recognized"},
		"relied today":     {s: program.Sharing{Mode: program.ModeRelied, PartnerCode: "CTPAT", PartnerRef: "x", PartnerValidatedOn: today}, p: ctpatActive, wantMode: program.ModeRelied},
		"relied at window": {s: program.Sharing{Mode: program.ModeRelied, PartnerCode: "CTPAT", PartnerRef: "x", PartnerValidatedOn: today.Add(-window)}, p: ctpatActive, wantMode: program.ModeRelied},
		"relied a day over": {s: program.Sharing{Mode: program.ModeRelied, PartnerCode: "CTPAT", PartnerRef: "x", PartnerValidatedOn: today.Add(-window - day)}, p: ctpatActive,
			field: "partner_validated_on", key: "error.crosswalk.partner_date_old"},
		"relied future": {s: program.Sharing{Mode: program.ModeRelied, PartnerCode: "CTPAT", PartnerRef: "x", PartnerValidatedOn: today.Add(day)}, p: ctpatActive,
			field: "partner_validated_on", key: "error.crosswalk.partner_date_future"},
		"relied no date": {s: program.Sharing{Mode: program.ModeRelied, PartnerCode: "CTPAT", PartnerRef: "x"}, p: ctpatActive,
			field: "partner_validated_on", key: "error.crosswalk.partner_date"},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			items := sharedItems
			if !c.s.Mode.Shared() {
				items = []program.CheckItem{{CriterionID: "PR-01", Level: "must"}}
			}
			v, err := program.NewSharedValidation(app, caseNow.AddDate(0, 0, 3), []string{"Yard"}, []string{"v1"}, items, c.s, c.p,
				sharedPolicy(), "officer", caseNow)
			if c.field != "" {
				wantFieldErr(t, err, c.field, c.key)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if v.Sharing.Mode != c.wantMode {
				t.Errorf("mode %q, want %q", v.Sharing.Mode, c.wantMode)
			}
		})
	}
	v, _ := program.NewSharedValidation(app, caseNow.AddDate(0, 0, 3), []string{"Yard"}, []string{"v1"}, sharedItems, cases["joint"].s, ctpatActive, sharedPolicy(), "o", caseNow)
	if v.Sharing.PartnerCode != "CTPAT" || !slices.Equal(v.Sharing.PartnerValidators, []string{"J. Doe"}) {
		t.Errorf("joint sharing not cleaned: %+v", v.Sharing)
	}
	_, err := program.NewSharedValidation(app, caseNow.AddDate(0, 0, 3), []string{"Yard"}, []string{"v1"}, sharedItems, program.Sharing{}, nil, sharedPolicy(), "o", caseNow)
	wantErr(t, err, errs.Invalid, "error.crosswalk.prefill_own", "an own validation with pre-filled items")
	_, err = program.NewSharedValidation(app, caseNow.AddDate(0, 0, -3), nil, []string{"v1"}, sharedItems, cases["planned partner"].s, planned, sharedPolicy(), "o", caseNow)
	for _, f := range [][2]string{{"date", "error.case.date_past"}, {"sites", "error.case.sites_required"}, {"partner", "error.crosswalk.partner_not_recognized"}} {
		wantFieldErr(t, err, f[0], f[1])
	}
}

// TestPrefilledItemsNeedConfirmation: completing is refused while a
// pre-filled item is unconfirmed; recording on it confirms it.
func TestPrefilledItemsNeedConfirmation(t *testing.T) {
	app := program.Application{ID: "app1", OrgID: "org1"}
	s := program.Sharing{Mode: program.ModeRelied, PartnerCode: "CTPAT", PartnerRef: "CBP-9", PartnerValidatedOn: caseNow.AddDate(0, -2, 0)}
	v, err := program.NewSharedValidation(app, caseNow.AddDate(0, 0, 3), []string{"Yard"}, []string{"v1"}, sharedItems, s, ctpatActive, sharedPolicy(), "o", caseNow)
	if err != nil {
		t.Fatal(err)
	}
	v, _ = v.Record("PR-01", program.OutcomeMet, "", "v1")
	if len(v.Unconfirmed()) != 1 {
		t.Fatalf("unconfirmed = %v", v.Unconfirmed())
	}
	_, err = v.Complete(program.ResultSatisfactory, "", "v1", caseNow)
	wantErr(t, err, errs.Conflict, "error.crosswalk.prefill_unconfirmed", "an unconfirmed pre-filled item")
	v2, _ := v.Record("PH-01", program.OutcomeMet, "seen", "v1")
	if !v2.Items[0].Prefill.Confirmed() || v2.Items[0].Prefill.ConfirmedBy != "v1" || v.Items[0].Prefill.Confirmed() {
		t.Fatalf("confirmation: %+v (original %+v)", v2.Items[0].Prefill, v.Items[0].Prefill)
	}
	if v2, err = v2.Complete(program.ResultSatisfactory, "", "v1", caseNow); err != nil || v2.State != program.ValCompleted {
		t.Errorf("complete after confirming: %v", err)
	}
}

// TestPartnerValidationDaysInTheFormsTimeZone: the partner's date is a day
// of the calendar it was entered in (the program's time zone on the
// portal), so in a Toronto evening (already tomorrow in UTC) tomorrow's
// date is still in the future and the date a full window back is still
// recent enough.
func TestPartnerValidationDaysInTheFormsTimeZone(t *testing.T) {
	toronto, err := time.LoadLocation("America/Toronto")
	if err != nil {
		t.Skip("no time zone data:", err)
	}
	app := program.Application{ID: "app1", OrgID: "org1"}
	now := time.Date(2026, 3, 2, 3, 0, 0, 0, time.UTC) // 22:00 on March 1 in Toronto
	relied := func(on time.Time) error {
		s := program.Sharing{Mode: program.ModeRelied, PartnerCode: "CTPAT", PartnerRef: "x", PartnerValidatedOn: on}
		_, err := program.NewSharedValidation(app, now.AddDate(0, 0, 3), []string{"Yard"}, []string{"v1"}, sharedItems, s, ctpatActive,
			sharedPolicy(), "officer", now)
		return err
	}
	wantFieldErr(t, relied(time.Date(2026, 3, 2, 0, 0, 0, 0, toronto)), "partner_validated_on", "error.crosswalk.partner_date_future")
	for name, on := range map[string]time.Time{"today": time.Date(2026, 3, 1, 0, 0, 0, 0, toronto),
		"a full window back": time.Date(2026, 3, 1, 0, 0, 0, 0, toronto).AddDate(0, 0, -365)} {
		if err := relied(on); err != nil {
			t.Errorf("%s (%s) refused: %v", name, on.Format(time.DateOnly), err)
		}
	}
}
