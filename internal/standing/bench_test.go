package standing_test

import (
	"context"
	"testing"
	"time"

	"trustlane/internal/border"
	"trustlane/internal/ident"
	"trustlane/internal/program"
	"trustlane/internal/standing"
	"trustlane/internal/store"
	"trustlane/internal/store/storetest"
)

// BenchmarkSuspensionToIndex measures the time from a suspension's commit
// to the index answering "suspended" (and back, for the reinstatement),
// on one instance (SQLite, in-process notices) and across two instances
// on one PostgreSQL database (LISTEN/NOTIFY). The reference is the commit
// itself, measured in the same loop: ratio = visible / commit.
func BenchmarkSuspensionToIndex(b *testing.B) {
	b.Run("sqlite-one-instance", func(b *testing.B) {
		f := startB(b, storetest.SQLiteURL(b))
		benchToggle(b, f.db, f)
	})
	b.Run("postgres-two-instances", func(b *testing.B) {
		url := storetest.PostgresURL(b)
		writer := startB(b, url)
		reader := startB(b, url)
		listening := make(chan struct{}, 1)
		reader.db.OnChange(func(c store.Change) {
			if c.Kind == store.KindResync {
				select {
				case listening <- struct{}{}:
				default:
				}
			}
		})
		ctx, cancel := context.WithCancel(context.Background())
		b.Cleanup(cancel)
		go func() { _ = reader.db.Listen(ctx) }()
		<-listening
		benchToggle(b, writer.db, reader)
	})
}

func startB(b *testing.B, url string) *fixture {
	f := &fixture{db: storetest.Open(b, url, nil)}
	return f
}

func benchToggle(b *testing.B, writer *store.DB, reader *fixture) {
	number, _ := ident.MemberNumber(777)
	o := program.Organization{LegalName: "Bench Freight", Category: program.CategoryMember, Lang: "en",
		Address: program.Address{Line1: "1 Main St", City: "Ottawa", Region: "ON", PostalCode: "K1A 0L5", Country: "CA"},
		Sectors: []program.Sector{program.Importer}, Identifiers: map[ident.Kind]string{ident.BN9: "123026635"}}
	m := membership(program.Importer, number, program.MemberActive)
	if err := writer.Update(ctx, func(tx *store.Tx) error {
		if err := tx.InsertOrg(&o); err != nil {
			return err
		}
		m.OrgID = o.ID
		return tx.SaveMembership(&m)
	}); err != nil {
		b.Fatal(err)
	}
	reader.keeper = standing.New(standing.Config{DB: reader.db, Rules: border.DefaultRules()})
	c, cancel := context.WithCancel(ctx)
	go func() { _ = reader.keeper.Run(c) }()
	b.Cleanup(cancel)
	<-reader.keeper.Ready()
	var commit, visible time.Duration
	b.ResetTimer()
	for i := range b.N {
		state, want := program.MemberSuspended, border.Suspended
		if i%2 == 1 {
			state, want = program.MemberActive, border.Active
		}
		start := time.Now()
		if err := writer.Update(ctx, func(tx *store.Tx) error {
			m.State = state
			tx.Changed(store.Change{Kind: "membership", ID: m.ID, OrgID: o.ID})
			return tx.SaveMembership(&m)
		}); err != nil {
			b.Fatal(err)
		}
		commit += time.Since(start)
		for {
			body, _ := reader.keeper.Index().Load().Lookup("member", number)
			if standingIs(body, want) {
				break
			}
			if time.Since(start) > 10*time.Second {
				b.Fatalf("the index never showed %s", want)
			}
			time.Sleep(50 * time.Microsecond)
		}
		visible += time.Since(start)
	}
	b.ReportMetric(float64(visible.Microseconds())/float64(b.N), "µs-to-visible")
	b.ReportMetric(float64(commit.Microseconds())/float64(b.N), "µs-commit")
	b.ReportMetric(float64(visible)/float64(commit), "ratio")
}

func standingIs(body []byte, want border.Standing) bool {
	return len(body) > 14 && string(body[:13+len(want)]) == `{"standing":"`+string(want)
}
