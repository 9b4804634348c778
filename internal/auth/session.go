package auth

import (
	"slices"
	"strings"
	"time"
)

// Session lifetimes: a session ends after IdleTimeout without a request, and
// in any case AbsoluteTimeout after sign-in. PendingTimeout bounds the wait
// between the password and the second factor.
const (
	IdleTimeout     = 30 * time.Minute
	AbsoluteTimeout = 12 * time.Hour
	PendingTimeout  = 5 * time.Minute
	// TouchEvery limits how often a session's last-seen time is written.
	TouchEvery = time.Minute
)

// Session is a browser's sign-in, kept server-side so every instance on one
// database sees it and signing out ends it everywhere.
type Session struct {
	IDHash     string
	UserID     string
	MFAPending bool // password accepted, second factor not yet
	CreatedAt  time.Time
	LastSeenAt time.Time
	ExpiresAt  time.Time
	Address    string
	UserAgent  string
}

// Live reports whether the session is still usable at now.
func (s Session) Live(now time.Time) bool {
	if !now.Before(s.ExpiresAt) {
		return false
	}
	if s.MFAPending {
		return now.Sub(s.CreatedAt) < PendingTimeout
	}
	return now.Sub(s.LastSeenAt) < IdleTimeout
}

// APIToken lets a system act for the person who created it, within its
// scopes, until it expires or is revoked. Only the hash of its secret is
// kept.
type APIToken struct {
	ID     string
	UserID string
	OrgID  string // empty for staff and system tokens
	// Partner binds a status-exchange token to one partner program's code.
	Partner    string
	Name       string
	Scopes     []Scope
	CreatedAt  time.Time
	ExpiresAt  time.Time
	LastUsedAt time.Time
	RevokedAt  time.Time
}

// MaxTokenLifetime caps how long an API token may live.
const MaxTokenLifetime = 366 * 24 * time.Hour

// Usable reports whether the token may be used at now.
func (t APIToken) Usable(now time.Time) bool {
	return t.RevokedAt.IsZero() && now.Before(t.ExpiresAt)
}

// JoinScopes renders scopes for storage, sorted.
func JoinScopes(s []Scope) string {
	ss := make([]string, len(s))
	for i, x := range s {
		ss[i] = string(x)
	}
	slices.Sort(ss)
	return strings.Join(slices.Compact(ss), " ")
}

// SplitScopes parses stored scopes.
func SplitScopes(s string) []Scope {
	var out []Scope
	for _, f := range strings.Fields(s) {
		out = append(out, Scope(f))
	}
	return out
}
