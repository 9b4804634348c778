package catalog_test

import (
	"slices"
	"testing"

	"trustlane/internal/catalog"
	"trustlane/internal/program"
)

func sectors() []string {
	var out []string
	for _, s := range program.Sectors() {
		out = append(out, string(s))
	}
	return out
}

func mustLoad(t testing.TB) *catalog.Catalog {
	t.Helper()
	c, err := catalog.Load()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestLint is `trustlane catalog lint` as a test.
func TestLint(t *testing.T) {
	c := mustLoad(t)
	for _, p := range c.Lint(sectors()) {
		t.Error(p)
	}
}

func TestRealCatalogDepth(t *testing.T) {
	c := mustLoad(t)
	v08, err := c.Version("2008")
	if err != nil {
		t.Fatal(err)
	}
	if n := len(v08.Criteria); n < 80 {
		t.Errorf("version 2008 has %d criteria, want at least 80", n)
	}
	if len(v08.Areas) != 6 {
		t.Errorf("version 2008 has %d areas, want the six of the 2008 program", len(v08.Areas))
	}
	v24, err := c.Version("2024")
	if err != nil {
		t.Fatal(err)
	}
	if len(v24.Areas) != 4 || v24.Base != "2008" {
		t.Errorf("version 2024: %d areas, base %q", len(v24.Areas), v24.Base)
	}
	// Every area has criteria for every sector in both versions, and every
	// sector has criteria of its own somewhere.
	for _, v := range c.Versions() {
		cov := v.Coverage(sectors())
		for area, bySector := range cov {
			for _, s := range sectors() {
				if bySector[s] == 0 {
					t.Errorf("version %s: area %s has nothing for %s", v.ID, area, s)
				}
			}
		}
	}
	for _, s := range sectors() {
		own := 0
		for _, cr := range v08.Criteria {
			if slices.Contains(cr.Sectors, s) {
				own++
			}
		}
		if own < 3 {
			t.Errorf("sector %s has %d criteria of its own, want several", s, own)
		}
	}
	// A criterion carried over keeps its ID, text and questions.
	a, _ := v08.Criterion("CV-01")
	b, ok := v24.Criterion("CV-01")
	if !ok || a.Title != b.Title || len(a.Questions) != len(b.Questions) || b.Area != "cargo_conveyance" {
		t.Errorf("CV-01 in 2024: %+v", b)
	}
	// Sector criteria the program's facts call for.
	for _, id := range []string{"CV-01", "CV-02", "CV-03", "CV-04", "CV-09", "DD-02", "SC-12", "PH-11"} {
		if _, ok := v08.Criterion(id); !ok {
			t.Errorf("criterion %s is missing", id)
		}
	}
}
