package office_test

import (
	"fmt"
	"testing"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/office"
	"trustlane/internal/program"
	"trustlane/internal/store"
)

// company is a fresh organization with one member of each role, a
// read-only member to act on, a pending invitation and an API token.
type company struct {
	org                                  program.Organization
	in                                   program.OrgInput
	owner, proxy, full, readOnly, target auth.User
	invitationID, tokenID                string
}

func (e *env) company(t *testing.T) company {
	t.Helper()
	org, owner, in := e.signUp(t)
	c := company{org: org, in: in, owner: owner}
	c.proxy = e.addMember(t, org.ID, auth.ProxyOwner)
	c.full = e.addMember(t, org.ID, auth.FullAccess)
	c.readOnly = e.addMember(t, org.ID, auth.ReadOnly)
	c.target = e.addMember(t, org.ID, auth.ReadOnly)
	inv, err := e.off.Invite(ctx, owner.Actor(), org.ID, fmt.Sprintf("guest%d@example.com", unique()), auth.ReadOnly)
	if err != nil {
		t.Fatalf("invite: %v", err)
	}
	tok, _, err := e.off.CreateToken(ctx, owner.Actor(), org.ID, tokenInput(e))
	if err != nil {
		t.Fatalf("create token: %v", err)
	}
	c.invitationID, c.tokenID = inv.ID, tok.ID
	e.mails(t) // the invitation
	return c
}

func tokenInput(e *env) office.TokenInput {
	return office.TokenInput{Name: "customs broker ERP", Scopes: []auth.Scope{auth.ScopeTokens},
		Expires: e.clock.Now().Add(30 * 24 * time.Hour)}
}

// companyOp is one company-scoped use case, the action it needs, and the
// audit event it records when it changes something.
type companyOp struct {
	name   string
	action auth.Action
	event  string
	run    func(e *env, c company, a auth.Actor) error
}

var companyOps = []companyOp{
	{"Org", auth.OrgView, "", func(e *env, c company, a auth.Actor) error { _, _, err := e.off.Org(ctx, a, c.org.ID); return err }},
	{"UpdateOrg", auth.OrgEdit, "organization.updated", func(e *env, c company, a auth.Actor) error {
		in := c.in
		in.LegalName = "Renamed Broker Ltd"
		_, err := e.off.UpdateOrg(ctx, a, c.org.ID, in)
		return err
	}},
	{"Members", auth.MembersView, "", func(e *env, c company, a auth.Actor) error { _, err := e.off.Members(ctx, a, c.org.ID); return err }},
	{"SetMemberRole", auth.MembersSetRole, "member.role_changed", func(e *env, c company, a auth.Actor) error {
		return e.off.SetMemberRole(ctx, a, c.org.ID, c.target.ID, auth.FullAccess)
	}},
	{"RemoveMember", auth.MembersRemove, "member.removed", func(e *env, c company, a auth.Actor) error {
		return e.off.RemoveMember(ctx, a, c.org.ID, c.target.ID)
	}},
	{"TransferOwnership", auth.OwnershipTransfer, "ownership.transferred", func(e *env, c company, a auth.Actor) error {
		return e.off.TransferOwnership(ctx, a, c.org.ID, c.target.ID, "")
	}},
	{"Invite", auth.MembersInvite, "member.invited", func(e *env, c company, a auth.Actor) error {
		_, err := e.off.Invite(ctx, a, c.org.ID, fmt.Sprintf("new%d@example.com", unique()), auth.ReadOnly)
		return err
	}},
	{"Invitations", auth.MembersView, "", func(e *env, c company, a auth.Actor) error { _, err := e.off.Invitations(ctx, a, c.org.ID); return err }},
	{"RevokeInvitation", auth.MembersInvite, "member.invitation_revoked", func(e *env, c company, a auth.Actor) error {
		return e.off.RevokeInvitation(ctx, a, c.org.ID, c.invitationID)
	}},
	{"CreateToken", auth.TokensManage, "token.created", func(e *env, c company, a auth.Actor) error {
		_, _, err := e.off.CreateToken(ctx, a, c.org.ID, tokenInput(e))
		return err
	}},
	{"Tokens", auth.TokensManage, "", func(e *env, c company, a auth.Actor) error { _, err := e.off.Tokens(ctx, a, c.org.ID); return err }},
	{"RevokeToken", auth.TokensManage, "token.revoked", func(e *env, c company, a auth.Actor) error {
		return e.off.RevokeToken(ctx, a, c.org.ID, c.tokenID)
	}},
	{"OrgEvents", auth.AuditView, "", func(e *env, c company, a auth.Actor) error {
		_, err := e.off.OrgEvents(ctx, a, c.org.ID, 0, 50)
		return err
	}},
}

