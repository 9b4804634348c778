package i18n

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestCatalogLoadsWithSameKeysInBothLanguages(t *testing.T) {
	b, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Keys()) < 100 {
		t.Fatalf("only %d keys loaded", len(b.Keys()))
	}
	en, fr := b.For("en"), b.For("fr")
	if en.T("error.required") == fr.T("error.required") {
		t.Error("English and French give the same text")
	}
	if got := b.For("de").Lang(); got != "en" {
		t.Errorf("unsupported language falls back to %q", got)
	}
	if got := en.T("no.such.key"); got != "no.such.key" {
		t.Errorf("missing key renders %q", got)
	}
	if got := fr.N("common.results", 1); got != "1 résultat" {
		t.Errorf("French singular = %q", got)
	}
	if got := en.N("common.results", 3); got != "3 results" {
		t.Errorf("English plural = %q", got)
	}
	if got := en.T("site.signed_in_as", map[string]any{"Name": "Ann"}); got != "Signed in as Ann" {
		t.Errorf("template data = %q", got)
	}
}

// Every message key written in Go code exists in the catalog, so no page or
// error shows a raw key.
func TestEveryKeyUsedInCodeExists(t *testing.T) {
	b, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`"((?:error|flash|mail)\.[a-z0-9_]+(?:\.[a-z0-9_]+)*)"`)
	root := filepath.Join("..", "..")
	checked := 0
	err = filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range re.FindAllSubmatch(src, -1) {
			key := string(m[1])
			if strings.HasSuffix(key, ".") {
				continue
			}
			checked++
			if !b.Has(key) {
				t.Errorf("%s: key %q is not in the catalog", path, key)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 50 {
		t.Errorf("only %d keys found in code; is the pattern right?", checked)
	}
}

func TestDatesInEachLanguage(t *testing.T) {
	b, _ := Load()
	d := time.Date(2026, 11, 25, 14, 5, 0, 0, time.UTC)
	cases := []struct{ lang, date, dt string }{
		{"en", "November 25, 2026", "November 25, 2026 at 14:05"},
		{"fr", "25 novembre 2026", "25 novembre 2026 à 14 h 05"},
	}
	for _, c := range cases {
		l := b.For(c.lang)
		if got := l.Date(d); got != c.date {
			t.Errorf("%s date = %q", c.lang, got)
		}
		if got := l.DateTime(d); got != c.dt {
			t.Errorf("%s datetime = %q", c.lang, got)
		}
	}
	if got := b.For("fr").Date(time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)); got != "1er janvier 2027" {
		t.Errorf("first of month = %q", got)
	}
	if got := b.For("en").DaysLeft(d.Add(72*time.Hour), d); got != "in 3 days" {
		t.Errorf("days left = %q", got)
	}
	if got := b.For("en").DaysLeft(d.Add(6*time.Hour), d); got != "today" {
		t.Errorf("later the same day = %q", got)
	}
	if got := b.For("en").DaysLeft(d.Add(10*time.Hour), d); got != "in 1 day" {
		t.Errorf("just after midnight = %q", got)
	}
	endOfDay := time.Date(2027, 1, 24, 23, 59, 59, 0, time.UTC)
	if got := b.For("en").DaysLeft(endOfDay, time.Date(2026, 11, 25, 15, 0, 0, 0, time.UTC)); got != "in 60 days" {
		t.Errorf("end-of-day deadline = %q", got)
	}
	if got := b.For("en").DaysLeft(d.Add(-6*time.Hour), d); got != "today" {
		t.Errorf("hours past = %q", got)
	}
	if got := b.For("fr").DaysLeft(d.Add(-24*time.Hour), d); got != "il y a 1 jour" {
		t.Errorf("days ago = %q", got)
	}
}

func TestMatchAcceptLanguage(t *testing.T) {
	for in, want := range map[string]string{
		"fr-CA,fr;q=0.9,en;q=0.8": "fr", "en-US": "en", "de-DE": "en", "": "en", "fr": "fr",
		"es, fr;q=0.5": "fr", "garbage;;;": "en",
	} {
		if got := Match(in); got != want {
			t.Errorf("Match(%q) = %q, want %q", in, got, want)
		}
	}
}
