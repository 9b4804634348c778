package web_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"net/url"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/office"
	"trustlane/internal/program"
	"trustlane/internal/server/servertest"
)

var staffSeq atomic.Int64

// staffBrowser creates a staff member holding role and signs them in the way
// a person would: password, the forced detour to set up two-step
// verification, enrolment, then a full sign-in with a second factor (a
// recovery code, since the enrolment just used the current TOTP step).
func staffBrowser(t *testing.T, inst *servertest.Instance, role auth.Role) (*servertest.Browser, auth.User) {
	t.Helper()
	ctx := context.Background()
	email := fmt.Sprintf("%s%d@office.example", role, staffSeq.Add(1))
	u, err := inst.Office.CreateStaff(ctx, auth.System, office.StaffInput{
		Name: "Staff " + string(role), Email: email, Password: servertest.Password, Role: role, Lang: "en"})
	if err != nil {
		t.Fatalf("create staff: %v", err)
	}
	b := inst.NewBrowser(t)
	signin := url.Values{"email": {email}, "password": {servertest.Password}}
	if resp, _ := b.Post("/signin", signin); resp.Header.Get("Location") != "/account/totp" {
		t.Fatalf("staff without TOTP sent to %q", resp.Header.Get("Location"))
	}
	setup, err := inst.Office.BeginTOTP(ctx, u.Actor())
	if err != nil {
		t.Fatal(err)
	}
	code, _ := auth.TOTPCode(setup.Secret, time.Now())
	codes, err := inst.Office.ConfirmTOTP(ctx, u.Actor(), code)
	if err != nil || len(codes) == 0 {
		t.Fatalf("confirm TOTP: %v", err)
	}
	b.Post("/signout", nil)
	if resp, _ := b.Post("/signin", signin); !strings.HasPrefix(resp.Header.Get("Location"), "/signin/code") {
		t.Fatalf("second sign-in sent to %q", resp.Header.Get("Location"))
	}
	if resp, body := b.Post("/signin/code", url.Values{"code": {codes[0]}}); resp.Header.Get("Location") != "/office" {
		t.Fatalf("code: %d %q\n%s", resp.StatusCode, resp.Header.Get("Location"), body)
	}
	return b, u
}

// officeExpect fetches path and checks its status and what the page says.
func officeExpect(t *testing.T, b *servertest.Browser, path string, status int, want ...string) string {
	t.Helper()
	resp, body := b.Get(path)
	if resp.StatusCode != status {
		t.Fatalf("GET %s: status %d, want %d\n%s", path, resp.StatusCode, status, body)
	}
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Errorf("GET %s lacks %q", path, w)
		}
	}
	return body
}

// tableRow returns the table row of body that contains needle.
func tableRow(t *testing.T, body, needle string) string {
	t.Helper()
	i := strings.Index(body, needle)
	if i < 0 {
		t.Fatalf("no row with %q", needle)
	}
	start := strings.LastIndex(body[:i], "<tr")
	end := strings.Index(body[i:], "</tr>")
	return body[start : i+end]
}

// officeMember brings a colleague holding role into c's company, as an
// invitation accepted by a newcomer would.
func officeMember(t *testing.T, inst *servertest.Instance, c servertest.Company, email, name string, role auth.Role) {
	t.Helper()
	ctx := context.Background()
	if _, err := inst.Office.Invite(ctx, c.Owner.Actor(), c.Org.ID, email, role); err != nil {
		t.Fatal(err)
	}
	link := inst.Mail.Wait(t, email, "invited").Link()
	if _, _, err := inst.Office.AcceptInvitationNewAccount(ctx, link[strings.LastIndex(link, "/")+1:], name, "", servertest.Password, "en"); err != nil {
		t.Fatalf("accept: %v", err)
	}
}

