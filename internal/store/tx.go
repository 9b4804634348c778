package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"trustlane/internal/errs"
)

// Tx is one transaction. Its clock reading is fixed when it begins, so every
// row and audit event it writes carries the same time. It keeps the context
// it was begun with because the underlying sql.Tx is bound to it anyway.
type Tx struct {
	ctx     context.Context
	tx      *sql.Tx
	db      *DB
	now     time.Time
	write   bool
	changes []Change
}

// Now is the transaction's time.
func (tx *Tx) Now() time.Time { return tx.now }

// Engine reports the engine, for the few places SQL must differ.
func (tx *Tx) Engine() Engine { return tx.db.engine }

// Update runs fn in a read-write transaction and commits when fn returns nil.
// Change notices raised in fn go out after the commit.
func (db *DB) Update(ctx context.Context, fn func(tx *Tx) error) error {
	return db.run(ctx, true, fn)
}

// View runs fn in a read-only transaction on the reader pool.
func (db *DB) View(ctx context.Context, fn func(tx *Tx) error) error {
	return db.run(ctx, false, fn)
}

func (db *DB) run(ctx context.Context, write bool, fn func(tx *Tx) error) (err error) {
	pool := db.reader
	var opts *sql.TxOptions
	if write {
		pool = db.writer
	} else if db.engine == Postgres {
		// Repeatable read gives every statement of a view the same
		// snapshot, so a read in several queries (the audit walk) never
		// sees a commit land between them. SQLite readers have that already.
		opts = &sql.TxOptions{ReadOnly: true, Isolation: sql.LevelRepeatableRead}
	}
	stx, err := pool.BeginTx(ctx, opts)
	if err != nil {
		return db.wrap(fmt.Errorf("begin: %w", err))
	}
	tx := &Tx{ctx: ctx, tx: stx, db: db, now: db.Now(), write: write}
	defer func() {
		if p := recover(); p != nil {
			_ = stx.Rollback()
			panic(p)
		}
	}()
	if err := fn(tx); err != nil {
		_ = stx.Rollback()
		return err
	}
	if err := tx.notifyChanges(); err != nil {
		_ = stx.Rollback()
		return err
	}
	if err := stx.Commit(); err != nil {
		return db.wrap(fmt.Errorf("commit: %w", err))
	}
	db.publish(tx.changes)
	return nil
}

// exec runs a statement written with ? placeholders.
func (tx *Tx) exec(query string, args ...any) (sql.Result, error) {
	res, err := tx.tx.ExecContext(tx.ctx, tx.db.rebind(query), args...)
	return res, tx.db.wrap(err)
}

// query runs a query written with ? placeholders.
func (tx *Tx) query(query string, args ...any) (*sql.Rows, error) {
	rows, err := tx.tx.QueryContext(tx.ctx, tx.db.rebind(query), args...)
	return rows, tx.db.wrap(err)
}

// queryRow runs a single-row query written with ? placeholders.
func (tx *Tx) queryRow(query string, args ...any) *sql.Row {
	return tx.tx.QueryRowContext(tx.ctx, tx.db.rebind(query), args...)
}

// affected returns NotFound when a statement changed no row.
func affected(res sql.Result, what string) error {
	n, err := res.RowsAffected()
	if err != nil {
		return err
	}
	if n == 0 {
		return errs.E(errs.NotFound, "error.not_found", what+" not found")
	}
	return nil
}

// nullTime turns a zero time into NULL.
func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC()
}

// timeOf reads a nullable time column.
func timeOf(n sql.NullTime) time.Time {
	if !n.Valid {
		return time.Time{}
	}
	return n.Time.UTC()
}

// notFound turns sql.ErrNoRows into a NotFound error naming what was missing.
func notFound(err error, what string) error {
	if err == sql.ErrNoRows {
		return errs.E(errs.NotFound, "error.not_found", what+" not found")
	}
	return err
}

// byID loads the one row of list whose id is id, among orgID's rows unless
// orgID is "" (staff see every organization's).
func byID[T any](list func(cond string, args ...any) ([]T, error), orgID, id, what string) (T, error) {
	cond, args := `id = ?`, []any{id}
	if orgID != "" {
		cond, args = `id = ? AND org_id = ?`, []any{id, orgID}
	}
	var zero T
	rows, err := list(cond, args...)
	if err != nil {
		return zero, err
	}
	if len(rows) == 0 {
		return zero, notFound(sql.ErrNoRows, what)
	}
	return rows[0], nil
}
