package web_test

import (
	"fmt"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"

	"trustlane/internal/catalog"
	"trustlane/internal/server/servertest"
)

// TestProfileTaskListThenSaveASection opens a new company's task list,
// where every section of its parts is not started, saves one section with
// compliant answers, and sees its status move and the gap count fall to the
// office's own figure.
func TestProfileTaskListThenSaveASection(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	co := inst.SignUpCompany(t, "Cedar Haulage Inc.", "cora@cedar.test")
	v := version(t, inst)
	b := signedIn(t, inst, "cora@cedar.test")
	base := "/app/orgs/" + co.Org.ID + "/profile"

	before := profileOf(t, inst, co)
	secs := v.Sections(before.Sectors())
	resp, body := b.Get(base)
	wantStatus(t, "task list", resp, 200)
	contains(t, "task list", body, "<h1>Security Profile</h1>", ">General</h2>", ">Highway carrier</h2>",
		fmt.Sprintf("%d requirements not met", len(before.Assessment.Gaps)), base+"/gaps", "version 2008")
	for _, s := range secs {
		contains(t, "task list", body, `href="`+sectionPath(co, s)+`">`+html.EscapeString(s.Area.Title.EN)+"</a>")
	}
	if n := countTags(body, "Not started"); n != len(secs) {
		t.Errorf("task list: %d sections not started, want all %d", n, len(secs))
	}
	// Continue leads to the first section.
	contains(t, "task list", body, `<a class="button" href="`+sectionPath(co, secs[0])+`">Continue</a>`)

	// Save, as a draft, compliant answers to a section where that meets a
	// requirement (some need evidence as well).
	sec := findSection(t, v, before.Sectors(), func(s catalog.Section) bool { return closesGaps(v, before.Sectors(), s) })
	idx := slices.IndexFunc(secs, func(s catalog.Section) bool { return s.Part == sec.Part && s.Area.ID == sec.Area.ID })
	resp, _ = b.Post(sectionPath(co, sec), compliantForm(sec))
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != sectionPath(co, sec) {
		t.Fatalf("save as draft: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, body = b.Get(sectionPath(co, sec))
	contains(t, "section after saving", body, "Your answers are saved as a draft.")

	after := profileOf(t, inst, co)
	if len(after.Assessment.Gaps) >= len(before.Assessment.Gaps) {
		t.Fatalf("gaps: %d before, %d after saving compliant answers", len(before.Assessment.Gaps), len(after.Assessment.Gaps))
	}
	status := map[string]string{"complete": "Complete", "needs_attention": "Needs attention", "in_progress": "In progress"}[after.Assessment.Sections[idx].Status()]
	_, body = b.Get(base)
	contains(t, "task list after saving", body, fmt.Sprintf("%d requirements not met", len(after.Assessment.Gaps)))
	if countTags(body, "Not started") != len(secs)-1 || countTags(body, status) < 1 {
		t.Errorf("task list after saving: %d not started, no %q tag", countTags(body, "Not started"), status)
	}
	_, body = b.Get(base + "/gaps")
	contains(t, "gap list", body, fmt.Sprintf("%d requirements not met", len(after.Assessment.Gaps)))
	for _, g := range after.Assessment.Gaps {
		contains(t, "gap list", body, ">"+g.Criterion.ID+"</span>")
	}

	// Save and continue goes to the next section that is not complete.
	form := compliantForm(sec)
	form.Set("action", "continue")
	resp, _ = b.Post(sectionPath(co, sec), form)
	next := secs[(idx+1)%len(secs)]
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != sectionPath(co, next) {
		t.Errorf("save and continue: %d %s, want %s", resp.StatusCode, resp.Header.Get("Location"), sectionPath(co, next))
	}
}

// TestProfileRefusedAnswersKeepWhatWasTyped sends a bogus option, a
// malformed date and a question the section does not have, beside a valid
// text answer: the page comes back with every typed value and the error
// summary, and nothing is saved.
func TestProfileRefusedAnswersKeepWhatWasTyped(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	co := inst.SignUpCompany(t, "Dogwood Carriers Ltd.", "dee@dogwood.test")
	v := version(t, inst)
	b := signedIn(t, inst, "dee@dogwood.test")
	sec := findSection(t, v, []string{"highway_carrier"}, func(s catalog.Section) bool {
		return firstOf(s, catalog.YesNo) != nil && firstOf(s, catalog.Date) != nil && firstOf(s, catalog.Free) != nil
	})
	choice, date, text := firstOf(sec, catalog.YesNo), firstOf(sec, catalog.Date), firstOf(sec, catalog.Free)
	form := url.Values{"action": {"draft"}, choice.ID: {"maybe"}, date.ID: {"31/12/2026"},
		text.ID: {"Typed <carefully> & kept"}, "ZZ-99-Q9": {"yes"}}

	resp, body := b.Post(sectionPath(co, sec), form)
	wantStatus(t, "refused save", resp, http.StatusUnprocessableEntity)
	contains(t, "refused save", body, "<title>Error:", `class="error-summary"`,
		`href="#f-`+choice.ID+`">Answer yes or no.`, `href="#f-`+date.ID+`">Enter a real date`,
		`href="#f-answers">There is no such question`,
		`value="31/12/2026"`, "Typed &lt;carefully&gt; &amp; kept</textarea>", `id="f-`+date.ID+`-error"`)
	if p := profileOf(t, inst, co); p.Record.Revision != 0 || len(p.Answers) != 0 {
		t.Errorf("a refused save changed the profile: revision %d, %d answers", p.Record.Revision, len(p.Answers))
	}
}

// firstOf returns the section's first unconditional question of a type.
func firstOf(s catalog.Section, typ catalog.AnswerType) *catalog.Question {
	for _, q := range s.Questions {
		if q.Type == typ && q.ShowIf == nil {
			return q
		}
	}
	return nil
}

// TestProfileConditionalQuestion: a question that depends on an earlier
// answer is in the page but hidden (for profile.js to reveal), and shows
// without script once its condition is saved; clearing the condition hides
// it again.
func TestProfileConditionalQuestion(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	co := inst.SignUpCompany(t, "Elm Road Freight Inc.", "eli@elm.test")
	v := version(t, inst)
	b := signedIn(t, inst, "eli@elm.test")
	sec := findSection(t, v, []string{"highway_carrier"}, func(s catalog.Section) bool { q, _ := conditionalIn(s); return q != nil })
	q, cond := conditionalIn(sec)
	hidden := fmt.Sprintf(`id="q-%s" hidden data-show-if="%s" data-show-values="%s"`, q.ID, cond.ID, strings.Join(q.ShowIf.In, " "))
	shown := fmt.Sprintf(`id="q-%s" data-show-if="%s"`, q.ID, cond.ID)

	_, body := b.Get(sectionPath(co, sec))
	contains(t, "before the condition is answered", body, hidden)
	if resp, body := b.Post(sectionPath(co, sec), url.Values{cond.ID: q.ShowIf.In[:1]}); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("answer the condition: %d\n%s", resp.StatusCode, body)
	}
	_, body = b.Get(sectionPath(co, sec))
	contains(t, "after the condition is saved", body, shown)
	lacks(t, "after the condition is saved", body, hidden)

	b.Post(sectionPath(co, sec), url.Values{cond.ID: {""}})
	_, body = b.Get(sectionPath(co, sec))
	contains(t, "after the condition is cleared", body, hidden)
	// The script that reveals it live is served from our origin, which the
	// policy allows, and inline script still is not.
	src := regexp.MustCompile(`<script src="(/static/profile\.[0-9a-f]+\.js)" defer>`).FindStringSubmatch(body)
	if src == nil {
		t.Fatal("the section page loads no script")
	}
	resp, js := b.Get(src[1])
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "text/javascript; charset=utf-8" || !strings.Contains(js, "data-show-if") {
		t.Errorf("script: %d %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self';") || strings.Contains(csp, "unsafe-inline") {
		t.Errorf("policy: %q", csp)
	}
}
