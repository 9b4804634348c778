package program_test

import (
	"testing"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/program"
)

// outcome describes an expected result: "" for success, or the error code
// and, for Invalid errors, the field, else the message key.
type outcome struct {
	code errs.Code
	key  string // message key, or the field of an Invalid error
}

var pass = outcome{}

func check(t *testing.T, err error, want outcome) {
	t.Helper()
	if want == pass {
		if err != nil {
			t.Fatalf("unexpected error %v", err)
		}
		return
	}
	e, found := errs.As(err)
	if !found || e.Code != want.code {
		t.Fatalf("error %v (code %s), want code %s", err, errs.CodeOf(err), want.code)
	}
	got := e.Key
	if e.Code == errs.Invalid && len(e.Fields) == 1 {
		got = e.Fields[0].Field + " " + e.Fields[0].Key
	}
	if got != want.key {
		t.Fatalf("error %q, want %q", got, want.key)
	}
}

var (
	forbidden  = outcome{errs.Forbidden, "error.role_not_assignable"}
	badRole    = outcome{errs.Invalid, "role error.choose_option"}
	ownerByTfr = outcome{errs.Invalid, "role error.owner_by_transfer"}
)

func TestCheckInvite(t *testing.T) {
	// Every role a member may hand out, by the inviter's role.
	want := map[auth.Role]map[auth.Role]outcome{
		auth.AccountOwner: {auth.ProxyOwner: pass, auth.FullAccess: pass, auth.ReadOnly: pass},
		auth.ProxyOwner:   {auth.ProxyOwner: pass, auth.FullAccess: pass, auth.ReadOnly: pass},
		auth.FullAccess:   {auth.ProxyOwner: forbidden, auth.FullAccess: pass, auth.ReadOnly: pass},
		auth.ReadOnly:     {auth.ProxyOwner: forbidden, auth.FullAccess: forbidden, auth.ReadOnly: forbidden},
		auth.Manager:      {auth.ProxyOwner: forbidden, auth.FullAccess: forbidden, auth.ReadOnly: forbidden},
	}
	for by, row := range want {
		for role, w := range row {
			t.Run(string(by)+" gives "+string(role), func(t *testing.T) { check(t, program.CheckInvite(by, role), w) })
		}
		// Ownership is never handed out by invitation, and only company
		// roles exist in a company.
		t.Run(string(by)+" gives owner", func(t *testing.T) { check(t, program.CheckInvite(by, auth.AccountOwner), ownerByTfr) })
		for _, bad := range []auth.Role{auth.Administrator, auth.Officer, "", "owner"} {
			t.Run(string(by)+" gives "+string(bad), func(t *testing.T) { check(t, program.CheckInvite(by, bad), badRole) })
		}
	}
}

