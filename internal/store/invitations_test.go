package store_test

import (
	"slices"
	"testing"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/program"
	"trustlane/internal/store"
	"trustlane/internal/store/storetest"
)

// addInvitation stores an invitation and returns it with its link's hash.
func addInvitation(t *testing.T, db *store.DB, clock *storetest.Clock, orgID, email, invitedBy string) (program.Invitation, string) {
	t.Helper()
	inv := program.Invitation{OrgID: orgID, Email: email, Role: auth.FullAccess, InvitedBy: invitedBy,
		ExpiresAt: storeTime(clock).Add(program.InvitationTTL)}
	hash := auth.HashSecret(auth.NewSecret("tli"))
	mustUpdate(t, db, func(tx *store.Tx) error { return tx.InsertInvitation(&inv, hash) })
	return inv, hash
}

func loadInvitation(db *store.DB, orgID, id string) (i program.Invitation, err error) {
	err = db.View(ctx, func(tx *store.Tx) (err error) { i, err = tx.Invitation(orgID, id); return })
	return i, err
}

func mustInvitation(t *testing.T, db *store.DB, orgID, id string) program.Invitation {
	t.Helper()
	i, err := loadInvitation(db, orgID, id)
	if err != nil {
		t.Fatalf("invitation %s: %v", id, err)
	}
	return i
}

func TestInvitationsLookupAndListing(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB, clock *storetest.Clock) {
		owner := addUser(t, db, "owner@example.com")
		o1, o2 := addOrg(t, db, "One Ltd"), addOrg(t, db, "Two Ltd")
		i1, h1 := addInvitation(t, db, clock, o1.ID, "ann@example.com", owner.ID)
		clock.Advance(time.Second)
		i2, _ := addInvitation(t, db, clock, o1.ID, "bob@example.com", owner.ID)
		i3, _ := addInvitation(t, db, clock, o2.ID, "cy@example.com", owner.ID)

		var got program.Invitation
		if err := db.View(ctx, func(tx *store.Tx) (err error) { got, err = tx.InvitationByToken(h1); return }); err != nil {
			t.Fatal(err)
		}
		if got.ID != i1.ID || got.OrgID != o1.ID || got.Email != "ann@example.com" || got.Role != auth.FullAccess ||
			got.InvitedBy != owner.ID || !got.CreatedAt.Equal(i1.CreatedAt) || !got.ExpiresAt.Equal(i1.ExpiresAt) ||
			!got.AcceptedAt.IsZero() || got.AcceptedBy != "" || !got.RevokedAt.IsZero() ||
			got.State(clock.Now()) != program.InvitationPending {
			t.Errorf("by token = %+v, inserted %+v", got, i1)
		}
		err := db.View(ctx, func(tx *store.Tx) error { _, err := tx.InvitationByToken(auth.HashSecret("nope")); return err })
		wantCode(t, err, errs.NotFound, "unknown invitation link")
		_, err = loadInvitation(db, o2.ID, i1.ID)
		wantCode(t, err, errs.NotFound, "invitation of another organization")
		if got := mustInvitation(t, db, o2.ID, i3.ID); got.Email != "cy@example.com" {
			t.Errorf("invitation of org 2 = %+v", got)
		}

		for _, c := range []struct {
			org  string
			want []string
		}{{o1.ID, []string{i2.ID, i1.ID}}, {o2.ID, []string{i3.ID}}, {"no-such-org", nil}} {
			var list []program.Invitation
			if err := db.View(ctx, func(tx *store.Tx) (err error) { list, err = tx.Invitations(c.org); return }); err != nil {
				t.Fatal(err)
			}
			var ids []string
			for _, i := range list {
				ids = append(ids, i.ID)
			}
			if !slices.Equal(ids, c.want) {
				t.Errorf("Invitations(%s) = %v, want %v", c.org, ids, c.want)
			}
		}

		err = db.Update(ctx, func(tx *store.Tx) error {
			dup := program.Invitation{OrgID: o2.ID, Email: "x@example.com", Role: auth.ReadOnly, ExpiresAt: storeTime(clock)}
			return tx.InsertInvitation(&dup, h1)
		})
		if !store.IsDuplicate(err) {
			t.Errorf("second invitation with the same link: %v", err)
		}
		err = db.Update(ctx, func(tx *store.Tx) error {
			orphan := program.Invitation{OrgID: "no-such-org", Email: "x@example.com", Role: auth.ReadOnly, ExpiresAt: storeTime(clock)}
			return tx.InsertInvitation(&orphan, auth.HashSecret("orphan"))
		})
		wantCode(t, err, errs.Conflict, "invitation of a missing organization")
	})
}

