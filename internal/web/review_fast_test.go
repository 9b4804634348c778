package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"trustlane/internal/auth"
	"trustlane/internal/server/servertest"
)

// TestFastFailedSubmitsShowOneErrorSummary: a refused card and a refused
// import show the error summary once (the layout's), so screen readers
// announce it once and its heading's id is unique, under a title that
// starts with "Error:".
func TestFastFailedSubmitsShowOneErrorSummary(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	officer, _ := staffBrowser(t, inst, auth.Officer)
	resp, card := officer.Post("/office/fast", url.Values{"number": {"12"}, "holder": {""}, "kind": {"fast"}, "valid_until": {"2028-01-01"}})
	wantStatus(t, "bad card", resp, http.StatusUnprocessableEntity)
	status, imp := postCSV(t, officer, inst.URL, "cards.csv", "number,holder,kind,valid_until\n22,C,fast,2028-01-01\n")
	if status != http.StatusUnprocessableEntity {
		t.Fatalf("bad import: %d", status)
	}
	for what, body := range map[string]string{"card": card, "import": imp} {
		if n := strings.Count(body, `class="error-summary"`); n != 1 {
			t.Errorf("%s: %d error summaries, want 1", what, n)
		}
		if n := strings.Count(body, `id="error-summary-title"`); n != 1 {
			t.Errorf("%s: id error-summary-title %d times", what, n)
		}
		contains(t, what, body, "<title>Error: ")
	}
}
