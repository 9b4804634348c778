package store

import (
	"database/sql"
	"fmt"

	"trustlane/internal/auth"
)

const tokenColumns = `id, user_id, org_id, name, scopes, created_at, expires_at, last_used_at, revoked_at, partner_code`

func scanToken(scan func(...any) error) (auth.APIToken, error) {
	var t auth.APIToken
	var org sql.NullString
	var scopes string
	var used, revoked sql.NullTime
	err := scan(&t.ID, &t.UserID, &org, &t.Name, &scopes, &t.CreatedAt, &t.ExpiresAt, &used, &revoked, &t.Partner)
	t.OrgID, t.Scopes = org.String, auth.SplitScopes(scopes)
	t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt = t.CreatedAt.UTC(), t.ExpiresAt.UTC(), timeOf(used), timeOf(revoked)
	return t, err
}

// InsertToken stores an API token by the hash of its secret.
func (tx *Tx) InsertToken(t *auth.APIToken, secretHash string) error {
	if t.ID == "" {
		t.ID = NewID()
	}
	t.CreatedAt = tx.now
	var org any
	if t.OrgID != "" {
		org = t.OrgID
	}
	if _, err := tx.exec(`INSERT INTO api_tokens (`+tokenColumns+`, token_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		t.ID, t.UserID, org, t.Name, auth.JoinScopes(t.Scopes), t.CreatedAt, t.ExpiresAt.UTC(), nil, nil, t.Partner, secretHash); err != nil {
		return fmt.Errorf("insert token: %w", err)
	}
	return nil
}

// TokenBySecret finds a token by the hash of its secret.
func (tx *Tx) TokenBySecret(secretHash string) (auth.APIToken, error) {
	t, err := scanToken(tx.queryRow(`SELECT `+tokenColumns+` FROM api_tokens WHERE token_hash = ?`, secretHash).Scan)
	return t, notFound(err, "token")
}

// Tokens lists the tokens of an organization (orgID set) or the program's
// own tokens (orgID empty), newest first.
func (tx *Tx) Tokens(orgID string) ([]auth.APIToken, error) {
	cond, args := `org_id IS NULL`, []any{}
	if orgID != "" {
		cond, args = `org_id = ?`, []any{orgID}
	}
	rows, err := tx.query(`SELECT `+tokenColumns+` FROM api_tokens WHERE `+cond+` ORDER BY created_at DESC, id DESC`, args...)
	if err != nil {
		return nil, fmt.Errorf("tokens: %w", err)
	}
	defer rows.Close()
	var out []auth.APIToken
	for rows.Next() {
		t, err := scanToken(rows.Scan)
		if err != nil {
			return nil, fmt.Errorf("tokens: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// Token loads one token of an organization ("" for program tokens).
func (tx *Tx) Token(orgID, id string) (auth.APIToken, error) {
	cond, args := `org_id IS NULL AND id = ?`, []any{id}
	if orgID != "" {
		cond, args = `org_id = ? AND id = ?`, []any{orgID, id}
	}
	t, err := scanToken(tx.queryRow(`SELECT `+tokenColumns+` FROM api_tokens WHERE `+cond, args...).Scan)
	return t, notFound(err, "token")
}

// RevokeToken ends a token.
func (tx *Tx) RevokeToken(id string) error {
	res, err := tx.exec(`UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL`, tx.now, id)
	if err != nil {
		return fmt.Errorf("revoke token: %w", err)
	}
	return affected(res, "token")
}

// TouchToken records a token's use, at most once a minute per token.
func (tx *Tx) TouchToken(id string) error {
	_, err := tx.exec(`UPDATE api_tokens SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)`,
		tx.now, id, tx.now.Add(-auth.TouchEvery))
	return err
}
