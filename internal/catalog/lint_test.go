package catalog_test

import (
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"trustlane/internal/catalog"
)

// miniFS copies the test catalog into memory so a case can break one file.
func miniFS(t *testing.T) fstest.MapFS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS("testdata/mini"), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile("testdata/mini/" + p)
		m[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func TestLintFindsEachKindOfProblem(t *testing.T) {
	tests := []struct {
		name, file, old, new, want string
	}{
		{"missing French", "v1/a.yaml", `requirement: {en: "r", fr: "r"}`, `requirement: {en: "r", fr: ""}`, "A-01 requirement: needs both English and French"},
		{"duplicate criterion", "v1/b.yaml", "id: B-02", "id: B-01", "criterion ID B-01 is used twice"},
		{"duplicate question", "v1/b.yaml", "id: B-02-Q1", "id: B-01-Q1", "question ID B-01-Q1 is used twice"},
		{"unknown target", "v1/b.yaml", `target: "1", relationship: superset`, `target: "9", relationship: superset`, `unknown fw target "9"`},
		{"unknown framework", "v1/b.yaml", `framework: fw, target: "1", relationship: superset`, `framework: nope, target: "1", relationship: superset`, `unknown framework "nope"`},
		{"bad relationship", "v1/b.yaml", "relationship: superset", "relationship: bigger", "relationship must be equal"},
		{"unknown sector", "v1/b.yaml", "sectors: [highway_carrier]", "sectors: [spaceship]", `unknown sector "spaceship"`},
		{"no question", "v1/b.yaml", `      - {id: B-02-Q1, type: yes_no, text: {en: "q", fr: "q"}, expect: ["yes"]}`, `      []`, "B-02: has no question"},
		{"condition on a later question", "v1/a.yaml", "show_if: {question: A-01-Q1, in: [\"yes\"]}", "show_if: {question: A-01-Q3, in: [\"yes\"]}", "does not come before it"},
		{"condition on an unknown answer", "v1/a.yaml", "show_if: {question: A-01-Q1, in: [\"yes\"]}", "show_if: {question: A-01-Q1, in: [\"maybe\"]}", `"maybe", which is not a possible answer`},
		{"expectation not an option", "v1/a.yaml", "expect: [good]", "expect: [great]", `expects "great"`},
		{"choice with one option", "v1/a.yaml", "          - {value: bad, label: {en: \"Bad\", fr: \"Mauvais\"}}\n        expect: [good]", "        expect: [good]", "at least two options"},
		{"min on a date", "v1/a.yaml", "max_age_days: 366}", "max_age_days: 366, min: 3}", "min and max are for numbers"},
		{"also across parts", "v1/b.yaml", "also: [A-01]", "also: [A-03]", "applies to other sectors"},
		{"only optional questions", "v1/b.yaml", `expect: ["yes"]}`, `expect: ["yes"], optional: true}`, "every question is optional"},
		{"base criterion left out", "v2/correspondence.yaml", "  - {from: B-02, area: c}\n", "", "B-02 of v1 appears 0 times"},
		{"new ID reuses an old one", "v2/c.yaml", "id: C-01\n", "id: A-02\n", "new criterion A-02 reuses an ID"},
		{"replacement undefined", "v2/correspondence.yaml", "to: C-01", "to: C-09", "replaced by C-09, which this version does not define"},
		{"area not covered for a sector", "v1/b.yaml", "  - id: B-01\n    level: must\n", "  - id: B-01\n    level: must\n    sectors: [highway_carrier]\n", "area b has no criterion for sector importer"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := miniFS(t)
			src := string(m[tt.file].Data)
			if !strings.Contains(src, tt.old) {
				t.Fatalf("%s does not contain %q", tt.file, tt.old)
			}
			m[tt.file] = &fstest.MapFile{Data: []byte(strings.Replace(src, tt.old, tt.new, 1))}
			c, err := catalog.LoadFS(m)
			if err != nil {
				t.Fatalf("load: %v", err)
			}
			problems := c.Lint([]string{"highway_carrier", "importer"})
			for _, p := range problems {
				if strings.Contains(p, tt.want) {
					return
				}
			}
			t.Errorf("no problem mentions %q; got %q", tt.want, problems)
		})
	}
}

func TestLoadRefusesUnknownFields(t *testing.T) {
	m := miniFS(t)
	m["v1/b.yaml"] = &fstest.MapFile{Data: []byte(strings.Replace(string(m["v1/b.yaml"].Data), "level: must", "levle: must", 1))}
	if _, err := catalog.LoadFS(m); err == nil || !strings.Contains(err.Error(), "levle") {
		t.Fatalf("a misspelt field loaded: %v", err)
	}
}
