package office

import (
	"testing"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/store"
)

// The border's token cache never outlives the token, nor ten seconds, and
// a revocation empties it.
func TestBorderTokenCacheBounds(t *testing.T) {
	var c tokenCache
	now := time.Date(2026, 11, 26, 12, 0, 0, 0, time.UTC)
	c.put("long", auth.Actor{UserID: "u", TokenExpires: now.AddDate(0, 1, 0)}, now)
	c.put("ending", auth.Actor{UserID: "u", TokenExpires: now.Add(time.Second)}, now)
	if _, ok := c.get("long", now.Add(9*time.Second)); !ok {
		t.Fatal("a cached token was forgotten within its ten seconds")
	}
	if _, ok := c.get("long", now.Add(11*time.Second)); ok {
		t.Fatal("a cached token was kept past ten seconds")
	}
	if _, ok := c.get("ending", now.Add(2*time.Second)); ok {
		t.Fatal("a token was accepted from the cache after it expired")
	}
	c.onChange(store.Change{Kind: KindTokenChanged, ID: "x"})
	if _, ok := c.get("long", now); ok {
		t.Fatal("a revocation did not empty the cache")
	}
}
