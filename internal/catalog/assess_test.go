package catalog_test

import (
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"trustlane/internal/catalog"
)

func mini(t testing.TB) *catalog.Catalog {
	t.Helper()
	c, err := catalog.LoadFS(os.DirFS("testdata/mini"))
	if err != nil {
		t.Fatal(err)
	}
	if p := c.Lint([]string{"highway_carrier", "importer"}); len(p) > 0 {
		t.Fatalf("the test catalog does not lint: %v", p)
	}
	return c
}

var asOf = time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)

type answers map[string]string // "part/question" → text ("a;b" for multi)

func profile(v *catalog.Version, sectors []string, a answers, files ...string) catalog.Profile {
	p := catalog.Profile{Sectors: sectors, Answers: map[catalog.Key]catalog.Value{}, Evidence: map[catalog.Key]int{}}
	for k, val := range a {
		part, q, _ := strings.Cut(k, "/")
		qq, _ := v.Question(q)
		p.Answers[catalog.Key{Part: part, Question: q}] = qq.ParseValue(val)
	}
	for _, f := range files {
		part, q, _ := strings.Cut(f, "/")
		p.Evidence[catalog.Key{Part: part, Question: q}]++
	}
	return p
}

// gapList renders gaps as "part/criterion:kind" sorted, for comparison.
func gapList(gs []catalog.Gap) []string {
	var out []string
	for _, g := range gs {
		out = append(out, g.Part+"/"+g.Criterion.ID+":"+string(g.Kind))
	}
	slices.Sort(out)
	return out
}

func TestAssess(t *testing.T) {
	v, _ := mini(t).Version("v1")
	full := answers{"generic/A-01-Q1": "yes", "generic/A-01-Q2": "good", "generic/A-02-Q1": "2026-06-01",
		"generic/A-02-Q2": "45", "generic/B-01-Q1": "no"}
	with := func(over answers) answers {
		out := answers{}
		for k, x := range full {
			out[k] = x
		}
		for k, x := range over {
			if x == "" {
				delete(out, k)
			} else {
				out[k] = x
			}
		}
		return out
	}
	tests := []struct {
		name      string
		sectors   []string
		answers   answers
		files     []string
		gaps, rec []string
		ready     bool
		percent   int
	}{
		{name: "empty profile: everything unanswered", answers: answers{},
			gaps: []string{"generic/A-01:unanswered", "generic/B-01:unanswered"}, rec: []string{"generic/A-02:unanswered"}},
		{name: "complete and compliant", answers: full, files: []string{"generic/A-01-Q1"}, ready: true, percent: 100},
		{name: "required evidence missing", answers: full,
			gaps: []string{"generic/A-01:evidence_missing"}, percent: 83},
		{name: "non-compliant yes/no", answers: with(answers{"generic/A-01-Q1": "no", "generic/A-01-Q2": ""}), files: []string{"generic/A-01-Q1"},
			gaps: []string{"generic/A-01:not_compliant"}, percent: 100},
		{name: "follow-up hidden when the first answer is no, so not required", answers: with(answers{"generic/A-01-Q1": "no"}),
			files: []string{"generic/A-01-Q1"}, gaps: []string{"generic/A-01:not_compliant"}, percent: 100},
		{name: "follow-up visible and unanswered", answers: with(answers{"generic/A-01-Q2": ""}), files: []string{"generic/A-01-Q1"},
			gaps: []string{"generic/A-01:unanswered"}, percent: 83},
		{name: "chained follow-up: bad choice shows a required text", answers: with(answers{"generic/A-01-Q2": "bad"}), files: []string{"generic/A-01-Q1"},
			gaps: []string{"generic/A-01:unanswered"}, percent: 85},
		{name: "a question serving another criterion breaks both", answers: with(answers{"generic/B-01-Q1": "yes"}), files: []string{"generic/A-01-Q1"},
			gaps: []string{"generic/A-01:not_compliant", "generic/B-01:not_compliant"}, percent: 100},
		{name: "date too old is a recommendation, not a gap", answers: with(answers{"generic/A-02-Q1": "2025-01-01"}), files: []string{"generic/A-01-Q1"},
			rec: []string{"generic/A-02:not_compliant"}, ready: true, percent: 100},
		{name: "date in the future does not comply", answers: with(answers{"generic/A-02-Q1": "2027-01-01"}), files: []string{"generic/A-01-Q1"},
			rec: []string{"generic/A-02:not_compliant"}, ready: true, percent: 100},
		{name: "number under its minimum", answers: with(answers{"generic/A-02-Q2": "29.5"}), files: []string{"generic/A-01-Q1"},
			rec: []string{"generic/A-02:not_compliant"}, ready: true, percent: 100},
		{name: "a sector part adds its criteria", sectors: []string{"highway_carrier"}, answers: full, files: []string{"generic/A-01-Q1"},
			gaps: []string{"highway_carrier/A-03:unanswered", "highway_carrier/B-02:unanswered"}, percent: 66},
		{name: "multi choice must include every expected value; files answer file questions", sectors: []string{"highway_carrier"},
			answers: with(answers{"highway_carrier/A-03-Q1": "x;z", "highway_carrier/B-02-Q1": "yes"}),
			files:   []string{"generic/A-01-Q1", "highway_carrier/A-03-Q2"}, gaps: []string{"highway_carrier/A-03:not_compliant"}, percent: 100},
		{name: "a sector the catalog does not know adds nothing", sectors: []string{"importer"}, answers: full,
			files: []string{"generic/A-01-Q1"}, ready: true, percent: 100},
		{name: "answers of one part do not count in another", sectors: []string{"highway_carrier"},
			answers: with(answers{"generic/A-03-Q1": "x;y", "generic/B-02-Q1": "yes"}), files: []string{"generic/A-01-Q1", "generic/A-03-Q2"},
			gaps: []string{"highway_carrier/A-03:unanswered", "highway_carrier/B-02:unanswered"}, percent: 66},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := v.Assess(profile(v, tt.sectors, tt.answers, tt.files...), asOf)
			if got := gapList(a.Gaps); !slices.Equal(got, tt.gaps) {
				t.Errorf("gaps = %v, want %v", got, tt.gaps)
			}
			if got := gapList(a.Recommendations); !slices.Equal(got, tt.rec) {
				t.Errorf("recommendations = %v, want %v", got, tt.rec)
			}
			if a.Ready() != tt.ready {
				t.Errorf("ready = %v, want %v", a.Ready(), tt.ready)
			}
			if tt.percent != 0 && a.Percent() != tt.percent {
				t.Errorf("percent = %d (%d/%d), want %d", a.Percent(), a.Done, a.Required, tt.percent)
			}
		})
	}
}

