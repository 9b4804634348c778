package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"trustlane/internal/auth"
	"trustlane/internal/program"
	"trustlane/internal/server/servertest"
)

// TestSharedChecklistInFrenchKeepsConfirmation: the case page's shared
// scheduling form and a relied validation's checklist read in French;
// a confirmation ticked on an item whose save is refused stays ticked
// when the page comes back with the error.
func TestSharedChecklistInFrenchKeepsConfirmation(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	ctx := context.Background()
	_, app := ocSubmitted(t, inst, "Partage Fret ltée", "owner@partage.example")
	officer, ou := staffBrowser(t, inst, auth.Officer)
	validator, vu := staffBrowser(t, inst, auth.Validator)
	oa := ou.Actor()
	oa.MFA = true
	ccMust(t, "review", inst.Office.StartReview(ctx, oa, app.ID))
	ccMust(t, "eligibility", inst.Office.VerifyEligibility(ctx, oa, app.ID, program.EligibilityItems(), "checked"))
	officer.Get("/lang/fr?back=/")
	validator.Get("/lang/fr?back=/")
	page := "/office/applications/" + app.ID
	form := url.Values{"date": {ocDay(5)}, "sites": {"1 rue Principale"}, "validators": {vu.ID}, "mode": {"relied"}, "partner": {"CTPAT"},
		"partner_ref": {"CBP-2026-5"}, "partner_validated_on": {ocDay(-400)}}
	body := ocPostForm(t, officer, page+"/validations", form, http.StatusUnprocessableEntity, "")
	contains(t, "refused schedule", body, `value="CBP-2026-5"`, `value="`+ocDay(-400)+`"`, `href="#f-partner-validated-on"`)
	form.Set("partner_validated_on", ocDay(-20))
	ocPostForm(t, officer, page+"/validations", form, http.StatusSeeOther, page+"#f-validations")
	v := ccApp(t, inst, oa, app.ID).Validations[0]
	first := v.Unconfirmed()[0]
	check := "/office/validations/" + v.ID
	_, body = validator.Get(check)
	contains(t, "checklist in French", body, `<html lang="fr">`, `name="confirm.`+first.CriterionID+`"`)
	for _, l := range frenchLeaks(body, "Partage Fret ltée", "1 rue Principale") {
		t.Errorf("checklist: English or a raw key in French: %q", l)
	}
	post := url.Values{"confirm." + first.CriterionID: {"1"}, "notes." + first.CriterionID: {strings.Repeat("x", 8001)}}
	body = ocPostForm(t, validator, check, post, http.StatusUnprocessableEntity, "")
	box := `name="confirm.` + first.CriterionID + `" type="checkbox" value="1" checked`
	if !strings.Contains(body, box) {
		i := strings.Index(body, `name="confirm.`+first.CriterionID)
		t.Errorf("the ticked confirmation is lost after the error: %s", body[max(0, i-60):min(len(body), i+120)])
	}
}
