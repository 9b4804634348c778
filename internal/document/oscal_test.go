package document_test

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"trustlane/internal/catalog"
	"trustlane/internal/document"
	"trustlane/internal/program"
)

var langs = []string{"en", "fr"}

// TestOSCALExportsConformToNISTSchemas validates the catalog of every
// version in both languages, and every sector's profile, against NIST's
// published OSCAL 1.0.6 schemas: the real catalog as it stands and the small
// test one.
func TestOSCALExportsConformToNISTSchemas(t *testing.T) {
	catSchema := oscalSchema(t, "oscal_catalog_schema.json")
	profSchema := oscalSchema(t, "oscal_profile_schema.json")
	catalogs := map[string]*catalog.Catalog{"real": realCatalog(t), "mini": mini(t)}
	for name, c := range catalogs {
		for _, v := range c.Versions() {
			for _, lang := range langs {
				what := name + " " + v.ID + " " + lang
				b, err := document.CatalogOSCAL(v, c.Frameworks, lang)
				if err != nil {
					t.Fatalf("%s: %v", what, err)
				}
				validate(t, catSchema, what+" catalog", b)
				for _, sector := range append([]string{catalog.GenericPart}, program.SectorNames()...) {
					b, err := document.ProfileOSCAL(v, sector, lang)
					if !hasCriteria(v, sector) {
						if err == nil {
							t.Errorf("%s %s: a profile without criteria was exported", what, sector)
						}
						continue
					}
					if err != nil {
						t.Fatalf("%s %s: %v", what, sector, err)
					}
					validate(t, profSchema, what+" profile "+sector, b)
				}
			}
		}
	}
}

func hasCriteria(v *catalog.Version, sector string) bool {
	return slices.ContainsFunc(v.Criteria, func(cr *catalog.Criterion) bool {
		return cr.Generic() || slices.Contains(cr.Sectors, sector)
	})
}

// controls lists the control IDs of a catalog export and their labels.
func controls(t *testing.T, data []byte) (ids, labels []string) {
	t.Helper()
	cat := decode(t, data)["catalog"].(map[string]any)
	groups, _ := cat["groups"].([]any)
	for _, g := range groups {
		ctrls, _ := g.(map[string]any)["controls"].([]any)
		for _, c := range ctrls {
			c := c.(map[string]any)
			ids = append(ids, c["id"].(string))
			for _, p := range c["props"].([]any) {
				if p := p.(map[string]any); p["name"] == "label" {
					labels = append(labels, p["value"].(string))
				}
			}
		}
	}
	return ids, labels
}

// TestOSCALControlsAreStableAcrossLanguages checks that a criterion is one
// control with one ID whatever the language, and that every criterion
// appears exactly once.
func TestOSCALControlsAreStableAcrossLanguages(t *testing.T) {
	for name, c := range map[string]*catalog.Catalog{"real": realCatalog(t), "mini": mini(t)} {
		for _, v := range c.Versions() {
			var want []string
			for _, cr := range v.Criteria {
				want = append(want, cr.ID)
			}
			byLang := map[string][]string{}
			for _, lang := range langs {
				b, err := document.CatalogOSCAL(v, c.Frameworks, lang)
				if err != nil {
					t.Fatal(err)
				}
				ids, labels := controls(t, b)
				if !slices.Equal(labels, want) {
					t.Errorf("%s %s %s: controls %v, want each criterion once: %v", name, v.ID, lang, labels, want)
				}
				for i, id := range ids {
					if i < len(want) && id != strings.ToLower(want[i]) {
						t.Errorf("%s %s: control %s for criterion %s", name, v.ID, id, want[i])
					}
				}
				byLang[lang] = ids
			}
			if !slices.Equal(byLang["en"], byLang["fr"]) {
				t.Errorf("%s %s: control IDs differ: EN %v, FR %v", name, v.ID, byLang["en"], byLang["fr"])
			}
		}
	}
}

func TestOSCALIsReproducibleAndSelectsBySector(t *testing.T) {
	c := mini(t)
	v1 := version(t, c, "v1")
	en1, _ := document.CatalogOSCAL(v1, c.Frameworks, "en")
	en2, _ := document.CatalogOSCAL(v1, c.Frameworks, "en")
	fr, _ := document.CatalogOSCAL(v1, c.Frameworks, "fr")
	if !bytes.Equal(en1, en2) {
		t.Error("two exports of one version differ")
	}
	uuidOf := func(b []byte) string { return decode(t, b)["catalog"].(map[string]any)["uuid"].(string) }
	if uuidOf(en1) == uuidOf(fr) {
		t.Error("the English and French catalogs share a UUID")
	}
	if !strings.Contains(string(fr), `"title": "Domaine A"`) || !strings.Contains(string(en1), `"title": "Area A"`) {
		t.Error("group titles are not in the export's language")
	}
	cases := []struct {
		sector string
		want   []string
	}{
		{"generic", []string{"a-01", "a-02", "b-01"}},
		{"highway_carrier", []string{"a-01", "a-02", "a-03", "b-01", "b-02"}},
		{"customs_broker", []string{"a-01", "a-02", "b-01"}},
	}
	for _, tc := range cases {
		b, err := document.ProfileOSCAL(v1, tc.sector, "fr")
		if err != nil {
			t.Fatalf("%s: %v", tc.sector, err)
		}
		imp := decode(t, b)["profile"].(map[string]any)["imports"].([]any)[0].(map[string]any)
		if imp["href"] != document.CatalogFileName("v1", "fr") {
			t.Errorf("%s: imports %v", tc.sector, imp["href"])
		}
		var got []string
		for _, id := range imp["include-controls"].([]any)[0].(map[string]any)["with-ids"].([]any) {
			got = append(got, id.(string))
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("%s: controls %v, want %v", tc.sector, got, tc.want)
		}
	}
	if _, err := document.ProfileOSCAL(v1, "spaceport", "en"); err == nil {
		t.Error("an unknown sector was exported")
	}
}
