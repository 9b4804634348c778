// Package storetest opens real, migrated, throw-away stores for tests: a
// SQLite file in a temporary directory, and a fresh schema on the PostgreSQL
// named by TRUSTLANE_TEST_POSTGRES_URL. The same test body runs on both.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"trustlane/internal/store"
)

// Skip skips a test for a missing prerequisite, or fails it under
// TRUSTLANE_TEST_STRICT=1 (as in CI), where nothing may skip.
func Skip(tb testing.TB, reason string) {
	tb.Helper()
	if os.Getenv("TRUSTLANE_TEST_STRICT") == "1" {
		tb.Fatalf("TRUSTLANE_TEST_STRICT=1 and a prerequisite is missing: %s", reason)
	}
	tb.Skip(reason)
}

// SQLiteURL returns the URL of a new SQLite file in a temporary directory.
func SQLiteURL(tb testing.TB) string {
	tb.Helper()
	return "sqlite:" + filepath.Join(tb.TempDir(), "trustlane.db")
}

// PostgresURL creates an empty schema on the test PostgreSQL and returns a
// URL whose connections use it; the schema is dropped when the test ends.
// Without TRUSTLANE_TEST_POSTGRES_URL the test is skipped (failed if strict).
func PostgresURL(tb testing.TB) string {
	tb.Helper()
	base := os.Getenv("TRUSTLANE_TEST_POSTGRES_URL")
	if base == "" {
		Skip(tb, "TRUSTLANE_TEST_POSTGRES_URL is not set; PostgreSQL cases not run")
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	schema := "t_" + hex.EncodeToString(b)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		tb.Fatalf("open postgres: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := admin.ExecContext(ctx, `CREATE SCHEMA `+schema); err != nil {
		admin.Close()
		tb.Fatalf("create schema on %s: %v", base, err)
	}
	tb.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if _, err := admin.ExecContext(ctx, `DROP SCHEMA `+schema+` CASCADE`); err != nil {
			tb.Logf("drop schema %s: %v", schema, err)
		}
		admin.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatalf("parse TRUSTLANE_TEST_POSTGRES_URL: %v", err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// Open opens and migrates a store at dbURL, closed when the test ends.
func Open(tb testing.TB, dbURL string, now func() time.Time) *store.DB {
	tb.Helper()
	ctx := context.Background()
	db, err := store.Open(ctx, store.Config{URL: dbURL, Now: now})
	if err != nil {
		tb.Fatalf("open store %s: %v", dbURL, err)
	}
	tb.Cleanup(func() { db.Close() })
	if err := db.Migrate(ctx); err != nil {
		tb.Fatalf("migrate: %v", err)
	}
	return db
}

// Engine is one engine to run a test body against.
type Engine struct {
	Name string
	URL  func(testing.TB) string
}

// Engines lists SQLite and PostgreSQL.
func Engines() []Engine {
	return []Engine{{"sqlite", SQLiteURL}, {"postgres", PostgresURL}}
}

// Clock is a settable clock for tests of deadlines and expiry.
type Clock struct{ t time.Time }

// NewClock starts a clock at t.
func NewClock(t time.Time) *Clock { return &Clock{t: t} }

// Now reads the clock.
func (c *Clock) Now() time.Time { return c.t }

// Advance moves the clock forward.
func (c *Clock) Advance(d time.Duration) { c.t = c.t.Add(d) }
