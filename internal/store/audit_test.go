package store_test

import (
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/store"
	"trustlane/internal/store/storetest"
)

var auditAnn = auth.Actor{UserID: "user-ann", Email: "ann@example.com", Name: "Ann"}

// storeTime is the clock's reading as the store keeps it: UTC, microseconds.
func storeTime(c *storetest.Clock) time.Time { return c.Now().UTC().Truncate(time.Microsecond) }

// appendEvents appends n events to orgID's chain ("" for the program chain),
// one transaction each, a second apart.
func appendEvents(t *testing.T, db *store.DB, clock *storetest.Clock, orgID string, n int) {
	t.Helper()
	for i := range n {
		clock.Advance(time.Second)
		mustUpdate(t, db, func(tx *store.Tx) error {
			return tx.Audit(auditAnn, store.Event{OrgID: orgID, SubjectType: "organization", SubjectID: orgID,
				Action: "test.step", Data: map[string]int{"step": i + 1}})
		})
	}
}

// chainEvents reads a whole chain through OrgEvents, a page at a time, and
// returns it oldest first.
func chainEvents(t *testing.T, db *store.DB, chain string) []store.AuditEvent {
	t.Helper()
	var all []store.AuditEvent
	var before int64
	for {
		var page []store.AuditEvent
		if err := db.View(ctx, func(tx *store.Tx) (err error) { page, err = tx.OrgEvents(chain, before, 4); return }); err != nil {
			t.Fatal(err)
		}
		if len(page) == 0 {
			break
		}
		if last := page[len(page)-1].ID; before > 0 && last >= before {
			t.Fatalf("OrgEvents(%s, before %d) returned event id %d", chain, before, last)
		}
		all = append(all, page...)
		before = page[len(page)-1].ID
	}
	slices.Reverse(all)
	return all
}

// checkLinked asserts that events are a whole, well-formed chain.
func checkLinked(t *testing.T, events []store.AuditEvent, chain, orgID string, n int) {
	t.Helper()
	if len(events) != n {
		t.Fatalf("chain %s has %d events, want %d", chain, len(events), n)
	}
	prev := ""
	for i, e := range events {
		if e.Seq != int64(i+1) || e.Chain != chain || e.OrgID != orgID || e.PrevHash != prev || e.Hash != e.ComputeHash() {
			t.Errorf("chain %s event %d = %+v (want seq %d, prev %q)", chain, i, e, i+1, prev)
		}
		prev = e.Hash
	}
}

func verifyAudit(t *testing.T, db *store.DB) store.VerifyReport {
	t.Helper()
	rep, err := db.VerifyAudit(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func TestAuditChainsLinkAndVerify(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB, clock *storetest.Clock) {
		orgA, orgB := store.NewID(), store.NewID()
		appendEvents(t, db, clock, orgA, 4)
		appendEvents(t, db, clock, "", 2)
		appendEvents(t, db, clock, orgB, 3)
		// One transaction may append to several chains.
		clock.Advance(time.Second)
		multiAt := storeTime(clock)
		bot := auth.Actor{UserID: "user-bob", Email: "bob@example.com", TokenID: "tok1"}
		mustUpdate(t, db, func(tx *store.Tx) error {
			for _, org := range []string{orgA, "", orgB} {
				if err := tx.Audit(bot, store.Event{OrgID: org, SubjectType: "user", SubjectID: "u9", Action: "multi", Data: map[string]int{"n": 1}}); err != nil {
					return err
				}
			}
			return nil
		})
		appendEvents(t, db, clock, orgA, 2)

		rep := verifyAudit(t, db)
		if rep.Chains != 3 || rep.Events != 14 || len(rep.Faults) != 0 {
			t.Fatalf("verify = %+v, want 3 chains, 14 events, no faults", rep)
		}
		a := chainEvents(t, db, orgA)
		checkLinked(t, a, orgA, orgA, 7)
		checkLinked(t, chainEvents(t, db, orgB), orgB, orgB, 4)
		prog := chainEvents(t, db, store.ProgramChain)
		checkLinked(t, prog, store.ProgramChain, "", 3)

		m := a[4]
		if m.Action != "multi" || m.ActorID != "user-bob" || m.ActorLabel != "bob@example.com (token tok1)" ||
			m.SubjectType != "user" || m.SubjectID != "u9" || m.Data != `{"n":1}` || !m.At.Equal(multiAt) {
			t.Errorf("event 5 of org A = %+v", m)
		}
		if prog[2].Action != "multi" || !prog[2].At.Equal(multiAt) || prog[0].ActorLabel != "ann@example.com" {
			t.Errorf("program chain = %+v", prog)
		}
		var none []store.AuditEvent
		if err := db.View(ctx, func(tx *store.Tx) (err error) { none, err = tx.OrgEvents("", 0, 10); return }); err != nil || len(none) != 0 {
			t.Errorf("OrgEvents(\"\") = %d events, %v; program events belong to no organization", len(none), err)
		}
	})
}

