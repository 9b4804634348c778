package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/office"
	"trustlane/internal/program"
	"trustlane/internal/server/servertest"
)

// TestCaseNextStepsThroughReview follows one application from submission
// to an active membership. At each stage the "What happens next" banner
// says what the company must do and by when, and the company acts through
// the page's forms: it answers the request for information (sending its
// profile again), answers the action plan, downloads the approval letter
// and signs the memorandum with a fresh code from its authenticator app.
func TestCaseNextStepsThroughReview(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	ctx := context.Background()
	team := ccStaffTeam(t, inst)
	co, b := ccCompany(t, inst, "Spruce Freight Ltd.")
	app := ccSubmitted(t, inst, co)
	caseURL := "/app/orgs/" + co.Org.ID + "/applications/" + app.ID
	banner := func(step string, wants ...string) string {
		t.Helper()
		resp, body := b.Get(caseURL)
		wantStatus(t, step, resp, 200)
		contains(t, step+" banner", ccBanner(t, body), wants...)
		return body
	}
	banner("submitted", "Nothing to do: the program office is reviewing it")

	// A request for information: answer by its due date, on the page.
	ccMust(t, "start review", inst.Office.StartReview(ctx, team.Officer, app.ID))
	ccMust(t, "request info", inst.Office.RequestInfo(ctx, team.Officer, app.ID, "Send the floor plan of the yard."))
	due := ccApp(t, inst, team.Officer, app.ID).App.InfoDueAt
	body := banner("info requested", "Answer the request for information", "Answer by "+ccDate(inst, due)+" (in 30 days)",
		`href="#info-requests"`)
	contains(t, "info requested", body, "Send the floor plan of the yard.", `action="`+caseURL+`/info"`,
		"Also send my current Security Profile as an update")
	resp, body := b.Post(caseURL+"/info", url.Values{"answer": {"ok"}})
	ccExpect(t, "short answer", resp, body, http.StatusUnprocessableEntity, "", "<title>Error:", `href="#f-answer"`, "Write your answer.")
	resp, body = b.Post(caseURL+"/info", url.Values{"answer": {"The floor plan is now in the profile."}, "refresh": {"yes"}})
	ccExpect(t, "answer", resp, body, http.StatusSeeOther, caseURL+"#info-requests")
	body = banner("info answered", "Nothing to do: the program office is reviewing it")
	contains(t, "info answered", body, "The floor plan is now in the profile.", "The current Security Profile was sent with it.",
		"Information provided")
	lacks(t, "info answered", body, `action="`+caseURL+`/info"`)

	// The site validation finds a requirement not met: an action plan.
	planID := ccValidate(t, inst, team, app.ID, "Install a gate at the yard entrance.")
	plan := ccApp(t, inst, team.Officer, app.ID).Plans[0]
	body = banner("action plan", "Answer the corrective actions", ccDate(inst, plan.DueAt()), `href="#plans"`)
	contains(t, "action plan", body, "Action plan required", `tag--red">Not met</strong>`, "Install a gate at the yard entrance.",
		"Findings of the visit of")
	field := "f-response-" + planID + "-A1"
	action := caseURL + "/plans/" + planID + "/actions/A1"
	contains(t, "action plan form", body, `action="`+action+`"`, `id="`+field+`"`)
	resp, body = b.Post(action, url.Values{"response": {""}})
	ccExpect(t, "empty response", resp, body, http.StatusUnprocessableEntity, "", "<title>Error:", `href="#`+field+`"`,
		"Describe what was done")
	resp, body = b.Post(action, url.Values{"response": {"A locked gate was installed on May 2."}})
	ccExpect(t, "response", resp, body, http.StatusSeeOther, caseURL+"#plans")
	body = banner("plan answered", "Nothing to do: your answers are being checked")
	contains(t, "plan answered", body, "A locked gate was installed on May 2.", "Corrective action answered")
	if got := ccApp(t, inst, team.Officer, app.ID).Plans[0].Items[0].Response; got != "A locked gate was installed on May 2." {
		t.Errorf("response stored: %q", got)
	}
	ccMust(t, "verify action", inst.Office.VerifyAction(ctx, team.Officer, planID, "A1", program.VerdictAccepted, "Seen on photos."))
	banner("plan verified", "Nothing to do: waiting for the decision")

	// Approval: the owner must sign the memorandum, by its due date.
	_, err := inst.Office.Approve(ctx, team.Manager, app.ID, office.DecisionInput{})
	ccMust(t, "approve", err)
	v := ccApp(t, inst, team.Officer, app.ID)
	m := *v.Membership
	memberURL := "/app/orgs/" + co.Org.ID + "/memberships/" + m.ID
	body = banner("approved", "Sign the memorandum of understanding", ccDate(inst, m.MOUDueAt), `href="`+memberURL+`/mou"`)
	contains(t, "approved", body, "Approval of your application", m.Number)
	letter := "/app/orgs/" + co.Org.ID + "/letters/" + v.Decisions[0].LetterID
	contains(t, "approved", body, `href="`+letter+`"`)
	resp, pdf := b.Get(letter)
	wantStatus(t, "letter", resp, 200)
	if resp.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(resp.Header.Get("Content-Disposition"), "attachment;") ||
		!strings.HasPrefix(pdf, "%PDF") {
		t.Errorf("letter: %q %q %q", resp.Header.Get("Content-Type"), resp.Header.Get("Content-Disposition"), pdf[:min(len(pdf), 8)])
	}

	ccSignMOU(t, inst, co, b, memberURL)

	// French readers get the same page in French.
	b.Get("/lang/fr?back=/")
	_, body = b.Get(memberURL)
	contains(t, "French", body, `<html lang="fr">`, "Prochaines étapes", "Confirmez vos renseignements chaque année")
}

