package api_test

import (
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"trustlane/internal/api"
	"trustlane/internal/auth"
	"trustlane/internal/i18n"
	"trustlane/internal/ident"
	"trustlane/internal/policy"
	"trustlane/internal/program"
)

// openAPI is the part of the document the tests read.
type openAPI struct {
	OpenAPI string `json:"openapi"`
	Info    struct {
		Title, Version, Description string
	} `json:"info"`
	Paths      map[string]map[string]operationDoc `json:"paths"`
	Components struct {
		Schemas         map[string]schemaDoc `json:"schemas"`
		SecuritySchemes map[string]struct {
			Type, Scheme string
		} `json:"securitySchemes"`
	} `json:"components"`
}

type operationDoc struct {
	OperationID string                            `json:"operationId"`
	Tags        []string                          `json:"tags"`
	Summary     string                            `json:"summary"`
	Description string                            `json:"description"`
	Security    []map[string][]string             `json:"security"`
	Responses   map[string]map[string]any         `json:"responses"`
	RequestBody *struct{ Content map[string]any } `json:"requestBody"`
}

type schemaDoc struct {
	Type                 any                  `json:"type"`
	Properties           map[string]schemaDoc `json:"properties"`
	Items                *schemaDoc           `json:"items"`
	Enum                 []string             `json:"enum"`
	AdditionalProperties any                  `json:"additionalProperties"`
	Ref                  string               `json:"$ref"`
	MaxLength            *int                 `json:"maxLength"`
	Format               string               `json:"format"`
}

func fetchOpenAPI(t *testing.T) openAPI {
	t.Helper()
	inst := start(t)
	r := do(t, inst, call{method: http.MethodGet, path: "/api/v1/openapi.json"})
	var doc openAPI
	r.want(t, http.StatusOK, &doc)
	return doc
}

func TestOpenAPIDocument(t *testing.T) {
	doc := fetchOpenAPI(t)
	if !strings.HasPrefix(doc.OpenAPI, "3.1") {
		t.Errorf("openapi = %q, want 3.1.x", doc.OpenAPI)
	}
	if doc.Info.Title != "trustlane API" || doc.Info.Version != "1" || doc.Info.Description == "" {
		t.Errorf("info = %+v", doc.Info)
	}
	if s := doc.Components.SecuritySchemes["bearer"]; s.Type != "http" || s.Scheme != "bearer" {
		t.Errorf("bearer security scheme = %+v", s)
	}
	ids := map[string]string{}
	camel := regexp.MustCompile(`^[a-z]+[A-Za-z]*$`)
	for path, ops := range doc.Paths {
		if !strings.HasPrefix(path, "/api/v1/") {
			t.Errorf("path %s is outside /api/v1", path)
		}
		for method, op := range ops {
			where := strings.ToUpper(method) + " " + path
			if !camel.MatchString(op.OperationID) {
				t.Errorf("%s: operationId %q is not a camelCase verb phrase", where, op.OperationID)
			}
			if prev, dup := ids[op.OperationID]; dup {
				t.Errorf("operationId %s is used by %s and %s", op.OperationID, prev, where)
			}
			ids[op.OperationID] = where
			if len(op.Tags) == 0 || op.Summary == "" || op.Description == "" {
				t.Errorf("%s: needs tags, summary and description", where)
			}
			if len(op.Security) == 0 || op.Security[0]["bearer"] == nil {
				t.Errorf("%s: does not require the bearer token", where)
			}
			checkProblemResponses(t, where, op)
		}
	}
	if len(ids) < 25 {
		t.Errorf("only %d operations documented", len(ids))
	}
}

// checkProblemResponses: every operation documents its problems as
// application/problem+json of the Problem schema, 401 and 500 at least, and
// 404 when its path names a resource.
func checkProblemResponses(t *testing.T, where string, op operationDoc) {
	t.Helper()
	want := []string{"401", "403", "500"}
	if strings.Contains(where, "{") {
		want = append(want, "404")
	}
	if op.RequestBody != nil {
		want = append(want, "400", "413", "422")
	}
	for _, code := range want {
		if op.Responses[code] == nil {
			t.Errorf("%s: no %s response", where, code)
		}
	}
	for code, resp := range op.Responses {
		if code[0] != '4' && code[0] != '5' {
			continue
		}
		content, _ := resp["content"].(map[string]any)
		pj, ok := content["application/problem+json"].(map[string]any)
		if !ok {
			t.Errorf("%s: %s response is not application/problem+json: %v", where, code, resp)
			continue
		}
		if ref, _ := pj["schema"].(map[string]any)["$ref"].(string); ref != "#/components/schemas/Problem" {
			t.Errorf("%s: %s response schema = %v", where, code, pj["schema"])
		}
	}
}