func TestAuditOrgEventsPagesNewestFirst(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB, clock *storetest.Clock) {
		orgA, orgB := store.NewID(), store.NewID()
		for range 7 {
			appendEvents(t, db, clock, orgA, 1)
			appendEvents(t, db, clock, orgB, 1)
		}
		var got [][]int64
		var before int64
		for range 5 {
			var page []store.AuditEvent
			if err := db.View(ctx, func(tx *store.Tx) (err error) { page, err = tx.OrgEvents(orgA, before, 3); return }); err != nil {
				t.Fatal(err)
			}
			var seqs []int64
			for _, e := range page {
				if e.Chain != orgA {
					t.Errorf("page holds an event of chain %s", e.Chain)
				}
				seqs = append(seqs, e.Seq)
				before = e.ID
			}
			got = append(got, seqs)
		}
		want := [][]int64{{7, 6, 5}, {4, 3, 2}, {1}, nil, nil}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("pages of seqs = %v, want %v", got, want)
		}
	})
}

// rawExec runs one statement on a connection of its own, behind the store's
// back. It rebinds ? placeholders for PostgreSQL.
func rawExec(t *testing.T, dbURL, query string, args ...any) {
	t.Helper()
	engine, dsn, err := store.ParseURL(dbURL)
	if err != nil {
		t.Fatal(err)
	}
	driver, source := "pgx", dbURL
	if engine == store.SQLite {
		driver, source = "sqlite", "file:"+dsn
	} else {
		for n := 1; strings.Contains(query, "?"); n++ {
			query = strings.Replace(query, "?", "$"+strconv.Itoa(n), 1)
		}
	}
	raw, err := sql.Open(driver, source)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	res, err := raw.ExecContext(ctx, query, args...)
	if err != nil {
		t.Fatalf("raw %s: %v", query, err)
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		t.Fatalf("raw %s changed %d rows, %v", query, n, err)
	}
}

func TestAuditRollbackLeavesNoEventAndNoHeadBump(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB, clock *storetest.Clock) {
		org := store.NewID()
		appendEvents(t, db, clock, org, 2)
		boom := errors.New("boom")
		err := db.Update(ctx, func(tx *store.Tx) error {
			for _, o := range []string{org, ""} {
				if err := tx.Audit(auditAnn, store.Event{OrgID: o, SubjectType: "x", SubjectID: "1", Action: "ghost"}); err != nil {
					return err
				}
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("err = %v, want boom", err)
		}
		if rep := verifyAudit(t, db); rep.Chains != 1 || rep.Events != 2 || len(rep.Faults) != 0 {
			t.Fatalf("after rollback = %+v", rep)
		}
		appendEvents(t, db, clock, org, 1)
		appendEvents(t, db, clock, "", 1)
		checkLinked(t, chainEvents(t, db, org), org, org, 3)
		checkLinked(t, chainEvents(t, db, store.ProgramChain), store.ProgramChain, "", 1)
		if rep := verifyAudit(t, db); rep.Chains != 2 || rep.Events != 4 || len(rep.Faults) != 0 {
			t.Errorf("after rollback and appends = %+v", rep)
		}
	})
}
