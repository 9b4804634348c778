package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"trustlane/internal/server/servertest"
)

// TestCaseApplyAndSubmitThroughPages walks a company through its first
// application on the pages: start it, declare eligibility (a refused
// declaration keeps its answers), meet the check page's refusal while the
// profile is not ready (it names the gap list), then submit once it is,
// see the submission on the case's timeline and the dashboard, and withdraw.
func TestCaseApplyAndSubmitThroughPages(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	co, b := ccCompany(t, inst, "Maple Haulage Inc.")
	base := "/app/orgs/" + co.Org.ID

	resp, body := b.Get(base + "/applications")
	ccExpect(t, "list", resp, body, 200, "", "<h1>Applications and memberships</h1>", "Your company has not applied yet.",
		`name="sector" type="radio" value="highway_carrier"`)
	resp, body = b.Post(base+"/applications", url.Values{"sector": {"importer"}})
	ccExpect(t, "apply for another sector", resp, body, http.StatusUnprocessableEntity, "", "<title>Error:", `href="#f-sector"`,
		"Choose one of your company")
	resp, body = b.Post(base+"/applications", url.Values{"sector": {"highway_carrier"}})
	ccExpect(t, "apply", resp, body, http.StatusSeeOther, "")
	caseURL := resp.Header.Get("Location")
	if !strings.HasPrefix(caseURL, base+"/applications/") {
		t.Fatalf("apply sent to %q", caseURL)
	}
	resp, body = b.Get(caseURL)
	ccExpect(t, "draft", resp, body, 200, "", "<h1>Highway carrier application</h1>", "The application is started.",
		`tag--grey">Draft</strong>`, `action="`+caseURL+`/eligibility"`, "Application started")
	contains(t, "draft banner", ccBanner(t, body), "Declare your eligibility", `href="#eligibility"`)

	// Some requirements left unticked: the answers given stay.
	moved := time.Now().AddDate(0, 0, -12).Format(time.DateOnly)
	partial := url.Values{"eligibility": {"facilities", "solvent"}, "last_movement": {moved}}
	resp, body = b.Post(caseURL+"/eligibility", partial)
	ccExpect(t, "partial eligibility", resp, body, http.StatusUnprocessableEntity, "", "<title>Error:", `href="#f-eligibility"`,
		"Confirm every requirement", `value="solvent" checked`, `value="`+moved+`"`)
	lacks(t, "partial eligibility", body, `value="trade_history" checked`)

	all := url.Values{"eligibility": {"facilities", "trade_history", "recent_movement", "solvent", "no_convictions", "customs_account"},
		"last_movement": {moved}}
	resp, body = b.Post(caseURL+"/eligibility", all)
	ccExpect(t, "eligibility", resp, body, http.StatusSeeOther, caseURL+"/submit")

	resp, body = b.Get(caseURL + "/submit")
	ccExpect(t, "check page", resp, body, 200, "", "Check your answers before submitting", "Declared on", "Not ready",
		`href="`+base+`/profile/gaps"`, "What submitting means", `action="`+caseURL+`/submit"`)
	resp, body = b.Post(caseURL+"/submit", nil)
	ccExpect(t, "submit before ready", resp, body, http.StatusConflict, "", "<title>Error:", `href="#f-profile"`,
		"See the gap list", `href="`+base+`/profile/gaps"`)
	_, body = b.Get(caseURL)
	contains(t, "still a draft", body, `tag--grey">Draft</strong>`)
	lacks(t, "still a draft", body, "Application submitted")

	ccReadyProfile(t, inst, co)
	_, body = b.Get(caseURL + "/submit")
	contains(t, "check page when ready", body, `tag--green">Ready</strong>`)
	resp, body = b.Post(caseURL+"/submit", nil)
	ccExpect(t, "submit", resp, body, http.StatusSeeOther, caseURL)
	resp, body = b.Get(caseURL)
	ccExpect(t, "submitted", resp, body, 200, "", "The application is submitted.", `<strong class="tag">Submitted</strong>`,
		"Application submitted", "Eligibility declared", "Security Profile under review", "Evidence files in the copy under review")
	contains(t, "submitted banner", ccBanner(t, body), "Nothing to do: the program office is reviewing it")
	lacks(t, "submitted", body, `action="`+caseURL+`/eligibility"`)
	if i, j := strings.Index(body, "Application submitted"), strings.Index(body, "Application started"); i > j {
		t.Error("the timeline is not newest first")
	}

	// The frozen copy's files download from the case.
	i := strings.Index(body, caseURL+"/evidence/")
	if i < 0 {
		t.Fatal("no evidence link in the snapshot")
	}
	link := body[i : i+strings.Index(body[i:], `"`)]
	resp, file := b.Get(link)
	ccExpect(t, "snapshot file", resp, file, 200, "")
	if !strings.HasPrefix(file, "%PDF") || !strings.HasPrefix(resp.Header.Get("Content-Disposition"), "attachment") {
		t.Errorf("snapshot file: %q %q", resp.Header.Get("Content-Disposition"), file[:min(len(file), 10)])
	}

	_, body = b.Get(base + "/applications")
	contains(t, "list after submission", body, "Each of your company", `<strong class="tag">Submitted</strong>`)
	lacks(t, "list after submission", body, `value="highway_carrier"`)
	_, body = b.Get(base)
	contains(t, "dashboard", body, `<h2 id="cases">Applications and memberships</h2>`, `href="`+caseURL+`">Highway carrier application</a>`,
		"Nothing to do: the program office is reviewing it")

	// Withdrawing asks first, then ends the application.
	resp, body = b.Get(caseURL + "/withdraw")
	ccExpect(t, "withdraw check", resp, body, 200, "", "Withdrawing ends the application", `action="`+caseURL+`/withdraw"`)
	resp, body = b.Post(caseURL+"/withdraw", nil)
	ccExpect(t, "withdraw", resp, body, http.StatusSeeOther, caseURL)
	_, body = b.Get(caseURL)
	contains(t, "withdrawn", body, `tag--grey">Withdrawn</strong>`, "Application withdrawn", "You can apply again")
	lacks(t, "withdrawn", body, caseURL+"/withdraw")
	_, body = b.Get(base + "/applications")
	contains(t, "list after withdrawal", body, `value="highway_carrier"`)
}
