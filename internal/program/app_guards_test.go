package program_test

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"trustlane/internal/errs"
	"trustlane/internal/program"
)

func TestApplicationGuards(t *testing.T) {
	day := 24 * time.Hour
	cases := []struct {
		name  string
		state program.AppState
		cmd   program.AppCommand
		setup func(a *program.Application, in *program.AppInput)
		code  errs.Code // "" for success
		key   string
		after func(t *testing.T, a program.Application)
	}{
		{"submit without a ready profile", program.AppDraft, program.CmdSubmit,
			func(a *program.Application, in *program.AppInput) { in.ProfileReady = false }, errs.Conflict, "error.case.profile_not_ready", nil},
		{"submit stamps the date", program.AppDraft, program.CmdSubmit, nil, "", "",
			func(t *testing.T, a program.Application) { eqTime(t, "submitted", a.SubmittedAt, caseNow) }},
		{"start review takes the case", program.AppSubmitted, program.CmdStartReview,
			func(a *program.Application, in *program.AppInput) { in.Actor = "officer2" }, "", "",
			func(t *testing.T, a program.Application) {
				if a.OfficerID != "officer2" {
					t.Errorf("officer %q", a.OfficerID)
				}
			}},
		{"request info is due in 30 days", program.AppInReview, program.CmdRequestInfo, nil, "", "",
			func(t *testing.T, a program.Application) { eqTime(t, "info due", a.InfoDueAt, caseNow.Add(30*day)) }},
		{"answering clears the due date", program.AppInfoRequested, program.CmdAnswerInfo,
			func(a *program.Application, in *program.AppInput) { a.InfoDueAt = caseNow.Add(day) }, "", "",
			func(t *testing.T, a program.Application) { eqTime(t, "info due", a.InfoDueAt, time.Time{}) }},
		{"schedule with an item not verified", program.AppInReview, program.CmdScheduleValidation,
			func(a *program.Application, in *program.AppInput) { a.Eligibility.Checks[program.EligSolvent] = false },
			errs.Conflict, "error.case.eligibility_unverified", nil},
		{"schedule before any check", program.AppInReview, program.CmdScheduleValidation,
			func(a *program.Application, in *program.AppInput) { a.Eligibility.Checks = nil },
			errs.Conflict, "error.case.eligibility_unverified", nil},
		{"approve without a satisfactory validation", program.AppValidated, program.CmdApprove,
			func(a *program.Application, in *program.AppInput) { in.ValidationOK = false }, errs.Conflict, "error.case.validation_not_ok", nil},
		{"a validator approves their own case", program.AppValidated, program.CmdApprove,
			func(a *program.Application, in *program.AppInput) { in.Validators = []string{"v1", "manager"} },
			errs.Forbidden, "error.case.validator_approves", nil},
		{"a validator approves when the duty is off", program.AppValidated, program.CmdApprove,
			func(a *program.Application, in *program.AppInput) {
				in.Validators, in.Policy.Duties.ValidatorNotApprover = []string{"manager"}, false
			}, "", "", func(t *testing.T, a program.Application) { eqTime(t, "decided", a.DecidedAt, caseNow) }},
		{"a denial is announced for 30 days", program.AppValidated, program.CmdProposeDenial,
			func(a *program.Application, in *program.AppInput) { a.ReviewRequested = true }, "", "",
			func(t *testing.T, a program.Application) {
				eqTime(t, "effective", a.DenialEffectiveAt, caseNow.Add(30*day))
				if a.ReviewRequested || !a.DecidedAt.IsZero() {
					t.Errorf("review %v, decided %v", a.ReviewRequested, a.DecidedAt)
				}
			}},
		{"review asked at the effective date", program.AppDenialProposed, program.CmdRequestReview,
			func(a *program.Application, in *program.AppInput) { a.DenialEffectiveAt = caseNow }, errs.Conflict, "error.case.window_closed", nil},
		{"review asked after the window", program.AppDenialProposed, program.CmdRequestReview,
			func(a *program.Application, in *program.AppInput) { a.DenialEffectiveAt = caseNow.Add(-day) }, errs.Conflict, "error.case.window_closed", nil},
		{"review asked twice", program.AppDenialProposed, program.CmdRequestReview,
			func(a *program.Application, in *program.AppInput) {
				a.DenialEffectiveAt, a.ReviewRequested = caseNow.Add(day), true
			},
			errs.Conflict, "error.case.review_already", nil},
		{"review asked in time", program.AppDenialProposed, program.CmdRequestReview,
			func(a *program.Application, in *program.AppInput) { a.DenialEffectiveAt = caseNow.Add(time.Second) }, "", "",
			func(t *testing.T, a program.Application) {
				if !a.ReviewRequested {
					t.Error("review not recorded")
				}
			}},
		{"review decided without a request", program.AppDenialProposed, program.CmdReviewUpheld,
			func(a *program.Application, in *program.AppInput) { a.ReviewRequested = false }, errs.Conflict, "error.case.no_review", nil},
		{"review decided by who proposed the denial", program.AppDenialProposed, program.CmdReviewOverturned,
			func(a *program.Application, in *program.AppInput) { a.ReviewRequested, in.Actor = true, "officer" },
			errs.Forbidden, "error.case.same_person", nil},
		{"review by the denier when the duty is off", program.AppDenialProposed, program.CmdReviewUpheld,
			func(a *program.Application, in *program.AppInput) {
				a.ReviewRequested, in.Actor, in.Policy.Duties.AppealByAnother = true, "officer", false
			}, "", "", func(t *testing.T, a program.Application) { eqTime(t, "decided", a.DecidedAt, caseNow) }},
		{"overturned review clears the effective date", program.AppDenialProposed, program.CmdReviewOverturned,
			func(a *program.Application, in *program.AppInput) {
				a.ReviewRequested, a.DenialEffectiveAt = true, caseNow.Add(day)
			}, "", "",
			func(t *testing.T, a program.Application) {
				eqTime(t, "effective", a.DenialEffectiveAt, time.Time{})
				if a.ReviewRequested || !a.DecidedAt.IsZero() {
					t.Errorf("review %v, decided %v", a.ReviewRequested, a.DecidedAt)
				}
			}},
		{"denial before its date", program.AppDenialProposed, program.CmdDenialTakesEffect,
			func(a *program.Application, in *program.AppInput) { a.DenialEffectiveAt = caseNow.Add(time.Second) }, errs.Conflict, "error.case.wrong_state", nil},
		{"denial while a review is pending", program.AppDenialProposed, program.CmdDenialTakesEffect,
			func(a *program.Application, in *program.AppInput) {
				a.DenialEffectiveAt, a.ReviewRequested = caseNow.Add(-day), true
			},
			errs.Conflict, "error.case.wrong_state", nil},
		{"denial at its date", program.AppDenialProposed, program.CmdDenialTakesEffect,
			func(a *program.Application, in *program.AppInput) { a.DenialEffectiveAt = caseNow }, "", "",
			func(t *testing.T, a program.Application) { eqTime(t, "decided", a.DecidedAt, caseNow) }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			app, in := guardsMet(t, c.state, c.cmd)
			if c.setup != nil {
				c.setup(&app, &in)
			}
			got, err := app.Apply(c.cmd, in)
			if c.code != "" {
				wantErr(t, err, c.code, c.key, c.name)
				if !reflect.DeepEqual(got, app) {
					t.Errorf("refused, yet changed: %+v", got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if want := expectedAppFlow[c.cmd][c.state]; got.State != want {
				t.Errorf("state %s, want %s", got.State, want)
			}
			c.after(t, got)
		})
	}
}

func TestSubmitNamesEveryMissingEligibilityItem(t *testing.T) {
	app, in := guardsMet(t, program.AppDraft, program.CmdSubmit)
	app.Eligibility = program.Eligibility{Declared: []program.EligibilityItem{program.EligFacilities, program.EligSolvent}}
	_, err := app.Apply(program.CmdSubmit, in)
	e, ok := errs.As(err)
	if !ok || e.Code != errs.Invalid {
		t.Fatalf("err = %v, want field errors", err)
	}
	var got []string
	for _, f := range e.Fields {
		got = append(got, f.Field+" "+f.Key)
	}
	want := []string{"eligibility.trade_history error.case.eligibility_missing", "eligibility.recent_movement error.case.eligibility_missing",
		"eligibility.no_convictions error.case.eligibility_missing", "eligibility.customs_account error.case.eligibility_missing",
		"last_movement error.case.last_movement"}
	if !slices.Equal(got, want) {
		t.Errorf("fields\n got %v\nwant %v", got, want)
	}
}

// TestSubmitRefusesAStaleMovement: the latest movement must be within 90
// days of submission, not of the declaration. (Regression: a declaration
// saved long ago once passed.)
func TestSubmitRefusesAStaleMovement(t *testing.T) {
	app, in := guardsMet(t, program.AppDraft, program.CmdSubmit)
	app.Eligibility.LastMovement = caseNow.AddDate(0, 0, -120)
	if _, err := app.Apply(program.CmdSubmit, in); !errs.Is(err, errs.Invalid) {
		t.Errorf("submitted with a movement 120 days old: %v", err)
	}
}

func eqTime(t *testing.T, what string, got, want time.Time) {
	t.Helper()
	if !got.Equal(want) {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}
