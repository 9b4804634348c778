package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// The outbox holds work that must happen after a commit and survive a crash:
// mail to send, deadlines to act on. Rows are written in the same transaction
// as the change that causes them, then claimed and done by a dispatcher.

// OutboxItem is one claimed row.
type OutboxItem struct {
	ID       int64
	Kind     string
	Payload  json.RawMessage
	Attempts int
}

// Enqueue adds work of kind, to be done at or after at (zero means now).
func (tx *Tx) Enqueue(kind string, payload any, at time.Time) error {
	b, err := json.Marshal(payload)
	if err != nil {
		return fmt.Errorf("enqueue %s: %w", kind, err)
	}
	if at.IsZero() {
		at = tx.now
	}
	if _, err := tx.exec(`INSERT INTO outbox (kind, payload, created_at, available_at) VALUES (?, ?, ?, ?)`,
		kind, string(b), tx.now, at.UTC()); err != nil {
		return fmt.Errorf("enqueue %s: %w", kind, err)
	}
	return nil
}

// ClaimOutbox leases up to limit due rows for lease. A crashed worker's
// lease runs out and another instance picks the row up; on PostgreSQL, SKIP
// LOCKED lets instances claim different rows at the same moment.
//
// Only rows of the given kinds are claimed (every kind when none is given):
// an instance without a mail relay leaves mail in the outbox for the
// administrators' page.
func (db *DB) ClaimOutbox(ctx context.Context, limit int, lease time.Duration, kinds ...string) ([]OutboxItem, error) {
	var items []OutboxItem
	err := db.Update(ctx, func(tx *Tx) error {
		cond, args := "", []any{tx.now, tx.now}
		if len(kinds) > 0 {
			cond = ` AND kind IN (` + placeholders(len(kinds)) + `)`
			for _, k := range kinds {
				args = append(args, k)
			}
		}
		rows, err := tx.query(`SELECT id FROM outbox
			WHERE done_at IS NULL AND failed_at IS NULL AND available_at <= ?
			AND (locked_until IS NULL OR locked_until <= ?)`+cond+`
			ORDER BY available_at, id LIMIT ?`+db.skipLocked(), append(args, limit)...)
		if err != nil {
			return err
		}
		var ids []any
		for rows.Next() {
			var id int64
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			ids = append(ids, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if len(ids) == 0 {
			return nil
		}
		rows, err = tx.query(`UPDATE outbox SET locked_until = ?, attempts = attempts + 1
			WHERE id IN (`+placeholders(len(ids))+`) RETURNING id, kind, payload, attempts`,
			append([]any{tx.now.Add(lease)}, ids...)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var it OutboxItem
			var p string
			if err := rows.Scan(&it.ID, &it.Kind, &p, &it.Attempts); err != nil {
				return err
			}
			it.Payload = json.RawMessage(p)
			items = append(items, it)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("claim outbox: %w", err)
	}
	return items, nil
}

// CompleteOutbox marks a row done.
func (db *DB) CompleteOutbox(ctx context.Context, id int64) error {
	return db.Update(ctx, func(tx *Tx) error {
		_, err := tx.exec(`UPDATE outbox SET done_at = ?, locked_until = NULL, last_error = '' WHERE id = ?`, tx.now, id)
		return err
	})
}

// RetryOutbox records a failure and makes the row due again at retryAt, or
// gives up on it for good when retryAt is zero.
func (db *DB) RetryOutbox(ctx context.Context, id int64, cause error, retryAt time.Time) error {
	// PostgreSQL refuses text that is not valid UTF-8: mend what a relay
	// sent, and cut at 1000 bytes without splitting a character.
	msg := strings.ToValidUTF8(cause.Error(), "\uFFFD")
	if len(msg) > 1000 {
		msg = strings.ToValidUTF8(msg[:1000], "")
	}
	return db.Update(ctx, func(tx *Tx) error {
		var failed any
		avail := retryAt.UTC()
		if retryAt.IsZero() {
			failed, avail = tx.now, tx.now
		}
		_, err := tx.exec(`UPDATE outbox SET locked_until = NULL, last_error = ?, available_at = ?, failed_at = ? WHERE id = ?`,
			msg, avail, failed, id)
		return err
	})
}

// OutboxStats counts pending and failed rows, for metrics.
func (db *DB) OutboxStats(ctx context.Context) (pending, failed int, err error) {
	err = db.View(ctx, func(tx *Tx) error {
		var f sql.NullInt64
		if err := tx.queryRow(`SELECT COUNT(*), SUM(CASE WHEN failed_at IS NOT NULL THEN 1 ELSE 0 END)
			FROM outbox WHERE done_at IS NULL`).Scan(&pending, &f); err != nil {
			return err
		}
		failed = int(f.Int64)
		pending -= failed
		return nil
	})
	return pending, failed, err
}

// DeleteDoneOutbox forgets rows done before a time; failed rows stay for an
// operator to look at.
func (tx *Tx) DeleteDoneOutbox(before time.Time) (int64, error) {
	res, err := tx.exec(`DELETE FROM outbox WHERE done_at IS NOT NULL AND done_at < ?`, before.UTC())
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// OutboxRow is an outbox row as the administrators' page shows it.
type OutboxRow struct {
	ID          int64
	Kind        string
	Payload     json.RawMessage
	CreatedAt   time.Time
	AvailableAt time.Time
	Attempts    int
	LastError   string
	Failed      bool
}

// PendingOutbox lists rows of a kind not done yet (waiting or failed),
// newest first.
func (tx *Tx) PendingOutbox(kind string, limit, offset int) ([]OutboxRow, int, error) {
	var total int
	if err := tx.queryRow(`SELECT COUNT(*) FROM outbox WHERE kind = ? AND done_at IS NULL`, kind).Scan(&total); err != nil {
		return nil, 0, err
	}
	rows, err := tx.query(`SELECT id, kind, payload, created_at, available_at, attempts, last_error, failed_at FROM outbox
		WHERE kind = ? AND done_at IS NULL ORDER BY id DESC LIMIT ? OFFSET ?`, kind, limit, offset)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []OutboxRow
	for rows.Next() {
		var r OutboxRow
		var p string
		var failed sql.NullTime
		if err := rows.Scan(&r.ID, &r.Kind, &p, &r.CreatedAt, &r.AvailableAt, &r.Attempts, &r.LastError, &failed); err != nil {
			return nil, 0, err
		}
		r.Payload, r.Failed = json.RawMessage(p), failed.Valid
		r.CreatedAt, r.AvailableAt = r.CreatedAt.UTC(), r.AvailableAt.UTC()
		out = append(out, r)
	}
	return out, total, rows.Err()
}
