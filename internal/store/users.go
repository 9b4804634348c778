package store

import (
	"database/sql"
	"fmt"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
)

const userColumns = `id, email, name, title, password_hash, staff_role, lang, totp_secret, totp_enabled,
	totp_last_step, failed_logins, locked_until, last_sign_in_at, disabled_at, created_at`

func scanUser(scan func(...any) error) (auth.User, error) {
	var u auth.User
	var locked, last, disabled sql.NullTime
	err := scan(&u.ID, &u.Email, &u.Name, &u.Title, &u.PasswordHash, &u.Staff, &u.Lang, &u.TOTPSecret,
		&u.TOTPEnabled, &u.TOTPLastStep, &u.FailedLogins, &locked, &last, &disabled, &u.CreatedAt)
	u.LockedUntil, u.LastSignIn, u.Disabled = timeOf(locked), timeOf(last), timeOf(disabled)
	u.CreatedAt = u.CreatedAt.UTC()
	return u, err
}

// InsertUser stores a new person. An e-mail already in use is a conflict.
func (tx *Tx) InsertUser(u *auth.User) error {
	if u.ID == "" {
		u.ID = NewID()
	}
	u.CreatedAt = tx.now
	_, err := tx.exec(`INSERT INTO users (`+userColumns+`, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		u.ID, u.Email, u.Name, u.Title, u.PasswordHash, u.Staff, u.Lang, u.TOTPSecret, u.TOTPEnabled,
		u.TOTPLastStep, u.FailedLogins, nullTime(u.LockedUntil), nullTime(u.LastSignIn), nullTime(u.Disabled),
		u.CreatedAt, tx.now)
	if IsDuplicate(err) {
		return errs.Wrap(errs.Conflict, err, "error.email_taken", "an account with that e-mail address already exists")
	}
	if err != nil {
		return fmt.Errorf("insert user: %w", err)
	}
	return nil
}

// UpdateUser saves every mutable field of u.
func (tx *Tx) UpdateUser(u *auth.User) error {
	res, err := tx.exec(`UPDATE users SET email = ?, name = ?, title = ?, password_hash = ?, staff_role = ?,
		lang = ?, totp_secret = ?, totp_enabled = ?, totp_last_step = ?, failed_logins = ?, locked_until = ?,
		last_sign_in_at = ?, disabled_at = ?, updated_at = ? WHERE id = ?`,
		u.Email, u.Name, u.Title, u.PasswordHash, u.Staff, u.Lang, u.TOTPSecret, u.TOTPEnabled, u.TOTPLastStep,
		u.FailedLogins, nullTime(u.LockedUntil), nullTime(u.LastSignIn), nullTime(u.Disabled), tx.now, u.ID)
	if IsDuplicate(err) {
		return errs.Wrap(errs.Conflict, err, "error.email_taken", "an account with that e-mail address already exists")
	}
	if err != nil {
		return fmt.Errorf("update user: %w", err)
	}
	return affected(res, "user")
}

// User loads a person by ID.
func (tx *Tx) User(id string) (auth.User, error) {
	u, err := scanUser(tx.queryRow(`SELECT `+userColumns+` FROM users WHERE id = ?`, id).Scan)
	if err != nil {
		return u, fmt.Errorf("user %s: %w", id, notFound(err, "user"))
	}
	return u, nil
}

// UserByEmail loads a person by (lower-case) e-mail address.
func (tx *Tx) UserByEmail(email string) (auth.User, error) {
	u, err := scanUser(tx.queryRow(`SELECT `+userColumns+` FROM users WHERE email = ?`, email).Scan)
	if err != nil {
		return u, fmt.Errorf("user by e-mail: %w", notFound(err, "user"))
	}
	return u, nil
}

// StaffUsers lists program staff by name.
func (tx *Tx) StaffUsers() ([]auth.User, error) {
	rows, err := tx.query(`SELECT ` + userColumns + ` FROM users WHERE staff_role <> '' ORDER BY name, id`)
	if err != nil {
		return nil, fmt.Errorf("staff users: %w", err)
	}
	defer rows.Close()
	var out []auth.User
	for rows.Next() {
		u, err := scanUser(rows.Scan)
		if err != nil {
			return nil, fmt.Errorf("staff users: %w", err)
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// CountStaff returns how many staff accounts exist (0 on a fresh install).
func (tx *Tx) CountStaff() (int, error) {
	var n int
	err := tx.queryRow(`SELECT COUNT(*) FROM users WHERE staff_role <> ''`).Scan(&n)
	return n, err
}

// ReplaceRecoveryCodes stores the hashes of a fresh set of recovery codes,
// discarding the old ones.
func (tx *Tx) ReplaceRecoveryCodes(userID string, hashes []string) error {
	if _, err := tx.exec(`DELETE FROM recovery_codes WHERE user_id = ?`, userID); err != nil {
		return fmt.Errorf("replace recovery codes: %w", err)
	}
	for _, h := range hashes {
		if _, err := tx.exec(`INSERT INTO recovery_codes (user_id, code_hash) VALUES (?, ?)`, userID, h); err != nil {
			return fmt.Errorf("replace recovery codes: %w", err)
		}
	}
	return nil
}

// UseRecoveryCode marks a code used; NotFound if it is unknown or spent.
func (tx *Tx) UseRecoveryCode(userID, hash string) error {
	res, err := tx.exec(`UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL`,
		tx.now, userID, hash)
	if err != nil {
		return fmt.Errorf("use recovery code: %w", err)
	}
	return affected(res, "recovery code")
}

// RecoveryCodesLeft counts unused recovery codes.
func (tx *Tx) RecoveryCodesLeft(userID string) (int, error) {
	var n int
	err := tx.queryRow(`SELECT COUNT(*) FROM recovery_codes WHERE user_id = ? AND used_at IS NULL`, userID).Scan(&n)
	return n, err
}
