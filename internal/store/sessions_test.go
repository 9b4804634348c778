package store_test

import (
	"testing"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/store"
	"trustlane/internal/store/storetest"
)

func addUser(t *testing.T, db *store.DB, email string) auth.User {
	t.Helper()
	u := auth.User{Email: email, Name: email, PasswordHash: "x", Lang: "en"}
	mustUpdate(t, db, func(tx *store.Tx) error { return tx.InsertUser(&u) })
	return u
}

// wantCode fails unless err carries code.
func wantCode(t *testing.T, err error, code errs.Code, what string) {
	t.Helper()
	if !errs.Is(err, code) {
		t.Errorf("%s: err = %v, want %s", what, err, code)
	}
}

// addSession stores a session of user u signed in now and returns its hash.
func addSession(t *testing.T, db *store.DB, clock *storetest.Clock, u auth.User, pending bool) string {
	t.Helper()
	s := auth.Session{IDHash: auth.HashSecret(auth.NewSecret("tls")), UserID: u.ID, MFAPending: pending,
		ExpiresAt: storeTime(clock).Add(auth.AbsoluteTimeout), Address: "192.0.2.7", UserAgent: "Firefox/140"}
	mustUpdate(t, db, func(tx *store.Tx) error { return tx.InsertSession(&s) })
	return s.IDHash
}

func loadSession(db *store.DB, hash string) (s auth.Session, err error) {
	err = db.View(ctx, func(tx *store.Tx) (err error) { s, err = tx.Session(hash); return })
	return s, err
}

func mustSession(t *testing.T, db *store.DB, hash string) auth.Session {
	t.Helper()
	s, err := loadSession(db, hash)
	if err != nil {
		t.Fatalf("session: %v", err)
	}
	return s
}

func TestSessionRoundTripTouchAndAbsoluteEnd(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB, clock *storetest.Clock) {
		u := addUser(t, db, "ann@example.com")
		start := storeTime(clock)
		h := addSession(t, db, clock, u, false)
		s := mustSession(t, db, h)
		if s.UserID != u.ID || s.MFAPending || !s.CreatedAt.Equal(start) || !s.LastSeenAt.Equal(start) ||
			!s.ExpiresAt.Equal(start.Add(auth.AbsoluteTimeout)) || s.Address != "192.0.2.7" || s.UserAgent != "Firefox/140" ||
			s.ExpiresAt.Location() != time.UTC || !s.Live(clock.Now()) {
			t.Fatalf("session = %+v", s)
		}
		// Touched every 20 minutes it stays live, but only until its absolute end.
		for i := 1; i <= 36; i++ {
			clock.Advance(20 * time.Minute)
			s := mustSession(t, db, h)
			if want := i < 36; s.Live(clock.Now()) != want {
				t.Fatalf("after %d touches: live = %v, want %v", i, !want, want)
			}
			mustUpdate(t, db, func(tx *store.Tx) error { return tx.TouchSession(h) })
			if s := mustSession(t, db, h); !s.LastSeenAt.Equal(storeTime(clock)) || !s.CreatedAt.Equal(start) {
				t.Fatalf("after touch %d: %+v", i, s)
			}
		}
		mustUpdate(t, db, func(tx *store.Tx) error { return tx.DeleteSession(h) })
		_, err := loadSession(db, h)
		wantCode(t, err, errs.NotFound, "deleted session")
	})
}

func TestSessionIdleAndPendingTimeouts(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB, clock *storetest.Clock) {
		u := addUser(t, db, "ann@example.com")
		idle := addSession(t, db, clock, u, false)
		pending := addSession(t, db, clock, u, true)
		completed := addSession(t, db, clock, u, true)
		steps := []struct {
			advance                  time.Duration
			idle, pending, completed bool
		}{
			{0, true, true, true},
			{auth.PendingTimeout - time.Microsecond, true, true, true},
			{time.Microsecond, true, false, true}, // completed below, before this step
			{auth.IdleTimeout - auth.PendingTimeout - time.Microsecond, true, false, true},
			{time.Microsecond, false, false, true},
		}
		for i, st := range steps {
			clock.Advance(st.advance)
			if i == 2 {
				mustUpdate(t, db, func(tx *store.Tx) error { return tx.CompleteSessionMFA(completed) })
				if s := mustSession(t, db, completed); s.MFAPending || !s.LastSeenAt.Equal(storeTime(clock)) {
					t.Fatalf("completed session = %+v", s)
				}
			}
			for _, c := range []struct {
				hash string
				want bool
			}{{idle, st.idle}, {pending, st.pending}, {completed, st.completed}} {
				if got := mustSession(t, db, c.hash).Live(clock.Now()); got != c.want {
					t.Errorf("step %d: session %.8s live = %v, want %v", i, c.hash, got, c.want)
				}
			}
		}
		err := db.Update(ctx, func(tx *store.Tx) error { return tx.CompleteSessionMFA("missing") })
		wantCode(t, err, errs.NotFound, "complete missing session")
		_, err = loadSession(db, "missing")
		wantCode(t, err, errs.NotFound, "load missing session")
	})
}