func TestCheckSetRole(t *testing.T) {
	m := func(id string, r auth.Role) program.Member { return program.Member{UserID: id, Role: r} }
	tests := []struct {
		name   string
		by     auth.Role
		byID   string
		target program.Member
		role   auth.Role
		want   outcome
	}{
		{"owner promotes read-only to proxy", auth.AccountOwner, "o", m("x", auth.ReadOnly), auth.ProxyOwner, pass},
		{"owner demotes proxy", auth.AccountOwner, "o", m("x", auth.ProxyOwner), auth.ReadOnly, pass},
		{"owner sets the same role", auth.AccountOwner, "o", m("x", auth.FullAccess), auth.FullAccess, pass},
		{"proxy promotes full access to proxy", auth.ProxyOwner, "p", m("x", auth.FullAccess), auth.ProxyOwner, pass},
		{"proxy demotes full access", auth.ProxyOwner, "p", m("x", auth.FullAccess), auth.ReadOnly, pass},
		{"owner's role is fixed", auth.ProxyOwner, "p", m("o", auth.AccountOwner), auth.ReadOnly, outcome{errs.Conflict, "error.owner_role_fixed"}},
		{"owner cannot demote self", auth.AccountOwner, "o", m("o", auth.AccountOwner), auth.FullAccess, outcome{errs.Conflict, "error.owner_role_fixed"}},
		{"proxy cannot change own role", auth.ProxyOwner, "p", m("p", auth.ProxyOwner), auth.ReadOnly, outcome{errs.Conflict, "error.own_role"}},
		{"nobody makes an owner", auth.AccountOwner, "o", m("x", auth.ProxyOwner), auth.AccountOwner, ownerByTfr},
		{"no staff role in a company", auth.AccountOwner, "o", m("x", auth.ReadOnly), auth.Administrator, badRole},
		{"read-only changes nothing", auth.ReadOnly, "r", m("x", auth.ReadOnly), auth.ReadOnly, outcome{errs.Forbidden, "error.forbidden"}},
		{"full access changes no role", auth.FullAccess, "f", m("x", auth.ReadOnly), auth.FullAccess, outcome{errs.Forbidden, "error.forbidden"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { check(t, program.CheckSetRole(tt.by, tt.byID, tt.target, tt.role), tt.want) })
	}
}

func TestProxyOwnerCannotDemoteAnotherProxy(t *testing.T) {
	other := program.Member{UserID: "p2", Role: auth.ProxyOwner}
	if err := program.CheckRemove(auth.ProxyOwner, "p1", other); !errs.Is(err, errs.Forbidden) {
		t.Fatalf("premise: a proxy removing a proxy = %v", err)
	}
	err := program.CheckSetRole(auth.ProxyOwner, "p1", other, auth.ReadOnly)
	if !errs.Is(err, errs.Forbidden) {
		t.Errorf("a proxy demoting another proxy = %v, want Forbidden", err)
	}
}

func TestCheckRemove(t *testing.T) {
	m := func(id string, r auth.Role) program.Member { return program.Member{UserID: id, Role: r} }
	notOwner := outcome{errs.Conflict, "error.owner_not_removable"}
	denied := outcome{errs.Forbidden, "error.forbidden"}
	tests := []struct {
		name   string
		by     auth.Role
		byID   string
		target program.Member
		want   outcome
	}{
		{"owner removes proxy", auth.AccountOwner, "o", m("x", auth.ProxyOwner), pass},
		{"owner removes full access", auth.AccountOwner, "o", m("x", auth.FullAccess), pass},
		{"owner removes read-only", auth.AccountOwner, "o", m("x", auth.ReadOnly), pass},
		{"proxy removes full access", auth.ProxyOwner, "p", m("x", auth.FullAccess), pass},
		{"proxy removes read-only", auth.ProxyOwner, "p", m("x", auth.ReadOnly), pass},
		{"proxy removes proxy", auth.ProxyOwner, "p", m("x", auth.ProxyOwner), outcome{errs.Forbidden, "error.proxy_removes_proxy"}},
		{"proxy removes owner", auth.ProxyOwner, "p", m("o", auth.AccountOwner), notOwner},
		{"owner leaves", auth.AccountOwner, "o", m("o", auth.AccountOwner), notOwner},
		{"proxy leaves", auth.ProxyOwner, "p", m("p", auth.ProxyOwner), pass},
		{"full access leaves", auth.FullAccess, "f", m("f", auth.FullAccess), pass},
		{"read-only leaves", auth.ReadOnly, "r", m("r", auth.ReadOnly), pass},
		{"full access removes read-only", auth.FullAccess, "f", m("x", auth.ReadOnly), denied},
		{"full access removes full access", auth.FullAccess, "f", m("x", auth.FullAccess), denied},
		{"read-only removes read-only", auth.ReadOnly, "r", m("x", auth.ReadOnly), denied},
		{"staff removes read-only", auth.Administrator, "a", m("x", auth.ReadOnly), denied},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { check(t, program.CheckRemove(tt.by, tt.byID, tt.target), tt.want) })
	}
}