// walker is someone who tries every use case: a member of the company, an
// outsider, or staff. want says what the office must answer for an action.
type walker struct {
	name  string
	actor func(c company) auth.Actor
	want  func(action auth.Action) errs.Code
}

func byRole(role auth.Role, refused errs.Code) func(auth.Action) errs.Code {
	return func(action auth.Action) errs.Code {
		if auth.Can(role, action) {
			return ""
		}
		return refused
	}
}

func walkers(t *testing.T, e *env) []walker {
	t.Helper()
	_, outsider, _ := e.signUp(t) // the owner of another company
	ws := []walker{
		{"account_owner", func(c company) auth.Actor { return c.owner.Actor() }, byRole(auth.AccountOwner, errs.Forbidden)},
		{"proxy_owner", func(c company) auth.Actor { return c.proxy.Actor() }, byRole(auth.ProxyOwner, errs.Forbidden)},
		{"full_access", func(c company) auth.Actor { return c.full.Actor() }, byRole(auth.FullAccess, errs.Forbidden)},
		{"read_only", func(c company) auth.Actor { return c.readOnly.Actor() }, byRole(auth.ReadOnly, errs.Forbidden)},
		{"non-member", func(company) auth.Actor { return outsider.Actor() }, func(auth.Action) errs.Code { return errs.NotFound }},
	}
	for _, r := range auth.StaffRoles() {
		a := e.staff(t, r)
		ws = append(ws, walker{string(r), func(company) auth.Actor { return a }, byRole(r, errs.Forbidden)})
	}
	noMFA := e.staff(t, auth.Administrator)
	noMFA.MFA = false
	return append(ws, walker{"admin without MFA", func(company) auth.Actor { return noMFA },
		func(auth.Action) errs.Code { return errs.Forbidden }})
}

func TestCompanyUseCasePermissionWalk(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		for _, w := range walkers(t, e) {
			for _, op := range companyOps {
				t.Run(w.name+"/"+op.name, func(t *testing.T) {
					c := e.company(t)
					a := w.actor(c)
					before := e.snapshot(t, c.org.ID)
					err := op.run(e, c, a)
					want := w.want(op.action)
					wantCode(t, err, want, fmt.Sprintf("%s by %s", op.name, w.name))
					before.check(t, e, c.org.ID, a, op.event, want == "")
				})
			}
		}
		e.auditCount(t) // every chain still verifies
	})
}

// snapshot is the length of an organization's chain and the program's,
// taken before a use case runs.
type snapshot struct {
	orgID string
	n     int
}

func (e *env) snapshot(t *testing.T, orgID string) snapshot {
	t.Helper()
	return snapshot{orgID, len(e.events(t, orgID)) + len(e.events(t, store.ProgramChain))}
}

// check checks that a use case that was allowed to change something
// recorded exactly its one event, in chain and by its actor, and that
// anything else recorded nothing.
func (s snapshot) check(t *testing.T, e *env, chain string, a auth.Actor, event string, allowed bool) {
	t.Helper()
	n := e.snapshot(t, s.orgID).n - s.n
	if event == "" || !allowed {
		if n != 0 {
			t.Fatalf("%d audit events recorded, want none", n)
		}
		return
	}
	evs := e.events(t, chain)
	last := evs[len(evs)-1]
	if n != 1 || last.Action != event || last.ActorID != a.UserID {
		t.Fatalf("recorded %d events, last %s by %s; want one %s by %s", n, last.Action, last.ActorID, event, a.UserID)
	}
}
