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

// TestCrosswalkPages: staff see each framework's coverage with a caption,
// tags in words, the criteria behind each target, in English and French,
// and download the exports; a company user and unknown frameworks are
// refused.
func TestCrosswalkPages(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	officer, _ := staffBrowser(t, inst, auth.Officer)
	body := officeExpect(t, officer, "/office/crosswalk", 200, "<h1>Criteria crosswalk</h1>", "<caption>Coverage of each partner framework",
		`href="/office/crosswalk/ctpat?version=2008"`, "/office/crosswalk/all/export?format=json")
	ocNoRawKeys(t, "/office/crosswalk", body)
	body = officeExpect(t, officer, "/office/crosswalk/ctpat?version=2024", 200, "Crosswalk to C-TPAT", "<caption>Targets of C-TPAT",
		"Agricultural security", "Fully covered", "ours is", "Catalog version 2024")
	if strings.Contains(body, "crosswalk.") {
		i := strings.Index(body, "crosswalk.")
		t.Errorf("raw key on the page: %q", body[i:min(len(body), i+50)])
	}
	resp, data := officer.Get("/office/crosswalk/ctpat/export?version=2008&format=xlsx")
	if resp.StatusCode != 200 || !strings.HasPrefix(data, "PK") || !strings.Contains(resp.Header.Get("Content-Disposition"), "crosswalk-2008-ctpat.xlsx") {
		t.Errorf("xlsx export: %d %q", resp.StatusCode, resp.Header.Get("Content-Disposition"))
	}
	resp, data = officer.Get("/office/crosswalk/all/export?format=json")
	if resp.StatusCode != 200 || !strings.Contains(data, `"trustlane-crosswalk/1"`) {
		t.Errorf("json export: %d", resp.StatusCode)
	}
	officeExpect(t, officer, "/office/crosswalk/nope", 404)
	officeExpect(t, officer, "/office/crosswalk?version=1999", 404)
	officer.Get("/lang/fr")
	officeExpect(t, officer, "/office/crosswalk/safe?lang=fr", 200, "Correspondance avec", "Entièrement couverte")

	_, company := ccCompany(t, inst, "Curious Carriers")
	if resp, _ := company.Get("/office/crosswalk"); resp.StatusCode != http.StatusForbidden && resp.StatusCode != http.StatusNotFound {
		t.Errorf("a company user reads the crosswalk: %d", resp.StatusCode)
	}
}

// TestScheduleSharedValidationForm: the case page offers the mode and the
// partner fields with the partners in force only; a relied validation
// scheduled from the form pre-fills items that the checklist marks to
// confirm, and ticking the confirmation confirms one.
func TestScheduleSharedValidationForm(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	ctx := context.Background()
	co, app := ocSubmitted(t, inst, "Shared Freight Ltd.", "owner@shared.example")
	_ = co
	officer, ou := staffBrowser(t, inst, auth.Officer)
	validator, vu := staffBrowser(t, inst, auth.Validator)
	oa := ou.Actor()
	oa.MFA = true
	ccMust(t, "review", inst.Office.StartReview(ctx, oa, app.ID))
	ccMust(t, "eligibility", inst.Office.VerifyEligibility(ctx, oa, app.ID, program.EligibilityItems(), "checked"))
	page := "/office/applications/" + app.ID
	body := officeExpect(t, officer, page, 200, `name="mode"`, `value="relied"`, "Relying on a partner", `name="partner"`,
		`<option value="CTPAT">`, `name="partner_ref"`, `name="partner_validators"`, `name="partner_validated_on"`)
	if strings.Contains(body, `<option value="EU-AEO">`) {
		t.Error("the form offers a partner whose arrangement is not in force")
	}
	form := url.Values{"date": {ocDay(5)}, "sites": {"1 Main St"}, "validators": {vu.ID}, "mode": {"relied"}, "partner": {"CTPAT"},
		"partner_ref": {"CBP-2026-5"}, "partner_validated_on": {ocDay(-400)}}
	body = ocPostForm(t, officer, page+"/validations", form, http.StatusUnprocessableEntity, "")
	if !strings.Contains(body, `href="#f-partner-validated-on"`) || !strings.Contains(body, "older than the policy allows") {
		i := strings.Index(body, "error-summary")
		t.Errorf("a partner validation too old is not refused on its field: %s", body[max(0, i):min(len(body), i+800)])
	}
	form.Set("partner_validated_on", ocDay(-20))
	ocPostForm(t, officer, page+"/validations", form, http.StatusSeeOther, page+"#f-validations")
	v := ccApp(t, inst, oa, app.ID).Validations[0]
	if v.Sharing.Mode != program.ModeRelied || len(v.Unconfirmed()) == 0 {
		t.Fatalf("scheduled %+v", v.Sharing)
	}
	officeExpect(t, officer, page, 200, "Relying on a partner", "CBP-2026-5")
	first := v.Unconfirmed()[0]
	check := "/office/validations/" + v.ID
	body = officeExpect(t, validator, check, 200, "Pre-filled from CTPAT "+first.Prefill.Target+" — confirm", `name="confirm.`+first.CriterionID+`"`)
	ocNoRawKeys(t, check, body)
	ocPostForm(t, validator, check, url.Values{"confirm." + first.CriterionID: {"1"}}, http.StatusSeeOther, check)
	after := ccApp(t, inst, oa, app.ID).Validations[0]
	if len(after.Unconfirmed()) != len(v.Unconfirmed())-1 {
		t.Errorf("%d unconfirmed after confirming one, want %d", len(after.Unconfirmed()), len(v.Unconfirmed())-1)
	}
	officeExpect(t, validator, check, 200, "Pre-filled from CTPAT "+first.Prefill.Target+", confirmed")
	body = ocPostForm(t, validator, check+"/complete", url.Values{"result": {"satisfactory"}}, http.StatusConflict, "")
	if !strings.Contains(body, "Confirm every item pre-filled") {
		t.Error("completing with unconfirmed items is not refused on the page")
	}
}
