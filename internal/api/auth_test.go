package api_test

import (
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/office"
	"trustlane/internal/server/servertest"
)

// Anything but a usable bearer token is a 401 problem with a challenge,
// answered before the body is looked at.
func TestUnauthenticated(t *testing.T) {
	var now atomic.Int64
	now.Store(time.Now().UnixNano())
	inst := servertest.Start(t, servertest.Options{Now: func() time.Time { return time.Unix(0, now.Load()) }})
	c := inst.SignUpCompany(t, "Auth Freight", "owner@authfreight.test")
	good, _ := companyToken(t, inst, c)
	revoked, revokedTok := companyToken(t, inst, c)
	if err := inst.Office.RevokeToken(ctx, c.Owner.Actor(), c.Org.ID, revokedTok.ID); err != nil {
		t.Fatal(err)
	}
	_, expiring, err := inst.Office.CreateToken(ctx, c.Owner.Actor(), c.Org.ID, office.TokenInput{
		Name: "short-lived", Scopes: []auth.Scope{auth.ScopeOrgRead}, Expires: time.Unix(0, now.Load()).Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	me := "/api/v1/me"
	if r := do(t, inst, call{method: http.MethodGet, path: me, token: expiring}); r.StatusCode != http.StatusOK {
		t.Fatalf("short-lived token before expiry: %d %s", r.StatusCode, r.body)
	}
	now.Add(int64(2 * time.Hour))

	cases := []struct {
		name, header, challenge string
	}{
		{"no token", "", `Bearer realm="trustlane"`},
		{"basic auth", "Basic b3duZXI6cGFzc3dvcmQ=", `Bearer realm="trustlane", error="invalid_token"`},
		{"scheme only", "Bearer", `Bearer realm="trustlane", error="invalid_token"`},
		{"two words", "Bearer " + good + " extra", `Bearer realm="trustlane", error="invalid_token"`},
		{"unknown token", "Bearer tla_" + strings.Repeat("a", 32), `Bearer realm="trustlane", error="invalid_token"`},
		{"revoked token", "Bearer " + revoked, `Bearer realm="trustlane", error="invalid_token"`},
		{"expired token", "Bearer " + expiring, `Bearer realm="trustlane", error="invalid_token"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			hdr := map[string]string{}
			if tc.header != "" {
				hdr["Authorization"] = tc.header
			}
			for _, c := range []call{
				{method: http.MethodGet, path: me, header: hdr},
				// The body is malformed: authentication comes first.
				{method: http.MethodPut, path: "/api/v1/organizations/" + c.Org.ID, body: "{", header: hdr},
			} {
				r := do(t, inst, c)
				p := r.problem(t, http.StatusUnauthorized)
				if p.Type != "urn:trustlane:problem:unauthorized" {
					t.Errorf("type = %q", p.Type)
				}
				if got := r.Header.Get("WWW-Authenticate"); got != tc.challenge {
					t.Errorf("WWW-Authenticate = %q, want %q", got, tc.challenge)
				}
			}
		})
	}
	// The scheme's case does not matter (RFC 9110).
	r := do(t, inst, call{method: http.MethodGet, path: me, header: map[string]string{"Authorization": "bearer " + good}})
	r.want(t, http.StatusOK, nil)
}

// A browser's session cookie is not an API credential.
func TestSessionCookieIsNotAccepted(t *testing.T) {
	inst := start(t)
	c := inst.SignUpCompany(t, "Cookie Freight", "owner@cookie.test")
	b := inst.NewBrowser(t)
	b.SignIn("owner@cookie.test", c.Password)
	if resp, _ := b.Get("/app"); resp.StatusCode >= 400 {
		t.Fatalf("the session does not work on the portal: %d", resp.StatusCode)
	}
	resp, body := b.Get("/api/v1/organizations/" + c.Org.ID)
	if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "urn:trustlane:problem:unauthorized") {
		t.Errorf("with a session cookie: %d %s", resp.StatusCode, body)
	}
}

// Tokens do what their scopes and their owner's role allow, and no more.
func TestForbidden(t *testing.T) {
	inst := start(t)
	c := inst.SignUpCompany(t, "Scope Freight", "owner@scope.test")
	org := "/api/v1/organizations/" + c.Org.ID
	readOnly, _ := companyToken(t, inst, c, auth.ScopeOrgRead)
	clerk := addMember(t, inst, c, "clerk@scope.test", auth.FullAccess)
	clerkTok, _ := tokenFor(t, inst, clerk.Actor(), c.Org.ID, auth.ScopeOrgRead, auth.ScopeOrgWrite, auth.ScopeMembersWrite)
	// The clerk's token was made while they could write; demoted to read
	// only, the token loses what the role lost.
	if err := inst.Office.SetMemberRole(ctx, c.Owner.Actor(), c.Org.ID, clerk.ID, auth.ReadOnly); err != nil {
		t.Fatal(err)
	}
	// An administrator's token without the staff scope.
	adminRead, _ := admin(t, inst, "admin@scope.test", auth.ScopeOrgRead)
	update := with(orgBody(c), "legal_name", "Renamed Freight")
	cases := []struct {
		name string
		c    call
	}{
		{"org:read token cannot update", call{method: http.MethodPut, path: org, token: readOnly, body: update}},
		{"org:read token cannot list members", call{method: http.MethodGet, path: org + "/members", token: readOnly}},
		{"org:read token cannot make tokens", call{method: http.MethodPost, path: org + "/tokens", token: readOnly,
			body: `{"name":"x","scopes":["org:read"],"expires_at":"` + time.Now().Add(time.Hour).UTC().Format(time.RFC3339) + `"}`}},
		{"read-only member cannot update", call{method: http.MethodPut, path: org, token: clerkTok, body: update}},
		{"read-only member cannot invite", call{method: http.MethodPost, path: org + "/invitations", token: clerkTok,
			body: `{"email":"x@scope.test","role":"read_only"}`}},
		{"company token cannot search", call{method: http.MethodGet, path: "/api/v1/staff", token: readOnly}},
		{"company token cannot verify audit", call{method: http.MethodPost, path: "/api/v1/audit/verify", token: clerkTok}},
		{"company token cannot list program tokens", call{method: http.MethodGet, path: "/api/v1/tokens", token: readOnly}},
		{"staff token without staff scope cannot create staff", call{method: http.MethodPost, path: "/api/v1/staff", token: adminRead,
			body: `{"name":"N","email":"n@scope.test","role":"officer","password":"` + servertest.Password + `"}`}},
		{"staff token without staff scope cannot verify", call{method: http.MethodPost, path: "/api/v1/audit/verify", token: adminRead}},
		{"staff token without staff scope cannot search", call{method: http.MethodGet, path: "/api/v1/organizations", token: adminRead}},
		{"staff cannot edit an organization", call{method: http.MethodPut, path: org, token: adminRead, body: update}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := do(t, inst, tc.c).problem(t, http.StatusForbidden)
			if p.Type != "urn:trustlane:problem:forbidden" {
				t.Errorf("type = %q", p.Type)
			}
		})
	}
	// Nothing changed.
	org2, _, err := inst.Office.Org(ctx, c.Owner.Actor(), c.Org.ID)
	if err != nil || org2.LegalName != "Scope Freight" {
		t.Errorf("organization changed: %q %v", org2.LegalName, err)
	}
	if invs, _ := inst.Office.Invitations(ctx, c.Owner.Actor(), c.Org.ID); len(invs) != 1 {
		t.Errorf("%d invitations, want only the clerk's", len(invs))
	}
	// The clerk can still read.
	do(t, inst, call{method: http.MethodGet, path: org, token: clerkTok}).want(t, http.StatusOK, nil)
}