func TestOfficeSearchSortFilterAndPaging(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	ctx := context.Background()
	for i := 1; i <= 30; i++ {
		c := inst.SignUpCompany(t, fmt.Sprintf("Zephyr Logistics %02d", i), fmt.Sprintf("owner%02d@zephyr.example", i))
		if i%10 == 0 { // three of them also run warehouses
			o := c.Org
			in := program.OrgInput{LegalName: o.LegalName, Category: string(o.Category), Address: o.Address,
				Sectors: []string{"highway_carrier", "warehouse_operator"}, Identifiers: map[string]string{}, Lang: "en"}
			for k, v := range o.Identifiers {
				in.Identifiers[string(k)] = v
			}
			if _, err := inst.Office.UpdateOrg(ctx, c.Owner.Actor(), o.ID, in); err != nil {
				t.Fatal(err)
			}
		}
	}
	b, _ := staffBrowser(t, inst, auth.Officer)
	body := officeExpect(t, b, "/office", 200, "30 results", "Page 1 of 2", "<caption>", `href="/office?page=2"`,
		"Zephyr Logistics 01", "Highway carrier", "Ottawa, ON", `<abbr title="Business number (BN)">BN</abbr>`)
	if strings.Contains(body, "Zephyr Logistics 21") || strings.Contains(body, `rel="prev"`) {
		t.Error("page 1 shows page 2's rows or a previous link")
	}
	body = officeExpect(t, b, "/office?page=2", 200, "Zephyr Logistics 21", "Zephyr Logistics 30", "Page 2 of 2", `href="/office" rel="prev"`)
	if strings.Contains(body, "Zephyr Logistics 20<") || strings.Contains(body, `rel="next"`) {
		t.Error("page 2 shows page 1's rows or a next link")
	}
	body = officeExpect(t, b, "/office?sort=newest&q=zephyr", 200, `href="/office?page=2&amp;q=zephyr&amp;sort=newest" rel="next"`, `aria-sort="descending"`)
	if i30, i29 := strings.Index(body, "Zephyr Logistics 30"), strings.Index(body, "Zephyr Logistics 29"); i30 < 0 || i29 < i30 {
		t.Error("newest first: 30 should come before 29")
	}
	officeExpect(t, b, "/office?sort=newest&q=zephyr&page=2", 200, "Zephyr Logistics 01", `href="/office?q=zephyr&amp;sort=newest" rel="prev"`)
	body = officeExpect(t, b, "/office?sector=warehouse_operator", 200, "3 results", "Zephyr Logistics 10", "Zephyr Logistics 20",
		"Zephyr Logistics 30", `<option value="warehouse_operator" selected>`, "Page 1 of 1")
	if strings.Contains(body, "Zephyr Logistics 11") {
		t.Error("sector filter ignored")
	}
	officeExpect(t, b, "/office?q=LOGISTICS+1", 200, "10 results", `value="LOGISTICS 1"`)
	officeExpect(t, b, "/office?q=no+such+company", 200, "0 results", "No organization matches")

	// Anything the page does not understand falls back to a default.
	for _, q := range []string{"page=abc", "page=-5", "page=0", "page=99999999999999999999999", "sector=bogus",
		"sort=sideways", "sector=" + url.QueryEscape("<script>"), "q=" + strings.Repeat("x%25_", 400)} {
		resp, body := b.Get("/office?" + q)
		if resp.StatusCode != 200 || !strings.Contains(body, "Page 1 of") {
			t.Errorf("/office?%s: %d", q, resp.StatusCode)
		}
	}
	resp, _ := b.Get("/office?page=7&sort=newest")
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/office?page=2&sort=newest" {
		t.Errorf("page past the end: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	b.Get("/lang/fr?back=/office")
	officeExpect(t, b, "/office", 200, "30 résultats", "Page 1 de 2", "Transporteur routier")
}

func TestOfficeAccessAndOrgPage(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	acme := inst.SignUpCompany(t, "Acme Cartage Ltd.", "owner@acme.example")
	other := inst.SignUpCompany(t, "Borealis Freight Inc.", "owner@borealis.example")

	anon := inst.NewBrowser(t)
	if resp, _ := anon.Get("/office"); resp.Header.Get("Location") != "/signin?next=%2Foffice" {
		t.Errorf("anonymous: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	company := inst.NewBrowser(t)
	company.SignIn("owner@acme.example", servertest.Password)
	officeExpect(t, company, "/office", 403, "You do not have access")
	for _, p := range []string{"/office/orgs/" + other.Org.ID, "/office/orgs/" + acme.Org.ID, "/office/staff", "/office/audit"} {
		if body := officeExpect(t, company, p, 403); strings.Contains(body, "Borealis") {
			t.Errorf("%s shows another company's data", p)
		}
	}

	_, err := inst.Office.CreateStaff(context.Background(), auth.System, office.StaffInput{
		Name: "New Officer", Email: "new.officer@office.example", Password: servertest.Password, Role: auth.Officer})
	if err != nil {
		t.Fatal(err)
	}
	noMFA := inst.NewBrowser(t)
	noMFA.Post("/signin", url.Values{"email": {"new.officer@office.example"}, "password": {servertest.Password}})
	for _, p := range []string{"/office", "/office/orgs/" + acme.Org.ID} {
		if resp, _ := noMFA.Get(p); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/account/totp" {
			t.Errorf("staff without TOTP at %s: %d %q", p, resp.StatusCode, resp.Header.Get("Location"))
		}
	}

	officer, _ := staffBrowser(t, inst, auth.Officer)
	body := officeExpect(t, officer, "/office/orgs/"+acme.Org.ID, 200, "<h1>Acme Cartage Ltd.</h1>", acme.Org.ID,
		"owner@acme.example", "Account owner", "Highway carrier", "K1A 0L5", "CBSA carrier code",
		"Latest activity", "Company account opened", "Person joined", "No invitations have been sent.",
		`href="/office/orgs/`+acme.Org.ID+`/history"`)
	if strings.Contains(body, "Account owner unavailable") || strings.Contains(body, "/owner") {
		t.Error("an officer is offered the reassignment of ownership")
	}
	officeExpect(t, officer, "/office/orgs/00000000-0000-7000-8000-000000000000", 404, "Page not found")
	officeExpect(t, officer, "/office/orgs/not-an-id", 404)
	for _, p := range []string{"/office/orgs/" + acme.Org.ID + "/owner", "/office/staff", "/office/audit"} {
		officeExpect(t, officer, p, 403, "You do not have access")
	}
	answers := url.Values{"user_id": {acme.Owner.ID}, "former_owner_role": {"full_access"}, "reason": {"verified by phone call"}}
	for _, p := range []string{"/owner", "/owner/check", "/owner/invite"} {
		if resp, _ := officer.Post("/office/orgs/"+acme.Org.ID+p, answers); resp.StatusCode != 403 {
			t.Errorf("officer POST %s: %d", p, resp.StatusCode)
		}
	}
	for _, p := range []string{"/office/staff", "/office/audit/verify"} {
		if resp, _ := officer.Post(p, url.Values{}); resp.StatusCode != 403 {
			t.Errorf("officer POST %s: %d", p, resp.StatusCode)
		}
	}
}

func TestOfficeHistoryPages(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	c := inst.SignUpCompany(t, "Chronos Shipping Co.", "owner@chronos.example")
	for i := range 30 { // 2 events at sign-up + 30 invitations = 32 events
		if _, err := inst.Office.Invite(context.Background(), c.Owner.Actor(), c.Org.ID, fmt.Sprintf("p%02d@chronos.example", i), auth.ReadOnly); err != nil {
			t.Fatal(err)
		}
	}
	b, _ := staffBrowser(t, inst, auth.Officer)
	base := "/office/orgs/" + c.Org.ID + "/history"
	body := officeExpect(t, b, base, 200, "History of Chronos Shipping Co.", "<caption>", "<td>32</td>", "<td>8</td>", "p29@chronos.example", "Older events")
	if strings.Contains(body, "<td>7</td>") {
		t.Error("first page holds more than 25 events")
	}
	i := strings.Index(body, base+"?before=")
	older := body[i : i+strings.Index(body[i:], `"`)]
	body = officeExpect(t, b, older, 200, "<td>7</td>", "<td>1</td>", "Company account opened", "Newest events")
	if strings.Contains(body, "<td>8</td>") || strings.Contains(body, "Older events") {
		t.Error("second page repeats events or offers more")
	}
	officeExpect(t, b, base+"?before=abc", 200, "<td>32</td>")
	officeExpect(t, b, "/office/orgs/"+c.Org.ID, 200, "Invitations", "p29@chronos.example", "Pending", "Read only")
}

func TestOfficeManagerReassignsOwnership(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	c := inst.SignUpCompany(t, "Delta Brokers Inc.", "owner@delta.example")
	officeMember(t, inst, c, "deputy@delta.example", "Dana Deputy", auth.FullAccess)
	var deputyID string
	ms, _ := inst.Office.Members(context.Background(), c.Owner.Actor(), c.Org.ID)
	for _, m := range ms {
		if m.Email == "deputy@delta.example" {
			deputyID = m.UserID
		}
	}
	mgr, _ := staffBrowser(t, inst, auth.Manager)
	org := "/office/orgs/" + c.Org.ID
	officeExpect(t, mgr, org, 200, "Account owner unavailable", `href="`+org+`/owner"`)
	officeExpect(t, mgr, org+"/owner", 200, "Dana Deputy (deputy@delta.example)", `value="full_access" checked`, "Owner of Delta Brokers Inc.")

	resp, body := mgr.Post(org+"/owner/check", url.Values{"user_id": {deputyID}, "former_owner_role": {"read_only"}, "reason": {"short"}})
	if resp.StatusCode != 422 || !strings.Contains(body, "<title>Error:") || !strings.Contains(body, `href="#f-reason"`) ||
		!strings.Contains(body, `value="`+deputyID+`" checked`) || !strings.Contains(body, `value="read_only" checked`) {
		t.Fatalf("short reason: %d\n%s", resp.StatusCode, body)
	}
	resp, body = mgr.Post(org+"/owner/check", url.Values{"former_owner_role": {"read_only"}, "reason": {"long enough reason"}})
	if resp.StatusCode != 422 || !strings.Contains(body, `href="#f-user-id"`) || !strings.Contains(body, "long enough reason") {
		t.Fatalf("no member chosen: %d", resp.StatusCode)
	}
	reason := "Request from the president by e-mail, confirmed by phone at the number on file"
	answers := url.Values{"user_id": {deputyID}, "former_owner_role": {"read_only"}, "reason": {reason}}
	resp, body = mgr.Post(org+"/owner/check", answers)
	if resp.StatusCode != 200 || !strings.Contains(body, "Check the change of account owner") || !strings.Contains(body, reason) ||
		!strings.Contains(body, `formaction="`+org+`/owner/change#f-reason"`) {
		t.Fatalf("check page: %d\n%s", resp.StatusCode, body)
	}
	if resp, body = mgr.Post(org+"/owner/change", answers); resp.StatusCode != 200 || !strings.Contains(body, ">"+reason+"</textarea>") {
		t.Errorf("change keeps the answers: %d", resp.StatusCode)
	}
	resp, _ = mgr.Post(org+"/owner", answers)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != org {
		t.Fatalf("confirm: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	body = officeExpect(t, mgr, org, 200, "The account owner has been changed", "Ownership transferred")
	if !strings.Contains(tableRow(t, body, "deputy@delta.example"), "Account owner") ||
		!strings.Contains(tableRow(t, body, "owner@delta.example"), "Read only") {
		t.Error("roles not swapped")
	}
	officeExpect(t, mgr, org+"/history", 200, "ownership.transferred", reason)
	// Choosing the owner again is refused on the form.
	resp, body = mgr.Post(org+"/owner/check", url.Values{"user_id": {deputyID}, "reason": {reason}})
	if resp.StatusCode != 409 || !strings.Contains(body, "already the account owner") {
		t.Errorf("same owner: %d", resp.StatusCode)
	}
}

func TestOfficeInvitesNewOwnerWhenNobodyElse(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	c := inst.SignUpCompany(t, "Echo Air Cargo Ltd.", "owner@echo.example")
	admin, _ := staffBrowser(t, inst, auth.Administrator)
	org := "/office/orgs/" + c.Org.ID
	body := officeExpect(t, admin, org+"/owner", 200, "Invite a new account owner", `action="`+org+`/owner/invite"`)
	if strings.Contains(body, `name="user_id"`) {
		t.Error("a company with one person offers members to choose")
	}
	resp, body := admin.Post(org+"/owner/invite", url.Values{"email": {"not an address"}})
	if resp.StatusCode != 422 || !strings.Contains(body, `href="#f-email"`) || !strings.Contains(body, `value="not an address"`) {
		t.Fatalf("bad e-mail: %d", resp.StatusCode)
	}
	resp, _ = admin.Post(org+"/owner/invite", url.Values{"email": {"Heir@Echo.example"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != org {
		t.Fatalf("invite: %d", resp.StatusCode)
	}
	officeExpect(t, admin, org, 200, "The invitation has been sent", "heir@echo.example", "Pending")
	link := inst.Mail.Wait(t, "heir@echo.example", "Echo Air Cargo").Link()
	if !strings.HasPrefix(link, inst.URL+"/invitations/") {
		t.Fatalf("link %q", link)
	}
	_, orgID, err := inst.Office.AcceptInvitationNewAccount(context.Background(), strings.TrimPrefix(link, inst.URL+"/invitations/"),
		"Hana Heir", "", servertest.Password, "en")
	if err != nil || orgID != c.Org.ID {
		t.Fatalf("accept: %v", err)
	}
	body = officeExpect(t, admin, org, 200, "Accepted", "Ownership transferred")
	if !strings.Contains(tableRow(t, body, "Hana Heir"), "Account owner") || !strings.Contains(tableRow(t, body, "owner@echo.example"), "Full access") {
		t.Error("the invited person did not become the account owner")
	}
}

func TestOfficeAdministratorCreatesStaff(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	admin, me := staffBrowser(t, inst, auth.Administrator)
	officeExpect(t, admin, "/office", 200, `href="/office/staff"`, `href="/office/audit"`)
	officeExpect(t, admin, "/office/staff", 200, "<caption>", me.Email, "Administrator", "tag--green", `name="role"`, "Program officer")
	form := url.Values{"name": {"Olive Officer"}, "email": {"olive@office.example"}, "role": {"officer"},
		"password": {servertest.Password}, "password_confirm": {"something else entirely"}}
	resp, body := admin.Post("/office/staff", form)
	if resp.StatusCode != 422 || !strings.Contains(body, `href="#f-password-confirm"`) || !strings.Contains(body, `value="Olive Officer"`) ||
		strings.Contains(body, servertest.Password) {
		t.Fatalf("mismatched passwords: %d", resp.StatusCode)
	}
	form.Set("password_confirm", servertest.Password)
	form.Set("role", "account_owner")
	if resp, body = admin.Post("/office/staff", form); resp.StatusCode != 422 || !strings.Contains(body, `href="#f-role"`) {
		t.Fatalf("company role for staff: %d", resp.StatusCode)
	}
	form.Set("role", "officer")
	if resp, _ = admin.Post("/office/staff", form); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/office/staff" {
		t.Fatalf("create: %d", resp.StatusCode)
	}
	body = officeExpect(t, admin, "/office/staff", 200, "The staff account has been created")
	if row := tableRow(t, body, "olive@office.example"); !strings.Contains(row, "Program officer") || !strings.Contains(row, "Not set up") || !strings.Contains(row, "Never") {
		t.Errorf("new staff row: %s", row)
	}
	form.Set("name", "Olive Again")
	resp, body = admin.Post("/office/staff", form)
	if resp.StatusCode != 422 || !strings.Contains(body, "Use another address") || !strings.Contains(body, `href="#f-email"`) || !strings.Contains(body, `value="Olive Again"`) {
		t.Fatalf("duplicate e-mail: %d", resp.StatusCode)
	}
	olive := inst.NewBrowser(t)
	if resp, _ = olive.Post("/signin", url.Values{"email": {"olive@office.example"}, "password": {servertest.Password}}); resp.Header.Get("Location") != "/account/totp" {
		t.Errorf("new staff not sent to set up TOTP: %q", resp.Header.Get("Location"))
	}
	admin.Get("/lang/fr?back=/office/staff")
	officeExpect(t, admin, "/office/staff", 200, "Comptes du personnel", "Agent du programme", "Non configurée")
}

func TestOfficeAuditVerifyFindsTampering(t *testing.T) {
	path := filepath.Join(t.TempDir(), "trustlane.db")
	inst := servertest.Start(t, servertest.Options{DB: "sqlite:" + path})
	c := inst.SignUpCompany(t, "Foxtrot Rail Corp.", "owner@foxtrot.example")
	inst.SignUpCompany(t, "Golf Marine Ltd.", "owner@golf.example")
	mgr, _ := staffBrowser(t, inst, auth.Manager)
	officeExpect(t, mgr, "/office/audit", 200, `action="/office/audit/verify"`, "Check the audit trail")
	resp, body := mgr.Post("/office/audit/verify", nil)
	if resp.StatusCode != 200 || !strings.Contains(body, "No problems found") || strings.Contains(body, "audit-fault") {
		t.Fatalf("clean verify: %d\n%s", resp.StatusCode, body)
	}

	raw, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(5000)")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	res, err := raw.Exec(`UPDATE audit_events SET data = ? WHERE chain = ? AND seq = 2`, `{"role":"read_only"}`, c.Org.ID)
	if n, _ := res.RowsAffected(); err != nil || n != 1 {
		t.Fatalf("tamper: %v (%d rows)", err, n)
	}
	resp, body = mgr.Post("/office/audit/verify", nil)
	if resp.StatusCode != 200 || !strings.Contains(body, "1 chain is broken") {
		t.Fatalf("verify after tampering: %d\n%s", resp.StatusCode, body)
	}
	row := tableRow(t, body, `class="audit-fault"`)
	for _, want := range []string{c.Org.ID, "<td>2</td>", "changed after it was recorded", "<code>content does not match its hash (altered)</code>",
		`href="/office/orgs/` + c.Org.ID + `/history"`} {
		if !strings.Contains(row, want) {
			t.Errorf("fault row lacks %q:\n%s", want, row)
		}
	}
	if strings.Count(body, `class="audit-fault"`) != 1 {
		t.Error("the untouched company's chain is reported too")
	}
}
