package store_test

import (
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"

	"trustlane/internal/store"
	"trustlane/internal/store/storetest"
)

func enqueue(t *testing.T, db *store.DB, kind string, payload any, at time.Time) {
	t.Helper()
	mustUpdate(t, db, func(tx *store.Tx) error { return tx.Enqueue(kind, payload, at) })
}

// claimKinds claims up to limit rows and returns their kinds, in order, and
// the rows by kind.
func claimKinds(t *testing.T, db *store.DB, limit int, lease time.Duration) ([]string, map[string]store.OutboxItem) {
	t.Helper()
	items, err := db.ClaimOutbox(ctx, limit, lease)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	byKind := map[string]store.OutboxItem{}
	for _, it := range items {
		kinds = append(kinds, it.Kind)
		byKind[it.Kind] = it
	}
	slices.Sort(kinds)
	return kinds, byKind
}

func wantStats(t *testing.T, db *store.DB, pending, failed int) {
	t.Helper()
	p, f, err := db.OutboxStats(ctx)
	if err != nil || p != pending || f != failed {
		t.Errorf("stats = %d pending, %d failed, %v; want %d, %d", p, f, err, pending, failed)
	}
}

func TestOutboxClaimLeaseRetryAndFail(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB, clock *storetest.Clock) {
		const lease = 5 * time.Minute
		t0 := storeTime(clock)
		wantStats(t, db, 0, 0)
		enqueue(t, db, "a", map[string]string{"to": "ann@example.com"}, time.Time{})
		enqueue(t, db, "b", []int{1, 2}, t0.Add(-time.Hour))
		enqueue(t, db, "later", nil, t0.Add(time.Hour))
		enqueue(t, db, "c", "x", t0)
		wantStats(t, db, 4, 0)

		kinds, items := claimKinds(t, db, 10, lease)
		if !slices.Equal(kinds, []string{"a", "b", "c"}) {
			t.Fatalf("first claim = %v, want the three due rows", kinds)
		}
		if a := items["a"]; a.Attempts != 1 || string(a.Payload) != `{"to":"ann@example.com"}` || string(items["b"].Payload) != `[1,2]` {
			t.Errorf("claimed rows = %+v", items)
		}
		// Leased rows are not handed out again until the lease runs out.
		clock.Advance(lease - time.Microsecond)
		if kinds, _ := claimKinds(t, db, 10, lease); len(kinds) != 0 {
			t.Fatalf("claim during the lease = %v", kinds)
		}
		clock.Advance(time.Microsecond)
		kinds, items = claimKinds(t, db, 10, lease)
		if !slices.Equal(kinds, []string{"a", "b", "c"}) || items["a"].Attempts != 2 || items["c"].Attempts != 2 {
			t.Fatalf("claim after the lease = %v %+v", kinds, items)
		}
		wantStats(t, db, 4, 0)

		if err := db.CompleteOutbox(ctx, items["a"].ID); err != nil {
			t.Fatal(err)
		}
		clock.Advance(time.Minute) // t0+6m
		if err := db.RetryOutbox(ctx, items["b"].ID, errors.New("smtp: 451 try later"), storeTime(clock).Add(10*time.Minute)); err != nil {
			t.Fatal(err)
		}
		if err := db.RetryOutbox(ctx, items["c"].ID, errors.New("smtp: 550 no such user"), time.Time{}); err != nil {
			t.Fatal(err)
		}
		wantStats(t, db, 2, 1) // b and later pending, c failed, a done
		if kinds, _ := claimKinds(t, db, 10, lease); len(kinds) != 0 {
			t.Fatalf("claim right after retry = %v; b is delayed, c failed, a done", kinds)
		}
		clock.Advance(10 * time.Minute) // t0+16m
		kinds, items = claimKinds(t, db, 10, lease)
		if !slices.Equal(kinds, []string{"b"}) || items["b"].Attempts != 3 {
			t.Fatalf("claim after the retry time = %v %+v", kinds, items)
		}
		if err := db.CompleteOutbox(ctx, items["b"].ID); err != nil {
			t.Fatal(err)
		}
		clock.Advance(2 * time.Hour)
		kinds, items = claimKinds(t, db, 10, lease)
		if !slices.Equal(kinds, []string{"later"}) || items["later"].Attempts != 1 || string(items["later"].Payload) != "null" {
			t.Fatalf("claim two hours on = %v %+v; only the delayed row is due", kinds, items)
		}
		wantStats(t, db, 1, 1)
	})
}

