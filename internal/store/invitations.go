package store

import (
	"database/sql"
	"fmt"

	"trustlane/internal/program"
)

const invitationColumns = `id, org_id, email, role, invited_by, created_at, expires_at, accepted_at, accepted_by, revoked_at`

func scanInvitation(scan func(...any) error) (program.Invitation, error) {
	var i program.Invitation
	var acc, rev sql.NullTime
	err := scan(&i.ID, &i.OrgID, &i.Email, &i.Role, &i.InvitedBy, &i.CreatedAt, &i.ExpiresAt, &acc, &i.AcceptedBy, &rev)
	i.CreatedAt, i.ExpiresAt, i.AcceptedAt, i.RevokedAt = i.CreatedAt.UTC(), i.ExpiresAt.UTC(), timeOf(acc), timeOf(rev)
	return i, err
}

// InsertInvitation stores an invitation with the hash of its link secret.
func (tx *Tx) InsertInvitation(i *program.Invitation, tokenHash string) error {
	if i.ID == "" {
		i.ID = NewID()
	}
	i.CreatedAt, i.ExpiresAt = tx.now, i.ExpiresAt.UTC()
	if _, err := tx.exec(`INSERT INTO invitations (`+invitationColumns+`, token_hash)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		i.ID, i.OrgID, i.Email, i.Role, i.InvitedBy, i.CreatedAt, i.ExpiresAt, nullTime(i.AcceptedAt),
		i.AcceptedBy, nullTime(i.RevokedAt), tokenHash); err != nil {
		return fmt.Errorf("insert invitation: %w", err)
	}
	return nil
}

// InvitationByToken finds the invitation whose link secret hashes to hash.
func (tx *Tx) InvitationByToken(hash string) (program.Invitation, error) {
	i, err := scanInvitation(tx.queryRow(`SELECT `+invitationColumns+` FROM invitations WHERE token_hash = ?`, hash).Scan)
	return i, notFound(err, "invitation")
}

// Invitation loads one invitation of an organization.
func (tx *Tx) Invitation(orgID, id string) (program.Invitation, error) {
	i, err := scanInvitation(tx.queryRow(`SELECT `+invitationColumns+` FROM invitations WHERE org_id = ? AND id = ?`, orgID, id).Scan)
	return i, notFound(err, "invitation")
}

// Invitations lists an organization's invitations, newest first.
func (tx *Tx) Invitations(orgID string) ([]program.Invitation, error) {
	rows, err := tx.query(`SELECT `+invitationColumns+` FROM invitations WHERE org_id = ? ORDER BY created_at DESC, id DESC LIMIT 200`, orgID)
	if err != nil {
		return nil, fmt.Errorf("invitations: %w", err)
	}
	defer rows.Close()
	var out []program.Invitation
	for rows.Next() {
		i, err := scanInvitation(rows.Scan)
		if err != nil {
			return nil, fmt.Errorf("invitations: %w", err)
		}
		out = append(out, i)
	}
	return out, rows.Err()
}

// AcceptInvitation records who accepted an invitation.
func (tx *Tx) AcceptInvitation(id, userID string) error {
	res, err := tx.exec(`UPDATE invitations SET accepted_at = ?, accepted_by = ?
		WHERE id = ? AND accepted_at IS NULL AND revoked_at IS NULL AND expires_at > ?`, tx.now, userID, id, tx.now)
	if err != nil {
		return fmt.Errorf("accept invitation: %w", err)
	}
	return affected(res, "invitation")
}

// RevokeInvitation withdraws a pending invitation.
func (tx *Tx) RevokeInvitation(orgID, id string) error {
	res, err := tx.exec(`UPDATE invitations SET revoked_at = ? WHERE org_id = ? AND id = ? AND accepted_at IS NULL AND revoked_at IS NULL`,
		tx.now, orgID, id)
	if err != nil {
		return fmt.Errorf("revoke invitation: %w", err)
	}
	return affected(res, "invitation")
}
