package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"trustlane/internal/catalog"
	"trustlane/internal/server/servertest"
)

// TestProfileCrossCompanyAccess signs in as company A's owner and tries
// every profile page against company B, and B's evidence through A's own
// address: every answer is 404, nothing of B shows, nothing of B changes.
// Parts and areas a company does not have are not found either.
func TestProfileCrossCompanyAccess(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	a := inst.SignUpCompany(t, "Hazel Haulage Inc.", "hal@hazel.test")
	b := inst.SignUpCompany(t, "Ironwood Trucking Ltd.", "ivy@ironwood.test")
	sec, q := evidenceQuestion(t, version(t, inst))
	ivy := signedIn(t, inst, "ivy@ironwood.test")
	ivy.Post(sectionPath(b, sec), compliantForm(sec))
	postFile(t, inst, ivy, sectionPath(b, sec)+"/evidence", q.ID, "ironwood-secret.txt", []byte("Ironwood seal log\n"))
	before := profileOf(t, inst, b)
	secret := before.Evidence[catalog.Key{Part: sec.Part, Question: q.ID}][0].ID

	hal := signedIn(t, inst, "hal@hazel.test")
	bp, ap := "/app/orgs/"+b.Org.ID+"/profile", "/app/orgs/"+a.Org.ID+"/profile"
	cases := []struct {
		method, path string
		form         url.Values
	}{
		{"GET", bp, nil},
		{"GET", bp + "/gaps", nil},
		{"GET", sectionPath(b, sec), nil},
		{"POST", sectionPath(b, sec), url.Values{q.ID: {""}}},
		{"UPLOAD", sectionPath(b, sec) + "/evidence", nil},
		{"GET", bp + "/evidence/" + secret, nil},
		{"GET", bp + "/evidence/" + secret + "/remove", nil},
		{"POST", bp + "/evidence/" + secret + "/remove", nil},
		{"GET", ap + "/evidence/" + secret, nil},
		{"GET", ap + "/evidence/" + secret + "/remove", nil},
		{"POST", ap + "/evidence/" + secret + "/remove", nil},
		{"GET", bp + "/export.xlsx", nil},
		{"GET", bp + "/import", nil},
		{"WORKBOOK", bp + "/import", nil},
		{"GET", ap + "/rail_carrier/conveyance", nil},
		{"POST", ap + "/rail_carrier/conveyance", url.Values{"action": {"draft"}}},
		{"GET", ap + "/generic/no_such_area", nil},
		{"GET", ap + "/evidence/no-such-file", nil},
	}
	for _, c := range cases {
		var resp *http.Response
		var body string
		switch c.method {
		case "GET":
			resp, body = hal.Get(c.path)
		case "POST":
			resp, body = hal.Post(c.path, c.form)
		case "UPLOAD":
			resp, body = postFile(t, inst, hal, c.path, q.ID, "mole.txt", []byte("mole\n"))
		case "WORKBOOK":
			resp, body = postWorkbook(t, inst, hal, c.path, []byte("PK\x03\x04"))
		}
		if resp.StatusCode != http.StatusNotFound {
			t.Errorf("%s %s: status %d, want 404", c.method, c.path, resp.StatusCode)
		}
		lacks(t, c.method+" "+c.path, body, "Ironwood", "ironwood-secret")
	}
	after := profileOf(t, inst, b)
	if after.Record.Revision != before.Record.Revision || len(after.Evidence) != len(before.Evidence) {
		t.Errorf("company B's profile changed: revision %d → %d", before.Record.Revision, after.Record.Revision)
	}

	// Signed out, every page asks to sign in first.
	anon := inst.NewBrowser(t)
	resp, _ := anon.Get(ap)
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/signin?next=") {
		t.Errorf("anonymous task list: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
}
