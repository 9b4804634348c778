package document_test

import (
	"bytes"
	"encoding/json"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"trustlane/internal/catalog"
	"trustlane/internal/document"
)

func TestCatalogJSONCarriesEveryCriterionAndTheBase(t *testing.T) {
	for name, c := range map[string]*catalog.Catalog{"real": realCatalog(t), "mini": mini(t)} {
		for _, v := range c.Versions() {
			b, err := document.CatalogJSON(c, v)
			if err != nil {
				t.Fatalf("%s %s: %v", name, v.ID, err)
			}
			again, _ := document.CatalogJSON(c, v)
			if !bytes.Equal(b, again) {
				t.Errorf("%s %s: two exports differ", name, v.ID)
			}
			var doc struct {
				Format  string
				Version struct {
					ID       string
					Criteria []catalog.Criterion
				}
				Base *struct {
					ID     string
					Placed []json.RawMessage
				}
				Frameworks []catalog.Framework
			}
			if err := json.Unmarshal(b, &doc); err != nil {
				t.Fatal(err)
			}
			if doc.Format != document.CatalogFormat || doc.Version.ID != v.ID || len(doc.Version.Criteria) != len(v.Criteria) ||
				len(doc.Frameworks) != len(c.Frameworks) {
				t.Errorf("%s %s: format %q, version %q, %d criteria (want %d), %d frameworks", name, v.ID, doc.Format,
					doc.Version.ID, len(doc.Version.Criteria), len(v.Criteria), len(doc.Frameworks))
			}
			if (doc.Base != nil) != (v.Base != "") {
				t.Errorf("%s %s: base %+v, version's base %q", name, v.ID, doc.Base, v.Base)
			}
		}
	}
	c := mini(t)
	b, _ := document.CatalogJSON(c, version(t, c, "v2"))
	var doc struct {
		Version struct{ Criteria []catalog.Criterion }
		Base    struct {
			Placed []struct{ From, Area, To, Relationship string }
		}
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Base.Placed) != 5 || doc.Base.Placed[1].To != "C-01" || doc.Base.Placed[1].Relationship != "superset" {
		t.Errorf("v2's correspondence = %+v", doc.Base.Placed)
	}
	if cr := doc.Version.Criteria[0]; cr.Title.FR == "" || len(cr.Refs) == 0 || len(cr.Questions) == 0 || cr.Area == "" {
		t.Errorf("a criterion lost fields: %+v", cr)
	}
}

// TestCatalogXLSXHasOneSheetPerArea opens the workbook of every version and
// counts each area sheet's criteria rows.
func TestCatalogXLSXHasOneSheetPerArea(t *testing.T) {
	for name, c := range map[string]*catalog.Catalog{"real": realCatalog(t), "mini": mini(t)} {
		for _, v := range c.Versions() {
			b, err := document.CatalogXLSX(v, c.Frameworks)
			if err != nil {
				t.Fatalf("%s %s: %v", name, v.ID, err)
			}
			f, err := excelize.OpenReader(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			sheets := f.GetSheetList()
			want := 1 + len(v.Areas)
			if v.Base != "" {
				want++
				if sheets[len(sheets)-1] != "Correspondence" {
					t.Errorf("%s %s: last sheet %q", name, v.ID, sheets[len(sheets)-1])
				}
			}
			if len(sheets) != want || sheets[0] != "About" {
				t.Fatalf("%s %s: sheets %q, want About, %d areas", name, v.ID, sheets, len(v.Areas))
			}
			for i, a := range v.Areas {
				sh := sheets[i+1]
				if utf8.RuneCountInString(sh) > 31 {
					t.Errorf("sheet name %q is too long", sh)
				}
				rows, _ := f.GetRows(sh)
				n := 0
				for _, r := range rows[1:] {
					if len(r) == 0 || r[0] == "" {
						break
					}
					cr, ok := v.Criterion(r[0])
					if !ok || cr.Area != a.ID || r[3] != cr.Title.EN || r[4] != cr.Title.FR {
						t.Errorf("%s %s %s: row %v is not a criterion of the area", name, v.ID, sh, r[:min(5, len(r))])
					}
					n++
				}
				if want := len(criteriaIn(v, a.ID)); n != want {
					t.Errorf("%s %s %s: %d criteria rows, want %d", name, v.ID, sh, n, want)
				}
				if panes, _ := f.GetPanes(sh); !panes.Freeze || panes.YSplit != 1 {
					t.Errorf("%s: header is not frozen: %+v", sh, panes)
				}
			}
			f.Close()
		}
	}
}

func criteriaIn(v *catalog.Version, area string) []*catalog.Criterion {
	var out []*catalog.Criterion
	for _, cr := range v.Criteria {
		if cr.Area == area {
			out = append(out, cr)
		}
	}
	return out
}
