package web_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/program"
	"trustlane/internal/server/servertest"
)

func TestOfficeCasesQueueFiltersCountsAndPaging(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	ctx := context.Background()
	alpha, appA := ocSubmitted(t, inst, "Alpha Haulage Ltd.", "owner@alpha.example")
	_, appB := ocSubmitted(t, inst, "Bravo Transport Inc.", "owner@bravo.example")
	officer, me := staffBrowser(t, inst, auth.Officer)
	other, _ := staffBrowser(t, inst, auth.Officer)
	meActor := me.Actor()
	meActor.MFA = true
	if err := inst.Office.StartReview(ctx, meActor, appB.ID); err != nil {
		t.Fatal(err)
	}

	body := officeExpect(t, officer, "/office/cases", 200, "<caption>Open cases", "2 results", "Alpha Haulage Ltd.", "Bravo Transport Inc.",
		`href="/office/applications/`+appA.ID+`"`, "Highway carrier", "First application", "Not assigned", "Staff officer")
	ocNoRawKeys(t, "/office/cases", body)
	for tab, n := range map[string]int{"All open cases": 2, "Submitted": 1, "In review": 1, "Information requested": 0} {
		if !strings.Contains(body, tab+` <span class="tag tag--grey">`+fmt.Sprint(n)+`</span>`) {
			t.Errorf("tab %q does not count %d", tab, n)
		}
	}
	if row := tableRow(t, body, "Bravo Transport Inc."); !strings.Contains(row, "In review") || !strings.Contains(row, "0 days") {
		t.Errorf("Bravo's row: %s", row)
	}
	body = officeExpect(t, officer, "/office/cases?state=submitted", 200, "1 result", "Alpha Haulage Ltd.",
		`<option value="submitted" selected>`, `aria-current="page">Submitted`)
	if strings.Contains(body, "Bravo Transport") {
		t.Error("the state filter shows a case in review")
	}
	officeExpect(t, officer, "/office/cases?mine=1", 200, "1 result", "Bravo Transport Inc.", `name="mine" type="checkbox" value="1" checked`)
	officeExpect(t, other, "/office/cases?mine=1", 200, "0 results", "No case matches these filters.")
	officeExpect(t, officer, "/office/cases?sector=importer", 200, "0 results")

	// A request for information shows its due date and the days left.
	if err := inst.Office.RequestInfo(ctx, meActor, appB.ID, "Send the seal log of the last three months."); err != nil {
		t.Fatal(err)
	}
	body = officeExpect(t, officer, "/office/cases?state=info_requested", 200, "Bravo Transport Inc.")
	if row := tableRow(t, body, "Bravo Transport Inc."); !strings.Contains(row, "Answer due") || !strings.Contains(row, "in 30 days") {
		t.Errorf("no due date on the row: %s", row)
	}

	// Anything the page does not understand falls back to a default.
	for _, q := range []string{"page=abc", "page=-3", "page=0", "state=bogus", "state=draft", "sector=" + url.QueryEscape("<script>"),
		"mine=yes", "page=99999999999999999999"} {
		resp, body := officer.Get("/office/cases?" + q)
		if resp.StatusCode != 200 || !strings.Contains(body, "Page 1 of 1") || strings.Contains(body, "<script>") {
			t.Errorf("/office/cases?%s: %d", q, resp.StatusCode)
		}
	}

	// Paging: 26 applications withdrawn one after the other by one company.
	owner := alpha.Owner.Actor()
	if err := inst.Office.WithdrawApplication(ctx, owner, alpha.Org.ID, appA.ID); err != nil {
		t.Fatal(err)
	}
	for range 25 {
		app, err := inst.Office.CreateApplication(ctx, owner, alpha.Org.ID, program.HighwayCarrier)
		if err != nil {
			t.Fatal(err)
		}
		if err := inst.Office.DeclareEligibility(ctx, owner, alpha.Org.ID, app.ID, program.EligibilityItems(), time.Now().AddDate(0, 0, -5)); err != nil {
			t.Fatal(err)
		}
		if _, err := inst.Office.SubmitApplication(ctx, owner, alpha.Org.ID, app.ID); err != nil {
			t.Fatal(err)
		}
		if err := inst.Office.WithdrawApplication(ctx, owner, alpha.Org.ID, app.ID); err != nil {
			t.Fatal(err)
		}
	}
	body = officeExpect(t, officer, "/office/cases?state=withdrawn", 200, "26 results", "Page 1 of 2",
		`href="/office/cases?page=2&amp;state=withdrawn" rel="next"`, `<caption>Cases with the status “Withdrawn”`)
	if n := strings.Count(body, "<tr>") - 1; n != 25 {
		t.Errorf("page 1 shows %d rows", n)
	}
	if !strings.Contains(body, `href="/office/applications/`+appA.ID+`"`) {
		t.Error("the case waiting longest is not on the first page")
	}
	body = officeExpect(t, officer, "/office/cases?state=withdrawn&page=2", 200, "Page 2 of 2", `href="/office/cases?state=withdrawn" rel="prev"`)
	if n := strings.Count(body, "<tr>") - 1; n != 1 {
		t.Errorf("page 2 shows %d rows", n)
	}
	resp, _ := officer.Get("/office/cases?state=withdrawn&page=9")
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/office/cases?page=2&state=withdrawn" {
		t.Errorf("page past the end: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	officeExpect(t, officer, "/office/cases", 200, "1 result", "All open cases <span class=\"tag tag--grey\">1</span>")

	officer.Get("/lang/fr?back=/office/cases")
	body = officeExpect(t, officer, "/office/cases", 200, "Files de travail", "Renseignements demandés", "Réponse attendue", "dans 30 jours")
	ocNoRawKeys(t, "/office/cases (fr)", body)
}

func TestOfficeCasesAreForStaff(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	co := inst.SignUpCompany(t, "Charlie Cartage Ltd.", "owner@charlie.example")
	anon := inst.NewBrowser(t)
	if resp, _ := anon.Get("/office/cases"); resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/signin") {
		t.Errorf("anonymous: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	company := inst.NewBrowser(t)
	company.SignIn("owner@charlie.example", servertest.Password)
	for _, p := range []string{"/office/cases", "/office/memberships", "/office/appeals", "/office/calendar", "/office/outbox",
		"/office/orgs/" + co.Org.ID + "/cases"} {
		officeExpect(t, company, p, 403, "You do not have access")
	}
	officer, _ := staffBrowser(t, inst, auth.Officer)
	for _, p := range []string{"/office/applications/00000000-0000-7000-8000-000000000000", "/office/applications/not-an-id",
		"/office/memberships/00000000-0000-7000-8000-000000000000", "/office/validations/00000000-0000-7000-8000-000000000000",
		"/office/appeals/00000000-0000-7000-8000-000000000000", "/office/letters/" + co.Org.ID + "/00000000-0000-7000-8000-000000000000"} {
		officeExpect(t, officer, p, 404)
	}
	body := officeExpect(t, officer, "/office", 200, `href="/office/cases"`, `href="/office/calendar"`, `href="/office/appeals"`)
	if strings.Contains(body, `href="/office/outbox"`) {
		t.Error("an officer is offered the outbox")
	}
	officeExpect(t, officer, "/office/orgs/"+co.Org.ID, 200, `href="/office/orgs/`+co.Org.ID+`/cases"`)
	officeExpect(t, officer, "/office/orgs/"+co.Org.ID+"/cases", 200, "Cases of Charlie Cartage Ltd.", "No application.")

	// A month the calendar does not understand is the current month.
	loc, _ := time.LoadLocation("America/Toronto")
	now := time.Now().In(loc)
	this := now.Format("2006-01")
	for _, q := range []string{"", "?month=bogus", "?month=2026-13", "?month=1850-01", "?month=" + url.QueryEscape("<b>")} {
		body := officeExpect(t, officer, "/office/calendar"+q, 200, "<caption>Site validations in "+now.Format("January 2006"),
			"No site validation this month.", "0 validations this month")
		if strings.Contains(body, `href="/office/calendar?month=`+this+`"`) {
			t.Errorf("/office/calendar%s offers a link to the month it shows", q)
		}
	}
	officeExpect(t, officer, "/office/calendar?month=2026-02", 200, "February 2026", `href="/office/calendar?month=2026-01" rel="prev"`,
		`href="/office/calendar?month=2026-03" rel="next"`, "<abbr title=\"Sunday\">Sun</abbr>")
	officer.Get("/lang/fr?back=/office/calendar")
	officeExpect(t, officer, "/office/calendar?month=2026-02", 200, "février 2026", "<abbr title=\"dimanche\">dim.</abbr>")
}
