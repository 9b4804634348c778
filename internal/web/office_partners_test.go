package web_test

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"trustlane/internal/auth"
	"trustlane/internal/server/servertest"
)

// postMemberList uploads a list as the import form does.
func postMemberList(t *testing.T, inst *servertest.Instance, b *servertest.Browser, path, name, mode, data string) (*http.Response, string) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("file", name)
	_, _ = io.WriteString(fw, data)
	_ = mw.WriteField("mode", mode)
	_ = mw.Close()
	req, _ := http.NewRequest(http.MethodPost, inst.URL+path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Origin", inst.URL)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := b.Client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	got, _ := io.ReadAll(resp.Body)
	return resp, string(got)
}

const webMemberList = "ref,legal_name,status,status_since,scac\nCT-1,Maple Freight Inc.,Tier II,2020-01-02,MAPL\nCT-2,Acme Imports LLC,Suspended,,\n"

func TestOfficePartnerImportPage(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	manager, _ := staffBrowser(t, inst, auth.Manager)
	officeExpect(t, manager, "/office/partners", 200, "Partner programs", `href="/office/partners/CTPAT"`, "11 partner programs")
	officeExpect(t, manager, "/office/partners/CTPAT/import", 200, "Import a member list", `name="file"`, "scac, us_ein, mid, cbsa_carrier")

	bad := webMemberList + "CT-1,Again,Revoked,01/02/2024,AB12\n"
	resp, body := postMemberList(t, inst, manager, "/office/partners/CTPAT/import", "ctpat.csv", "full", bad)
	if resp.StatusCode != 422 || !strings.Contains(body, "<title>Error:") || !strings.Contains(body, "3 problems in the file") {
		t.Fatalf("broken list: %d\n%s", resp.StatusCode, body)
	}
	row := tableRow(t, body, "already on an earlier row")
	if !strings.Contains(row, ">4<") || !strings.Contains(row, ">ref<") {
		t.Errorf("duplicate row = %s", row)
	}
	officeExpect(t, manager, "/office/partners/CTPAT", 200, "No member matches.", "No list has been imported yet.",
		`href="/office/crosswalk/ctpat"`)

	resp, body = postMemberList(t, inst, manager, "/office/partners/CTPAT/import", "ctpat.csv", "full", webMemberList)
	if resp.StatusCode != 200 || !strings.Contains(body, "The list was imported") || !strings.Contains(body, "2 rows: 2 added, 0 changed, 0 unchanged, 0 removed") {
		t.Fatalf("import: %d\n%s", resp.StatusCode, body)
	}
	page := officeExpect(t, manager, "/office/partners/CTPAT?status=suspended", 200, "1 member (page 1 of 1)", "Acme Imports LLC")
	if strings.Contains(page, "Maple Freight") {
		t.Error("the status filter let an active member through")
	}
	officeExpect(t, manager, "/office/partners/CTPAT?name=maple", 200, "Maple Freight Inc.", "ctpat.csv")
	officeExpect(t, manager, "/office/partners/CTPAT/members/CT-1", 200, "MAPL", "Status history", "January 2, 2020", "maple freight")
	officeExpect(t, manager, "/office/partners/CTPAT/members/CT-9", 404)
	// A manager may import but not maintain the registry.
	officeExpect(t, manager, "/office/partners/new", 403)

	officer, _ := staffBrowser(t, inst, auth.Officer)
	officeExpect(t, officer, "/office/partners/CTPAT", 200, "Maple Freight Inc.")
	if resp, _ := postMemberList(t, inst, officer, "/office/partners/CTPAT/import", "ctpat.csv", "full", webMemberList); resp.StatusCode != 403 {
		t.Errorf("officer import: %d", resp.StatusCode)
	}
	company := inst.SignUpCompany(t, "Web Partner Co", "owner@webpartner.test")
	cb := inst.NewBrowser(t)
	cb.SignIn(company.Owner.Email, company.Password)
	if resp, _ := cb.Get("/office/partners"); resp.StatusCode != 403 && resp.StatusCode != 404 {
		t.Errorf("company user sees the registry: %d", resp.StatusCode)
	}
}

func TestOfficePartnerProgramForm(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	admin, _ := staffBrowser(t, inst, auth.Administrator)
	officeExpect(t, admin, "/office/partners", 200, "Add a partner program")
	form := url.Values{"code": {"br-oea"}, "name_en": {"Brazil AEO"}, "name_fr": {""}, "admin_en": {"Receita Federal"},
		"admin_fr": {"Receita Federal"}, "country": {"BR"}, "status": {"active"}, "framework": {"safe"}, "id_kinds": {"eori"}}
	resp, body := admin.Post("/office/partners", form)
	if resp.StatusCode != 422 || !strings.Contains(body, "Give the program&#39;s name in English and in French.") ||
		!strings.Contains(body, `href="#f-arranged-on"`) {
		t.Fatalf("invalid program: %d\n%s", resp.StatusCode, body)
	}
	form.Set("name_fr", "OEA du Brésil")
	form.Set("arranged_on", "2027-03-01")
	if resp, body := admin.Post("/office/partners", form); resp.Header.Get("Location") != "/office/partners/BR-OEA" {
		t.Fatalf("create: %d\n%s", resp.StatusCode, body)
	}
	officeExpect(t, admin, "/office/partners/BR-OEA", 200, "Brazil AEO", "March 1, 2027", "eori")
	officeExpect(t, admin, "/office/partners/BR-OEA/edit", 200, `value="OEA du Brésil"`)
	form.Set("name_en", "Brazil Authorized Economic Operator")
	if resp, body := admin.Post("/office/partners/BR-OEA", form); resp.Header.Get("Location") != "/office/partners/BR-OEA" {
		t.Fatalf("update: %d\n%s", resp.StatusCode, body)
	}
	officeExpect(t, admin, "/office/partners/BR-OEA?lang=fr", 200)
	officeExpect(t, admin, "/office/partners", 200, "Brazil Authorized Economic Operator")
}
