package program_test

import (
	"reflect"
	"testing"
	"time"

	"trustlane/internal/errs"
	"trustlane/internal/policy"
	"trustlane/internal/program"
)

var caseNow = time.Date(2026, 5, 4, 10, 0, 0, 0, time.UTC)

// defaultPolicy is the embedded policy every case test runs under.
func defaultPolicy(t *testing.T) program.Policy {
	t.Helper()
	p, err := policy.Load("")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// wantErr fails unless err carries code and key.
func wantErr(t *testing.T, err error, code errs.Code, key, what string) {
	t.Helper()
	e, ok := errs.As(err)
	if !ok || e.Code != code || e.Key != key {
		t.Fatalf("%s: error %v, want %s %s", what, err, code, key)
	}
}

// verifiedElig is an eligibility declared in full and verified by an officer.
func verifiedElig() program.Eligibility {
	e := program.Eligibility{Declared: program.EligibilityItems(), DeclaredBy: "owner", DeclaredAt: caseNow.AddDate(0, 0, -3),
		LastMovement: caseNow.AddDate(0, 0, -10), Checks: map[program.EligibilityItem]bool{}, CheckedBy: "officer"}
	for _, it := range program.EligibilityItems() {
		e.Checks[it] = true
	}
	return e
}

// expectedAppFlow is the program's rule, written from the program's
// description rather than copied from the code: command → from → to.
var expectedAppFlow = map[program.AppCommand]map[program.AppState]program.AppState{
	program.CmdSubmit:             {program.AppDraft: program.AppSubmitted},
	program.CmdStartReview:        {program.AppSubmitted: program.AppInReview},
	program.CmdRequestInfo:        {program.AppInReview: program.AppInfoRequested, program.AppValidated: program.AppInfoRequested},
	program.CmdAnswerInfo:         {program.AppInfoRequested: program.AppInReview},
	program.CmdScheduleValidation: {program.AppInReview: program.AppValidationScheduled},
	program.CmdCancelValidation:   {program.AppValidationScheduled: program.AppInReview},
	program.CmdCompleteValidation: {program.AppValidationScheduled: program.AppValidated},
	program.CmdApprove:            {program.AppValidated: program.AppApproved},
	program.CmdProposeDenial: {program.AppInReview: program.AppDenialProposed, program.AppInfoRequested: program.AppDenialProposed,
		program.AppValidationScheduled: program.AppDenialProposed, program.AppValidated: program.AppDenialProposed},
	program.CmdRequestReview:     {program.AppDenialProposed: program.AppDenialProposed},
	program.CmdReviewUpheld:      {program.AppDenialProposed: program.AppDenied},
	program.CmdReviewOverturned:  {program.AppDenialProposed: program.AppInReview},
	program.CmdDenialTakesEffect: {program.AppDenialProposed: program.AppDenied},
	program.CmdWithdraw: {program.AppDraft: program.AppWithdrawn, program.AppSubmitted: program.AppWithdrawn,
		program.AppInReview: program.AppWithdrawn, program.AppInfoRequested: program.AppWithdrawn,
		program.AppValidationScheduled: program.AppWithdrawn, program.AppValidated: program.AppWithdrawn},
}

// guardsMet returns an application in state and an input that satisfy every
// guard of cmd, so only the state decides.
func guardsMet(t *testing.T, state program.AppState, cmd program.AppCommand) (program.Application, program.AppInput) {
	app := program.Application{ID: "app1", OrgID: "org1", Sector: program.CustomsBroker, Kind: program.Initial, State: state,
		Eligibility: verifiedElig(), SnapshotID: "snap1", OfficerID: "officer", CreatedAt: caseNow.AddDate(0, -1, 0)}
	in := program.AppInput{Now: caseNow, Policy: defaultPolicy(t), Actor: "manager", ProfileReady: true, ValidationOK: true,
		Validators: []string{"validator"}, DenialBy: "officer"}
	switch cmd {
	case program.CmdRequestReview:
		app.DenialEffectiveAt = caseNow.AddDate(0, 0, 10)
	case program.CmdReviewUpheld, program.CmdReviewOverturned:
		app.DenialEffectiveAt, app.ReviewRequested = caseNow.AddDate(0, 0, 10), true
		in.Actor = "reviewer"
	case program.CmdDenialTakesEffect:
		app.DenialEffectiveAt = caseNow.Add(-time.Hour)
	}
	return app, in
}

func TestApplicationEveryStateAndCommand(t *testing.T) {
	if len(program.AppStates()) != 10 || len(program.AppCommands()) != 14 || len(expectedAppFlow) != len(program.AppCommands()) {
		t.Fatalf("%d states, %d commands: the expected table needs updating", len(program.AppStates()), len(program.AppCommands()))
	}
	for _, cmd := range program.AppCommands() {
		for _, from := range program.AppStates() {
			t.Run(string(cmd)+"/"+string(from), func(t *testing.T) {
				app, in := guardsMet(t, from, cmd)
				want, allowed := expectedAppFlow[cmd][from]
				if cmd.Allowed(from) != allowed {
					t.Errorf("Allowed = %v, want %v", cmd.Allowed(from), allowed)
				}
				got, err := app.Apply(cmd, in)
				if !allowed {
					wantErr(t, err, errs.Conflict, "error.case.wrong_state", "refused move")
					if !reflect.DeepEqual(got, app) {
						t.Errorf("a refused move changed the application:\n got %+v\nwant %+v", got, app)
					}
					return
				}
				if err != nil {
					t.Fatalf("allowed move refused: %v", err)
				}
				if got.State != want || !got.UpdatedAt.Equal(caseNow) {
					t.Errorf("state %s at %v, want %s at %v", got.State, got.UpdatedAt, want, caseNow)
				}
				if app.State != from {
					t.Errorf("the original application changed to %s", app.State)
				}
			})
		}
	}
}

func TestApplicationFinalAndOpenStates(t *testing.T) {
	for _, s := range program.AppStates() {
		final := s == program.AppApproved || s == program.AppDenied || s == program.AppWithdrawn
		if s.Final() != final || s.Open() != (!final && s != program.AppDraft) {
			t.Errorf("%s: Final %v Open %v", s, s.Final(), s.Open())
		}
	}
}