func TestInvitationAcceptRevokeAndState(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB, clock *storetest.Clock) {
		owner, ann := addUser(t, db, "owner@example.com"), addUser(t, db, "ann@example.com")
		o1, o2 := addOrg(t, db, "One Ltd"), addOrg(t, db, "Two Ltd")
		accepted, _ := addInvitation(t, db, clock, o1.ID, ann.Email, owner.ID)
		revoked, _ := addInvitation(t, db, clock, o1.ID, "bob@example.com", owner.ID)
		expiring, _ := addInvitation(t, db, clock, o1.ID, "cy@example.com", owner.ID)

		clock.Advance(time.Hour)
		acceptedAt := storeTime(clock)
		mustUpdate(t, db, func(tx *store.Tx) error { return tx.AcceptInvitation(accepted.ID, ann.ID) })
		clock.Advance(time.Minute)
		err := db.Update(ctx, func(tx *store.Tx) error { return tx.AcceptInvitation(accepted.ID, owner.ID) })
		wantCode(t, err, errs.NotFound, "second accept")
		err = db.Update(ctx, func(tx *store.Tx) error { return tx.RevokeInvitation(o1.ID, accepted.ID) })
		wantCode(t, err, errs.NotFound, "revoke an accepted invitation")
		if got := mustInvitation(t, db, o1.ID, accepted.ID); !got.AcceptedAt.Equal(acceptedAt) || got.AcceptedBy != ann.ID ||
			!got.RevokedAt.IsZero() || got.State(clock.Now()) != program.InvitationAccepted {
			t.Errorf("accepted invitation = %+v", got)
		}

		err = db.Update(ctx, func(tx *store.Tx) error { return tx.RevokeInvitation(o2.ID, revoked.ID) })
		wantCode(t, err, errs.NotFound, "revoke through another organization")
		if got := mustInvitation(t, db, o1.ID, revoked.ID); got.State(clock.Now()) != program.InvitationPending {
			t.Errorf("revoke through another organization changed it: %+v", got)
		}
		revokedAt := storeTime(clock)
		mustUpdate(t, db, func(tx *store.Tx) error { return tx.RevokeInvitation(o1.ID, revoked.ID) })
		clock.Advance(time.Minute)
		err = db.Update(ctx, func(tx *store.Tx) error { return tx.RevokeInvitation(o1.ID, revoked.ID) })
		wantCode(t, err, errs.NotFound, "second revoke")
		if got := mustInvitation(t, db, o1.ID, revoked.ID); !got.RevokedAt.Equal(revokedAt) || got.State(clock.Now()) != program.InvitationRevoked {
			t.Errorf("revoked invitation = %+v", got)
		}

		// The untouched invitation is pending until the instant it expires.
		end := expiring.ExpiresAt
		for _, c := range []struct {
			at   time.Time
			want program.InvitationState
		}{{end.Add(-time.Microsecond), program.InvitationPending}, {end, program.InvitationExpired}, {end.Add(time.Hour), program.InvitationExpired}} {
			clock.Advance(c.at.Sub(clock.Now()))
			got := mustInvitation(t, db, o1.ID, expiring.ID)
			if s := got.State(clock.Now()); s != c.want || !got.ExpiresAt.Equal(end) {
				t.Errorf("at expiry%+v: state %s, want %s (%+v)", c.at.Sub(end), s, c.want, got)
			}
			// Accepted and revoked invitations keep their state after the date.
			if s := mustInvitation(t, db, o1.ID, accepted.ID).State(clock.Now()); s != program.InvitationAccepted {
				t.Errorf("accepted invitation became %s", s)
			}
			if s := mustInvitation(t, db, o1.ID, revoked.ID).State(clock.Now()); s != program.InvitationRevoked {
				t.Errorf("revoked invitation became %s", s)
			}
		}
	})
}
