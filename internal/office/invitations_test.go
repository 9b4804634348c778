package office_test

import (
	"testing"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/program"
)

// invite has the owner invite email with role and returns the link's secret.
func invite(t *testing.T, e *env, by auth.Actor, orgID, email string, role auth.Role) (program.Invitation, string) {
	t.Helper()
	inv, err := e.off.Invite(ctx, by, orgID, email, role)
	if err != nil {
		t.Fatalf("invite %s as %s: %v", email, role, err)
	}
	return inv, linkSecret(t, e.mails(t), inv.Email, "/invitations/")
}

func TestInvitationToAnExistingAccount(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		c := e.company(t)
		bob, eve := e.addUser(t, ""), e.addUser(t, "")
		inv, secret := invite(t, e, c.full.Actor(), c.org.ID, " "+bob.Email+" ", auth.FullAccess)
		if inv.Email != bob.Email || inv.State(e.clock.Now()) != program.InvitationPending {
			t.Fatalf("invitation = %+v", inv)
		}
		v, err := e.off.InvitationByLink(ctx, secret)
		if err != nil || !v.HasAccount || v.OrgName != c.org.LegalName || v.State != program.InvitationPending {
			t.Fatalf("invitation page = %+v, %v", v, err)
		}
		_, err = e.off.AcceptInvitation(ctx, eve.Actor(), secret)
		wantCode(t, err, errs.Forbidden, "accept someone else's invitation")
		if r := e.role(t, c.org.ID, eve.ID); r != "" {
			t.Fatalf("eve joined as %s", r)
		}
		orgID, err := e.off.AcceptInvitation(ctx, bob.Actor(), secret)
		if err != nil || orgID != c.org.ID || e.role(t, c.org.ID, bob.ID) != auth.FullAccess {
			t.Fatalf("accept = %s, %v; role %s", orgID, err, e.role(t, c.org.ID, bob.ID))
		}
		_, err = e.off.AcceptInvitation(ctx, bob.Actor(), secret)
		wantCode(t, err, errs.Conflict, "accept twice")
		evs := e.events(t, c.org.ID)
		last := evs[len(evs)-1]
		if last.Action != "member.added" || last.ActorID != bob.ID || last.SubjectID != bob.ID {
			t.Errorf("last event = %+v", last)
		}
		_, err = e.off.Invite(ctx, c.owner.Actor(), c.org.ID, bob.Email, auth.ReadOnly)
		wantField(t, err, "email", "error.already_member")
		_, err = e.off.Invite(ctx, c.owner.Actor(), c.org.ID, "not an address", auth.ReadOnly)
		wantField(t, err, "email", "error.email")
		_, err = e.off.Invite(ctx, c.full.Actor(), c.org.ID, "carol@example.com", auth.ProxyOwner)
		wantCode(t, err, errs.Forbidden, "full access invites a proxy")
	})
}

func TestInvitationWithANewAccount(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		c := e.company(t)
		_, secret := invite(t, e, c.owner.Actor(), c.org.ID, "Dana@Example.com", auth.ProxyOwner)
		if v, err := e.off.InvitationByLink(ctx, secret); err != nil || v.HasAccount {
			t.Fatalf("invitation page = %+v, %v", v, err)
		}
		_, _, err := e.off.AcceptInvitationNewAccount(ctx, secret, "Dana", "", "short", "fr")
		wantField(t, err, "password", "error.password_short")
		u, orgID, err := e.off.AcceptInvitationNewAccount(ctx, secret, "Dana Doe", "Security lead", password, "fr")
		if err != nil || orgID != c.org.ID || u.Email != "dana@example.com" || u.Lang != "fr" {
			t.Fatalf("accept with a new account = %+v, %s, %v", u, orgID, err)
		}
		if r := e.role(t, c.org.ID, u.ID); r != auth.ProxyOwner {
			t.Fatalf("role = %s", r)
		}
		if _, err := e.off.SignIn(ctx, u.Email, password, client(1)); err != nil {
			t.Fatalf("the new account signs in: %v", err)
		}
		_, _, err = e.off.AcceptInvitationNewAccount(ctx, secret, "Mallory", "", password, "en")
		if err == nil {
			t.Fatal("a used link made a second account")
		}
		_, _, err = e.off.AcceptInvitationNewAccount(ctx, "tli_unknown", "Mallory", "", password, "en")
		wantCode(t, err, errs.NotFound, "an unknown link")
	})
}

