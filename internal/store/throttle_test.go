package store_test

import (
	"testing"
	"time"

	"trustlane/internal/store"
	"trustlane/internal/store/storetest"
)

func hit(t *testing.T, db *store.DB, key string, window time.Duration) (n int) {
	t.Helper()
	mustUpdate(t, db, func(tx *store.Tx) (err error) { n, err = tx.Hit(key, window); return })
	return n
}

func hits(t *testing.T, db *store.DB, key string, window time.Duration) (n int) {
	t.Helper()
	if err := db.View(ctx, func(tx *store.Tx) (err error) { n, err = tx.Hits(key, window); return }); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestThrottleCountsInFixedWindows(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB, clock *storetest.Clock) {
		const w = time.Minute
		steps := []struct {
			advance time.Duration
			key     string
			hit     bool // Hit, else Hits
			want    int
		}{
			{0, "login:ann", false, 0}, // nothing yet
			{0, "login:ann", true, 1},
			{0, "login:ann", true, 2},
			{0, "login:bob", true, 1}, // keys are independent
			{10 * time.Second, "login:ann", true, 3},
			{0, "login:ann", false, 3}, // reading does not add
			{0, "login:ann", false, 3},
			{49 * time.Second, "login:ann", true, 4},
			{time.Second - time.Microsecond, "login:ann", true, 5}, // last instant of the window
			{time.Microsecond, "login:ann", false, 0},              // the window opened at t0 is over
			{0, "login:bob", false, 0},
			{0, "login:ann", true, 1}, // a new window opens now, at t0+1m
			{30 * time.Second, "login:ann", true, 2},
			{30 * time.Second, "login:ann", true, 1}, // fixed, not sliding: t0+2m opens another
			{0, "login:ann", false, 1},
		}
		for i, st := range steps {
			clock.Advance(st.advance)
			var got int
			if st.hit {
				got = hit(t, db, st.key, w)
			} else {
				got = hits(t, db, st.key, w)
			}
			if got != st.want {
				t.Errorf("step %d (%s, hit %v): count %d, want %d", i, st.key, st.hit, got, st.want)
			}
		}
		// A longer window sees the same row as still open.
		if got := hits(t, db, "login:bob", time.Hour); got != 1 {
			t.Errorf("bob over an hour = %d, want 1", got)
		}
	})
}

func TestDeleteStaleThrottles(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB, clock *storetest.Clock) {
		t0 := storeTime(clock)
		hit(t, db, "old", time.Minute)
		hit(t, db, "old", time.Minute)
		clock.Advance(10 * time.Minute)
		hit(t, db, "new", time.Minute)
		hit(t, db, "new", time.Minute)
		clock.Advance(time.Hour)
		const day = 24 * time.Hour
		if hits(t, db, "old", day) != 2 || hits(t, db, "new", day) != 2 {
			t.Fatalf("before the sweep: old %d, new %d", hits(t, db, "old", day), hits(t, db, "new", day))
		}
		// since is exclusive: a window that started exactly then is kept.
		mustUpdate(t, db, func(tx *store.Tx) error { return tx.DeleteStaleThrottles(t0) })
		if got := hits(t, db, "old", day); got != 2 {
			t.Errorf("old after sweep at its start = %d, want 2", got)
		}
		mustUpdate(t, db, func(tx *store.Tx) error { return tx.DeleteStaleThrottles(t0.Add(5 * time.Minute)) })
		if got := hits(t, db, "old", day); got != 0 {
			t.Errorf("old after sweep = %d, want 0", got)
		}
		if got := hits(t, db, "new", day); got != 2 {
			t.Errorf("new after sweep = %d, want 2", got)
		}
		// A forgotten key starts again at one, even within a long window.
		if got := hit(t, db, "old", day); got != 1 {
			t.Errorf("hit after the sweep = %d, want 1", got)
		}
	})
}