func TestDeleteUserSessionsKeepsOne(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB, clock *storetest.Clock) {
		u, v := addUser(t, db, "ann@example.com"), addUser(t, db, "bob@example.com")
		a, b, c := addSession(t, db, clock, u, false), addSession(t, db, clock, u, false), addSession(t, db, clock, u, true)
		d := addSession(t, db, clock, v, false)
		check := func(step string, live map[string]bool) {
			t.Helper()
			for h, want := range live {
				_, err := loadSession(db, h)
				if got := err == nil; got != want {
					t.Errorf("%s: session %.8s exists = %v, want %v (%v)", step, h, got, want, err)
				}
			}
		}
		mustUpdate(t, db, func(tx *store.Tx) error { return tx.DeleteUserSessions(u.ID, b) })
		check("keeping b", map[string]bool{a: false, b: true, c: false, d: true})
		mustUpdate(t, db, func(tx *store.Tx) error { return tx.DeleteUserSessions(u.ID, "") })
		check("keeping none", map[string]bool{b: false, d: true})
	})
}

func TestDeleteExpiredSessionsRemovesExactlyTheDeadOnes(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB, clock *storetest.Clock) {
		u := addUser(t, db, "ann@example.com")
		t0 := storeTime(clock)
		hashes := map[string]string{}
		hashes["idle"] = addSession(t, db, clock, u, false)
		hashes["active"] = addSession(t, db, clock, u, false)
		short := auth.Session{IDHash: "short", UserID: u.ID, ExpiresAt: t0.Add(40 * time.Minute)}
		mustUpdate(t, db, func(tx *store.Tx) error { return tx.InsertSession(&short) })
		hashes["absolute"] = short.IDHash
		clock.Advance(15 * time.Minute)
		hashes["idle exactly"] = addSession(t, db, clock, u, false)
		clock.Advance(15 * time.Minute) // t0+30m
		mustUpdate(t, db, func(tx *store.Tx) error { return tx.TouchSession(hashes["active"]) })
		clock.Advance(9 * time.Minute) // t0+39m
		hashes["pending old"] = addSession(t, db, clock, u, true)
		clock.Advance(time.Minute) // t0+40m
		hashes["pending exactly"] = addSession(t, db, clock, u, true)
		clock.Advance(2 * time.Minute) // t0+42m
		hashes["pending new"] = addSession(t, db, clock, u, true)
		clock.Advance(2 * time.Minute) // t0+44m
		mustUpdate(t, db, func(tx *store.Tx) error { return tx.TouchSession(hashes["absolute"]) })
		clock.Advance(time.Minute) // t0+45m

		survivors := map[string]bool{"active": true, "pending new": true}
		for name, h := range hashes {
			if got := mustSession(t, db, h).Live(clock.Now()); got != survivors[name] {
				t.Errorf("%s: live = %v before the sweep", name, got)
			}
		}
		var n int64
		mustUpdate(t, db, func(tx *store.Tx) (err error) { n, err = tx.DeleteExpiredSessions(); return })
		if n != 5 {
			t.Errorf("deleted %d sessions, want 5", n)
		}
		for name, h := range hashes {
			if _, err := loadSession(db, h); (err == nil) != survivors[name] {
				t.Errorf("%s: after the sweep err = %v, want kept = %v", name, err, survivors[name])
			}
		}
	})
}

func usePasswordReset(db *store.DB, hash string) (userID string, err error) {
	err = db.Update(ctx, func(tx *store.Tx) (err error) { userID, err = tx.UsePasswordReset(hash); return })
	return userID, err
}

func TestPasswordResetsAreSingleUse(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB, clock *storetest.Clock) {
		u, v := addUser(t, db, "ann@example.com"), addUser(t, db, "bob@example.com")
		t0 := storeTime(clock)
		links := []struct {
			name, user string
			ttl        time.Duration
		}{{"first", u.ID, time.Hour}, {"second", u.ID, time.Hour}, {"short", u.ID, 10 * time.Minute}, {"bob", v.ID, time.Hour}}
		hash := map[string]string{}
		for _, l := range links {
			hash[l.name] = auth.HashSecret(auth.NewSecret("tlr"))
			mustUpdate(t, db, func(tx *store.Tx) error { return tx.InsertPasswordReset(l.user, hash[l.name], t0.Add(l.ttl)) })
			clock.Advance(time.Minute)
		}
		clock.Advance(6 * time.Minute) // t0+10m: the short link ends now
		steps := []struct {
			link, wantUser string // wantUser "" means refused
		}{
			{"short", ""},
			{"first", u.ID},
			{"first", ""},  // used
			{"second", ""}, // invalidated when the first was used
			{"bob", v.ID},  // another user's link is untouched
			{"unknown", ""},
		}
		for _, st := range steps {
			h := hash[st.link]
			if h == "" {
				h = auth.HashSecret("unknown")
			}
			got, err := usePasswordReset(db, h)
			if st.wantUser == "" {
				wantCode(t, err, errs.NotFound, "use "+st.link)
			} else if err != nil || got != st.wantUser {
				t.Errorf("use %s = %q, %v, want %q", st.link, got, err, st.wantUser)
			}
		}
		count := func(user string, since time.Time) (n int) {
			t.Helper()
			if err := db.View(ctx, func(tx *store.Tx) (err error) { n, err = tx.RecentPasswordResets(user, since); return }); err != nil {
				t.Fatal(err)
			}
			return n
		}
		for _, c := range []struct {
			user  string
			since time.Time
			want  int
		}{
			{u.ID, t0.Add(-time.Second), 3},
			{u.ID, t0, 2}, // strictly after: the link made at t0 is not counted
			{u.ID, t0.Add(90 * time.Second), 1},
			{u.ID, t0.Add(time.Hour), 0},
			{v.ID, t0, 1},
		} {
			if got := count(c.user, c.since); got != c.want {
				t.Errorf("RecentPasswordResets(%s, t0%+v) = %d, want %d", c.user, c.since.Sub(t0), got, c.want)
			}
		}
	})
}
