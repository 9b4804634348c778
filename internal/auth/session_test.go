package auth_test

import (
	"slices"
	"testing"
	"time"

	"trustlane/internal/auth"
)

var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func TestSessionLive(t *testing.T) {
	open := auth.Session{CreatedAt: t0, LastSeenAt: t0, ExpiresAt: t0.Add(auth.AbsoluteTimeout)}
	seenAt := func(s auth.Session, d time.Duration) auth.Session { s.LastSeenAt = t0.Add(d); return s }
	pending := open
	pending.MFAPending = true
	tests := []struct {
		name string
		s    auth.Session
		at   time.Duration // after t0
		want bool
	}{
		{"fresh", open, 0, true},
		{"idle just under the timeout", open, auth.IdleTimeout - time.Second, true},
		{"idle at the timeout", open, auth.IdleTimeout, false},
		{"active, near the absolute end", seenAt(open, auth.AbsoluteTimeout-2*time.Minute), auth.AbsoluteTimeout - time.Minute, true},
		{"active, at the absolute end", seenAt(open, auth.AbsoluteTimeout-time.Minute), auth.AbsoluteTimeout, false},
		{"active, past the absolute end", seenAt(open, auth.AbsoluteTimeout), auth.AbsoluteTimeout + time.Second, false},
		{"pending, under its timeout", pending, auth.PendingTimeout - time.Second, true},
		{"pending, at its timeout", pending, auth.PendingTimeout, false},
		// Activity does not stretch the wait for the second factor.
		{"pending, recently seen, past its timeout", seenAt(pending, auth.PendingTimeout), auth.PendingTimeout + time.Second, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.s.Live(t0.Add(tt.at)); got != tt.want {
				t.Errorf("Live = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestAPITokenUsable(t *testing.T) {
	tok := auth.APIToken{CreatedAt: t0, ExpiresAt: t0.Add(time.Hour)}
	revoked := tok
	revoked.RevokedAt = t0.Add(time.Minute)
	for _, tt := range []struct {
		name string
		tok  auth.APIToken
		at   time.Duration
		want bool
	}{
		{"new", tok, 0, true},
		{"just before expiry", tok, time.Hour - time.Microsecond, true},
		{"at expiry", tok, time.Hour, false},
		{"after expiry", tok, 2 * time.Hour, false},
		{"revoked", revoked, 2 * time.Minute, false},
		{"revoked, checked before the revocation time", revoked, 0, false},
	} {
		if got := tt.tok.Usable(t0.Add(tt.at)); got != tt.want {
			t.Errorf("%s: Usable = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestJoinAndSplitScopes(t *testing.T) {
	for _, tt := range []struct {
		in   []auth.Scope
		want string
	}{
		{nil, ""},
		{[]auth.Scope{auth.ScopeOrgRead}, "org:read"},
		{[]auth.Scope{auth.ScopeTokens, auth.ScopeOrgWrite, auth.ScopeOrgRead}, "org:read org:write tokens:write"},
		{[]auth.Scope{auth.ScopeStaff, auth.ScopeOrgRead, auth.ScopeStaff}, "org:read staff"},
	} {
		got := auth.JoinScopes(tt.in)
		if got != tt.want {
			t.Errorf("JoinScopes(%v) = %q, want %q", tt.in, got, tt.want)
		}
		back := auth.SplitScopes(got)
		want := slices.Clone(tt.in)
		slices.Sort(want)
		if want = slices.Compact(want); !slices.Equal(back, want) {
			t.Errorf("SplitScopes(%q) = %v, want %v", got, back, want)
		}
	}
	if got := auth.SplitScopes("  org:read   staff "); !slices.Equal(got, []auth.Scope{auth.ScopeOrgRead, auth.ScopeStaff}) {
		t.Errorf("SplitScopes with extra spaces = %v", got)
	}
	if got := auth.SplitScopes(""); len(got) != 0 {
		t.Errorf("SplitScopes(\"\") = %v", got)
	}
	all := auth.AllScopes()
	if got := auth.SplitScopes(auth.JoinScopes(all)); len(got) != len(all) {
		t.Errorf("every scope does not survive a round trip: %v", got)
	}
}

func TestUserLockAndSecondFactor(t *testing.T) {
	u := auth.User{ID: "u1", Email: "ann@example.com", Name: "Ann", Lang: "fr"}
	if u.Locked(t0) || u.NeedsMFA() {
		t.Error("a new company user is locked or needs a second factor")
	}
	u.LockedUntil = t0.Add(auth.LockoutPeriod)
	if !u.Locked(t0) || !u.Locked(t0.Add(auth.LockoutPeriod-time.Second)) || u.Locked(t0.Add(auth.LockoutPeriod)) {
		t.Error("lockout does not last exactly LockoutPeriod")
	}
	u.TOTPEnabled = true
	if !u.NeedsMFA() {
		t.Error("a user with TOTP on does not need it")
	}
	staff := auth.User{ID: "s1", Staff: auth.Officer}
	if !staff.NeedsMFA() {
		t.Error("staff do not need a second factor")
	}
	a := u.Actor()
	if a.UserID != "u1" || a.Email != u.Email || a.Lang != "fr" || a.MFA || a.Scopes != nil || a.IsStaff() {
		t.Errorf("Actor() = %+v", a)
	}
	if sa := staff.Actor(); sa.Staff != auth.Officer || sa.MFA {
		t.Errorf("staff Actor() = %+v: a session must prove MFA itself", sa)
	}
}
