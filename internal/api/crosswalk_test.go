package api_test

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"trustlane/internal/auth"
)

// TestCrosswalkOps: the crosswalk of a version as JSON (all frameworks or
// one) and as a workbook; an unknown framework is a problem.
func TestCrosswalkOps(t *testing.T) {
	inst := start(t)
	c := inst.SignUpCompany(t, "Crosswalk Readers", "owner@crosswalk.test")
	tok, _ := companyToken(t, inst, c, auth.ScopeOrgRead)
	var doc struct {
		Format     string
		Frameworks []struct {
			Framework struct{ ID string }
			Targets   []struct{ Coverage string }
			Summary   struct{ Targets, Fully, Partly, Not int }
		}
	}
	do(t, inst, call{method: "GET", path: "/api/v1/catalog/versions/2008/crosswalk?framework=ctpat", token: tok}).want(t, http.StatusOK, &doc)
	if doc.Format != "trustlane-crosswalk/1" || len(doc.Frameworks) != 1 || doc.Frameworks[0].Framework.ID != "ctpat" {
		t.Fatalf("crosswalk = %+v", doc)
	}
	if s := doc.Frameworks[0].Summary; s.Targets != 12 || s.Fully+s.Partly+s.Not != 12 {
		t.Errorf("summary = %+v", s)
	}
	do(t, inst, call{method: "GET", path: "/api/v1/catalog/versions/2024/crosswalk", token: tok}).want(t, http.StatusOK, &doc)
	if len(doc.Frameworks) != len(inst.Office.Catalog().Frameworks) {
		t.Errorf("%d frameworks", len(doc.Frameworks))
	}
	r := do(t, inst, call{method: "GET", path: "/api/v1/catalog/versions/2008/crosswalk.xlsx?framework=safe", token: tok})
	r.want(t, http.StatusOK, nil)
	if ct := r.Header.Get("Content-Type"); !strings.Contains(ct, "spreadsheetml") {
		t.Errorf("content type %q", ct)
	}
	f, err := excelize.OpenReader(bytes.NewReader(r.body))
	if err != nil {
		t.Fatal(err)
	}
	if l := f.GetSheetList(); len(l) != 2 || l[1] != "safe" {
		t.Errorf("sheets %v", l)
	}
	do(t, inst, call{method: "GET", path: "/api/v1/catalog/versions/2008/crosswalk?framework=nope", token: tok}).problem(t, http.StatusUnprocessableEntity)
	do(t, inst, call{method: "GET", path: "/api/v1/catalog/versions/1999/crosswalk", token: tok}).problem(t, http.StatusNotFound)
}

// TestScheduleSharedValidationAPI: the schedule op takes the optional
// sharing fields; a relied validation answers its mode and the items
// pre-filled; a planned partner is refused on its field; a client sending
// none of them still schedules our own validation.
func TestScheduleSharedValidationAPI(t *testing.T) {
	w := newCasework(t)
	tm := w.tm
	id := openCase(t, w.inst, w.c, tm, inReview).app
	base := func() map[string]any {
		return map[string]any{"date": w.clk.day(3), "sites": []string{"Depot"}, "validators": []string{tm.validator.user.ID}}
	}
	bad := base()
	bad["mode"], bad["partner_code"], bad["partner_ref"], bad["partner_validators"] = "joint", "EU-AEO", "EU-1", []string{"A. Weber"}
	p := w.staff(t, tm.officer, "POST", "/applications/"+id+"/validations", bad).problem(t, http.StatusUnprocessableEntity)
	if len(p.Errors) != 1 || p.Errors[0].Location != "body.partner" {
		t.Errorf("planned partner: %+v", p.Errors)
	}
	body := base()
	body["mode"], body["partner_code"], body["partner_ref"], body["partner_validated_on"] = "relied", "CTPAT", "CBP-77", w.clk.day(-30)
	var val struct {
		ID          string
		Mode        string
		PartnerCode string `json:"partner_code"`
		PartnerRef  string `json:"partner_ref"`
		Checklist   []struct {
			CriterionID   string `json:"criterion_id"`
			PrefilledFrom string `json:"prefilled_from"`
		}
	}
	w.staff(t, tm.officer, "POST", "/applications/"+id+"/validations", body).want(t, http.StatusCreated, &val)
	pre := 0
	for _, it := range val.Checklist {
		if strings.HasPrefix(it.PrefilledFrom, "ctpat:") {
			pre++
		}
	}
	if val.Mode != "relied" || val.PartnerCode != "CTPAT" || val.PartnerRef != "CBP-77" || pre == 0 || pre == len(val.Checklist) {
		b, _ := json.Marshal(val)
		t.Fatalf("relied validation: %d pre-filled of %d: %s", pre, len(val.Checklist), b)
	}
	w.staff(t, tm.officer, "POST", "/validations/"+val.ID+"/cancel", nil).want(t, http.StatusNoContent, nil)
	val.Checklist, val.Mode = nil, ""
	w.staff(t, tm.officer, "POST", "/applications/"+id+"/validations", base()).want(t, http.StatusCreated, &val)
	if val.Mode != "own" {
		t.Errorf("a validation scheduled without the new fields is %q", val.Mode)
	}
	for _, it := range val.Checklist {
		if it.PrefilledFrom != "" {
			t.Errorf("own validation pre-filled %s", it.CriterionID)
		}
	}
}
