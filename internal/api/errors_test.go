package api_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"trustlane/internal/server/servertest"
)

// writeOp is a write operation with a body it accepts, and the fields the
// bad-input cases bend.
type writeOp struct {
	name, method, path, token string
	body                      map[string]any
	text, required, enum      string // a string field, a required field, an enum field
	enumLoc                   string // where the enum error is reported
}

func writeOps(t *testing.T, inst *servertest.Instance) []writeOp {
	t.Helper()
	c := inst.SignUpCompany(t, "Bad Input Freight", "owner@badinput.test")
	tok, _ := companyToken(t, inst, c)
	adminTok, _ := admin(t, inst, "admin@badinput.test", unboundScopes()...)
	org := "/api/v1/organizations/" + c.Org.ID
	expires := time.Now().Add(24 * time.Hour).UTC().Format(time.RFC3339)
	return []writeOp{
		{name: "updateOrganization", method: http.MethodPut, path: org, token: tok, body: orgBody(c),
			text: "legal_name", required: "category", enum: "category", enumLoc: "body.category"},
		{name: "setMemberRole", method: http.MethodPut, path: org + "/members/" + c.Owner.ID, token: tok,
			body: map[string]any{"role": "read_only"}, text: "role", required: "role", enum: "role", enumLoc: "body.role"},
		{name: "transferOwnership", method: http.MethodPost, path: org + "/ownership-transfer", token: tok,
			body: map[string]any{"to_user_id": "someone", "former_owner_role": "full_access"},
			text: "to_user_id", required: "to_user_id", enum: "former_owner_role", enumLoc: "body.former_owner_role"},
		{name: "createInvitation", method: http.MethodPost, path: org + "/invitations", token: tok,
			body: map[string]any{"email": "new@badinput.test", "role": "read_only"},
			text: "email", required: "email", enum: "role", enumLoc: "body.role"},
		{name: "createOrgToken", method: http.MethodPost, path: org + "/tokens", token: tok,
			body: map[string]any{"name": "erp", "scopes": []string{"org:read"}, "expires_at": expires},
			text: "name", required: "expires_at", enum: "scopes", enumLoc: "body.scopes[0]"},
		{name: "createStaff", method: http.MethodPost, path: "/api/v1/staff", token: adminTok,
			body: map[string]any{"name": "New Officer", "email": "officer@badinput.test", "role": "officer", "password": servertest.Password},
			text: "name", required: "password", enum: "role", enumLoc: "body.role"},
		{name: "createProgramToken", method: http.MethodPost, path: "/api/v1/tokens", token: adminTok,
			body: map[string]any{"name": "border", "scopes": []string{"org:read"}, "expires_at": expires},
			text: "name", required: "scopes", enum: "scopes", enumLoc: "body.scopes[0]"},
		// Casework: the schema refuses these before any case is looked up.
		{name: "createApplication", method: http.MethodPost, path: org + "/applications", token: tok,
			body: map[string]any{"sector": "highway_carrier"}, text: "sector", required: "sector", enum: "sector", enumLoc: "body.sector"},
		{name: "declareEligibility", method: http.MethodPut, path: org + "/applications/x/eligibility", token: tok,
			body: map[string]any{"items": []string{"facilities"}, "last_movement": "2026-01-31"},
			text: "last_movement", required: "items", enum: "items", enumLoc: "body.items[0]"},
		{name: "signMOU", method: http.MethodPost, path: org + "/memberships/x/mou", token: tok,
			body: map[string]any{"lang": "en", "title": "President", "text_sha256": "abc", "code": "123456"},
			text: "title", required: "code", enum: "lang", enumLoc: "body.lang"},
		{name: "recordFinding", method: http.MethodPut, path: "/api/v1/validations/x/findings/y", token: adminTok,
			body: map[string]any{"outcome": "met"}, text: "outcome", required: "outcome", enum: "outcome", enumLoc: "body.outcome"},
		{name: "completeValidation", method: http.MethodPost, path: "/api/v1/validations/x/complete", token: adminTok,
			body: map[string]any{"result": "satisfactory"}, text: "result", required: "result", enum: "result", enumLoc: "body.result"},
		{name: "verifyAction", method: http.MethodPut, path: "/api/v1/plans/x/actions/A1/verification", token: adminTok,
			body: map[string]any{"verdict": "accepted"}, text: "verdict", required: "verdict", enum: "verdict", enumLoc: "body.verdict"},
		{name: "verifyEligibility", method: http.MethodPut, path: "/api/v1/applications/x/eligibility-check", token: adminTok,
			body: map[string]any{"verified": []string{"facilities"}}, text: "verified", required: "verified", enum: "verified", enumLoc: "body.verified[0]"},
		{name: "suspendMembership", method: http.MethodPost, path: "/api/v1/memberships/x/suspension", token: adminTok,
			body: map[string]any{"reasons": []string{"SU-MSR"}, "narrative": "Seals not applied.", "actions": []string{"Apply seals."}, "remedy_due": "2027-01-31"},
			text: "remedy_due", required: "reasons", enum: "reasons", enumLoc: "body.reasons[0]"},
		{name: "proposeDenial", method: http.MethodPost, path: "/api/v1/applications/x/denial-notice", token: adminTok,
			body: map[string]any{"reasons": []string{"DN-ELIG"}, "narrative": "Not eligible."},
			text: "reasons", required: "narrative", enum: "reasons", enumLoc: "body.reasons[0]"},
		{name: "cancelMembership", method: http.MethodPost, path: "/api/v1/memberships/x/cancellation", token: adminTok,
			body: map[string]any{"reasons": []string{"CA-INCIDENT"}, "narrative": "A serious incident."},
			text: "reasons", required: "reasons", enum: "reasons", enumLoc: "body.reasons[0]"},
		{name: "decideAppeal", method: http.MethodPost, path: "/api/v1/appeals/x/decision", token: adminTok,
			body: map[string]any{"overturn": false, "reasons": []string{"AP-STANDS"}, "narrative": "The decision was right."},
			text: "reasons", required: "overturn", enum: "reasons", enumLoc: "body.reasons[0]"},
	}
}

