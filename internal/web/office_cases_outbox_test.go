package web_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/server/servertest"
)

// Mail the relay refuses waits in the outbox, where administrators (and
// only they) read it as its recipient would, links included.
func TestOfficeOutboxShowsWaitingMailToAdministrators(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	co := inst.SignUpCompany(t, "Hotel Freight Ltd.", "owner@hotel.example")
	admin, _ := staffBrowser(t, inst, auth.Administrator)
	officeExpect(t, admin, "/office", 200, `href="/office/outbox"`)
	officeExpect(t, admin, "/office/outbox", 200, "Outbox", "No mail is waiting.", "0 messages waiting")

	inst.Mail.Refuse(451)
	defer inst.Mail.Refuse(0)
	if _, err := inst.Office.Invite(context.Background(), co.Owner.Actor(), co.Org.ID, "newcomer@hotel.example", auth.ReadOnly); err != nil {
		t.Fatal(err)
	}
	var body string
	for deadline := time.Now().Add(10 * time.Second); ; {
		body = officeExpect(t, admin, "/office/outbox", 200)
		if strings.Contains(body, "refused by the test relay") || time.Now().After(deadline) {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	for _, want := range []string{"1 message waiting", "You are invited to Hotel Freight Ltd. on Partners in Protection", "newcomer@hotel.example",
		`<a href="` + inst.URL + `/invitations/`, "Last error", "refused by the test relay", "Will try again"} {
		if !strings.Contains(body, want) {
			t.Errorf("outbox lacks %q", want)
		}
	}
	ocNoRawKeys(t, "/office/outbox", body)
	officeExpect(t, admin, "/office/outbox?page=abc", 200, "1 message waiting")
	if resp, _ := admin.Get("/office/outbox?page=5"); resp.StatusCode != 303 || resp.Header.Get("Location") != "/office/outbox" {
		t.Errorf("page past the end: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	for _, role := range []auth.Role{auth.Officer, auth.Manager, auth.Validator, auth.AppealsReviewer} {
		b, _ := staffBrowser(t, inst, role)
		if body := officeExpect(t, b, "/office/outbox", 403); strings.Contains(body, "newcomer@hotel.example") {
			t.Errorf("%s reads the outbox", role)
		}
	}
	company := inst.NewBrowser(t)
	company.SignIn("owner@hotel.example", servertest.Password)
	officeExpect(t, company, "/office/outbox", 403)
}
