package store

import (
	"fmt"

	"trustlane/internal/auth"
)

const sessionColumns = `id_hash, user_id, mfa_pending, created_at, last_seen_at, expires_at, address, user_agent`

// InsertSession stores a new session.
func (tx *Tx) InsertSession(s *auth.Session) error {
	s.CreatedAt, s.LastSeenAt, s.ExpiresAt = tx.now, tx.now, s.ExpiresAt.UTC()
	if _, err := tx.exec(`INSERT INTO sessions (`+sessionColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		s.IDHash, s.UserID, s.MFAPending, s.CreatedAt, s.LastSeenAt, s.ExpiresAt, s.Address, s.UserAgent); err != nil {
		return fmt.Errorf("insert session: %w", err)
	}
	return nil
}

// Session loads a session by the hash of its cookie secret.
func (tx *Tx) Session(idHash string) (auth.Session, error) {
	var s auth.Session
	err := tx.queryRow(`SELECT `+sessionColumns+` FROM sessions WHERE id_hash = ?`, idHash).Scan(
		&s.IDHash, &s.UserID, &s.MFAPending, &s.CreatedAt, &s.LastSeenAt, &s.ExpiresAt, &s.Address, &s.UserAgent)
	s.CreatedAt, s.LastSeenAt, s.ExpiresAt = s.CreatedAt.UTC(), s.LastSeenAt.UTC(), s.ExpiresAt.UTC()
	return s, notFound(err, "session")
}

// TouchSession records activity on a session.
func (tx *Tx) TouchSession(idHash string) error {
	_, err := tx.exec(`UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?`, tx.now, idHash)
	return err
}

// CompleteSessionMFA marks the second factor done.
func (tx *Tx) CompleteSessionMFA(idHash string) error {
	res, err := tx.exec(`UPDATE sessions SET mfa_pending = ?, last_seen_at = ? WHERE id_hash = ?`, false, tx.now, idHash)
	if err != nil {
		return fmt.Errorf("complete session: %w", err)
	}
	return affected(res, "session")
}

// DeleteSession ends one session.
func (tx *Tx) DeleteSession(idHash string) error {
	_, err := tx.exec(`DELETE FROM sessions WHERE id_hash = ?`, idHash)
	return err
}

// DeleteUserSessions ends every session of a user except keep (a hash, or
// ""), as after a password change.
func (tx *Tx) DeleteUserSessions(userID, keep string) error {
	_, err := tx.exec(`DELETE FROM sessions WHERE user_id = ? AND id_hash <> ?`, userID, keep)
	return err
}

// DeleteExpiredSessions removes sessions past their end and returns how many.
func (tx *Tx) DeleteExpiredSessions() (int64, error) {
	res, err := tx.exec(`DELETE FROM sessions WHERE expires_at <= ? OR (mfa_pending = ? AND created_at <= ?) OR last_seen_at <= ?`,
		tx.now, true, tx.now.Add(-auth.PendingTimeout), tx.now.Add(-auth.IdleTimeout))
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
