package auth_test

import (
	"testing"

	"trustlane/internal/auth"
)

func TestActorAllowsNeedsRoleAndTokenScope(t *testing.T) {
	session := auth.Actor{UserID: "u1"}
	tokenWith := func(s ...auth.Scope) auth.Actor {
		return auth.Actor{UserID: "u1", TokenID: "t1", Scopes: append([]auth.Scope{}, s...)}
	}
	tests := []struct {
		name   string
		actor  auth.Actor
		role   auth.Role
		action auth.Action
		want   bool
	}{
		{"session, role allows", session, auth.FullAccess, auth.OrgEdit, true},
		{"session, role refuses", session, auth.ReadOnly, auth.OrgEdit, false},
		{"token with the scope", tokenWith(auth.ScopeOrgWrite), auth.FullAccess, auth.OrgEdit, true},
		{"token with other scopes", tokenWith(auth.ScopeOrgRead, auth.ScopeMembersWrite), auth.FullAccess, auth.OrgEdit, false},
		{"token with no scopes", tokenWith(), auth.AccountOwner, auth.OrgView, false},
		{"token with the scope, role refuses", tokenWith(auth.ScopeOrgWrite), auth.ReadOnly, auth.OrgEdit, false},
		{"staff token with staff scope", tokenWith(auth.ScopeStaff), auth.Officer, auth.OrgsSearch, true},
		{"staff token without staff scope", tokenWith(auth.ScopeOrgRead), auth.Officer, auth.OrgsSearch, false},
		{"staff token reading an org", tokenWith(auth.ScopeOrgRead), auth.Officer, auth.OrgView, true},
		{"all scopes cannot lift a role", tokenWith(auth.AllScopes()...), auth.Officer, auth.StaffManage, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.actor.Allows(tt.role, tt.action); got != tt.want {
				t.Errorf("Allows(%s, %s) = %v, want %v", tt.role, tt.action, got, tt.want)
			}
		})
	}
}

func TestAssignable(t *testing.T) {
	// Who may give which role to someone else, account ownership never.
	want := map[auth.Role][]auth.Role{
		auth.AccountOwner: {auth.ProxyOwner, auth.FullAccess, auth.ReadOnly},
		auth.ProxyOwner:   {auth.ProxyOwner, auth.FullAccess, auth.ReadOnly},
		auth.FullAccess:   {auth.FullAccess, auth.ReadOnly},
	}
	for _, by := range append(auth.AllRoles(), "") {
		for _, role := range append(auth.AllRoles(), "", "owner") {
			w := false
			for _, r := range want[by] {
				w = w || r == role
			}
			if got := auth.Assignable(by, role); got != w {
				t.Errorf("Assignable(%q, %q) = %v, want %v", by, role, got, w)
			}
		}
	}
}

func TestRoleSets(t *testing.T) {
	if got := len(auth.AllRoles()); got != len(auth.CompanyRoles())+len(auth.StaffRoles()) {
		t.Errorf("AllRoles has %d roles", got)
	}
	for _, r := range auth.CompanyRoles() {
		if !r.IsCompany() || r.IsStaff() || !r.Valid() {
			t.Errorf("company role %s: company=%v staff=%v", r, r.IsCompany(), r.IsStaff())
		}
	}
	for _, r := range auth.StaffRoles() {
		if r.IsCompany() || !r.IsStaff() || !r.Valid() {
			t.Errorf("staff role %s: company=%v staff=%v", r, r.IsCompany(), r.IsStaff())
		}
	}
	for _, r := range auth.AllRoles() {
		if got, err := auth.ParseRole(string(r)); err != nil || got != r {
			t.Errorf("ParseRole(%q) = %q, %v", r, got, err)
		}
	}
	for _, s := range []string{"", "Admin", "owner", " admin"} {
		if _, err := auth.ParseRole(s); err == nil {
			t.Errorf("ParseRole(%q) accepted", s)
		}
	}
}

func TestActorLabelAndScopes(t *testing.T) {
	a := auth.Actor{UserID: "u1", Email: "ann@example.com", Name: "Ann"}
	if got := a.Label(); got != "ann@example.com" {
		t.Errorf("label = %q", got)
	}
	a.TokenID = "t9"
	if got := a.Label(); got != "ann@example.com (token t9)" {
		t.Errorf("token label = %q", got)
	}
	if got := auth.System.Label(); got != "trustlane" {
		t.Errorf("system label = %q", got)
	}
	if auth.System.IsStaff() || !(auth.Actor{Staff: auth.Manager}).IsStaff() {
		t.Error("IsStaff is wrong")
	}
	if !(auth.Actor{}).HasScope(auth.ScopeStaff) {
		t.Error("a session (nil scopes) lacks a scope")
	}
	if (auth.Actor{Scopes: []auth.Scope{}}).HasScope(auth.ScopeOrgRead) {
		t.Error("a token with no scopes has one")
	}
}
