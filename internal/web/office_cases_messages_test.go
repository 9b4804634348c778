package web_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"trustlane/internal/i18n"
)

// The start-up check sees only the keys a template passes to .L.T
// literally; the case screens also name keys inside sub-templates ($v.L.T)
// and build some from parts. Every one of them must exist in both
// languages, so no page shows a raw key.
func TestOfficeCaseMessagesExist(t *testing.T) {
	b, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("templates/pages/staff-*.html")
	goFiles, _ := filepath.Glob("office_case*.go")
	files = append(files, goFiles...)
	re := regexp.MustCompile(`"((?:staffcase|flash|case|letter|profile|office|common|deadline|audit|sector|role|error)\.[a-z0-9_]+(?:\.[a-z0-9_]+)*)"`)
	seen := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllStringSubmatch(string(src), -1) {
			seen++
			if !b.Has(m[1]) {
				t.Errorf("%s: %q is not in the catalog", f, m[1])
			}
		}
	}
	if seen < 150 {
		t.Errorf("only %d keys found; is the pattern right?", seen)
	}
	var built []string
	for _, what := range []string{"approve", "deny", "suspend", "reinstate", "cancel", "appeal"} {
		for _, part := range []string{"title", "check_title", "intro", "warning", "confirm"} {
			built = append(built, "staffcase.decision."+what+"."+part)
		}
		if what != "appeal" {
			built = append(built, "staffcase.decision."+what+".start")
		}
	}
	for _, d := range []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"} {
		built = append(built, "staffcase.calendar.day."+d, "staffcase.calendar.day_short."+d)
	}
	for _, m := range []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"} {
		built = append(built, "staffcase.calendar.month."+m)
	}
	for _, k := range built {
		if !b.Has(k) {
			t.Errorf("%q is not in the catalog", k)
		}
	}
}