// orgBody is c's organization as updateOrganization takes it.
func orgBody(c servertest.Company) map[string]any {
	ids := map[string]any{}
	for k, v := range c.Org.Identifiers {
		ids[string(k)] = v
	}
	return map[string]any{
		"legal_name": c.Org.LegalName, "category": "member", "lang": "en",
		"address": map[string]any{"line1": "1 Main St", "city": "Ottawa", "region": "ON", "postal_code": "K1A 0L5", "country": "CA"},
		"sectors": []string{"highway_carrier"}, "identifiers": ids,
	}
}

func with(body map[string]any, key string, v any) string {
	m := map[string]any{}
	for k, x := range body {
		m[k] = x
	}
	if v == nil {
		delete(m, key)
	} else {
		m[key] = v
	}
	b, _ := json.Marshal(m)
	return string(b)
}

// Every write operation answers bad input with a problem of the right
// status that names the field, and never a 500.
func TestBadInputIsAProblem(t *testing.T) {
	inst := start(t)
	for _, op := range writeOps(t, inst) {
		huge := strings.Repeat("a", 70<<10)
		cases := []struct {
			name, body string
			status     int
			loc, code  string
		}{
			{"malformed JSON", `{"` + op.text + `": "x",`, 400, "", ""},
			{"not JSON at all", `<xml/>`, 400, "", ""},
			{"empty body", "", 400, "", ""},
			{"wrong type", with(op.body, op.text, 12345), 422, "body." + op.text, "api.field.type"},
			{"unknown field", with(op.body, "colour", "blue"), 422, "body.colour", "api.field.unknown"},
			{"unknown field in other case", with(op.body, strings.ToUpper(op.text), "x"), 422, "body." + strings.ToUpper(op.text), "api.field.unknown"},
			{"missing required field", with(op.body, op.required, nil), 422, "body." + op.required, "error.required"},
			{"invalid enum", with(op.body, op.enum, enumBogus(op.body[op.enum])), 422, op.enumLoc, "api.field.enum"},
			{"oversized body", with(op.body, op.text, huge), 413, "", ""},
			{"string too long", with(op.body, op.text, strings.Repeat("a", 1000)), 422, "body." + op.text, ""},
		}
		for _, c := range cases {
			t.Run(op.name+"/"+c.name, func(t *testing.T) {
				r := do(t, inst, call{method: op.method, path: op.path, token: op.token, body: c.body})
				p := r.problem(t, c.status)
				if c.loc != "" && !p.hasField(c.loc, c.code) {
					t.Errorf("no error at %s (%s): %s", c.loc, c.code, r.body)
				}
				if p.Instance != op.path {
					t.Errorf("instance = %q, want %q", p.Instance, op.path)
				}
			})
		}
	}
}