func TestSectionStatus(t *testing.T) {
	v, _ := mini(t).Version("v1")
	a := v.Assess(profile(v, nil, answers{"generic/A-01-Q1": "no", "generic/B-01-Q1": "no"}), asOf)
	status := map[string]string{}
	for _, s := range a.Sections {
		status[s.Part+"/"+s.Area] = s.Status()
	}
	if status["generic/a"] != "in_progress" || status["generic/b"] != "complete" {
		t.Errorf("statuses = %v", status)
	}
	a = v.Assess(profile(v, nil, answers{"generic/A-01-Q1": "no", "generic/A-02-Q1": "2026-01-01", "generic/A-02-Q2": "31"}, "generic/A-01-Q1"), asOf)
	for _, s := range a.Sections {
		if s.Area == "a" && s.Status() != "needs_attention" {
			t.Errorf("a complete section with an unmet must is %s", s.Status())
		}
		if s.Area == "b" && s.Status() != "not_started" {
			t.Errorf("an unanswered section is %s", s.Status())
		}
	}
}

func TestCheckValue(t *testing.T) {
	v, _ := mini(t).Version("v1")
	tests := []struct {
		q, in, want, key string
	}{
		{"A-01-Q1", "yes", "yes", ""}, {"A-01-Q1", " no ", "no", ""}, {"A-01-Q1", "maybe", "", "error.answer.yes_no"},
		{"A-01-Q2", "good", "good", ""}, {"A-01-Q2", "great", "", "error.answer.choice"},
		{"A-03-Q1", "z;x", "x; z", ""}, {"A-03-Q1", "x;x", "", "error.answer.choice"}, {"A-03-Q1", "w", "", "error.answer.choice"},
		{"A-02-Q1", "2026-02-28", "2026-02-28", ""}, {"A-02-Q1", "2026-02-30", "", "error.answer.date"}, {"A-02-Q1", "28/02/2026", "", "error.answer.date"},
		{"A-02-Q2", "1,5", "1.5", ""}, {"A-02-Q2", "abc", "", "error.answer.number"}, {"A-02-Q2", "NaN", "", "error.answer.number"},
		{"A-03-Q2", "a file", "", "error.answer.file_only"},
		{"A-01-Q3", strings.Repeat("é", catalog.MaxTextLen), strings.Repeat("é", catalog.MaxTextLen), ""},
		{"A-01-Q3", strings.Repeat("é", catalog.MaxTextLen+1), "", "error.answer.text_long"},
		{"A-01-Q1", "   ", "", ""},
	}
	for _, tt := range tests {
		q, _ := v.Question(tt.q)
		got, key := q.CheckValue(q.ParseValue(tt.in))
		if key != tt.key || (key == "" && got.String() != tt.want) {
			t.Errorf("%s %q: got %q, %q; want %q, %q", tt.q, tt.in, got.String(), key, tt.want, tt.key)
		}
	}
}

func TestVersionCarriesOverAndReplaces(t *testing.T) {
	c := mini(t)
	v2, err := c.Version("v2")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, cr := range v2.Criteria {
		ids = append(ids, cr.ID+"@"+cr.Area)
	}
	want := []string{"C-01@c", "A-01@c", "A-03@c", "B-01@c", "B-02@c"}
	if !slices.Equal(ids, want) {
		t.Errorf("v2 criteria = %v, want %v", ids, want)
	}
	v1, _ := c.Version("v1")
	a1, _ := v1.Criterion("A-01")
	a2, _ := v2.Criterion("A-01")
	if a1.Area != "a" || a2.Area != "c" || a1.Title != a2.Title {
		t.Errorf("carrying over changed the base: %s/%s", a1.Area, a2.Area)
	}
	if _, ok := v2.Question("A-02-Q1"); ok {
		t.Error("a replaced criterion's question is still in v2")
	}
}
