package office_test

import (
	"encoding/json"
	"strings"
	"testing"

	"trustlane/internal/errs"
	"trustlane/internal/office"
	"trustlane/internal/program"
)

// TestReliedValidationPrefillsAndNeedsConfirmation: a validation relying on
// C-TPAT's recent visit comes with the items C-TPAT's result carries to
// pre-filled and marked; completing is refused until a validator has
// confirmed every one of them, then allowed.
func TestReliedValidationPrefillsAndNeedsConfirmation(t *testing.T) {
	eachCase(t, func(t *testing.T, c *caseEnv) {
		f := c.newFirm(t)
		app := c.inReview(t, f)
		plan := office.ValidationPlan{When: c.clock.Now().AddDate(0, 0, 3), Sites: []string{"Dock 4"}, Validators: []string{c.validator.UserID},
			Sharing: program.Sharing{Mode: program.ModeRelied, PartnerCode: "ctpat", PartnerRef: "CBP-VAL-2025-118",
				PartnerValidatedOn: c.clock.Now().AddDate(0, -6, 0)}}
		v, err := c.off.ScheduleSharedValidation(ctx, c.officer, app.ID, plan)
		must(t, err, "schedule relied")
		if v.Sharing.Mode != program.ModeRelied || v.Sharing.PartnerCode != "CTPAT" {
			t.Fatalf("sharing = %+v", v.Sharing)
		}
		var prefilled, open []program.CheckItem
		for _, it := range v.Items {
			if it.Prefill != nil {
				prefilled = append(prefilled, it)
				if it.Outcome != program.OutcomeMet || it.Prefill.Partner != "CTPAT" || it.Prefill.Framework != "ctpat" || it.Prefill.Target == "" {
					t.Errorf("pre-filled item %+v", it)
				}
				continue
			}
			open = append(open, it)
			if it.Outcome != program.OutcomeNone {
				t.Errorf("item %s not pre-filled has outcome %s", it.CriterionID, it.Outcome)
			}
		}
		if len(prefilled) == 0 || len(open) == 0 {
			t.Fatalf("%d pre-filled, %d open: want some of each", len(prefilled), len(open))
		}
		// Every pre-filled item's criterion maps to C-TPAT equal or subset.
		ver := c.view(t, app.ID).Version
		for _, it := range v.Items {
			cr, _ := ver.Criterion(it.CriterionID)
			full, partial := cr.CarryFrom("ctpat")
			if (it.Prefill != nil) != (len(full) > 0) {
				t.Errorf("%s: pre-filled %v, but %d references carry fully", it.CriterionID, it.Prefill != nil, len(full))
			}
			if len(full) == 0 && len(it.PartlyFrom) != len(partial) {
				t.Errorf("%s: partly from %v, want %d targets", it.CriterionID, it.PartlyFrom, len(partial))
			}
		}
		for _, it := range open {
			must(t, c.off.RecordFinding(ctx, c.validator, v.ID, it.CriterionID, program.OutcomeMet, ""), "record "+it.CriterionID)
		}
		err = c.off.CompleteValidation(ctx, c.validator, v.ID, program.ResultSatisfactory, "")
		wantCode(t, err, errs.Conflict, "complete with pre-filled items unconfirmed")
		if e, _ := errs.As(err); e == nil || e.Key != "error.crosswalk.prefill_unconfirmed" {
			t.Errorf("refusal = %v", err)
		}
		for i, it := range prefilled {
			must(t, c.off.RecordFinding(ctx, c.validator, v.ID, it.CriterionID, program.OutcomeMet, "seen on site"), "confirm")
			if i == 0 {
				err = c.off.CompleteValidation(ctx, c.validator, v.ID, program.ResultSatisfactory, "")
				if len(prefilled) > 1 {
					wantCode(t, err, errs.Conflict, "complete with one confirmed")
				}
			}
		}
		must(t, c.off.CompleteValidation(ctx, c.validator, v.ID, program.ResultSatisfactory, ""), "complete after confirming")
		var sched map[string]any
		confirms := 0
		for _, ev := range c.events(t, f.org.ID) {
			switch ev.Action {
			case "application.validation_scheduled":
				must(t, json.Unmarshal([]byte(ev.Data), &sched), "event data")
			case "validation.finding":
				if strings.Contains(ev.Data, `"confirmed_prefill":true`) {
					confirms++
				}
			}
		}
		if sched["mode"] != "relied" || sched["partner"] != "CTPAT" || sched["partner_ref"] != "CBP-VAL-2025-118" || sched["partner_validated_on"] == nil {
			t.Errorf("scheduled event = %v", sched)
		}
		if confirms != len(prefilled) {
			t.Errorf("%d confirmation events, want %d", confirms, len(prefilled))
		}
	})
}

