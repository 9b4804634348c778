package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/program"
	"trustlane/internal/server/servertest"
)

// ocDay is a date field's value, days from today in the program's zone.
func ocDay(days int) string {
	loc, _ := time.LoadLocation("America/Toronto")
	return time.Now().In(loc).AddDate(0, 0, days).Format(time.DateOnly)
}

// An application goes from submission to membership through the office's
// forms: review, information, eligibility, validation scheduled, checklist
// recorded item by item, completed, approved by a manager after the check
// of the answers.
func TestOfficeCaseFromSubmissionToMembership(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	ctx := context.Background()
	co, app := ocSubmitted(t, inst, "Delta Freightways Ltd.", "owner@delta.example")
	officer, _ := staffBrowser(t, inst, auth.Officer)
	validator, vu := staffBrowser(t, inst, auth.Validator)
	manager, _ := staffBrowser(t, inst, auth.Manager)
	page := "/office/applications/" + app.ID

	body := officeExpect(t, officer, page, 200, "<h1>Delta Freightways Ltd. – Highway carrier</h1>", "Submitted", "Take the case",
		`href="/office/orgs/`+co.Org.ID+`"`, "Profile as submitted", "<details>", "100% complete", "Every requirement was met at submission.",
		"Not checked yet")
	ocNoRawKeys(t, page, body)
	for _, absent := range []string{page + "/info", page + "/eligibility", page + "/validations", "/decide/approve", "/decide/deny"} {
		if strings.Contains(body, absent) {
			t.Errorf("a submitted case offers %s", absent)
		}
	}
	// The frozen evidence opens from the snapshot.
	i := strings.Index(body, page+"/evidence/")
	file := body[i : i+strings.Index(body[i:], `"`)]
	resp, pdf := officer.Get(file)
	if resp.StatusCode != 200 || !strings.HasPrefix(pdf, "%PDF") || !strings.Contains(resp.Header.Get("Content-Disposition"), "attachment") {
		t.Errorf("evidence: %d %q", resp.StatusCode, resp.Header.Get("Content-Disposition"))
	}
	officeExpect(t, officer, page+"/evidence/00000000-0000-7000-8000-000000000000", 404)

	// Start the review.
	ocPostForm(t, officer, page+"/review", nil, http.StatusSeeOther, page)
	body = officeExpect(t, officer, page, 200, "You have taken the case", "In review", "Staff officer", page+"/info", page+"/eligibility")
	if strings.Contains(body, page+"/review") {
		t.Error("the case in review still offers to take it")
	}
	body = ocPostForm(t, officer, page+"/review", nil, http.StatusConflict, "")
	if !strings.Contains(body, "<title>Error:") || !strings.Contains(body, `href="#f-review"`) {
		t.Error("taking a case twice is not refused on the page")
	}

	// Ask for information; the company answers.
	body = ocPostForm(t, officer, page+"/info", url.Values{"questions": {"Seals?"}}, http.StatusUnprocessableEntity, "")
	if !strings.Contains(body, `href="#f-questions"`) || !strings.Contains(body, ">Seals?</textarea>") {
		t.Error("short questions: no error or the text is lost")
	}
	ocPostForm(t, officer, page+"/info", url.Values{"questions": {"Send the seal log of the last three months."}}, http.StatusSeeOther, page+"#information")
	officeExpect(t, officer, page, 200, "The request has been sent", "Information requested", "Send the seal log", "Waiting for the company", "in 30 days")
	inst.Mail.Wait(t, "owner@delta.example", "needs information")
	if err := inst.Office.AnswerInfoRequest(ctx, co.Owner.Actor(), co.Org.ID, app.ID, "Seal log attached to the profile.", false); err != nil {
		t.Fatal(err)
	}

	// The validation cannot be scheduled before eligibility is verified.
	sched := url.Values{"date": {ocDay(7)}, "sites": {"1 Main St, Ottawa ON K1A 0L5\r\nYard, 9 Dock Rd, Ottawa"}, "validators": {vu.ID}}
	body = ocPostForm(t, officer, page+"/validations", sched, http.StatusConflict, "")
	if !strings.Contains(body, "Verify every eligibility requirement") || !strings.Contains(body, "9 Dock Rd") {
		t.Error("scheduling before eligibility: no error, or the sites are lost")
	}
	elig := url.Values{"check_notes": {"Checked in the CBSA records."}}
	for _, it := range program.EligibilityItems() {
		elig.Add("verified", string(it))
	}
	ocPostForm(t, officer, page+"/eligibility", elig, http.StatusSeeOther, page+"#eligibility")
	body = officeExpect(t, officer, page, 200, "The eligibility check is recorded", "Checked in the CBSA records.",
		`>1 Main St, Ottawa ON K1A 0L5, CA</textarea>`, "Staff validator")
	if n := strings.Count(body, `value="recent_movement" checked`); n != 1 {
		t.Errorf("verified items not ticked: %d", n)
	}

	// Schedule the validation, with errors first.
	for field, bad := range map[string]url.Values{
		"date":       {"date": {"31/12/2026"}, "sites": sched["sites"], "validators": {vu.ID}},
		"validators": {"date": sched["date"], "sites": sched["sites"]},
		"sites":      {"date": sched["date"], "sites": {"  "}, "validators": {vu.ID}},
	} {
		body = ocPostForm(t, officer, page+"/validations", bad, http.StatusUnprocessableEntity, "")
		if !strings.Contains(body, `href="#f-`+field+`"`) {
			t.Errorf("schedule without a good %s: no error linked", field)
		}
	}
	body = ocPostForm(t, officer, page+"/validations", url.Values{"date": {ocDay(-3)}, "sites": sched["sites"], "validators": {vu.ID}},
		http.StatusUnprocessableEntity, "")
	if !strings.Contains(body, "Choose a date from today on") {
		t.Error("a past date is accepted")
	}
	ocPostForm(t, officer, page+"/validations", sched, http.StatusSeeOther, page+"#f-validations")
	body = officeExpect(t, officer, page, 200, "The site validation is scheduled", "Validation scheduled", "Yard, 9 Dock Rd, Ottawa",
		"0 of 76 findings recorded", "Cancel the validation")
	i = strings.Index(body, `href="/office/validations/`)
	checklist := body[i+6 : i+6+strings.Index(body[i+6:], `"`)]
	inst.Mail.Wait(t, "owner@delta.example", "site validation on")

	// The calendar shows it on its day.
	day, _ := time.Parse(time.DateOnly, ocDay(7))
	cal := officeExpect(t, officer, "/office/calendar?month="+day.Format("2006-01"), 200, "<caption>Site validations in",
		`href="`+checklist+`">Delta Freightways Ltd.</a>`, "Staff validator", "1 validation this month")
	cell := cal[strings.Index(cal, "<tbody>"):]
	cell = cell[:strings.Index(cell, checklist)]
	if !strings.Contains(cell[strings.LastIndex(cell, "<td"):], "<strong>"+day.Format("2")+"</strong>") {
		t.Error("the validation is not in its day's cell")
	}

	// The checklist: the officer reads it; the validator records it item
	// by item.
	body = officeExpect(t, officer, checklist, 200, "validators record findings and complete it")
	if strings.Contains(body, `name="outcome.`) {
		t.Error("a non-validator is offered the checklist form")
	}
	val := ocValidation(t, inst, vu, app.ID)
	first := val.Items[0].CriterionID
	if resp, _ := officer.Post(checklist, url.Values{"outcome." + first: {"met"}}); resp.StatusCode != 403 {
		t.Errorf("a non-validator records a finding: %d", resp.StatusCode)
	}
	body = officeExpect(t, validator, checklist, 200, `name="outcome.`+first+`"`, "Save the findings", "Complete the validation")
	ocNoRawKeys(t, checklist, body)
	body = ocPostForm(t, validator, checklist, url.Values{"outcome." + first: {"sideways"}, "notes." + first: {"odd"}}, http.StatusUnprocessableEntity, "")
	if !strings.Contains(body, `href="#f-outcome-`+first+`"`) || !strings.Contains(body, ">odd</textarea>") {
		t.Error("a bad finding: no error beside the item, or the notes are lost")
	}
	body = ocPostForm(t, validator, checklist+"/complete", url.Values{"result": {"satisfactory"}}, http.StatusConflict, "")
	if !strings.Contains(body, "Record a finding for every checklist item first") {
		t.Error("completing an unfinished checklist is not refused")
	}
	for n, it := range val.Items {
		f := url.Values{"outcome." + it.CriterionID: {"met"}, "save": {"area-generic-x"}}
		if n == 0 {
			f.Set("notes."+it.CriterionID, "Seals logged and checked at the gate.")
		}
		ocPostForm(t, validator, checklist, f, http.StatusSeeOther, checklist+"#area-generic-x")
	}
	body = officeExpect(t, validator, checklist, 200, "The findings are saved", "76 of 76 findings recorded", ">Seals logged and checked at the gate.</textarea>")
	if strings.Count(body, `value="met" checked`) != 76 {
		t.Error("not every finding shows as recorded")
	}
	ocPostForm(t, validator, checklist, url.Values{"outcome." + first: {"met"}}, http.StatusSeeOther, checklist)
	officeExpect(t, validator, checklist, 200, "Nothing had changed")
	ocPostForm(t, validator, checklist+"/complete", url.Values{"result": {"satisfactory"}, "summary": {"All criteria met on site."}},
		http.StatusSeeOther, page+"#f-validations")
	officeExpect(t, officer, page, 200, "Validated", "Satisfactory", "76 of 76 findings recorded")
	officeExpect(t, officer, checklist, 200, "This validation is closed", "All criteria met on site.")

	// Approval is for managers: the officer sees no form and gets 403.
	body = officeExpect(t, officer, page, 200)
	if strings.Contains(body, "/decide/approve") {
		t.Error("an officer is offered the approval")
	}
	officeExpect(t, officer, page+"/decide/approve", 403)
	for _, p := range []string{"/decide/approve/check", "/decide/approve"} {
		if resp, _ := officer.Post(page+p, url.Values{"narrative": {"Approved after a clean validation."}}); resp.StatusCode != 403 {
			t.Errorf("officer POST %s: %d", p, resp.StatusCode)
		}
	}
	officeExpect(t, manager, page, 200, `href="`+page+`/decide/approve"`)
	officeExpect(t, manager, page+"/decide/approve", 200, "Approve the application", `action="`+page+`/decide/approve/check"`)
	answers := url.Values{"narrative": {"Approved after a clean validation."}}
	body = ocPostForm(t, manager, page+"/decide/approve/check", answers, 200, "")
	for _, want := range []string{"Check the approval", "Approval of your application", "Approved after a clean validation.",
		`formaction="` + page + `/decide/approve/change#f-narrative"`, `action="` + page + `/decide/approve"`} {
		if !strings.Contains(body, want) {
			t.Errorf("check page lacks %q", want)
		}
	}
	body = ocPostForm(t, manager, page+"/decide/approve/change", answers, 200, "")
	if !strings.Contains(body, ">Approved after a clean validation.</textarea>") {
		t.Error("change loses the answers")
	}
	ocPostForm(t, manager, page+"/decide/approve", answers, http.StatusSeeOther, page+"#decisions")
	body = officeExpect(t, manager, page, 200, "The application is approved", "Approved", "Approval of your application", "Download the letter")
	inst.Mail.Wait(t, "owner@delta.example", "Approval of your application")
	i = strings.Index(body, `href="/office/letters/`)
	letter := body[i+6 : i+6+strings.Index(body[i+6:], `"`)]
	if resp, pdf := manager.Get(letter); resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(pdf, "%PDF") {
		t.Errorf("letter: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	i = strings.Index(body, `href="/office/memberships/`)
	membership := body[i+6 : i+6+strings.Index(body[i+6:], `"`)]
	officeExpect(t, manager, membership, 200, "Awaiting signature", "Signature due", "The memorandum has not been signed yet.",
		"Membership created")
	officeExpect(t, manager, "/office/memberships?state=pending_mou", 200, "Delta Freightways Ltd.", `href="`+membership+`"`)
	officeExpect(t, manager, "/office/orgs/"+co.Org.ID+"/cases", 200, `href="`+page+`"`, `href="`+membership+`"`, "Approved")

	// The company reads its case on its own pages, never the office's.
	company := inst.NewBrowser(t)
	company.SignIn("owner@delta.example", servertest.Password)
	for _, p := range []string{page, file, checklist, letter, membership, page + "/decide/approve", "/office/appeals"} {
		if body := officeExpect(t, company, p, 403); strings.Contains(body, "findings recorded") || strings.Contains(body, "%PDF") {
			t.Errorf("%s shows the company the office's record", p)
		}
	}
	for _, p := range []string{page + "/review", page + "/info", checklist, page + "/decide/deny/check"} {
		if resp, _ := company.Post(p, url.Values{"questions": {"Anything at all, please."}}); resp.StatusCode != 403 {
			t.Errorf("company POST %s: %d", p, resp.StatusCode)
		}
	}
}

// ocValidation reads the application's latest validation as staff.
func ocValidation(t *testing.T, inst *servertest.Instance, staff auth.User, appID string) program.Validation {
	t.Helper()
	a := staff.Actor()
	a.MFA = true
	v, err := inst.Office.Application(context.Background(), a, "", appID)
	if err != nil || len(v.Validations) == 0 {
		t.Fatalf("validations: %v", err)
	}
	return v.Validations[len(v.Validations)-1]
}
