package demo

import (
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/office"
)

func decisionText(narrative string, reasons ...string) office.DecisionInput {
	return office.DecisionInput{Reasons: reasons, Narrative: narrative}
}

// deny announces a denial; for a final denial the company asks for the
// informal review and the appeals reviewer upholds it.
func (r runner) deny(appID string, final bool) error {
	dec, err := r.off.ProposeDenial(r.ctx, r.staff.officer, appID, decisionText(
		"The site uses indicative seals only and its risk assessment does not cover its foreign suppliers.", "DN-MSR"))
	if err != nil || !final {
		return err
	}
	ap, err := r.off.FileAppeal(r.ctx, r.owner.Actor(), r.orgID, dec.ID,
		"We have ordered ISO 17712 class H seals and will complete the supplier assessment next month.")
	if err != nil {
		return err
	}
	return r.off.DecideAppeal(r.ctx, r.staff.appeals, ap.ID, false, decisionText(
		"Orders are not measures in place; the company may apply again once they are.", "AP-LATE-FIX"))
}

// sign has the account owner sign the memorandum with a second factor,
// enrolling the demonstration secret first.
func (r runner) sign(appID string) error {
	v, err := r.off.Application(r.ctx, r.owner.Actor(), r.orgID, appID)
	if err != nil {
		return err
	}
	if err := r.off.EnrolTOTPForDemo(r.ctx, r.owner.ID, StaffTOTPSecret); err != nil {
		return err
	}
	code, err := auth.TOTPCode(StaffTOTPSecret, time.Now())
	if err != nil {
		return err
	}
	_, _, hash, err := r.off.MOUText(r.owner.Lang)
	if err != nil {
		return err
	}
	owner := r.owner.Actor()
	return r.off.SignMOU(r.ctx, owner, r.orgID, v.App.MembershipID, r.owner.Lang, "Chief Executive Officer", hash, code)
}

// sanction suspends (and has the company appeal) or cancels an active
// membership.
func (r runner) sanction(appID string, st stage) error {
	v, err := r.off.Application(r.ctx, r.owner.Actor(), r.orgID, appID)
	if err != nil {
		return err
	}
	id := v.App.MembershipID
	switch st {
	case stSuspended:
		dec, err := r.off.Suspend(r.ctx, r.staff.officer, id, office.SuspendInput{
			DecisionInput: decisionText("A container left the terminal with an unrecorded seal after a shift change.", "SU-MSR"),
			Actions:       []string{"Retrain the night shift on seal recording", "Audit the seal log weekly for three months"},
			RemedyDue:     time.Now().AddDate(0, 0, 60)})
		if err != nil {
			return err
		}
		_, err = r.off.FileAppeal(r.ctx, r.owner.Actor(), r.orgID, dec.ID,
			"The seal was recorded on paper and entered late; the log shows no gap once the paper record is counted.")
		return err
	case stCancelled:
		_, err := r.off.Cancel(r.ctx, r.staff.manager, id, decisionText(
			"The company let its customs account lapse and did not answer two requests to restore it.", "CA-ELIG"))
		return err
	}
	return nil
}
