package document_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"trustlane/internal/document"
)

func TestCrosswalkJSON(t *testing.T) {
	c := realCatalog(t)
	v, _ := c.Version("2008")
	b, err := document.CrosswalkJSON(c, v, "ctpat")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Format     string
		Version    string
		Frameworks []struct {
			Framework struct{ ID string }
			Targets   []struct {
				Target   struct{ ID string }
				Coverage string
				Mappings []struct{ Criterion, Relationship string }
			}
			Summary struct{ Targets, Fully, Partly, Not, Mappings int }
		}
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Format != document.CrosswalkFormat || doc.Version != "2008" || len(doc.Frameworks) != 1 || doc.Frameworks[0].Framework.ID != "ctpat" {
		t.Fatalf("doc = %+v", doc)
	}
	fw := doc.Frameworks[0]
	if s := fw.Summary; s.Fully+s.Partly+s.Not != s.Targets || s.Targets != len(fw.Targets) || s.Mappings == 0 {
		t.Errorf("summary %+v for %d targets", s, len(fw.Targets))
	}
	if all, _ := document.CrosswalkJSON(c, v, ""); !bytes.Contains(all, []byte(`"eu_aeo"`)) {
		t.Error("the export of every framework lacks eu_aeo")
	}
	if _, err := document.CrosswalkJSON(c, v, "nope"); err == nil {
		t.Error("an unknown framework was exported")
	}
}

// TestCrosswalkXLSXReadBack reads the workbook back: the summary's counts
// and one row per mapping match the crosswalk.
func TestCrosswalkXLSXReadBack(t *testing.T) {
	c := realCatalog(t)
	v, _ := c.Version("2024")
	cw, err := v.Crosswalk(c.Frameworks, "")
	if err != nil {
		t.Fatal(err)
	}
	b, err := document.CrosswalkXLSX(c, v, "")
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if sheets[0] != "Summary" || len(sheets) != 1+len(c.Frameworks) {
		t.Fatalf("sheets = %v", sheets)
	}
	summary, _ := f.GetRows("Summary")
	if len(summary) < 4+len(cw.Frameworks) || !strings.Contains(summary[3][4], "Fully covered") || !strings.Contains(summary[3][4], "Entièrement") {
		t.Fatalf("summary header = %v", summary[3])
	}
	for i, fc := range cw.Frameworks {
		row := summary[4+i]
		if row[0] != fc.Framework.ID || row[4] != itoa(fc.Summary.Fully) || row[7] != itoa(fc.Summary.Mappings) {
			t.Errorf("summary row %v, want %s fully %d mappings %d", row, fc.Framework.ID, fc.Summary.Fully, fc.Summary.Mappings)
		}
		rows, _ := f.GetRows(fc.Framework.ID)
		want := fc.Summary.Mappings + fc.Summary.Not
		if len(rows)-1 != want {
			t.Errorf("%s: %d rows, want %d", fc.Framework.ID, len(rows)-1, want)
		}
		m := fc.Mappings[0]
		found := false
		for _, r := range rows[1:] {
			if len(r) > 5 && r[0] == m.Target && r[4] == m.Criterion && r[5] == string(m.Relationship) {
				found = true
			}
		}
		if !found {
			t.Errorf("%s: no row for %s → %s", fc.Framework.ID, m.Criterion, m.Target)
		}
	}
	one, err := document.CrosswalkXLSX(c, v, "safe")
	if err != nil {
		t.Fatal(err)
	}
	g, _ := excelize.OpenReader(bytes.NewReader(one))
	if l := g.GetSheetList(); len(l) != 2 || l[1] != "safe" {
		t.Errorf("one framework: sheets %v", l)
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }
