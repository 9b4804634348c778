package store_test

import (
	"slices"
	"testing"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/ident"
	"trustlane/internal/program"
	"trustlane/internal/store"
	"trustlane/internal/store/storetest"
)

func addOrg(t *testing.T, db *store.DB, name string) program.Organization {
	t.Helper()
	o := newOrg(name, map[ident.Kind]string{})
	mustUpdate(t, db, func(tx *store.Tx) error { return tx.InsertOrg(o) })
	return *o
}

// addToken stores a token and returns it with the hash of its secret.
func addToken(t *testing.T, db *store.DB, clock *storetest.Clock, user, org, name string, scopes ...auth.Scope) (auth.APIToken, string) {
	t.Helper()
	tok := auth.APIToken{UserID: user, OrgID: org, Name: name, Scopes: scopes, ExpiresAt: storeTime(clock).Add(90 * 24 * time.Hour)}
	hash := auth.HashSecret(auth.NewSecret("tla"))
	mustUpdate(t, db, func(tx *store.Tx) error { return tx.InsertToken(&tok, hash) })
	return tok, hash
}

func tokenIDs(ts []auth.APIToken) []string {
	var ids []string
	for _, t := range ts {
		ids = append(ids, t.ID)
	}
	return ids
}

func TestAPITokensAreScopedToTheirOrganization(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB, clock *storetest.Clock) {
		u := addUser(t, db, "ann@example.com")
		o1, o2 := addOrg(t, db, "One Ltd"), addOrg(t, db, "Two Ltd")
		t1, h1 := addToken(t, db, clock, u.ID, o1.ID, "erp", auth.ScopeOrgWrite, auth.ScopeOrgRead)
		clock.Advance(time.Second)
		t2, _ := addToken(t, db, clock, u.ID, o1.ID, "ci", auth.ScopeMembersRead)
		t3, _ := addToken(t, db, clock, u.ID, o2.ID, "other", auth.ScopeOrgRead)
		t4, h4 := addToken(t, db, clock, u.ID, "", "staff", auth.ScopeStaff)

		var got auth.APIToken
		if err := db.View(ctx, func(tx *store.Tx) (err error) { got, err = tx.TokenBySecret(h1); return }); err != nil {
			t.Fatal(err)
		}
		if got.ID != t1.ID || got.UserID != u.ID || got.OrgID != o1.ID || got.Name != "erp" ||
			!slices.Equal(got.Scopes, []auth.Scope{auth.ScopeOrgRead, auth.ScopeOrgWrite}) ||
			!got.CreatedAt.Equal(t1.CreatedAt) || !got.ExpiresAt.Equal(t1.ExpiresAt) ||
			!got.LastUsedAt.IsZero() || !got.RevokedAt.IsZero() || !got.Usable(clock.Now()) {
			t.Errorf("token by secret = %+v, inserted %+v", got, t1)
		}
		if err := db.View(ctx, func(tx *store.Tx) (err error) { got, err = tx.TokenBySecret(h4); return }); err != nil || got.OrgID != "" || got.ID != t4.ID {
			t.Errorf("program token by secret = %+v, %v", got, err)
		}
		err := db.View(ctx, func(tx *store.Tx) error { _, err := tx.TokenBySecret(auth.HashSecret("nope")); return err })
		wantCode(t, err, errs.NotFound, "unknown secret")

		for _, c := range []struct {
			org  string
			want []string
		}{{o1.ID, []string{t2.ID, t1.ID}}, {o2.ID, []string{t3.ID}}, {"", []string{t4.ID}}} {
			var ts []auth.APIToken
			if err := db.View(ctx, func(tx *store.Tx) (err error) { ts, err = tx.Tokens(c.org); return }); err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(tokenIDs(ts), c.want) {
				t.Errorf("Tokens(%q) = %v, want %v", c.org, tokenIDs(ts), c.want)
			}
		}
		for _, c := range []struct {
			org, id string
			found   bool
		}{
			{o1.ID, t1.ID, true}, {o2.ID, t3.ID, true}, {"", t4.ID, true},
			{o2.ID, t1.ID, false}, {o1.ID, t3.ID, false}, {"", t1.ID, false}, {o1.ID, t4.ID, false},
		} {
			err := db.View(ctx, func(tx *store.Tx) error {
				tok, err := tx.Token(c.org, c.id)
				if err == nil && tok.ID != c.id {
					t.Errorf("Token(%q, %s) returned %s", c.org, c.id, tok.ID)
				}
				return err
			})
			if c.found && err != nil {
				t.Errorf("Token(%q, %s): %v", c.org, c.id, err)
			} else if !c.found {
				wantCode(t, err, errs.NotFound, "Token in another organization")
			}
		}

		// A token for a missing organization is refused by the database.
		bad := auth.APIToken{UserID: u.ID, OrgID: "no-such-org", Name: "x", ExpiresAt: storeTime(clock).Add(time.Hour)}
		err = db.Update(ctx, func(tx *store.Tx) error { return tx.InsertToken(&bad, auth.HashSecret("x")) })
		wantCode(t, err, errs.Conflict, "token of missing organization")
		dup := auth.APIToken{UserID: u.ID, Name: "dup", ExpiresAt: storeTime(clock).Add(time.Hour)}
		err = db.Update(ctx, func(tx *store.Tx) error { return tx.InsertToken(&dup, h1) })
		if !store.IsDuplicate(err) {
			t.Errorf("second token with the same secret: %v", err)
		}
	})
}

