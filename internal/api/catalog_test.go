package api_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"trustlane/internal/auth"
)

// Any valid token reads the catalog: its versions, and each version whole,
// as JSON, OSCAL or a workbook.
func TestCatalogVersions(t *testing.T) {
	inst := start(t)
	c := inst.SignUpCompany(t, "Catalog Readers", "owner@catalog.test")
	tok, _ := companyToken(t, inst, c, auth.ScopeOrgRead) // no profile scope needed
	cat := inst.Office.Catalog()

	var versions struct {
		Items []struct {
			ID        string            `json:"id"`
			Title     map[string]string `json:"title"`
			Effective string            `json:"effective"`
			Base      string            `json:"base"`
			Default   bool              `json:"default"`
		}
	}
	do(t, inst, call{method: "GET", path: "/api/v1/catalog/versions", token: tok}).want(t, http.StatusOK, &versions)
	if len(versions.Items) != len(cat.Versions()) {
		t.Fatalf("versions %+v", versions.Items)
	}
	defaults := 0
	for i, v := range versions.Items {
		want := cat.Versions()[i]
		if v.ID != want.ID || v.Title["en"] != want.Title.EN || v.Title["fr"] != want.Title.FR || v.Effective != want.Effective ||
			v.Base != want.Base || v.Default != (v.ID == inst.Office.DefaultCatalogVersion()) {
			t.Errorf("version %+v", v)
		}
		if v.Default {
			defaults++
		}
	}
	if defaults != 1 {
		t.Errorf("%d default versions", defaults)
	}

	for _, want := range cat.Versions() {
		var v struct {
			ID       string `json:"id"`
			Areas    []struct{ ID string }
			Criteria []struct {
				ID, Area, Level string
				Sectors         []string
				Title           map[string]string
				Refs            []struct{ Framework, Target, Relationship string }
				Questions       []struct {
					ID, Type string
					Text     map[string]string
					Options  []struct{ Value string }
				}
			}
			Frameworks []struct{ ID string }
		}
		r := do(t, inst, call{method: "GET", path: "/api/v1/catalog/versions/" + want.ID, token: tok})
		r.want(t, http.StatusOK, &v)
		if r.Header.Get("Content-Type") != "application/json" {
			t.Errorf("Content-Type %q", r.Header.Get("Content-Type"))
		}
		if v.ID != want.ID || len(v.Areas) != len(want.Areas) || len(v.Criteria) != len(want.Criteria) || len(v.Frameworks) == 0 {
			t.Fatalf("version %s: %d areas, %d criteria", want.ID, len(v.Areas), len(v.Criteria))
		}
		for i, cr := range v.Criteria {
			w := want.Criteria[i]
			if cr.ID != w.ID || cr.Area != w.Area || cr.Level != string(w.Level) || cr.Title["fr"] != w.Title.FR ||
				len(cr.Refs) != len(w.Refs) || len(cr.Questions) != len(w.Questions) || cr.Sectors == nil {
				t.Errorf("criterion %s: %+v", w.ID, cr)
			}
			for j, q := range cr.Questions {
				if wq := w.Questions[j]; q.ID != wq.ID || q.Type != string(wq.Type) || q.Text["en"] != wq.Text.EN || len(q.Options) != len(wq.Options) {
					t.Errorf("question %s: %+v", wq.ID, q)
				}
			}
		}
	}

	def := inst.Office.DefaultCatalogVersion()
	r := do(t, inst, call{method: "GET", path: "/api/v1/catalog/versions/" + def + "?format=xlsx", token: tok})
	r.want(t, http.StatusOK, nil)
	if r.Header.Get("Content-Type") != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" ||
		!strings.HasPrefix(string(r.body), "PK\x03\x04") || !strings.Contains(r.Header.Get("Content-Disposition"), "attachment") {
		t.Errorf("xlsx: %v", r.Header)
	}
	var oscal struct {
		Catalog struct {
			Metadata struct{ Title string }
			Groups   []struct{ ID string }
		}
	}
	r = do(t, inst, call{method: "GET", path: "/api/v1/catalog/versions/" + def + "?format=oscal&lang=fr", token: tok})
	r.want(t, http.StatusOK, &oscal)
	v, _ := cat.Version(def)
	if oscal.Catalog.Metadata.Title != v.Title.FR || len(oscal.Catalog.Groups) != len(v.Areas) {
		t.Errorf("oscal: %+v", oscal.Catalog.Metadata)
	}

	do(t, inst, call{method: "GET", path: "/api/v1/catalog/versions/1999", token: tok}).problem(t, http.StatusNotFound)
	p := do(t, inst, call{method: "GET", path: "/api/v1/catalog/versions/" + def + "?format=pdf", token: tok}).problem(t, http.StatusUnprocessableEntity)
	if !p.hasField("query.format", "api.field.enum") {
		t.Errorf("format: %+v", p)
	}
	do(t, inst, call{method: "GET", path: "/api/v1/catalog/versions"}).problem(t, http.StatusUnauthorized)
}

// The document describes the catalog version's JSON with its schema, and
// each of its other forms by media type.
func TestCatalogVersionDocumented(t *testing.T) {
	inst := start(t)
	var doc struct {
		Paths map[string]map[string]struct {
			Responses map[string]struct {
				Content map[string]json.RawMessage
			}
		}
	}
	do(t, inst, call{method: "GET", path: "/api/v1/openapi.json"}).want(t, http.StatusOK, &doc)
	ok := doc.Paths["/api/v1/catalog/versions/{version}"]["get"].Responses["200"].Content
	if !strings.Contains(string(ok["application/json"]), "#/components/schemas/CatalogVersion") ||
		ok["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"] == nil {
		t.Errorf("getCatalogVersion 200: %s", ok)
	}
	up := doc.Paths["/api/v1/organizations/{orgID}/profile/evidence"]["post"]
	if up.Responses["201"].Content == nil {
		t.Errorf("uploadEvidence: no 201")
	}
}
