package api_test

import (
	"bytes"
	"net/http"
	"testing"
	"time"

	"trustlane/internal/auth"
)

func TestFastCardsAndApprovalsAPI(t *testing.T) {
	inst := start(t)
	tok, _ := admin(t, inst, "fast-admin@office.example", auth.ScopeStaff)
	c := inst.SignUpCompany(t, "Fast Freight Inc.", "owner@fastfreight.example")
	company, _ := companyToken(t, inst, c)

	until := time.Now().AddDate(3, 0, 0).UTC().Format(time.RFC3339)
	var card struct {
		Number, Holder, Kind string
		RevokedReason        string `json:"revoked_reason"`
	}
	do(t, inst, call{method: "PUT", path: "/api/v1/fast/cards/500123456", token: tok,
		body: `{"holder":"Marie Roy","kind":"fast","valid_until":"` + until + `"}`}).want(t, http.StatusOK, &card)
	if card.Number != "500123456" || card.Holder != "Marie Roy" {
		t.Fatalf("put: %+v", card)
	}
	p := do(t, inst, call{method: "PUT", path: "/api/v1/fast/cards/12", token: tok,
		body: `{"holder":"X","kind":"fast","valid_until":"` + until + `"}`}).problem(t, http.StatusUnprocessableEntity)
	if !p.hasField("path.number", "") {
		t.Fatalf("bad number: %+v", p)
	}
	do(t, inst, call{method: "POST", path: "/api/v1/fast/cards/500123456/revoke", token: tok, body: `{"reason":"lost"}`}).want(t, http.StatusOK, &card)
	do(t, inst, call{method: "GET", path: "/api/v1/fast/cards/500123456", token: tok}).want(t, http.StatusOK, &card)
	if card.RevokedReason != "lost" {
		t.Fatalf("get: %+v", card)
	}
	do(t, inst, call{method: "GET", path: "/api/v1/fast/cards/500123456", token: company}).problem(t, http.StatusForbidden)

	csv := "number,holder,kind,valid_until\n11111111,A,fast,2028-01-01\n22,B,fast,2028-01-01\n"
	p = do(t, inst, call{method: "POST", path: "/api/v1/fast/cards/import", token: tok, body: "x",
		header: map[string]string{"Content-Type": "text/csv"}}).problem(t, http.StatusUnprocessableEntity)
	req, _ := http.NewRequest("POST", inst.URL+"/api/v1/fast/cards/import?filename=c.csv", bytes.NewBufferString(csv))
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Content-Type", "text/csv")
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("broken import: %v %v", resp.StatusCode, err)
	}
	resp.Body.Close()
	var page struct{ Total int }
	do(t, inst, call{method: "GET", path: "/api/v1/fast/cards?q=1111", token: tok}).want(t, http.StatusOK, &page)
	if page.Total != 0 {
		t.Fatal("a refused import wrote rows")
	}

	var st struct {
		Eligible bool
		IntoCA   struct{ Active bool } `json:"into_ca"`
	}
	do(t, inst, call{method: "GET", path: "/api/v1/organizations/" + c.Org.ID + "/fast", token: tok}).want(t, http.StatusOK, &st)
	if st.Eligible || st.IntoCA.Active {
		t.Fatalf("standing %+v", st)
	}
	do(t, inst, call{method: "PUT", path: "/api/v1/organizations/" + c.Org.ID + "/fast/into_ca", token: tok}).problem(t, http.StatusConflict)
	do(t, inst, call{method: "DELETE", path: "/api/v1/organizations/" + c.Org.ID + "/fast/into_ca", token: tok}).problem(t, http.StatusConflict)
}
