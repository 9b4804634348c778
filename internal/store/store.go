// Package store keeps trustlane's state in SQLite (embedded, the default) or
// PostgreSQL (for several instances on one database), with the same
// hand-written SQL on both. Every change runs in one transaction together
// with its audit event and outbox rows; readers never block the writer.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver
)

// Engine names a supported database engine.
type Engine string

// The two engines; supporting a third is a non-goal.
const (
	SQLite   Engine = "sqlite"
	Postgres Engine = "postgres"
)

// Config tells Open where the data lives.
type Config struct {
	// URL is "sqlite:PATH" or a "postgres://" URL.
	URL string
	// Now is the clock; tests fix it. Defaults to time.Now.
	Now func() time.Time
	// Logger receives warnings; defaults to slog.Default().
	Logger *slog.Logger
	// MaxReaders bounds the SQLite reader pool or the PostgreSQL pool.
	MaxReaders int
}

// DB is an open store. It is safe for concurrent use.
type DB struct {
	engine Engine
	// writer takes every read-write transaction. On SQLite it holds a single
	// connection, so writes queue in Go instead of failing with SQLITE_BUSY.
	writer *sql.DB
	// reader serves read-only transactions; on PostgreSQL it is writer.
	reader *sql.DB
	now    func() time.Time
	log    *slog.Logger
	path   string // SQLite file path, for backups

	mu        sync.RWMutex
	listeners []func(Change)
	pgURL     string
	// instance tells this process's change notices from other instances'.
	instance string
	channel  string // the PostgreSQL channel of change notices
}

// ParseURL splits a --db value into its engine and driver data source.
func ParseURL(raw string) (Engine, string, error) {
	switch {
	case strings.HasPrefix(raw, "sqlite:"):
		p := strings.TrimPrefix(raw, "sqlite:")
		p = strings.TrimPrefix(p, "//")
		if p == "" {
			return "", "", fmt.Errorf("database URL %q: sqlite needs a file path, e.g. sqlite:./data/trustlane.db", raw)
		}
		return SQLite, p, nil
	case strings.HasPrefix(raw, "postgres://"), strings.HasPrefix(raw, "postgresql://"):
		if _, err := url.Parse(raw); err != nil {
			return "", "", fmt.Errorf("database URL: %w", err)
		}
		return Postgres, raw, nil
	}
	return "", "", fmt.Errorf("database URL %q: use sqlite:PATH or postgres://…", raw)
}

// sqliteDSN puts the pragmas in the connection string, so every pooled
// connection gets them (a PRAGMA sent with Exec reaches one connection only).
// busy_timeout comes first so the others wait instead of failing.
func sqliteDSN(path string, write bool) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(NORMAL)")
	q.Add("_pragma", "foreign_keys(ON)")
	q.Add("_pragma", "temp_store(MEMORY)")
	if write {
		q.Set("_txlock", "immediate")
	} else {
		q.Add("_pragma", "query_only(ON)")
	}
	return "file:" + path + "?" + q.Encode()
}

// Open connects to the database named by cfg.URL. It does not migrate; call
// Migrate (serve does it at start-up).
func Open(ctx context.Context, cfg Config) (*DB, error) {
	engine, dsn, err := ParseURL(cfg.URL)
	if err != nil {
		return nil, err
	}
	db := &DB{engine: engine, now: cfg.Now, log: cfg.Logger, instance: NewID()}
	if db.now == nil {
		db.now = time.Now
	}
	if db.log == nil {
		db.log = slog.Default()
	}
	readers := cfg.MaxReaders
	if readers <= 0 {
		readers = max(4, runtime.GOMAXPROCS(0)*2)
	}
	switch engine {
	case SQLite:
		if err := os.MkdirAll(filepath.Dir(dsn), 0o750); err != nil {
			return nil, fmt.Errorf("open store: %w", err)
		}
		db.path = dsn
		if db.writer, err = sql.Open("sqlite", sqliteDSN(dsn, true)); err != nil {
			return nil, fmt.Errorf("open store: %w", err)
		}
		db.writer.SetMaxOpenConns(1)
		db.writer.SetConnMaxIdleTime(0)
		if db.reader, err = sql.Open("sqlite", sqliteDSN(dsn, false)); err != nil {
			db.writer.Close()
			return nil, fmt.Errorf("open store: %w", err)
		}
		db.reader.SetMaxOpenConns(readers)
		db.reader.SetMaxIdleConns(readers)
	case Postgres:
		db.pgURL, db.channel = dsn, changeChannel(dsn)
		if db.writer, err = sql.Open("pgx", dsn); err != nil {
			return nil, fmt.Errorf("open store: %w", err)
		}
		db.writer.SetMaxOpenConns(readers * 2)
		db.writer.SetMaxIdleConns(readers)
		db.writer.SetConnMaxLifetime(30 * time.Minute)
		db.reader = db.writer
	}
	if err := db.Ping(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// Engine reports which engine backs the store.
func (db *DB) Engine() Engine { return db.engine }

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error {
	if err := db.writer.PingContext(ctx); err != nil {
		return fmt.Errorf("ping %s: %w", db.engine, err)
	}
	if db.reader != db.writer {
		if err := db.reader.PingContext(ctx); err != nil {
			return fmt.Errorf("ping %s reader: %w", db.engine, err)
		}
	}
	return nil
}

// Close releases the connections.
func (db *DB) Close() error {
	var errs []error
	if db.reader != nil && db.reader != db.writer {
		errs = append(errs, db.reader.Close())
	}
	if db.writer != nil {
		errs = append(errs, db.writer.Close())
	}
	return errors.Join(errs...)
}

// Now returns the store's clock reading, truncated to the microsecond that
// both engines keep, in UTC.
func (db *DB) Now() time.Time { return db.now().UTC().Truncate(time.Microsecond) }
