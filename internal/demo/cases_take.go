package demo

import (
	"time"

	"trustlane/internal/program"
)

// take runs one application through the real use cases to its stage.
func (r runner) take(sector program.Sector, st stage) error {
	ctx, off, owner, s := r.ctx, r.off, r.owner.Actor(), r.staff
	app, err := off.CreateApplication(ctx, owner, r.orgID, sector)
	if err != nil || st == stDraft {
		return err
	}
	now := time.Now()
	if err := off.DeclareEligibility(ctx, owner, r.orgID, app.ID, program.EligibilityItems(), now.AddDate(0, 0, -12)); err != nil {
		return err
	}
	if st == stWithdrawn {
		return off.WithdrawApplication(ctx, owner, r.orgID, app.ID)
	}
	if _, err := off.SubmitApplication(ctx, owner, r.orgID, app.ID); err != nil || st == stSubmitted {
		return err
	}
	if err := off.StartReview(ctx, s.officer, app.ID); err != nil || st == stInReview {
		return err
	}
	if st == stInfo {
		return off.RequestInfo(ctx, s.officer, app.ID, "Please upload the signed seal log of the last three months and describe how seal numbers are checked at your terminal.")
	}
	if err := off.VerifyEligibility(ctx, s.officer, app.ID, program.EligibilityItems(), "Business number, customs account and movement history confirmed."); err != nil {
		return err
	}
	if st == stDenialNotice || st == stDenied {
		return r.deny(app.ID, st == stDenied)
	}
	when := now
	if st == stScheduled {
		when = now.AddDate(0, 0, 14)
	}
	v, err := off.ScheduleValidation(ctx, s.officer, app.ID, when, []string{"Main site, as registered"}, []string{s.validator.UserID})
	if err != nil || st == stScheduled {
		return err
	}
	result := program.ResultSatisfactory
	for i, it := range v.Items {
		outcome, notes := program.OutcomeMet, ""
		if st == stPlan && i == 0 {
			outcome, notes, result = program.OutcomeNotMet, "Seal log incomplete for two weeks in October.", program.ResultActionPlan
		}
		if err := off.RecordFinding(ctx, s.validator, v.ID, it.CriterionID, outcome, notes); err != nil {
			return err
		}
	}
	if err := off.CompleteValidation(ctx, s.validator, v.ID, result, "Site visited with the security lead; procedures seen in use."); err != nil {
		return err
	}
	if st == stValidated || st == stPlan {
		return nil
	}
	if _, err := off.Approve(ctx, s.manager, app.ID, decisionText("Every requirement is met; the site validation was satisfactory.")); err != nil || st == stPendingMOU {
		return err
	}
	if err := r.sign(app.ID); err != nil || st == stActive {
		return err
	}
	return r.sanction(app.ID, st)
}
