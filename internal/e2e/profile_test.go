package e2e

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"trustlane/internal/catalog"
	"trustlane/internal/server/servertest"
)

// compliantAnswer is an answer that meets a question's expectation. A yes/no
// question that expects nothing in particular is answered "no", which
// usually spares its follow-up questions and their evidence.
func compliantAnswer(q *catalog.Question) []string {
	switch q.Type {
	case catalog.YesNo:
		if len(q.Expect) > 0 {
			return q.Expect[:1]
		}
		return []string{"no"}
	case catalog.Single:
		if len(q.Expect) > 0 {
			return q.Expect[:1]
		}
		return []string{q.Options[0].Value}
	case catalog.Multi:
		if len(q.Expect) > 0 {
			return q.Expect
		}
		return []string{q.Options[0].Value}
	case catalog.Date:
		return []string{time.Now().AddDate(0, 0, -10).Format(time.DateOnly)}
	case catalog.Number:
		n := 1.0
		if q.Min != nil {
			n = *q.Min
		}
		return []string{strconv.FormatFloat(n, 'f', -1, 64)}
	case catalog.Free:
		return []string{"Written procedure, binder 3."}
	}
	return nil
}

// answerAll answers sec compliantly in order, as a person would, keeping
// only the questions shown by the answers before them.
func answerAll(sec catalog.Section) map[catalog.Key]catalog.Value {
	answers := map[catalog.Key]catalog.Value{}
	for _, q := range sec.Questions {
		if vals := compliantAnswer(q); vals != nil && q.Visible(sec.Part, answers) {
			answers[catalog.Key{Part: sec.Part, Question: q.ID}] = q.ParseValue(strings.Join(vals, ";"))
		}
	}
	return answers
}

// pickSection finds a section where a compliant answer opens a conditional
// question of the same section and meets at least one requirement; it
// returns it with the number of requirements that answering it meets.
func pickSection(t *testing.T, v *catalog.Version, sectors []string) (catalog.Section, int) {
	t.Helper()
	empty := v.Assess(catalog.Profile{Sectors: sectors, Answers: map[catalog.Key]catalog.Value{}}, time.Now())
	for _, s := range v.Sections(sectors) {
		answers := answerAll(s)
		opens := false
		for _, q := range s.Questions {
			_, answered := answers[catalog.Key{Part: s.Part, Question: q.ID}]
			opens = opens || (q.ShowIf != nil && answered && inSection(s, q.ShowIf.Question))
		}
		filled := v.Assess(catalog.Profile{Sectors: sectors, Answers: answers}, time.Now())
		if opens && len(filled.Gaps) < len(empty.Gaps) {
			return s, len(empty.Gaps) - len(filled.Gaps)
		}
	}
	t.Fatal("no section opens a conditional question and meets a requirement")
	return catalog.Section{}, 0
}

func inSection(s catalog.Section, id string) bool {
	for _, q := range s.Questions {
		if q.ID == id {
			return true
		}
	}
	return false
}

var leadingNumber = regexp.MustCompile(`^\d+`)

// unmetOnGapList reads the number of unmet requirements from the gap list.
func unmetOnGapList(t *testing.T, ctx context.Context, base string) int {
	t.Helper()
	step(t, ctx, "open the gap list", chromedp.Navigate(base+"/gaps"), chromedp.WaitVisible(chromedp.CSS(`#unmet`)))
	n, err := strconv.Atoi(leadingNumber.FindString(read(t, ctx, chromedp.Text(chromedp.CSS(`#unmet`)))))
	if err != nil {
		t.Fatalf("gap list heading: %v", err)
	}
	return n
}

