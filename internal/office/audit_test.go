package office_test

import (
	"slices"
	"testing"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/office"
	"trustlane/internal/store"
)

// must fails the test at the first error of a scenario step.
func must(t *testing.T, err error, step string) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", step, err)
	}
}

func TestAuditChainsVerifyAfterALongScenario(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		admin, manager := e.staff(t, auth.Administrator), e.staff(t, auth.Manager)
		_, err := e.off.CreateStaff(ctx, admin, office.StaffInput{Name: "Val Validator", Email: "val@cbsa.example",
			Password: password, Role: auth.Validator})
		must(t, err, "create staff")
		c := e.company(t)
		other := e.company(t)
		step := func() { e.clock.Advance(7 * time.Minute) }

		_, secret := invite(t, e, c.owner.Actor(), c.org.ID, "newhire@example.com", auth.FullAccess)
		step()
		hire, _, err := e.off.AcceptInvitationNewAccount(ctx, secret, "New Hire", "Clerk", password, "en")
		must(t, err, "accept")
		step()
		must(t, e.off.SetMemberRole(ctx, c.proxy.Actor(), c.org.ID, hire.ID, auth.ReadOnly), "set role")
		in := c.in
		in.OperatingName = "Broker Express"
		_, err = e.off.UpdateOrg(ctx, c.full.Actor(), c.org.ID, in)
		must(t, err, "update org")
		step()
		must(t, e.off.TransferOwnership(ctx, c.owner.Actor(), c.org.ID, c.proxy.ID, auth.FullAccess), "transfer")
		must(t, e.off.RemoveMember(ctx, c.proxy.Actor(), c.org.ID, c.target.ID), "remove")
		must(t, e.off.RevokeToken(ctx, c.full.Actor(), c.org.ID, c.tokenID), "revoke token")
		must(t, e.off.RevokeInvitation(ctx, other.owner.Actor(), other.org.ID, other.invitationID), "revoke invitation")
		step()
		res, err := e.off.SignIn(ctx, hire.Email, password, client(1))
		must(t, err, "sign in")
		must(t, e.off.SignOut(ctx, res.Secret), "sign out")
		for n := range auth.MaxFailedLogins {
			_, _ = e.off.SignIn(ctx, hire.Email, "not the password", client(n))
		}
		must(t, e.off.RequestPasswordReset(ctx, hire.Email, client(1)), "request reset")
		step()
		must(t, e.off.ResetPassword(ctx, linkSecret(t, e.mails(t), hire.Email, "/password/reset/"), newPassword), "reset")
		must(t, e.off.ReassignOwnership(ctx, manager, other.org.ID, other.full.ID, "", "owner left the company; verified in person"), "reassign")
		step()

		rep, err := e.off.VerifyAudit(ctx, admin)
		must(t, err, "verify")
		if len(rep.Faults) > 0 || rep.Chains != 3 {
			t.Fatalf("verify report: %d chains, faults %v", rep.Chains, rep.Faults)
		}
		var total int64
		for _, chain := range []string{c.org.ID, other.org.ID, store.ProgramChain} {
			evs := e.events(t, chain)
			total += int64(len(evs))
			for i, ev := range evs {
				if ev.Seq != int64(i+1) || ev.Chain != chain || (i > 0 && ev.PrevHash != evs[i-1].Hash) ||
					ev.Hash != ev.ComputeHash() || (i > 0 && ev.At.Before(evs[i-1].At)) {
					t.Fatalf("chain %s event %d = %+v", chain, i, ev)
				}
			}
		}
		if rep.Events != total {
			t.Errorf("report counts %d events, the chains hold %d", rep.Events, total)
		}
		var acts []string
		for _, ev := range e.events(t, c.org.ID) {
			acts = append(acts, ev.Action)
		}
		want := []string{"organization.created", "member.added", "member.invited", "token.created", "member.invited",
			"member.added", "member.role_changed", "organization.updated", "ownership.transferred", "member.removed", "token.revoked"}
		if !slices.Equal(acts, want) {
			t.Errorf("org chain = %v\nwant %v", acts, want)
		}
	})
}

func TestOrgEventsPageNewestFirst(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		c := e.company(t) // four events: created, added, invited, token created
		first, err := e.off.OrgEvents(ctx, c.readOnly.Actor(), c.org.ID, 0, 3)
		must(t, err, "first page")
		rest, err := e.off.OrgEvents(ctx, c.readOnly.Actor(), c.org.ID, first[len(first)-1].ID, 3)
		must(t, err, "second page")
		var acts []string
		for _, ev := range append(first, rest...) {
			acts = append(acts, ev.Action)
		}
		if want := []string{"token.created", "member.invited", "member.added", "organization.created"}; !slices.Equal(acts, want) {
			t.Errorf("pages = %v, want %v", acts, want)
		}
		_, err = e.off.VerifyAudit(ctx, c.owner.Actor())
		wantCode(t, err, errs.Forbidden, "a company owner verifies the audit trail")
	})
}