func TestRevokedAndExpiredInvitations(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		c := e.company(t)
		ann, ben := e.addUser(t, ""), e.addUser(t, "")
		revoked, s1 := invite(t, e, c.owner.Actor(), c.org.ID, ann.Email, auth.ReadOnly)
		_, s2 := invite(t, e, c.owner.Actor(), c.org.ID, ben.Email, auth.ReadOnly)
		wantCode(t, e.off.RevokeInvitation(ctx, c.owner.Actor(), c.org.ID, revoked.ID), "", "revoke")
		wantCode(t, e.off.RevokeInvitation(ctx, c.owner.Actor(), c.org.ID, revoked.ID), errs.Conflict, "revoke twice")
		_, err := e.off.AcceptInvitation(ctx, ann.Actor(), s1)
		wantCode(t, err, errs.Conflict, "accept a revoked invitation")
		e.clock.Advance(program.InvitationTTL)
		_, err = e.off.AcceptInvitation(ctx, ben.Actor(), s2)
		wantCode(t, err, errs.Conflict, "accept an expired invitation")
		for _, u := range []auth.User{ann, ben} {
			if r := e.role(t, c.org.ID, u.ID); r != "" {
				t.Errorf("%s joined as %s", u.Email, r)
			}
		}
		// Another company's owner cannot reach this invitation through
		// their own organization.
		other, otherOwner, _ := e.signUp(t)
		inv, _ := invite(t, e, c.owner.Actor(), c.org.ID, "zed@example.com", auth.ReadOnly)
		err = e.off.RevokeInvitation(ctx, otherOwner.Actor(), other.ID, inv.ID)
		wantCode(t, err, errs.NotFound, "revoke through another organization")
		if s := e.invitationState(t, c.org.ID, inv.ID); s != program.InvitationPending {
			t.Errorf("invitation is %s", s)
		}
	})
}

func TestStaffInviteANewOwner(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		c := e.company(t)
		officer, manager := e.staff(t, auth.Officer), e.staff(t, auth.Manager)
		_, err := e.off.Invite(ctx, officer, c.org.ID, "heir@example.com", auth.AccountOwner)
		wantCode(t, err, errs.Forbidden, "an officer invites an owner")
		_, err = e.off.Invite(ctx, c.owner.Actor(), c.org.ID, "heir@example.com", auth.AccountOwner)
		wantField(t, err, "role", "error.owner_by_transfer")
		_, err = e.off.Invite(ctx, manager, "no-such-org", "heir@example.com", auth.AccountOwner)
		wantCode(t, err, errs.NotFound, "a manager invites an owner to no organization")
		_, secret := invite(t, e, manager, c.org.ID, "heir@example.com", auth.AccountOwner)
		e.clock.Advance(24 * time.Hour)
		heir, _, err := e.off.AcceptInvitationNewAccount(ctx, secret, "Hal Heir", "", password, "en")
		if err != nil {
			t.Fatal(err)
		}
		ms, err := e.off.Members(ctx, heir.Actor(), c.org.ID)
		if err != nil {
			t.Fatal(err)
		}
		owners := 0
		for _, m := range ms {
			if m.Role == auth.AccountOwner {
				owners++
			}
		}
		if owners != 1 || e.role(t, c.org.ID, heir.ID) != auth.AccountOwner || e.role(t, c.org.ID, c.owner.ID) != auth.FullAccess {
			t.Fatalf("%d owners; heir %s, former owner %s", owners, e.role(t, c.org.ID, heir.ID), e.role(t, c.org.ID, c.owner.ID))
		}
		evs := e.events(t, c.org.ID)
		if n := len(evs); n < 3 || evs[n-3].Action != "member.invited" || evs[n-2].Action != "member.added" ||
			evs[n-1].Action != "ownership.transferred" || evs[n-3].ActorID != manager.UserID {
			t.Errorf("org chain ends %+v", evs[max(0, n-3):])
		}
		e.auditCount(t)
	})
}
