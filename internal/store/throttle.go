package store

import (
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Hit counts one event against key in a fixed window and returns the count
// in the current window. Kept in the database so every instance shares it.
func (tx *Tx) Hit(key string, window time.Duration) (int, error) {
	var n int
	err := tx.queryRow(`INSERT INTO throttle (key, window_start, count) VALUES (?, ?, 1)
		ON CONFLICT (key) DO UPDATE SET
			count = CASE WHEN throttle.window_start <= ? THEN 1 ELSE throttle.count + 1 END,
			window_start = CASE WHEN throttle.window_start <= ? THEN ? ELSE throttle.window_start END
		RETURNING count`, key, tx.now, tx.now.Add(-window), tx.now.Add(-window), tx.now).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("throttle %s: %w", key, tx.db.wrap(err))
	}
	return n, nil
}

// Hits returns the count for key in the current window without adding one.
func (tx *Tx) Hits(key string, window time.Duration) (int, error) {
	var n int
	err := tx.queryRow(`SELECT count FROM throttle WHERE key = ? AND window_start > ?`, key, tx.now.Add(-window)).Scan(&n)
	if err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return 0, nil
		}
		return 0, fmt.Errorf("throttle %s: %w", key, err)
	}
	return n, nil
}

// DeleteStaleThrottles forgets windows that ended before since.
func (tx *Tx) DeleteStaleThrottles(since time.Time) error {
	_, err := tx.exec(`DELETE FROM throttle WHERE window_start < ?`, since.UTC())
	return err
}

// ResetHits forgets the count for key, as after a successful sign-in.
func (tx *Tx) ResetHits(key string) error {
	_, err := tx.exec(`DELETE FROM throttle WHERE key = ?`, key)
	return err
}