// TestCompanyAnswersASectionOfItsSecurityProfile signs up a highway carrier
// in the browser, notes the unmet requirements on the gap list, answers a
// section (a conditional question appears as its condition is answered,
// before anything is saved), saves it and sees the gap list shrink by the
// requirements those answers meet.
func TestCompanyAnswersASectionOfItsSecurityProfile(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	ctx := browser(t)
	css := func(sel string) chromedp.CSS { return chromedp.CSS(sel) }
	fill := func(sel, val string) chromedp.Action[chromedp.Void] { return chromedp.SendKeys(css(sel), val) }

	step(t, ctx, "sign up",
		chromedp.Navigate(inst.URL+"/signup"),
		fill(`#f-legal-name`, "Laurentides Express Inc."),
		chromedp.Click(css(`input[name=sectors][value=highway_carrier]`)),
		fill(`#f-address-line1`, "200 boulevard Industriel"),
		fill(`#f-address-city`, "Saint-Jérôme"),
		fill(`#f-address-region`, "QC"),
		fill(`#f-address-postal-code`, "J7Y 4B8"),
		fill(`#f-identifiers-bn9`, "871136073"),
		fill(`#f-identifiers-cbsa-carrier`, "LX34"),
		fill(`#f-name`, "Julie Ouellet"),
		fill(`#f-email`, "julie@laurentides.example"),
		fill(`#f-password`, servertest.Password),
		fill(`#f-password-confirm`, servertest.Password),
		chromedp.Click(css(`form[action="/signup"] button[type=submit]`)),
		chromedp.WaitVisible(css(`#invite`)),
	)
	step(t, ctx, "open the Security Profile",
		chromedp.Click(css(`a[href$="/profile"]`)),
		chromedp.WaitVisible(css(`.task-list`)),
	)
	checkAccessible(t, ctx, "task list")
	base := strings.TrimSuffix(read(t, ctx, chromedp.Location()), "/")
	before := unmetOnGapList(t, ctx, base)
	checkAccessible(t, ctx, "gap list")

	v, err := inst.Office.Catalog().Version(catalog.DefaultVersion)
	if err != nil {
		t.Fatal(err)
	}
	sec, meets := pickSection(t, v, []string{"highway_carrier"})
	step(t, ctx, "open a section",
		chromedp.Navigate(base),
		chromedp.Click(css(`a.task-name[href$="/profile/`+sec.Part+`/`+sec.Area.ID+`"]`)),
		chromedp.WaitVisible(css(`#f-answers ~ section.criterion`)),
	)
	checkAccessible(t, ctx, "section")
	answerInBrowser(t, ctx, sec)
	step(t, ctx, "save as draft",
		chromedp.Click(css(`button[value=draft]`)),
		chromedp.WaitVisible(css(`.notification-banner`)),
	)
	if text := read(t, ctx, chromedp.Text(css(`.notification-banner`))); !strings.Contains(text, "saved as a draft") {
		t.Errorf("after saving, the notice is %q", text)
	}
	after := unmetOnGapList(t, ctx, base)
	if after != before-meets {
		t.Errorf("gap list: %d unmet before, %d after, want %d", before, after, before-meets)
	}
	checkAccessible(t, ctx, "gap list after saving")
}

// answerInBrowser answers every question shown, in order. A question that
// depends on an earlier answer of the page is hidden until that answer is
// given, then appears at once (profile.js), before anything is saved.
func answerInBrowser(t *testing.T, ctx context.Context, sec catalog.Section) {
	t.Helper()
	answers := map[catalog.Key]catalog.Value{}
	revealed := 0
	for _, q := range sec.Questions {
		box := "#q-" + q.ID
		hidden := func() bool {
			return read(t, ctx, chromedp.Evaluate[bool](`document.getElementById("q-`+q.ID+`").hidden`))
		}
		if !q.Visible(sec.Part, answers) {
			if !hidden() {
				t.Errorf("%s shows although its condition does not hold", q.ID)
			}
			continue
		}
		if q.ShowIf != nil && inSection(sec, q.ShowIf.Question) {
			step(t, ctx, "see "+q.ID+" appear", chromedp.WaitVisible(chromedp.CSS(box)))
			revealed++
		}
		vals := compliantAnswer(q)
		if vals == nil {
			continue // a file question: evidence only
		}
		answers[catalog.Key{Part: sec.Part, Question: q.ID}] = q.ParseValue(strings.Join(vals, ";"))
		sel := `[form="f-answers"][name="` + q.ID + `"]`
		switch q.Type {
		case catalog.YesNo, catalog.Single, catalog.Multi:
			for _, val := range vals {
				step(t, ctx, "answer "+q.ID, chromedp.Click(chromedp.CSS(sel+`[value="`+val+`"]`)))
			}
		case catalog.Date:
			step(t, ctx, "answer "+q.ID, chromedp.SetValue(chromedp.CSS(sel), vals[0]))
		default:
			step(t, ctx, "answer "+q.ID, chromedp.SendKeys(chromedp.CSS(sel), vals[0]))
		}
	}
	if revealed == 0 {
		t.Error("no conditional question appeared while answering")
	}
}
