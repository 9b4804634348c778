package office_test

import (
	"strings"
	"sync"
	"testing"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
)

// owners lists the organization's account owners.
func owners(t *testing.T, e *env, c company) []string {
	t.Helper()
	ms, err := e.off.Members(ctx, e.staff(t, auth.Officer), c.org.ID)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, m := range ms {
		if m.Role == auth.AccountOwner {
			out = append(out, m.UserID)
		}
	}
	return out
}

func TestTransferOwnershipKeepsOneOwner(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		c := e.company(t)
		err := e.off.TransferOwnership(ctx, c.owner.Actor(), c.org.ID, c.owner.ID, "")
		wantCode(t, err, errs.Conflict, "transfer to the owner")
		err = e.off.TransferOwnership(ctx, c.owner.Actor(), c.org.ID, "nobody", "")
		wantField(t, err, "user_id", "error.transfer_target")
		err = e.off.TransferOwnership(ctx, c.owner.Actor(), c.org.ID, c.full.ID, auth.AccountOwner)
		wantField(t, err, "former_owner_role", "error.choose_option")

		wantCode(t, e.off.TransferOwnership(ctx, c.owner.Actor(), c.org.ID, c.full.ID, auth.ProxyOwner), "", "owner hands over")
		if got := owners(t, e, c); len(got) != 1 || got[0] != c.full.ID || e.role(t, c.org.ID, c.owner.ID) != auth.ProxyOwner {
			t.Fatalf("owners %v, former owner %s", got, e.role(t, c.org.ID, c.owner.ID))
		}
		// The former owner, now a proxy, may take it back; a read-only
		// member may not take it at all.
		err = e.off.TransferOwnership(ctx, c.readOnly.Actor(), c.org.ID, c.readOnly.ID, "")
		wantCode(t, err, errs.Forbidden, "read-only takes ownership")
		wantCode(t, e.off.TransferOwnership(ctx, c.owner.Actor(), c.org.ID, c.owner.ID, ""), "", "proxy takes over")
		if got := owners(t, e, c); len(got) != 1 || got[0] != c.owner.ID || e.role(t, c.org.ID, c.full.ID) != auth.FullAccess {
			t.Fatalf("owners %v, second owner now %s", got, e.role(t, c.org.ID, c.full.ID))
		}
		wantCode(t, e.off.RemoveMember(ctx, c.owner.Actor(), c.org.ID, c.owner.ID), errs.Conflict, "the owner leaves")
		wantCode(t, e.off.RemoveMember(ctx, c.readOnly.Actor(), c.org.ID, c.readOnly.ID), "", "read-only leaves")
		wantCode(t, e.off.RemoveMember(ctx, c.proxy.Actor(), c.org.ID, c.owner.ID), errs.Conflict, "a proxy removes the owner")
	})
}

func TestConcurrentTransfersLeaveOneOwner(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		c := e.company(t)
		targets := []string{c.proxy.ID, c.full.ID, c.readOnly.ID, c.target.ID}
		errc := make(chan error, len(targets))
		var wg sync.WaitGroup
		for _, to := range targets {
			wg.Go(func() { errc <- e.off.TransferOwnership(ctx, c.owner.Actor(), c.org.ID, to, "") })
		}
		wg.Wait()
		close(errc)
		won := 0
		for err := range errc {
			switch errs.CodeOf(err) {
			case "":
				won++
			case errs.Forbidden, errs.TooMany:
			default:
				t.Errorf("transfer: %v", err)
			}
		}
		if got := owners(t, e, c); won != 1 || len(got) != 1 {
			t.Fatalf("%d transfers won, owners %v; want one of each", won, got)
		}
		e.auditCount(t)
	})
}

func TestReassignOwnershipNeedsAReason(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		c := e.company(t)
		manager := e.staff(t, auth.Manager)
		// The owner left: nobody in the company can hand over.
		wantCode(t, e.off.RemoveMember(ctx, c.owner.Actor(), c.org.ID, c.proxy.ID), "", "remove the proxy")
		err := e.off.ReassignOwnership(ctx, manager, c.org.ID, c.full.ID, "", "asked")
		wantField(t, err, "reason", "error.reason_required")
		err = e.off.ReassignOwnership(ctx, manager, "no-such-org", c.full.ID, "", "verified request from the CFO")
		wantCode(t, err, errs.NotFound, "reassign in no organization")
		reason := "owner retired; request verified by phone with the CFO"
		wantCode(t, e.off.ReassignOwnership(ctx, manager, c.org.ID, c.full.ID, auth.ReadOnly, reason), "", "reassign")
		if got := owners(t, e, c); len(got) != 1 || got[0] != c.full.ID || e.role(t, c.org.ID, c.owner.ID) != auth.ReadOnly {
			t.Fatalf("owners %v, former owner %s", got, e.role(t, c.org.ID, c.owner.ID))
		}
		evs := e.events(t, c.org.ID)
		last := evs[len(evs)-1]
		if last.Action != "ownership.transferred" || last.ActorID != manager.UserID || !strings.Contains(last.Data, reason) {
			t.Errorf("last event = %+v", last)
		}
	})
}