// Every route the API's mux serves is in the document, and every documented
// operation is served: the document cannot drift from the code.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	inst := start(t)
	h, err := api.New(api.Config{Office: inst.Office, I18n: inst.I18n, BaseURL: inst.URL, Border: inst.Server.Border.Index()})
	if err != nil {
		t.Fatal(err)
	}
	var doc openAPI
	do(t, inst, call{method: http.MethodGet, path: "/api/v1/openapi.json"}).want(t, http.StatusOK, &doc)
	var documented []string
	for path, ops := range doc.Paths {
		for method := range ops {
			documented = append(documented, strings.ToUpper(method)+" "+path)
		}
	}
	// The document itself and its schemas are served but are not operations.
	meta := map[string]bool{
		"GET /api/v1/openapi.json": true, "GET /api/v1/openapi.yaml": true,
		"GET /api/v1/openapi-3.0.json": true, "GET /api/v1/openapi-3.0.yaml": true,
		"GET /api/v1/schemas/{schema}": true,
	}
	var served []string
	for _, p := range api.Routes(h) {
		if !meta[p] {
			served = append(served, p)
		}
		delete(meta, p)
	}
	if len(meta) > 0 {
		t.Errorf("document routes not served: %v", meta)
	}
	sort.Strings(documented)
	sort.Strings(served)
	if !slices.Equal(documented, served) {
		t.Errorf("documented and served operations differ:\ndocumented %v\nserved     %v", documented, served)
	}
	// And the real server answers each of them (not the catch-all 404).
	for _, route := range served {
		method, path, _ := strings.Cut(route, " ")
		path = strings.NewReplacer("{orgID}", "x", "{userID}", "x", "{id}", "x", "{version}", "x", "{part}", "x",
			"{planID}", "x", "{itemID}", "x", "{decisionID}", "x", "{criterionID}", "x").Replace(path)
		r := do(t, inst, call{method: method, path: path})
		if p := r.problem(t, http.StatusUnauthorized); p.Type != "urn:trustlane:problem:unauthorized" {
			t.Errorf("%s: %+v", route, p)
		}
	}
}

