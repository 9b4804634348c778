package web_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"trustlane/internal/auth"
	"trustlane/internal/server/servertest"
)

func TestStaffReadTheProfileUnderOffice(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	c := inst.SignUpCompany(t, "Read Only Freight", "rof@example.com")
	officer, _ := staffBrowser(t, inst, auth.Officer)
	base := "/office/orgs/" + c.Org.ID + "/profile"
	resp, body := officer.Get(base)
	if resp.StatusCode != 200 || !strings.Contains(body, "Read Only Freight") {
		t.Fatalf("staff task list: %d", resp.StatusCode)
	}
	if strings.Contains(body, `method="post"`) && strings.Contains(body, "/profile/import") {
		t.Error("staff are offered the import")
	}
	if resp, _ := officer.Get(base + "/gaps"); resp.StatusCode != 200 {
		t.Errorf("staff gap list: %d", resp.StatusCode)
	}
	if resp, _ := officer.Get("/app/orgs/" + c.Org.ID + "/profile"); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != base {
		t.Errorf("staff on the company URL: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	owner := inst.NewBrowser(t)
	owner.SignIn("rof@example.com", servertest.Password)
	if resp, _ := owner.Get(base); resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/app/") {
		t.Errorf("company user on the staff URL: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if resp, _ := officer.Post("/office/orgs/"+c.Org.ID+"/profile/generic/supply_chain", nil); resp.StatusCode != http.StatusMethodNotAllowed && resp.StatusCode != http.StatusNotFound {
		t.Errorf("a staff save route exists: %d", resp.StatusCode)
	}
	// Staff download the company's evidence and export its workbook.
	f, err := inst.Office.UploadEvidence(context.Background(), c.Owner.Actor(), c.Org.ID, "generic", firstEvidenceQuestion(t, inst), "proc.pdf", []byte("%PDF-1.4 staff can read me"))
	if err != nil {
		t.Fatal(err)
	}
	if resp, body := officer.Get(base + "/evidence/" + f.ID); resp.StatusCode != 200 || body != "%PDF-1.4 staff can read me" {
		t.Errorf("staff evidence download: %d", resp.StatusCode)
	}
	if resp, body := officer.Get(base + "/export.xlsx"); resp.StatusCode != 200 || !strings.HasPrefix(body, "PK") {
		t.Errorf("staff export: %d", resp.StatusCode)
	}
	_, org := officer.Get("/office/orgs/" + c.Org.ID)
	if !strings.Contains(org, base) {
		t.Error("the staff organization page does not link the profile")
	}
}

// firstEvidenceQuestion is a generic question that takes evidence.
func firstEvidenceQuestion(t *testing.T, inst *servertest.Instance) string {
	t.Helper()
	v, err := inst.Office.Catalog().Version(inst.Office.DefaultCatalogVersion())
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range v.Sections(nil) {
		for _, q := range s.Questions {
			if q.Evidence != "" {
				return q.ID
			}
		}
	}
	t.Fatal("no generic question takes evidence")
	return ""
}
