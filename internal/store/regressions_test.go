// Regression tests of store bugs found while writing the conformance suite:
// accepting a revoked invitation, a reset link used twice at once, audit
// walks seeing a commit land mid-read, session expiry stored in local time.
package store_test

import (
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/program"
	"trustlane/internal/store"
	"trustlane/internal/store/storetest"
)

// AcceptInvitation guards only accepted_at, so a withdrawn invitation can
// still be accepted (on PostgreSQL, a revoke racing an accept ends this way
// too), and State then reports it accepted.
func TestBugAcceptInvitationRefusesRevoked(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB, clock *storetest.Clock) {
		owner, ann := addUser(t, db, "owner@example.com"), addUser(t, db, "ann@example.com")
		o := addOrg(t, db, "One Ltd")
		inv, _ := addInvitation(t, db, clock, o.ID, ann.Email, owner.ID)
		mustUpdate(t, db, func(tx *store.Tx) error { return tx.RevokeInvitation(o.ID, inv.ID) })
		err := db.Update(ctx, func(tx *store.Tx) error { return tx.AcceptInvitation(inv.ID, ann.ID) })
		wantCode(t, err, errs.NotFound, "accept a revoked invitation")
		if s := mustInvitation(t, db, o.ID, inv.ID).State(clock.Now()); s != program.InvitationRevoked {
			t.Errorf("revoked invitation is now %s", s)
		}
	})
}

// UsePasswordReset reads the link, then marks it used without checking that
// its UPDATE changed the row. On PostgreSQL a second use that read the link
// before the first committed succeeds too: one link, two password changes.
func TestBugPasswordResetSingleUseUnderConcurrencyPostgres(t *testing.T) {
	db := storetest.Open(t, storetest.PostgresURL(t), nil)
	u := addUser(t, db, "ann@example.com")
	hash := auth.HashSecret(auth.NewSecret("tlr"))
	mustUpdate(t, db, func(tx *store.Tx) error { return tx.InsertPasswordReset(u.ID, hash, time.Now().Add(time.Hour)) })
	used, release, firstDone := make(chan struct{}), make(chan struct{}), make(chan error, 1)
	go func() {
		firstDone <- db.Update(ctx, func(tx *store.Tx) error {
			_, err := tx.UsePasswordReset(hash)
			close(used)
			<-release // hold the transaction open while the second use reads
			return err
		})
	}()
	<-used
	secondDone := make(chan error, 1)
	go func() { _, err := usePasswordReset(db, hash); secondDone <- err }()
	time.Sleep(300 * time.Millisecond) // the second use has read the link and waits on the row lock
	close(release)
	if err := <-firstDone; err != nil {
		t.Fatalf("first use: %v", err)
	}
	second := <-secondDone
	wantCode(t, second, errs.NotFound, "second use of one link while the first was committing")
}

// VerifyAudit reads audit_heads and audit_events in two statements of one
// read-only transaction. On PostgreSQL that transaction is READ COMMITTED, so
// each statement sees its own snapshot: an append committed in between makes
// a sound chain look broken ("chain head does not match its last event").
func TestBugVerifyAuditDuringWritesPostgres(t *testing.T) {
	db := storetest.Open(t, storetest.PostgresURL(t), nil)
	var done atomic.Int32
	var wg sync.WaitGroup
	for range 4 {
		org := store.NewID()
		wg.Go(func() {
			defer done.Add(1)
			for range 150 {
				if err := db.Update(ctx, func(tx *store.Tx) error {
					return tx.Audit(auditAnn, store.Event{OrgID: org, SubjectType: "organization", SubjectID: org, Action: "test.busy"})
				}); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	var faults []store.Fault
	for done.Load() < 4 {
		faults = append(faults, verifyAudit(t, db).Faults...)
	}
	wg.Wait()
	if rep := verifyAudit(t, db); len(rep.Faults) != 0 {
		t.Fatalf("chains really are broken: %v", rep.Faults)
	}
	if len(faults) > 0 {
		t.Errorf("VerifyAudit reported %d false faults during writes, first: %v", len(faults), faults[0])
	}
}

// InsertSession stores ExpiresAt as given, unlike the other inserts, which
// store UTC. SQLite keeps times as text and compares them as text, so an
// expiry in another zone is misjudged by DeleteExpiredSessions there, while
// PostgreSQL (timestamptz) gets it right.
func TestBugSessionExpiryInAnotherZone(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB, clock *storetest.Clock) {
		u := addUser(t, db, "ann@example.com")
		now := storeTime(clock)
		for _, c := range []struct {
			hash    string
			expires time.Time
		}{
			{"live-west", now.Add(time.Hour).In(time.FixedZone("EST", -5*3600))},
			{"dead-east", now.Add(-time.Hour).In(time.FixedZone("IST", 5*3600+1800))},
		} {
			s := auth.Session{IDHash: c.hash, UserID: u.ID, ExpiresAt: c.expires}
			mustUpdate(t, db, func(tx *store.Tx) error { return tx.InsertSession(&s) })
		}
		var n int64
		mustUpdate(t, db, func(tx *store.Tx) (err error) { n, err = tx.DeleteExpiredSessions(); return })
		if _, err := loadSession(db, "live-west"); err != nil {
			t.Errorf("live session expiring in another zone was deleted: %v", err)
		}
		if _, err := loadSession(db, "dead-east"); !errs.Is(err, errs.NotFound) {
			t.Errorf("expired session in another zone was kept: %v", err)
		}
		if n != 1 {
			t.Errorf("deleted %d sessions, want 1", n)
		}
	})
}
