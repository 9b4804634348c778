package store_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"trustlane/internal/store"
	"trustlane/internal/store/storetest"
)

// TestAuditTamperingIsDetected edits the tables behind the store's back, on
// a separate connection, and expects VerifyAudit to name the exact event.
func TestAuditTamperingIsDetected(t *testing.T) {
	cases := []struct {
		name string
		// tamper edits chain org, whose five events were ev before.
		tamper func(t *testing.T, url, org string, ev []store.AuditEvent)
		seq    int64 // the seq the fault names
		idOf   int   // index in ev of the event the fault names; -1 for none
		reason string
	}{
		{"altered data", func(t *testing.T, url, org string, _ []store.AuditEvent) {
			rawExec(t, url, `UPDATE audit_events SET data = ? WHERE chain = ? AND seq = ?`, `{"step":99}`, org, 3)
		}, 3, 2, "altered"},
		{"middle event deleted", func(t *testing.T, url, org string, _ []store.AuditEvent) {
			rawExec(t, url, `DELETE FROM audit_events WHERE chain = ? AND seq = ?`, org, 3)
		}, 4, 3, "sequence jumps from 2 to 4"},
		{"last event deleted", func(t *testing.T, url, org string, _ []store.AuditEvent) {
			rawExec(t, url, `DELETE FROM audit_events WHERE chain = ? AND seq = ?`, org, 5)
		}, 5, -1, "chain head does not match"},
		{"time altered", func(t *testing.T, url, org string, ev []store.AuditEvent) {
			rawExec(t, url, `UPDATE audit_events SET at = ? WHERE chain = ? AND seq = ?`, ev[2].At.Add(time.Second), org, 3)
		}, 3, 2, "altered"},
		{"actor label altered", func(t *testing.T, url, org string, _ []store.AuditEvent) {
			rawExec(t, url, `UPDATE audit_events SET actor_label = ? WHERE chain = ? AND seq = ?`, "mallory@example.com", org, 3)
		}, 3, 2, "altered"},
		{"altered and rehashed", func(t *testing.T, url, org string, ev []store.AuditEvent) {
			e := ev[2]
			e.Data = `{"step":99}`
			e.Hash = e.ComputeHash()
			rawExec(t, url, `UPDATE audit_events SET data = ?, hash = ? WHERE chain = ? AND seq = ?`, e.Data, e.Hash, org, 3)
		}, 4, 3, "does not point at the event before it"},
	}
	for _, eng := range storetest.Engines() {
		t.Run(eng.Name, func(t *testing.T) {
			for _, c := range cases {
				t.Run(c.name, func(t *testing.T) {
					url := eng.URL(t)
					clock := storetest.NewClock(time.Date(2026, 11, 25, 14, 30, 0, 0, time.UTC))
					db := storetest.Open(t, url, clock.Now)
					org, other := store.NewID(), store.NewID()
					appendEvents(t, db, clock, org, 5)
					appendEvents(t, db, clock, other, 3)
					appendEvents(t, db, clock, "", 2)
					ev := chainEvents(t, db, org)
					if rep := verifyAudit(t, db); len(rep.Faults) != 0 || rep.Events != 10 {
						t.Fatalf("before tampering: %+v", rep)
					}

					c.tamper(t, url, org, ev)

					rep := verifyAudit(t, db)
					if rep.Chains != 3 || len(rep.Faults) != 1 {
						t.Fatalf("verify = %+v, want 3 chains and exactly one fault", rep)
					}
					f := rep.Faults[0]
					var wantID int64
					if c.idOf >= 0 {
						wantID = ev[c.idOf].ID
					}
					if f.Chain != org || f.Seq != c.seq || f.ID != wantID || !strings.Contains(f.Reason, c.reason) {
						t.Errorf("fault = %v, want chain %s seq %d id %d reason containing %q", f, org, c.seq, wantID, c.reason)
					}
				})
			}
		})
	}
}

// TestAuditConcurrentAppendsPostgres has several writers append to one chain
// at once; the head row must serialize them into one unbroken chain.
func TestAuditConcurrentAppendsPostgres(t *testing.T) {
	db := storetest.Open(t, storetest.PostgresURL(t), nil)
	const writers, perWriter = 8, 25
	org := store.NewID()
	var wg sync.WaitGroup
	errc := make(chan error, writers*perWriter)
	for w := range writers {
		wg.Go(func() {
			for i := range perWriter {
				errc <- db.Update(ctx, func(tx *store.Tx) error {
					return tx.Audit(auditAnn, store.Event{OrgID: org, SubjectType: "organization", SubjectID: org,
						Action: "test.concurrent", Data: map[string]int{"w": w, "i": i}})
				})
			}
		})
	}
	wg.Wait()
	close(errc)
	for err := range errc {
		if err != nil {
			t.Fatalf("concurrent append: %v", err)
		}
	}
	rep := verifyAudit(t, db)
	if rep.Chains != 1 || rep.Events != writers*perWriter || len(rep.Faults) != 0 {
		t.Fatalf("verify = %+v, want one clean chain of %d", rep, writers*perWriter)
	}
	events := chainEvents(t, db, org)
	checkLinked(t, events, org, org, writers*perWriter)
	seen := map[string]bool{}
	for _, e := range events {
		var d struct{ W, I int }
		if err := json.Unmarshal([]byte(e.Data), &d); err != nil {
			t.Fatal(err)
		}
		key := fmt.Sprint(d.W, "/", d.I)
		if seen[key] {
			t.Errorf("event %s recorded twice", key)
		}
		seen[key] = true
	}
	if len(seen) != writers*perWriter {
		t.Errorf("%d distinct events, want %d", len(seen), writers*perWriter)
	}
}
