package store

import (
	"fmt"
	"time"
)

// InsertPasswordReset stores the hash of a reset link's secret.
func (tx *Tx) InsertPasswordReset(userID, tokenHash string, expires time.Time) error {
	if _, err := tx.exec(`INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)`,
		tokenHash, userID, tx.now, expires.UTC()); err != nil {
		return fmt.Errorf("insert password reset: %w", err)
	}
	return nil
}

// UsePasswordReset consumes a reset link: it returns the user it belongs to
// if it exists, is unused and has not expired, and marks it used.
func (tx *Tx) UsePasswordReset(tokenHash string) (string, error) {
	// The conditional update is the check: of two concurrent uses of one
	// link, only the first changes a row.
	var userID string
	err := tx.queryRow(`UPDATE password_resets SET used_at = ?
		WHERE token_hash = ? AND used_at IS NULL AND expires_at > ? RETURNING user_id`, tx.now, tokenHash, tx.now).Scan(&userID)
	if err != nil {
		return "", notFound(tx.db.wrap(err), "password reset")
	}
	// One new password retires every other link sent to the account.
	if _, err := tx.exec(`UPDATE password_resets SET used_at = ? WHERE user_id = ? AND used_at IS NULL`, tx.now, userID); err != nil {
		return "", fmt.Errorf("use password reset: %w", err)
	}
	return userID, nil
}

// RecentPasswordResets counts reset links issued to a user since a time, to
// stop a mailbox being flooded.
func (tx *Tx) RecentPasswordResets(userID string, since time.Time) (int, error) {
	var n int
	err := tx.queryRow(`SELECT COUNT(*) FROM password_resets WHERE user_id = ? AND created_at > ?`, userID, since.UTC()).Scan(&n)
	return n, err
}

// PasswordResetUsable reports whether a reset link exists, is unused and
// has not expired.
func (tx *Tx) PasswordResetUsable(tokenHash string) bool {
	var n int
	err := tx.queryRow(`SELECT COUNT(*) FROM password_resets WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?`,
		tokenHash, tx.now).Scan(&n)
	return err == nil && n == 1
}
