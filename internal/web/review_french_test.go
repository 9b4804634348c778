package web_test

import (
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"trustlane/internal/auth"
	"trustlane/internal/server/servertest"
)

// frenchLeaks finds English on a page rendered in French: raw message
// keys, and common English words and month names in the page's text
// (tags, scripts and attribute values removed).
var (
	frTags       = regexp.MustCompile(`(?s)<[^>]*>`)
	frEnglish    = regexp.MustCompile(`(?:^|[^\pL])(the|and|of|with|your|this|from|Status|Search|Save|Cancel|Back|Download|None|Yes|No|Partner|partner|Card|card|members?|Members?|Import|January|February|March|April|May|June|July|August|September|October|November|December|Suspended|Cancelled|Valid|Expired|Revoked|Confirmed|Declared|Rejected|Withdrawn|Fully|Partly|Not covered|equal|subset|superset|intersect)(?:$|[^\pL])`)
	frRawKey     = regexp.MustCompile(`\b[a-z_]+\.[a-z_]+\.[a-z_.]+\b`)
	frCodeBlocks = regexp.MustCompile(`(?s)<code>.*?</code>|<td class="mono">.*?</td>|<dd class="mono">.*?</dd>|<span class="mono">.*?</span>`)
)

func frenchLeaks(body string, allowed ...string) []string {
	main := body
	if i := strings.Index(main, "<main"); i >= 0 {
		main = main[i:]
	}
	if i := strings.Index(main, "</main>"); i >= 0 {
		main = main[:i]
	}
	text := html.UnescapeString(frTags.ReplaceAllString(frCodeBlocks.ReplaceAllString(main, " "), " "))
	for _, a := range allowed {
		text = strings.ReplaceAll(text, a, " ")
	}
	var out []string
	for _, re := range []*regexp.Regexp{frEnglish, frRawKey} {
		for _, loc := range re.FindAllStringIndex(text, -1) {
			out = append(out, strings.Join(strings.Fields(text[max(0, loc[0]-40):min(len(text), loc[1]+40)]), " "))
		}
	}
	return out
}

// TestNewPagesInFrench renders each partner, border, FAST and crosswalk
// page in French and looks for English and raw keys.
func TestNewPagesInFrench(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	admin, _ := staffBrowser(t, inst, auth.Administrator)
	manager, _ := staffBrowser(t, inst, auth.Manager)
	officer, _ := staffBrowser(t, inst, auth.Officer)
	co, owner := ccCompany(t, inst, "Érable Transport Inc.")
	plPartnerMember(t, inst, "CTPAT", "CT-5", co.Org.LegalName)
	link := plDeclared(t, inst, co, owner, "CTPAT", "CT-5")
	postMemberList(t, inst, manager, "/office/partners/CTPAT/import", "ctpat.csv", "full", webMemberList)
	officer.Post("/office/fast", map[string][]string{"number": {"500123456"}, "holder": {"Marie Roy"}, "kind": {"fast"}, "valid_until": {"2030-01-01"}})
	number := borderMember(t, inst, co, 7, "highway_carrier", "active")
	for _, b := range []*servertest.Browser{admin, manager, officer, owner} {
		b.Get("/lang/fr?back=/")
	}
	base := "/app/orgs/" + co.Org.ID + "/partners"
	pages := []struct {
		b    *servertest.Browser
		path string
	}{
		{admin, "/office/partners"}, {admin, "/office/partners/CTPAT"}, {admin, "/office/partners/CTPAT/edit"},
		{admin, "/office/partners/new"}, {manager, "/office/partners/CTPAT/import"}, {admin, "/office/partners/CTPAT/members/CT-1"},
		{officer, "/office/partners/matching"}, {officer, "/office/partners/matching/links/" + link},
		{owner, base}, {owner, base + "/consents/CTPAT"}, {owner, base + "/links/" + link + "/withdraw"},
		{officer, "/office/border"}, {officer, standingURL("member", number)}, {officer, "/office/border/screen"},
		{officer, "/office/fast"}, {officer, "/office/fast/new"}, {officer, "/office/fast/import"}, {officer, "/office/fast/cards/500123456"},
		{officer, "/office/crosswalk"}, {officer, "/office/crosswalk/ctpat"},
	}
	for _, p := range pages {
		resp, body := p.b.Get(p.path)
		if resp.StatusCode != http.StatusOK {
			t.Errorf("%s: status %d", p.path, resp.StatusCode)
			continue
		}
		if !strings.Contains(body, `<html lang="fr">`) || strings.Count(body, "<h1") != 1 {
			t.Errorf("%s: not French or not one h1", p.path)
		}
		for _, l := range frenchLeaks(body, co.Org.LegalName, "Maple Freight Inc.", "Acme Imports LLC", "Marie Roy") {
			t.Errorf("%s: English or a raw key in French: %q", p.path, l)
		}
	}
	// Failed submits: the error summary and the messages in French.
	posts := []struct {
		b    *servertest.Browser
		path string
		form url.Values
	}{
		{officer, "/office/fast", url.Values{"number": {"12"}, "kind": {"fast"}, "valid_until": {"x"}}},
		{officer, "/office/fast/cards/500123456/revoke", url.Values{"reason": {""}}},
		{admin, "/office/partners", url.Values{"code": {""}}},
		{admin, "/office/partners/CTPAT", url.Values{"code": {"CTPAT"}, "name_en": {""}}},
		{owner, base + "/links", url.Values{"partner": {""}, "member_ref": {""}}},
		{officer, "/office/border/screen", url.Values{"direction": {""}, "importer": {"zz"}}},
		{officer, "/office/partners/matching/links/" + link + "/reject", url.Values{"note": {""}}},
	}
	for _, p := range posts {
		resp, body := p.b.Post(p.path, p.form)
		if resp.StatusCode < 400 || resp.StatusCode >= 500 {
			t.Errorf("POST %s: status %d", p.path, resp.StatusCode)
			continue
		}
		if !strings.Contains(body, "<title>Erreur") || !strings.Contains(body, `class="error-summary"`) {
			t.Errorf("POST %s: no French error title or summary", p.path)
		}
		for _, l := range frenchLeaks(body, co.Org.LegalName, "Marie Roy") {
			t.Errorf("POST %s: English or a raw key in French: %q", p.path, l)
		}
	}
}