func TestRevokeAndTouchToken(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB, clock *storetest.Clock) {
		u := addUser(t, db, "ann@example.com")
		o := addOrg(t, db, "One Ltd")
		tok, _ := addToken(t, db, clock, u.ID, o.ID, "erp", auth.ScopeOrgRead)
		load := func() (got auth.APIToken) {
			t.Helper()
			if err := db.View(ctx, func(tx *store.Tx) (err error) { got, err = tx.Token(o.ID, tok.ID); return }); err != nil {
				t.Fatal(err)
			}
			return got
		}
		t0 := storeTime(clock)
		steps := []struct {
			advance  time.Duration
			lastUsed time.Duration // since t0
		}{
			{0, 0}, // first use is always recorded
			{30 * time.Second, 0},
			{30 * time.Second, 0}, // exactly TouchEvery later: not yet
			{time.Microsecond, auth.TouchEvery + time.Microsecond},
			{59 * time.Second, auth.TouchEvery + time.Microsecond},
			{2 * time.Second, auth.TouchEvery + time.Microsecond + 61*time.Second},
		}
		for i, st := range steps {
			clock.Advance(st.advance)
			mustUpdate(t, db, func(tx *store.Tx) error { return tx.TouchToken(tok.ID) })
			if got := load().LastUsedAt; !got.Equal(t0.Add(st.lastUsed)) {
				t.Errorf("step %d: last used %v after t0, want %v", i, got.Sub(t0), st.lastUsed)
			}
		}

		clock.Advance(time.Hour)
		mustUpdate(t, db, func(tx *store.Tx) error { return tx.RevokeToken(tok.ID) })
		if got := load(); !got.RevokedAt.Equal(storeTime(clock)) || got.Usable(clock.Now()) {
			t.Errorf("revoked token = %+v", got)
		}
		clock.Advance(time.Minute)
		err := db.Update(ctx, func(tx *store.Tx) error { return tx.RevokeToken(tok.ID) })
		wantCode(t, err, errs.NotFound, "second revoke")
		if got := load(); !got.RevokedAt.Equal(storeTime(clock).Add(-time.Minute)) {
			t.Errorf("second revoke moved revoked_at to %v", got.RevokedAt)
		}
		err = db.Update(ctx, func(tx *store.Tx) error { return tx.RevokeToken("missing") })
		wantCode(t, err, errs.NotFound, "revoke missing token")
	})
}