// TestJointValidationRecordsPartnerValidators: a joint visit keeps the
// partner's reference and validators; a planned partner, an unknown one or
// a partner visit older than the window is refused with its field named.
func TestJointValidationRecordsPartnerValidators(t *testing.T) {
	eachCase(t, func(t *testing.T, c *caseEnv) {
		f := c.newFirm(t)
		app := c.inReview(t, f)
		base := office.ValidationPlan{When: c.clock.Now().AddDate(0, 0, 3), Sites: []string{"Dock 4"}, Validators: []string{c.validator.UserID}}
		refusals := map[string]struct {
			s     program.Sharing
			field string
			key   string
		}{
			"planned partner": {program.Sharing{Mode: program.ModeJoint, PartnerCode: "EU-AEO", PartnerRef: "x", PartnerValidators: []string{"A"}},
				"partner", "error.crosswalk.partner_not_recognized"},
			"unknown partner": {program.Sharing{Mode: program.ModeJoint, PartnerCode: "ZZ-NONE", PartnerRef: "x", PartnerValidators: []string{"A"}},
				"partner", "error.crosswalk.partner_required"},
			"too old": {program.Sharing{Mode: program.ModeRelied, PartnerCode: "CTPAT", PartnerRef: "x",
				PartnerValidatedOn: c.clock.Now().AddDate(0, 0, -366)}, "partner_validated_on", "error.crosswalk.partner_date_old"},
		}
		for name, r := range refusals {
			plan := base
			plan.Sharing = r.s
			_, err := c.off.ScheduleSharedValidation(ctx, c.officer, app.ID, plan)
			wantField(t, err, r.field, r.key)
			if s := c.view(t, app.ID).App.State; s != program.AppInReview {
				t.Fatalf("%s: the case is %s after a refused scheduling", name, s)
			}
		}
		plan := base
		plan.Sharing = program.Sharing{Mode: program.ModeJoint, PartnerCode: "CTPAT", PartnerRef: "CBP-J-7",
			PartnerValidators: []string{"Dana Reyes", " ", "Sam Ortiz"}}
		_, err := c.off.ScheduleSharedValidation(ctx, c.officer, app.ID, plan)
		must(t, err, "schedule joint")
		got := c.view(t, app.ID).Validations
		if len(got) != 1 {
			t.Fatalf("%d validations", len(got))
		}
		s := got[0].Sharing
		if s.Mode != program.ModeJoint || s.PartnerRef != "CBP-J-7" || strings.Join(s.PartnerValidators, "|") != "Dana Reyes|Sam Ortiz" {
			t.Errorf("joint sharing = %+v", s)
		}
		if len(got[0].Unconfirmed()) == 0 {
			t.Error("a joint validation with C-TPAT pre-filled nothing")
		}
		var sched map[string]any
		for _, ev := range c.events(t, f.org.ID) {
			if ev.Action == "application.validation_scheduled" {
				must(t, json.Unmarshal([]byte(ev.Data), &sched), "event data")
			}
		}
		if sched["mode"] != "joint" || sched["partner_ref"] != "CBP-J-7" || len(sched["partner_validators"].([]any)) != 2 {
			t.Errorf("scheduled event = %v", sched)
		}
	})
}