func enumBogus(v any) any {
	if _, ok := v.([]string); ok {
		return []string{"bogus"}
	}
	return "bogus"
}

// The office's own checks arrive as problems too: an identifier whose check
// digit is wrong, a phone number, a date in the past.
func TestDomainValidationIsAProblem(t *testing.T) {
	inst := start(t)
	c := inst.SignUpCompany(t, "Check Digit Carriers", "owner@checkdigit.test")
	tok, _ := companyToken(t, inst, c)
	org := "/api/v1/organizations/" + c.Org.ID
	body := orgBody(c)
	body["identifiers"] = map[string]any{"bn9": "123026636", "cbsa_carrier": c.Org.Identifiers["cbsa_carrier"]}
	body["phone"] = "call me"
	r := do(t, inst, call{method: http.MethodPut, path: org, token: tok, body: with(body, "sectors", []string{"highway_carrier"})})
	p := r.problem(t, http.StatusUnprocessableEntity)
	if !p.hasField("body.identifiers.bn9", "error.identifier.checksum") || !p.hasField("body.phone", "error.phone") {
		t.Errorf("want check digit and phone errors: %s", r.body)
	}
	if p.Type != "urn:trustlane:problem:invalid" || p.Title != "Invalid input" {
		t.Errorf("type/title = %q/%q", p.Type, p.Title)
	}
	r = do(t, inst, call{method: http.MethodPost, path: org + "/tokens", token: tok,
		body: `{"name":"erp","scopes":["org:read"],"expires_at":"2020-01-01T00:00:00Z"}`})
	if p := r.problem(t, http.StatusUnprocessableEntity); !p.hasField("body.expires_at", "error.token_expiry") {
		t.Errorf("want expires_at error: %s", r.body)
	}
	r = do(t, inst, call{method: http.MethodPost, path: org + "/tokens", token: tok,
		body: `{"name":"erp","scopes":["org:read"],"expires_at":"next tuesday"}`})
	if p := r.problem(t, http.StatusUnprocessableEntity); !p.hasField("body.expires_at", "api.field.date_time") {
		t.Errorf("want a date-time error: %s", r.body)
	}
	// A business number already held by another organization is a conflict.
	other := inst.SignUpCompany(t, "Other Carriers", "owner@othercarriers.test")
	body = orgBody(c)
	body["identifiers"] = map[string]any{"bn9": other.Org.Identifiers["bn9"], "cbsa_carrier": c.Org.Identifiers["cbsa_carrier"]}
	r = do(t, inst, call{method: http.MethodPut, path: org, token: tok, body: with(body, "lang", "en")})
	if p := r.problem(t, http.StatusConflict); !p.hasField("body.identifiers.bn9", "error.identifier_taken") {
		t.Errorf("want identifier_taken: %s", r.body)
	}
}

// Problems speak the reader's language.
func TestProblemsInFrench(t *testing.T) {
	inst := start(t)
	c := inst.SignUpCompany(t, "Transports Bilingues", "owner@bilingue.test")
	tok, _ := companyToken(t, inst, c)
	org := "/api/v1/organizations/" + c.Org.ID
	fr := map[string]string{"Accept-Language": "fr-CA,fr;q=0.9,en;q=0.5"}
	r := do(t, inst, call{method: http.MethodPut, path: org, token: tok, header: fr,
		body: with(orgBody(c), "address", map[string]any{"line1": "1 rue Principale", "city": "", "region": "QC", "postal_code": "H2X 1Y4", "country": "CA", "apt": "3"})})
	p := r.problem(t, http.StatusUnprocessableEntity)
	if p.Title != "Données non valides" || !strings.Contains(p.Detail, "doivent être corrigées") {
		t.Errorf("title/detail not French: %s", r.body)
	}
	if r.Header.Get("Content-Language") != "fr" {
		t.Errorf("Content-Language = %q", r.Header.Get("Content-Language"))
	}
	if !p.hasField("body.address.apt", "api.field.unknown") || !strings.Contains(p.Errors[0].Message, "champ") {
		t.Errorf("field message not French: %s", r.body)
	}
	// The office's messages are translated too.
	r = do(t, inst, call{method: http.MethodPut, path: org, token: tok, header: fr,
		body: with(orgBody(c), "legal_name", "   ")})
	p = r.problem(t, http.StatusUnprocessableEntity)
	if !p.hasField("body.legal_name", "error.required") || p.Errors[0].Message != "Ce champ est obligatoire." {
		t.Errorf("office message not French: %s", r.body)
	}
	r = do(t, inst, call{method: http.MethodGet, path: org + "/nothing-here", token: tok, header: fr})
	if p := r.problem(t, http.StatusNotFound); p.Title != "Introuvable" {
		t.Errorf("404 title = %q", p.Title)
	}
	// Without a preference, English.
	r = do(t, inst, call{method: http.MethodPut, path: org, token: tok, body: `[`})
	if p := r.problem(t, http.StatusBadRequest); p.Title != "The request could not be read" || !strings.Contains(p.Detail, "not valid JSON") {
		t.Errorf("English problem: %s", r.body)
	}
}