func TestOutboxClaimsOldestFirstUpToLimit(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB, clock *storetest.Clock) {
		t0 := storeTime(clock)
		for i, kind := range []string{"k3", "k1", "k4", "k2", "k5"} {
			// available_at orders them k1..k5 whatever the insertion order.
			order := map[string]int{"k1": 1, "k2": 2, "k3": 3, "k4": 4, "k5": 5}[kind]
			enqueue(t, db, kind, i, t0.Add(time.Duration(order-10)*time.Second))
		}
		var got []string
		for range 3 {
			items, err := db.ClaimOutbox(ctx, 2, time.Hour)
			if err != nil {
				t.Fatal(err)
			}
			if len(items) > 2 {
				t.Fatalf("claimed %d rows with limit 2", len(items))
			}
			var kinds []string
			for _, it := range items {
				kinds = append(kinds, it.Kind)
			}
			slices.Sort(kinds)
			got = append(got, kinds...)
		}
		if want := []string{"k1", "k2", "k3", "k4", "k5"}; !slices.Equal(got, want) {
			t.Errorf("claims = %v, want %v", got, want)
		}
		err := db.Update(ctx, func(tx *store.Tx) error { return tx.Enqueue("bad", make(chan int), time.Time{}) })
		if err == nil {
			t.Error("enqueued a payload that does not marshal")
		}
	})
}

// TestOutboxConcurrentClaimersPostgres has two stores on one schema, as two
// instances would be, claim at once: every row goes to exactly one of them.
func TestOutboxConcurrentClaimersPostgres(t *testing.T) {
	url := storetest.PostgresURL(t)
	dbs := []*store.DB{storetest.Open(t, url, nil), storetest.Open(t, url, nil)}
	const rows = 300
	for i := range rows {
		enqueue(t, dbs[i%2], "mail", i, time.Time{})
	}
	var (
		mu      sync.Mutex
		claimed = map[int64]int{}
		wg      sync.WaitGroup
	)
	errc := make(chan error, 8)
	for g := range 8 {
		db := dbs[g%2]
		wg.Go(func() {
			for {
				items, err := db.ClaimOutbox(ctx, 7, time.Hour)
				if err != nil {
					errc <- err
					return
				}
				if len(items) == 0 {
					return
				}
				mu.Lock()
				for _, it := range items {
					claimed[it.ID]++
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	close(errc)
	for err := range errc {
		t.Fatalf("claim: %v", err)
	}
	if len(claimed) != rows {
		t.Errorf("%d distinct rows claimed, want %d", len(claimed), rows)
	}
	for id, n := range claimed {
		if n != 1 {
			t.Errorf("row %d claimed %d times", id, n)
		}
	}
	if items, err := dbs[0].ClaimOutbox(ctx, 10, time.Hour); err != nil || len(items) != 0 {
		t.Errorf("rows left to claim: %d, %v", len(items), err)
	}
	wantStats(t, dbs[1], rows, 0)
}

// A relay's long reply in French, or one with stray bytes, is kept as valid
// text: cut at a character boundary, never refused by PostgreSQL.
func TestOutboxRetryKeepsALongOrBadReplyAsText(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB, clock *storetest.Clock) {
		for _, reply := range []string{"550: " + strings.Repeat("é", 600), "451 bad \xff byte"} {
			enqueue(t, db, "mail", "x", time.Time{})
			_, items := claimKinds(t, db, 1, time.Minute)
			if err := db.RetryOutbox(ctx, items["mail"].ID, errors.New(reply), time.Time{}); err != nil {
				t.Fatalf("retry with reply %.20q: %v", reply, err)
			}
		}
		var rows []store.OutboxRow
		if err := db.View(ctx, func(tx *store.Tx) (err error) { rows, _, err = tx.PendingOutbox("mail", 10, 0); return }); err != nil {
			t.Fatal(err)
		}
		if len(rows) != 2 {
			t.Fatalf("%d rows, want 2", len(rows))
		}
		long, bad := rows[1].LastError, rows[0].LastError
		if len(long) > 1000 || len(long) < 990 || !utf8.ValidString(long) || !strings.HasPrefix(long, "550: éé") {
			t.Errorf("long reply kept as %d bytes, valid %v", len(long), utf8.ValidString(long))
		}
		if bad != "451 bad \uFFFD byte" {
			t.Errorf("reply with a stray byte kept as %q", bad)
		}
	})
}
