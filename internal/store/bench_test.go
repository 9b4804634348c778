package store_test

import (
	"fmt"
	"testing"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/store"
	"trustlane/internal/store/storetest"
)

// The cost of the audit chain: a state change with its audit event, against
// the same change without one (the reference), in the same process. The
// ratio is what every audited use case pays for its trail.
func BenchmarkWrite(b *testing.B) {
	for _, e := range storetest.Engines() {
		for _, audited := range []bool{false, true} {
			name := e.Name + "/plain"
			if audited {
				name = e.Name + "/audited"
			}
			b.Run(name, func(b *testing.B) {
				db := storetest.Open(b, e.URL(b), nil)
				b.ResetTimer()
				for i := range b.N {
					err := db.Update(ctx, func(tx *store.Tx) error {
						if _, err := tx.Hit(fmt.Sprintf("bench:%d", i%1000), time.Hour); err != nil {
							return err
						}
						if !audited {
							return nil
						}
						return tx.Audit(auth.System, store.Event{OrgID: fmt.Sprintf("org-%d", i%50),
							SubjectType: "bench", SubjectID: "x", Action: "bench.hit", Data: map[string]int{"i": i}})
					})
					if err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// VerifyAudit's walk over a chain, per event.
func BenchmarkVerifyAudit(b *testing.B) {
	db := storetest.Open(b, storetest.SQLiteURL(b), nil)
	const events = 20000
	for i := 0; i < events; i += 500 {
		err := db.Update(ctx, func(tx *store.Tx) error {
			for j := range 500 {
				if err := tx.Audit(auth.System, store.Event{OrgID: fmt.Sprintf("org-%d", (i+j)%100),
					SubjectType: "bench", SubjectID: "x", Action: "bench", Data: map[string]int{"i": i + j}}); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ResetTimer()
	for range b.N {
		rep, err := db.VerifyAudit(ctx)
		if err != nil || rep.Events != events || len(rep.Faults) != 0 {
			b.Fatalf("verify: %+v %v", rep, err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*events), "ns/event")
}
