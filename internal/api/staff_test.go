package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

// Staff search organizations page by page, manage staff and program
// tokens, and verify the audit chains.
func TestStaffOperations(t *testing.T) {
	inst := start(t)
	var ids []string
	for i := range 5 {
		c := inst.SignUpCompany(t, fmt.Sprintf("Paging Carrier %d", i), fmt.Sprintf("owner%d@paging.test", i))
		ids = append(ids, c.Org.ID)
	}
	inst.SignUpCompany(t, "Unrelated Co", "owner@unrelated.test")
	adminTok, adminUser := admin(t, inst, "admin@program.test", unboundScopes()...)
	type page struct {
		Items []orgWire `json:"items"`
		Total int       `json:"total"`
	}
	var p page
	do(t, inst, call{method: http.MethodGet, path: "/api/v1/organizations?q=paging&limit=2", token: adminTok}).want(t, http.StatusOK, &p)
	if p.Total != 5 || len(p.Items) != 2 || p.Items[0].LegalName != "Paging Carrier 0" || p.Items[1].LegalName != "Paging Carrier 1" {
		t.Fatalf("first page %+v", p)
	}
	do(t, inst, call{method: http.MethodGet, path: "/api/v1/organizations?q=paging&limit=2&offset=4", token: adminTok}).want(t, http.StatusOK, &p)
	if p.Total != 5 || len(p.Items) != 1 || p.Items[0].LegalName != "Paging Carrier 4" {
		t.Errorf("last page %+v", p)
	}
	do(t, inst, call{method: http.MethodGet, path: "/api/v1/organizations?q=paging&sort=newest&limit=1", token: adminTok}).want(t, http.StatusOK, &p)
	if len(p.Items) != 1 || p.Items[0].ID != ids[4] {
		t.Errorf("newest first %+v", p)
	}
	do(t, inst, call{method: http.MethodGet, path: "/api/v1/organizations?sector=importer", token: adminTok}).want(t, http.StatusOK, &p)
	if p.Total != 0 || p.Items == nil {
		t.Errorf("no importers expected, as an empty list: %+v", p)
	}
	// A company token lists its own organization whatever it asks.
	c := inst.SignUpCompany(t, "Own Co", "owner@own.test")
	tok, _ := companyToken(t, inst, c)
	do(t, inst, call{method: http.MethodGet, path: "/api/v1/organizations?q=paging", token: tok}).want(t, http.StatusOK, &p)
	if p.Total != 1 || len(p.Items) != 1 || p.Items[0].ID != c.Org.ID || p.Items[0].Role != "account_owner" {
		t.Errorf("company listing %+v", p)
	}

	// Staff accounts.
	r := do(t, inst, call{method: http.MethodPost, path: "/api/v1/staff", token: adminTok,
		body: `{"name":"Val Idator","email":"val@program.test","role":"validator","password":"` + "a long enough passphrase" + `","lang":"fr"}`})
	var s struct {
		ID, Name, Email, Role, Lang string
	}
	r.want(t, http.StatusCreated, &s)
	if s.Role != "validator" || s.Lang != "fr" || strings.Contains(string(r.body), "password") || strings.Contains(string(r.body), "argon") {
		t.Errorf("created staff %s", r.body)
	}
	do(t, inst, call{method: http.MethodGet, path: r.Header.Get("Location"), token: adminTok}).want(t, http.StatusOK, &s)
	if s.Email != "val@program.test" {
		t.Errorf("read back %+v", s)
	}
	var staffList struct{ Items []struct{ Email string } }
	do(t, inst, call{method: http.MethodGet, path: "/api/v1/staff", token: adminTok}).want(t, http.StatusOK, &staffList)
	if len(staffList.Items) != 2 {
		t.Errorf("staff %+v", staffList)
	}
	p2 := do(t, inst, call{method: http.MethodPost, path: "/api/v1/staff", token: adminTok,
		body: `{"name":"Dup","email":"val@program.test","role":"officer","password":"short"}`}).problem(t, http.StatusUnprocessableEntity)
	if !p2.hasField("body.password", "error.password_short") {
		t.Errorf("weak password: %+v", p2)
	}

	// Program tokens.
	expires := time.Now().Add(24 * time.Hour).UTC().Format(time.RFC3339)
	r = do(t, inst, call{method: http.MethodPost, path: "/api/v1/tokens", token: adminTok,
		body: `{"name":"border lane","scopes":["staff","org:read"],"expires_at":"` + expires + `"}`})
	var pt struct {
		ID, Secret string
		OrgID      string `json:"org_id"`
		CreatedBy  string `json:"created_by"`
	}
	r.want(t, http.StatusCreated, &pt)
	if pt.OrgID != "" || pt.CreatedBy != adminUser.ID || r.Header.Get("Location") != "/api/v1/tokens/"+pt.ID {
		t.Errorf("program token %s (Location %s)", r.body, r.Header.Get("Location"))
	}
	do(t, inst, call{method: http.MethodGet, path: "/api/v1/organizations/" + ids[0], token: pt.Secret}).want(t, http.StatusOK, nil)
	var toks struct{ Items []struct{ ID string } }
	do(t, inst, call{method: http.MethodGet, path: "/api/v1/tokens", token: adminTok}).want(t, http.StatusOK, &toks)
	if len(toks.Items) != 2 {
		t.Errorf("program tokens %+v", toks)
	}
	do(t, inst, call{method: http.MethodDelete, path: "/api/v1/tokens/" + pt.ID, token: adminTok}).want(t, http.StatusNoContent, nil)
	do(t, inst, call{method: http.MethodGet, path: "/api/v1/me", token: pt.Secret}).problem(t, http.StatusUnauthorized)
	// A company's token is not a program token.
	_, companyTok := companyToken(t, inst, c)
	do(t, inst, call{method: http.MethodGet, path: "/api/v1/tokens/" + companyTok.ID, token: adminTok}).problem(t, http.StatusNotFound)

	// The audit chains are intact.
	var rep struct {
		Chains int   `json:"chains"`
		Events int64 `json:"events"`
		Faults []any `json:"faults"`
	}
	r = do(t, inst, call{method: http.MethodPost, path: "/api/v1/audit/verify", token: adminTok})
	r.want(t, http.StatusOK, &rep)
	if rep.Chains < 8 || rep.Events < 20 || rep.Faults == nil || len(rep.Faults) != 0 {
		t.Errorf("verify: %s", r.body)
	}
}
