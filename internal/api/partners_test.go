package api_test

import (
	"bytes"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"
)

const memberCSV = "ref,legal_name,status,scac\nCT-1,Maple Freight Inc.,Tier II,MAPL\nCT-2,Acme Imports LLC,Suspended,\n"

func TestPartnerImportAPI(t *testing.T) {
	inst := start(t)
	tok, _ := admin(t, inst, "partners-admin@api.test")
	c := inst.SignUpCompany(t, "Partner Co", "owner@partnerco.test")
	company, _ := companyToken(t, inst, c)
	csv := map[string]string{"Content-Type": "text/csv"}

	do(t, inst, call{method: "GET", path: "/api/v1/partners", token: company}).problem(t, 403)
	do(t, inst, call{method: "POST", path: "/api/v1/partners/CTPAT/imports", token: company, body: memberCSV, header: csv}).problem(t, 403)

	// A broken list: 422 with the report, and nothing imported.
	bad := memberCSV + "CT-3,,Certified,AB12\n"
	r := do(t, inst, call{method: "POST", path: "/api/v1/partners/CTPAT/imports", token: tok, body: bad,
		header: map[string]string{"Content-Type": "text/csv", "Accept-Language": "fr"}})
	r.problem(t, 422)
	var refused struct {
		Report struct {
			ErrorCount int `json:"error_count"`
			Errors     []struct {
				Row     int    `json:"row"`
				Field   string `json:"field"`
				Code    string `json:"code"`
				Message string `json:"message"`
			} `json:"errors"`
		} `json:"report"`
	}
	r.decode(t, &refused)
	if refused.Report.ErrorCount != 2 || refused.Report.Errors[0].Row != 4 || refused.Report.Errors[0].Code != "error.partner_import.name_required" ||
		refused.Report.Errors[0].Message == "" || r.Header.Get("Content-Language") != "fr" {
		t.Fatalf("report = %+v (%s)", refused.Report, r.body)
	}
	var page struct {
		Items []struct {
			Ref         string            `json:"ref"`
			Identifiers map[string]string `json:"identifiers"`
		} `json:"items"`
		Total int `json:"total"`
	}
	do(t, inst, call{method: "GET", path: "/api/v1/partners/CTPAT/members", token: tok}).want(t, 200, &page)
	if page.Total != 0 {
		t.Fatalf("a refused list imported %d members", page.Total)
	}

	var res struct{ Added, Unchanged int }
	do(t, inst, call{method: "POST", path: "/api/v1/partners/CTPAT/imports", token: tok, body: memberCSV, header: csv}).want(t, 200, &res)
	if res.Added != 2 {
		t.Fatalf("import = %+v", res)
	}
	// The same list again, as a form upload in partial mode, changes nothing.
	var form bytes.Buffer
	mw := multipart.NewWriter(&form)
	fw, _ := mw.CreateFormFile("file", "ctpat.csv")
	_, _ = io.WriteString(fw, memberCSV)
	_ = mw.WriteField("mode", "partial")
	_ = mw.Close()
	r = do(t, inst, call{method: "POST", path: "/api/v1/partners/CTPAT/imports", token: tok, body: form.String(),
		header: map[string]string{"Content-Type": mw.FormDataContentType()}})
	r.want(t, 200, &res)
	if res.Unchanged != 2 || res.Added != 0 {
		t.Fatalf("form import = %s", r.body)
	}
	do(t, inst, call{method: "POST", path: "/api/v1/partners/CTPAT/imports", token: tok, body: memberCSV,
		header: map[string]string{"Content-Type": "application/pdf"}}).problem(t, 415)

	do(t, inst, call{method: "GET", path: "/api/v1/partners/CTPAT/members?name=maple", token: tok}).want(t, 200, &page)
	if page.Total != 1 || page.Items[0].Ref != "CT-1" || page.Items[0].Identifiers["scac"] != "MAPL" {
		t.Fatalf("members = %+v", page)
	}
	var m struct {
		Status  string                    `json:"status"`
		History []struct{ Status string } `json:"history"`
	}
	do(t, inst, call{method: "GET", path: "/api/v1/partners/CTPAT/members/ct-2", token: tok}).want(t, 200, &m)
	if m.Status != "suspended" || len(m.History) != 1 {
		t.Fatalf("member = %+v", m)
	}
	var imps struct{ Items []struct{ Mode string } }
	do(t, inst, call{method: "GET", path: "/api/v1/partners/CTPAT/imports", token: tok}).want(t, 200, &imps)
	if len(imps.Items) != 2 || imps.Items[0].Mode != "partial" {
		t.Fatalf("imports = %+v", imps)
	}
}

func TestPartnerProgramsAPI(t *testing.T) {
	inst := start(t)
	tok, _ := admin(t, inst, "registry@api.test")
	var all struct {
		Items []struct {
			Code    string         `json:"code"`
			Members map[string]int `json:"members"`
		}
	}
	do(t, inst, call{method: "GET", path: "/api/v1/partners", token: tok}).want(t, 200, &all)
	if len(all.Items) != 11 || all.Items[0].Code != "CTPAT" {
		t.Fatalf("registry = %+v", all)
	}
	body := map[string]any{"code": "br-oea", "name": map[string]string{"en": "Brazil AEO", "fr": "OEA du Brésil"},
		"administration": map[string]string{"en": "Receita Federal", "fr": "Receita Federal"}, "country": "BR",
		"status": "planned", "id_kinds": []string{}, "framework": "safe", "sharing": false}
	b, _ := json.Marshal(body)
	r := do(t, inst, call{method: "POST", path: "/api/v1/partners", token: tok, body: string(b)})
	r.want(t, http.StatusCreated, nil)
	if r.Header.Get("Location") != "/api/v1/partners/BR-OEA" {
		t.Fatalf("location = %q", r.Header.Get("Location"))
	}
	do(t, inst, call{method: "POST", path: "/api/v1/partners", token: tok, body: string(b)}).problem(t, 422)
	delete(body, "code")
	body["status"], body["arranged_on"] = "active", "2027-03-01"
	b, _ = json.Marshal(body)
	var got struct {
		ArrangedOn string `json:"arranged_on"`
	}
	do(t, inst, call{method: "PUT", path: "/api/v1/partners/BR-OEA", token: tok, body: string(b)}).want(t, 200, nil)
	r = do(t, inst, call{method: "GET", path: "/api/v1/partners/BR-OEA", token: tok})
	r.want(t, 200, &got)
	if !strings.Contains(string(r.body), `"status":"active"`) || got.ArrangedOn != "2027-03-01" {
		t.Fatalf("after update: %s", r.body)
	}
	delete(body, "arranged_on")
	b, _ = json.Marshal(body)
	p := do(t, inst, call{method: "PUT", path: "/api/v1/partners/BR-OEA", token: tok, body: string(b)}).problem(t, 422)
	if !p.hasField("body.arranged_on", "error.partner.arranged_on") {
		t.Fatalf("problem = %+v", p)
	}
}
