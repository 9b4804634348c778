package store

import (
	"database/sql"
	"fmt"
	"time"

	"trustlane/internal/auth"
)

// InactiveUser is an account unused for a while, with when its person was
// last reminded (zero if never).
type InactiveUser struct {
	auth.User
	RemindedAt time.Time
}

// InactiveUsers lists enabled accounts whose last sign-in (or creation,
// for one never used) is before lastUseBefore.
func (tx *Tx) InactiveUsers(lastUseBefore time.Time, limit int) ([]InactiveUser, error) {
	rows, err := tx.query(`SELECT `+userColumns+`, inactivity_reminded_at FROM users
		WHERE disabled_at IS NULL AND COALESCE(last_sign_in_at, created_at) < ?
		ORDER BY id LIMIT ?`, lastUseBefore.UTC(), limit)
	if err != nil {
		return nil, fmt.Errorf("inactive users: %w", err)
	}
	defer rows.Close()
	var out []InactiveUser
	for rows.Next() {
		var reminded sql.NullTime
		u, err := scanUser(func(dest ...any) error { return rows.Scan(append(dest, &reminded)...) })
		if err != nil {
			return nil, err
		}
		out = append(out, InactiveUser{User: u, RemindedAt: timeOf(reminded)})
	}
	return out, rows.Err()
}

// MarkInactivityReminded records that a user was told their account will
// expire.
func (tx *Tx) MarkInactivityReminded(userID string) error {
	_, err := tx.exec(`UPDATE users SET inactivity_reminded_at = ? WHERE id = ?`, tx.now, userID)
	return err
}
