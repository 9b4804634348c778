package web_test

import (
	"bytes"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/program"
	"trustlane/internal/server/servertest"
	"trustlane/internal/store"
)

func postCSV(t *testing.T, b *servertest.Browser, base, name, data string) (int, string) {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write([]byte(data))
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, base+"/office/fast/import", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	resp, err := b.Client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out bytes.Buffer
	out.ReadFrom(resp.Body)
	return resp.StatusCode, out.String()
}

func TestOfficeFastCardsAndApproval(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	officer, _ := staffBrowser(t, inst, auth.Officer)
	validator, _ := staffBrowser(t, inst, auth.Validator)

	officeExpect(t, officer, "/office/fast", http.StatusOK, `href="/office/fast" aria-current="page"`, "No card matches.", "Add a card")
	body := officeExpect(t, validator, "/office/fast", http.StatusOK, "FAST cards")
	if strings.Contains(body, "Add a card") {
		t.Error("a validator is offered to add cards")
	}

	resp, body := officer.Post("/office/fast", url.Values{"number": {"12"}, "holder": {""}, "kind": {"fast"}, "valid_until": {"2028-01-01"}})
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "A card number is 8 to 12 digits.") {
		t.Fatalf("bad card: %d\n%s", resp.StatusCode, body)
	}
	resp, _ = officer.Post("/office/fast", url.Values{"number": {"500 123 456"}, "holder": {"Marie Roy"}, "kind": {"cdrp"},
		"valid_until": {time.Now().AddDate(2, 0, 0).Format(time.DateOnly)}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/office/fast/cards/500123456" {
		t.Fatalf("create: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	officeExpect(t, officer, "/office/fast/cards/500123456", http.StatusOK, "Marie Roy", "CDRP", "Revoke the card")
	resp, _ = officer.Post("/office/fast/cards/500123456/revoke", url.Values{"reason": {"reported stolen"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("revoke: %d", resp.StatusCode)
	}
	officeExpect(t, validator, "/office/fast/cards/500123456", http.StatusOK, "reported stolen", "Revoked")

	status, body := postCSV(t, officer, inst.URL, "cards.csv", "number,holder,kind,valid_until\n11111111,A B,fast,2028-01-01\n22,C,fast,2028-01-01\n")
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, "Nothing was imported") || !strings.Contains(body, "<td>3</td>") {
		t.Fatalf("broken import: %d\n%s", status, body)
	}
	status, body = postCSV(t, officer, inst.URL, "cards.csv", "number,holder,kind,valid_until\n11111111,A B,fast,2028-01-01\n")
	if status != http.StatusOK || !strings.Contains(body, "<td>1</td><td>1</td><td>0</td><td>0</td>") {
		t.Fatalf("import: %d\n%s", status, body)
	}
	officeExpect(t, officer, "/office/fast?q=1111", http.StatusOK, "11111111", "page 1 of 1 (1 cards)")

	acme := inst.SignUpCompany(t, "Acme Cartage Ltd.", "owner@acme-fast.example")
	officeExpect(t, officer, "/office/orgs/"+acme.Org.ID, http.StatusOK, "FAST approval into Canada", "needs an active membership")
	err := inst.DB.Update(t.Context(), func(tx *store.Tx) error {
		m := program.Membership{OrgID: acme.Org.ID, Sector: program.HighwayCarrier, Number: "PIP-0000009-X", ApplicationID: "a",
			State: program.MemberActive, ApprovedAt: tx.Now(), MOUDueAt: tx.Now()}
		return tx.SaveMembership(&m)
	})
	if err != nil {
		t.Fatal(err)
	}
	resp, _ = validator.Post("/office/orgs/"+acme.Org.ID+"/fast", nil)
	if resp.StatusCode != http.StatusForbidden {
		t.Fatalf("validator grants: %d", resp.StatusCode)
	}
	resp, _ = officer.Post("/office/orgs/"+acme.Org.ID+"/fast", nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("grant: %d", resp.StatusCode)
	}
	officeExpect(t, officer, "/office/orgs/"+acme.Org.ID, http.StatusOK, "Approved since", "Revoke FAST approval into Canada")
	officer.Get("/lang/fr?back=/")
	officeExpect(t, officer, "/office/fast", http.StatusOK, "Cartes EXPRES")
}
