package web_test

import (
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
	_, org := officer.Get("/office/orgs/" + c.Org.ID)
	if !strings.Contains(org, base) {
		t.Error("the staff organization page does not link the profile")
	}
}