// Requests the API cannot route, or in a form it does not take, are
// problems as well.
func TestTransportProblems(t *testing.T) {
	inst := start(t)
	c := inst.SignUpCompany(t, "Transport Problems", "owner@transport.test")
	tok, _ := companyToken(t, inst, c)
	org := "/api/v1/organizations/" + c.Org.ID
	cases := []struct {
		name   string
		c      call
		status int
		typ    string
	}{
		{"unknown path", call{method: http.MethodGet, path: "/api/v1/nowhere", token: tok}, 404, "not-found"},
		{"unknown version", call{method: http.MethodGet, path: "/api/v2/me"}, 404, "not-found"},
		{"docs page is off", call{method: http.MethodGet, path: "/api/v1/docs"}, 404, "not-found"},
		{"wrong method", call{method: http.MethodPatch, path: org, token: tok, body: "{}"}, 405, "method-not-allowed"},
		{"wrong method without token", call{method: http.MethodDelete, path: "/api/v1/me"}, 405, "method-not-allowed"},
		{"text body", call{method: http.MethodPut, path: org, token: tok, body: "x",
			header: map[string]string{"Content-Type": "text/plain"}}, 415, "unsupported-media-type"},
		{"unknown query parameter", call{method: http.MethodGet, path: org + "/events?colour=blue", token: tok}, 422, "invalid"},
		{"limit out of range", call{method: http.MethodGet, path: org + "/events?limit=1000", token: tok}, 422, "invalid"},
		{"limit not a number", call{method: http.MethodGet, path: org + "/events?limit=ten", token: tok}, 422, "invalid"},
		{"overlong ID", call{method: http.MethodGet, path: "/api/v1/organizations/" + strings.Repeat("x", 100), token: tok}, 422, "invalid"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := do(t, inst, tc.c)
			p := r.problem(t, tc.status)
			if p.Type != "urn:trustlane:problem:"+tc.typ {
				t.Errorf("type = %q", p.Type)
			}
			if tc.status == 405 && r.Header.Get("Allow") == "" {
				t.Error("405 without Allow")
			}
		})
	}
}

// An outage is a generic 500 problem: no SQL, no Go error, no stack.
func TestInternalErrorIsGeneric(t *testing.T) {
	inst := start(t)
	c := inst.SignUpCompany(t, "Outage Freight", "owner@outage.test")
	tok, _ := companyToken(t, inst, c)
	if err := inst.DB.Close(); err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"en", "fr"} {
		r := do(t, inst, call{method: http.MethodGet, path: "/api/v1/organizations/" + c.Org.ID, token: tok,
			header: map[string]string{"Accept-Language": lang}})
		p := r.problem(t, http.StatusInternalServerError)
		if p.Type != "urn:trustlane:problem:internal" || p.Errors != nil {
			t.Errorf("problem %s", r.body)
		}
		for _, leak := range []string{"sql", "database", "closed", "store"} {
			if strings.Contains(strings.ToLower(p.Detail), leak) {
				t.Errorf("detail leaks %q: %s", leak, p.Detail)
			}
		}
		if lang == "fr" && !strings.Contains(p.Detail, "notre côté") {
			t.Errorf("detail not French: %s", p.Detail)
		}
	}
}