// ccSignMOU signs the memorandum on the pages: first without two-step
// verification (the page says how to turn it on), then with a wrong code
// (the form stays with its title), then with a fresh one.
func ccSignMOU(t *testing.T, inst *servertest.Instance, co servertest.Company, b *servertest.Browser, memberURL string) {
	t.Helper()
	resp, body := b.Get(memberURL)
	ccExpect(t, "membership", resp, body, 200, "", `tag--yellow">Awaiting signature</strong>`, "Read and sign the memorandum")
	resp, body = b.Get(memberURL + "/mou")
	ccExpect(t, "MOU without 2FA", resp, body, 200, "", "Signing needs two-step verification", `href="/account/totp"`,
		"<h2>Memorandum of Understanding — Partners in Protection</h2>", "<li>Meet the program")
	lacks(t, "MOU without 2FA", body, `name="code"`)

	secret := ccEnrolTOTP(t, inst, co.Owner)
	resp, body = b.Get(memberURL + "/mou")
	ccExpect(t, "MOU form", resp, body, 200, "", `name="text_sha256"`, `name="code"`, `name="title"`, "Check before signing")
	_, _, hash, _ := inst.Office.MOUText("en")
	contains(t, "MOU form", body, `value="`+hash+`"`)
	code, _ := auth.TOTPCode(secret, time.Now())
	form := url.Values{"title": {"President"}, "code": {wrongCode(code)}, "text_sha256": {hash}, "lang": {"en"}}
	resp, body = b.Post(memberURL+"/mou", form)
	ccExpect(t, "wrong code", resp, body, http.StatusUnprocessableEntity, "", "<title>Error:", `href="#f-code"`, `value="President"`)
	_, body = b.Get(memberURL)
	contains(t, "still awaiting", body, "Awaiting signature")

	form.Set("code", code)
	resp, body = b.Post(memberURL+"/mou", form)
	ccExpect(t, "sign", resp, body, http.StatusSeeOther, memberURL)
	resp, body = b.Get(memberURL)
	ccExpect(t, "active", resp, body, 200, "", "The memorandum is signed.", `tag--green">Active</strong>`, "Memorandum signed",
		"President (version 2026-1)", `action="`+memberURL+`/confirm"`)
	contains(t, "active banner", ccBanner(t, body), "Confirm your information every year")
	resp, body = b.Post(memberURL+"/confirm", nil)
	ccExpect(t, "confirm", resp, body, http.StatusSeeOther, memberURL)
	_, body = b.Get(memberURL)
	contains(t, "confirmed", body, "your information is confirmed for the year", "Yearly information confirmed")
}
