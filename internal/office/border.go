package office

import (
	"context"
	"sync"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/store"
)

// Change kinds that end cached authority: a revoked token, an expired or
// disabled account.
const (
	KindTokenChanged = "api_token"
	KindUserChanged  = "user"
)

// borderTokenTTL bounds how long a border token's authority is cached. A
// revocation empties the cache at once (through its change notice, on every
// instance); the bound covers what sends no notice.
const borderTokenTTL = 10 * time.Second

// tokenCache remembers the actors of bearer tokens the border endpoints
// have seen: border systems ask thousands of times a second and must not
// cost a database read (nor a SHA-256) each time. It is keyed by the
// secret itself, which lives only in this process's memory, like the
// request that carried it.
type tokenCache struct {
	mu      sync.RWMutex
	entries map[string]cachedActor
}

type cachedActor struct {
	actor   auth.Actor
	expires time.Time
}

func (c *tokenCache) get(secret string, now time.Time) (auth.Actor, bool) {
	c.mu.RLock()
	e, ok := c.entries[secret]
	c.mu.RUnlock()
	if !ok || now.After(e.expires) {
		return auth.Actor{}, false
	}
	return e.actor, true
}

func (c *tokenCache) put(secret string, a auth.Actor, now time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil || len(c.entries) > 10000 {
		c.entries = map[string]cachedActor{}
	}
	expires := now.Add(borderTokenTTL)
	if !a.TokenExpires.IsZero() && a.TokenExpires.Before(expires) {
		expires = a.TokenExpires // a token about to expire is not kept past its end
	}
	c.entries[secret] = cachedActor{actor: a, expires: expires}
}

func (c *tokenCache) clear() {
	c.mu.Lock()
	c.entries = nil
	c.mu.Unlock()
}

// onChange empties the cache when a token or an account changes.
func (c *tokenCache) onChange(ch store.Change) {
	if ch.Kind == KindTokenChanged || ch.Kind == KindUserChanged || ch.Kind == store.KindResync {
		c.clear()
	}
}

// BorderActor resolves the bearer token of a border request and checks that
// it may look up standing and screen shipments. Only tokens that pass are
// cached; a refused token asks the database every time.
func (o *Office) BorderActor(ctx context.Context, secret string) (auth.Actor, error) {
	now := time.Now()
	if a, ok := o.borderTokens.get(secret, now); ok {
		return a, nil
	}
	return o.borderActor(ctx, secret, now)
}

// CachedBorderActor answers from the cache alone, for callers that would
// otherwise build a context (with its timer) on every request; false means
// ask BorderActor.
func (o *Office) CachedBorderActor(secret string) (auth.Actor, bool) {
	return o.borderTokens.get(secret, time.Now())
}

func (o *Office) borderActor(ctx context.Context, secret string, now time.Time) (auth.Actor, error) {
	a, err := o.TokenActor(ctx, secret)
	if err != nil {
		return a, err
	}
	if err := o.AuthorizeBorder(a); err != nil {
		return a, err
	}
	o.borderTokens.put(secret, a, now)
	return a, nil
}

// AuthorizeBorder checks that the actor may look up standing and screen
// shipments: any staff member, or a token with the border scope.
func (o *Office) AuthorizeBorder(a auth.Actor) error { return authorizeStaff(a, auth.BorderLookup) }