// The schemas hold the domain's enumerations, refuse unknown fields, and
// carry no secrets.
func TestOpenAPISchemas(t *testing.T) {
	s := fetchOpenAPI(t).Components.Schemas
	enum := func(schema, prop string) []string {
		p := s[schema].Properties[prop]
		if p.Items != nil {
			return p.Items.Enum
		}
		return p.Enum
	}
	for _, c := range []struct {
		schema, prop string
		want         []string
	}{
		{"Member", "role", toStrings(auth.AllRoles())},
		{"RoleChange", "role", []string{"proxy_owner", "full_access", "read_only"}},
		{"NewStaff", "role", toStrings(auth.StaffRoles())},
		{"OrganizationInput", "sectors", toStrings(program.Sectors())},
		{"ProgramTokenInput", "scopes", toStrings(auth.AllScopes())},
		{"OrgTokenInput", "scopes", []string{"org:read", "org:write", "members:read", "members:write", "tokens:write",
			"profile:read", "profile:write", "cases:read", "cases:write", "partners:write"}},
		{"Address", "country", []string{"CA", "US"}},
		{"NewApplication", "sector", toStrings(program.Sectors())},
		{"EligibilityDeclaration", "items", toStrings(program.EligibilityItems())},
		{"EligibilityCheck", "verified", toStrings(program.EligibilityItems())},
		{"FindingInput", "outcome", []string{"met", "not_met", "not_applicable", "recommendation"}},
		{"ValidationClosing", "result", []string{"satisfactory", "action_plan_required", "unsatisfactory"}},
		{"ActionVerdict", "verdict", []string{"accepted", "rejected"}},
		{"MouSigning", "lang", []string{"en", "fr"}},
		{"Application", "state", toStrings(program.AppStates())},
		{"ApplicationSummary", "kind", []string{"initial", "revalidation"}},
		{"Membership", "state", toStrings(program.MemberStates())},
		{"Decision", "kind", toStrings(program.DecisionKinds())},
		{"Appeal", "state", []string{"filed", "upheld", "overturned"}},
		{"ActionPlan", "state", toStrings(program.PlanStates())},
		{"SiteValidation", "state", []string{"scheduled", "completed", "cancelled"}},
	} {
		if got := enum(c.schema, c.prop); !slices.Equal(got, c.want) {
			t.Errorf("%s.%s enum = %v, want %v", c.schema, c.prop, got, c.want)
		}
	}
	var kinds []string
	for k := range s["OrganizationInput"].Properties["identifiers"].Properties {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	want := toStrings(ident.Kinds())
	sort.Strings(want)
	if !slices.Equal(kinds, want) || s["OrganizationInput"].Properties["identifiers"].AdditionalProperties != false {
		t.Errorf("identifiers = %v (additionalProperties %v), want exactly %v", kinds, s["OrganizationInput"].Properties["identifiers"].AdditionalProperties, want)
	}
	forbidden := regexp.MustCompile(`password_hash|token_hash|totp_secret|recovery`)
	for name, schema := range s {
		if schema.Type == "object" && schema.AdditionalProperties != false {
			t.Errorf("schema %s accepts unknown fields", name)
		}
		for prop := range schema.Properties {
			if forbidden.MatchString(prop) || (prop == "secret" && name != "NewToken") || (prop == "password" && name != "NewStaff") {
				t.Errorf("schema %s has %s", name, prop)
			}
		}
	}
	for _, in := range []string{"OrganizationInput", "Address", "NewInvitation", "NewStaff", "OrgTokenInput",
		"NewApplication", "EligibilityDeclaration", "InfoAnswer", "ActionResponse", "MouSigning", "AppealGrounds",
		"InfoQuestions", "EligibilityCheck", "ValidationPlan", "FindingInput", "ValidationClosing", "ActionVerdict",
		"ApprovalInput", "DenialNoticeInput", "SuspensionInput", "ReinstatementInput", "CancellationInput", "AppealDecisionInput"} {
		if s[in].Properties == nil {
			t.Errorf("no schema %s", in)
		}
		for prop, p := range s[in].Properties {
			if p.Type == "array" && p.Items != nil {
				p = *p.Items
			}
			if p.Type == "string" && p.Enum == nil && p.Format != "date" && !strings.Contains(prop, "expires") {
				if p.MaxLength == nil {
					t.Errorf("%s.%s has no length limit", in, prop)
				}
			}
		}
	}
	// Decisions cite the reason codes of the policy, and only those.
	pol, err := policy.Load("")
	if err != nil {
		t.Fatal(err)
	}
	for schema, kinds := range map[string][]program.DecisionKind{
		"DenialNoticeInput": {program.DenialNotice}, "SuspensionInput": {program.Suspension},
		"ReinstatementInput": {program.Reinstatement}, "CancellationInput": {program.Cancellation},
		"AppealDecisionInput": {program.AppealUpheld, program.AppealOverturned}, "ApprovalInput": {program.Approval},
	} {
		var want []string
		for _, k := range kinds {
			for _, r := range pol.Reasons[k] {
				want = append(want, r.Code)
			}
		}
		if got := enum(schema, "reasons"); !slices.Equal(got, want) {
			t.Errorf("%s.reasons enum = %v, want %v", schema, got, want)
		}
	}
}

// Every message key the API names exists in both languages.
func TestAPIMessagesExist(t *testing.T) {
	b, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("*.go")
	re := regexp.MustCompile(`"((?:api|error)\.[a-z_]+(?:\.[a-z_]+)*)"`)
	n := 0
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range re.FindAllSubmatch(src, -1) {
			n++
			if key := string(m[1]); !strings.HasSuffix(key, ".") && !b.Has(key) {
				t.Errorf("%s: %q is not in the catalog", f, key)
			}
		}
	}
	if n < 30 {
		t.Errorf("only %d keys found; is the pattern right?", n)
	}
	for _, lang := range []string{"en", "fr"} {
		if got := b.For(lang).T("api.title.invalid"); got == "api.title.invalid" {
			t.Errorf("%s: no title for invalid", lang)
		}
	}
}

func toStrings[T ~string](in []T) []string {
	out := make([]string, len(in))
	for i, v := range in {
		out[i] = string(v)
	}
	return out
}
