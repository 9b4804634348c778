package office_test

import (
	"testing"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/office"
	"trustlane/internal/program"
	"trustlane/internal/store"
)

// Decision forms as staff fill them in.
var (
	approveForm = office.DecisionInput{Narrative: "Every requirement was met at the site visit."}
	denyForm    = office.DecisionInput{Reasons: []string{"DN-MSR"}, Narrative: "Seals are not controlled at the dock."}
	suspendForm = office.SuspendInput{DecisionInput: office.DecisionInput{Reasons: []string{"SU-INCIDENT"},
		Narrative: "Undeclared goods were found in a sealed trailer."}, Actions: []string{"Replace the seal supplier", " ", "Retrain dock staff"}}
	cancelForm    = office.DecisionInput{Reasons: []string{"CA-INCIDENT"}, Narrative: "A second seizure within a year."}
	overturnForm  = office.DecisionInput{Reasons: []string{"AP-FACTS"}, Narrative: "The goods were the carrier's, not the member's."}
	upholdForm    = office.DecisionInput{Reasons: []string{"AP-STANDS"}, Narrative: "The facts support the decision."}
	reinstateForm = office.DecisionInput{Reasons: []string{"RE-PLAN"}, Narrative: "Both corrective actions were verified."}
)

const appealGrounds = "The goods were loaded by a carrier we no longer use."

// submitted opens, declares and submits an application for the firm.
func (c *caseEnv) submitted(t *testing.T, f firm) program.Application {
	t.Helper()
	app, err := c.off.CreateApplication(ctx, f.actor(), f.org.ID, f.org.Sectors[0])
	must(t, err, "create application")
	must(t, c.off.DeclareEligibility(ctx, f.actor(), f.org.ID, app.ID, program.EligibilityItems(), c.clock.Now().AddDate(0, 0, -12)), "declare")
	app, err = c.off.SubmitApplication(ctx, f.actor(), f.org.ID, app.ID)
	must(t, err, "submit")
	return app
}

// inReview submits and lets the officer take the case with its eligibility
// verified.
func (c *caseEnv) inReview(t *testing.T, f firm) program.Application {
	t.Helper()
	app := c.submitted(t, f)
	must(t, c.off.StartReview(ctx, c.officer, app.ID), "start review")
	must(t, c.off.VerifyEligibility(ctx, c.officer, app.ID, program.EligibilityItems(), "CARM account and trade records seen"), "verify")
	return c.view(t, app.ID).App
}

// validated runs the site validation with every item met, except the
// first must-criterion when result asks for an action plan.
func (c *caseEnv) validated(t *testing.T, f firm, result program.ValidationResult) (program.Application, program.Validation) {
	t.Helper()
	app := c.inReview(t, f)
	v, err := c.off.ScheduleValidation(ctx, c.officer, app.ID, c.clock.Now().AddDate(0, 0, 7), []string{"Head office, Ottawa"},
		[]string{c.validator.UserID})
	must(t, err, "schedule")
	gap := result == program.ResultActionPlan
	for _, it := range v.Items {
		outcome := program.OutcomeMet
		if gap && it.Level == "must" {
			outcome, gap = program.OutcomeNotMet, false
		}
		must(t, c.off.RecordFinding(ctx, c.validator, v.ID, it.CriterionID, outcome, "seen on site"), "record "+it.CriterionID)
	}
	must(t, c.off.CompleteValidation(ctx, c.validator, v.ID, result, "Visit of the head office."), "complete")
	view := c.view(t, app.ID)
	return view.App, view.Validations[len(view.Validations)-1]
}

// approved takes a firm's application to approval by the manager.
func (c *caseEnv) approved(t *testing.T, f firm) (program.Application, program.Decision) {
	t.Helper()
	app, _ := c.validated(t, f, program.ResultSatisfactory)
	dec, err := c.off.Approve(ctx, c.manager, app.ID, approveForm)
	must(t, err, "approve")
	return c.view(t, app.ID).App, dec
}

// active approves a firm and has its owner sign the memorandum.
func (c *caseEnv) active(t *testing.T, f firm) program.Membership {
	t.Helper()
	app, _ := c.approved(t, f)
	c.signMOU(t, f, app.MembershipID)
	return c.member(t, app.MembershipID).Membership
}

// signMOU enrols the owner's second factor and signs with a fresh code.
func (c *caseEnv) signMOU(t *testing.T, f firm, membershipID string) {
	t.Helper()
	secret, _ := enrol(t, c.env, f.owner)
	_, _, hash, err := c.off.MOUText("en")
	must(t, err, "MOU text")
	must(t, c.off.SignMOU(ctx, f.actor(), f.org.ID, membershipID, "en", "President", hash, totpCode(t, c.env, secret)), "sign MOU")
}

// view and member read a case as the officer sees it.
func (c *caseEnv) view(t *testing.T, appID string) *office.ApplicationView {
	t.Helper()
	v, err := c.off.Application(ctx, c.officer, "", appID)
	must(t, err, "view application")
	return v
}

func (c *caseEnv) member(t *testing.T, id string) *office.MembershipView {
	t.Helper()
	v, err := c.off.Membership(ctx, c.officer, "", id)
	must(t, err, "view membership")
	return v
}

// promote changes a staff member's role, as an administrator would.
func (c *caseEnv) promote(t *testing.T, a auth.Actor, role auth.Role) auth.Actor {
	t.Helper()
	var u auth.User
	c.update(t, func(tx *store.Tx) error {
		var err error
		if u, err = tx.User(a.UserID); err != nil {
			return err
		}
		u.Staff = role
		return tx.UpdateUser(&u)
	})
	out := u.Actor()
	out.MFA = true
	return out
}

// sameDecisions fails if a decision recorded earlier changed since.
func sameDecisions(t *testing.T, before, after []program.Decision) {
	t.Helper()
	if len(after) < len(before) {
		t.Fatalf("%d decisions, had %d", len(after), len(before))
	}
	for i, d := range before {
		a := after[i]
		if a.ID != d.ID || a.Kind != d.Kind || !a.DecidedAt.Equal(d.DecidedAt) || !a.EffectiveAt.Equal(d.EffectiveAt) ||
			!a.AppealDeadline.Equal(d.AppealDeadline) || a.LetterID != d.LetterID || a.DecidedBy != d.DecidedBy {
			t.Errorf("decision %d changed:\n was %+v\n now %+v", i, d, a)
		}
	}
}

// days is a number of whole days.
func days(n int) time.Duration { return time.Duration(n) * 24 * time.Hour }
