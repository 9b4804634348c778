package api_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/office"
	"trustlane/internal/server/servertest"
)

// problem is what every error body must be.
type problem struct {
	Type     string `json:"type"`
	Title    string `json:"title"`
	Status   int    `json:"status"`
	Detail   string `json:"detail"`
	Instance string `json:"instance"`
	Errors   []struct {
		Location string `json:"location"`
		Code     string `json:"code"`
		Message  string `json:"message"`
	} `json:"errors"`
}

// call is one request to the API.
type call struct {
	method, path string
	body         string // sent as is, as application/json when not empty
	token        string
	header       map[string]string
}

// response is an answer with its body read.
type response struct {
	*http.Response
	body []byte
}

func do(t testing.TB, inst *servertest.Instance, c call) response {
	t.Helper()
	var rd io.Reader
	if c.body != "" {
		rd = strings.NewReader(c.body)
	}
	req, err := http.NewRequest(c.method, inst.URL+c.path, rd)
	if err != nil {
		t.Fatal(err)
	}
	if c.body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	for k, v := range c.header {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", c.method, c.path, err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{resp, b}
}

// decode reads a JSON body into v, failing the test on anything else.
func (r response) decode(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("%s %s: body is not JSON (%v): %s", r.Request.Method, r.Request.URL.Path, err, r.body)
	}
}

// want checks the status and decodes a success body.
func (r response) want(t testing.TB, status int, v any) {
	t.Helper()
	if r.StatusCode != status {
		t.Fatalf("%s %s: status %d, want %d: %s", r.Request.Method, r.Request.URL.Path, r.StatusCode, status, r.body)
	}
	if v != nil {
		r.decode(t, v)
	}
}

// problem checks that the answer is a well-formed problem with status.
func (r response) problem(t testing.TB, status int) problem {
	t.Helper()
	if r.StatusCode != status {
		t.Fatalf("%s %s: status %d, want %d: %s", r.Request.Method, r.Request.URL.Path, r.StatusCode, status, r.body)
	}
	if ct := r.Header.Get("Content-Type"); ct != "application/problem+json" {
		t.Fatalf("%s %s: Content-Type %q, want application/problem+json", r.Request.Method, r.Request.URL.Path, ct)
	}
	var p problem
	r.decode(t, &p)
	if p.Status != status || !strings.HasPrefix(p.Type, "urn:trustlane:problem:") || p.Title == "" || p.Detail == "" {
		t.Fatalf("%s %s: incomplete problem: %s", r.Request.Method, r.Request.URL.Path, r.body)
	}
	if strings.Contains(string(r.body), "goroutine ") || strings.Contains(string(r.body), ".go:") {
		t.Fatalf("%s %s: problem leaks internals: %s", r.Request.Method, r.Request.URL.Path, r.body)
	}
	return p
}

// hasField reports whether the problem names location with code ("" for any).
func (p problem) hasField(location, code string) bool {
	for _, e := range p.Errors {
		if e.Location == location && (code == "" || e.Code == code) && e.Message != "" {
			return true
		}
	}
	return false
}

var ctx = context.Background()

// companyToken issues a token for the owner of c with scopes (all company
// scopes when none are given).
func companyToken(t testing.TB, inst *servertest.Instance, c servertest.Company, scopes ...auth.Scope) (string, auth.APIToken) {
	t.Helper()
	if len(scopes) == 0 {
		scopes = office.CompanyScopes()
	}
	return tokenFor(t, inst, c.Owner.Actor(), c.Org.ID, scopes...)
}

func tokenFor(t testing.TB, inst *servertest.Instance, a auth.Actor, orgID string, scopes ...auth.Scope) (string, auth.APIToken) {
	t.Helper()
	tok, secret, err := inst.Office.CreateToken(ctx, a, orgID, office.TokenInput{
		Name: "test system", Scopes: scopes, Expires: time.Now().Add(30 * 24 * time.Hour)})
	if err != nil {
		t.Fatalf("create token: %v", err)
	}
	return secret, tok
}

// admin creates an administrator and returns a token for them with scopes
// (staff, org:read and members:read when none are given). Only
// administrators make program tokens, and a token acts for its maker.
func admin(t testing.TB, inst *servertest.Instance, email string, scopes ...auth.Scope) (string, auth.User) {
	t.Helper()
	u, err := inst.Office.CreateStaff(ctx, auth.System, office.StaffInput{
		Name: "Staff " + email, Email: email, Password: servertest.Password, Role: auth.Administrator, Lang: "en"})
	if err != nil {
		t.Fatalf("create staff: %v", err)
	}
	a := u.Actor()
	a.MFA = true
	if len(scopes) == 0 {
		scopes = []auth.Scope{auth.ScopeStaff, auth.ScopeOrgRead, auth.ScopeMembersRead}
	}
	secret, _ := tokenFor(t, inst, a, "", scopes...)
	return secret, u
}

func start(t testing.TB) *servertest.Instance {
	t.Helper()
	return servertest.Start(t, servertest.Options{})
}

// addMember invites email to c's organization with role and accepts the
// invitation with a new account, as the invited person would from the mail.
func addMember(t testing.TB, inst *servertest.Instance, c servertest.Company, email string, role auth.Role) auth.User {
	t.Helper()
	if _, err := inst.Office.Invite(ctx, c.Owner.Actor(), c.Org.ID, email, role); err != nil {
		t.Fatalf("invite %s: %v", email, err)
	}
	link := inst.Mail.Wait(t, email, c.Org.LegalName).Link()
	secret := link[strings.LastIndex(link, "/")+1:]
	u, _, err := inst.Office.AcceptInvitationNewAccount(ctx, secret, "Member "+email, "", servertest.Password, "en")
	if err != nil {
		t.Fatalf("accept invitation of %s: %v", email, err)
	}
	return u
}
