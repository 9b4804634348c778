package store

import (
	"database/sql"
	"fmt"

	"trustlane/internal/auth"
	"trustlane/internal/program"
)

// Member returns a person's membership in an organization, NotFound if none:
// the office turns that into a 404, so an outsider learns nothing.
func (tx *Tx) Member(orgID, userID string) (program.Member, error) {
	ms, err := tx.members(`m.org_id = ? AND m.user_id = ?`, orgID, userID)
	if err != nil {
		return program.Member{}, err
	}
	if len(ms) == 0 {
		return program.Member{}, notFound(sql.ErrNoRows, "membership")
	}
	return ms[0], nil
}

// Members lists an organization's people, owner first.
func (tx *Tx) Members(orgID string) ([]program.Member, error) {
	return tx.members(`m.org_id = ?`, orgID)
}

func (tx *Tx) members(cond string, args ...any) ([]program.Member, error) {
	rows, err := tx.query(`SELECT m.org_id, m.user_id, u.email, u.name, m.role, m.created_at,
		u.last_sign_in_at, u.disabled_at
		FROM memberships m JOIN users u ON u.id = m.user_id WHERE `+cond+`
		ORDER BY CASE m.role WHEN 'account_owner' THEN 0 WHEN 'proxy_owner' THEN 1
		WHEN 'full_access' THEN 2 ELSE 3 END, u.name, u.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("members: %w", err)
	}
	defer rows.Close()
	var out []program.Member
	for rows.Next() {
		var m program.Member
		var last, disabled sql.NullTime
		if err := rows.Scan(&m.OrgID, &m.UserID, &m.Email, &m.Name, &m.Role, &m.CreatedAt, &last, &disabled); err != nil {
			return nil, fmt.Errorf("members: %w", err)
		}
		m.CreatedAt, m.LastSignInAt, m.Disabled = m.CreatedAt.UTC(), timeOf(last), disabled.Valid
		out = append(out, m)
	}
	return out, rows.Err()
}

// AddMember gives a person a role in an organization.
func (tx *Tx) AddMember(orgID, userID string, role auth.Role) error {
	if _, err := tx.exec(`INSERT INTO memberships (org_id, user_id, role, created_at) VALUES (?, ?, ?, ?)`,
		orgID, userID, role, tx.now); err != nil {
		return fmt.Errorf("add member: %w", err)
	}
	return nil
}

// SetMemberRole changes a member's role.
func (tx *Tx) SetMemberRole(orgID, userID string, role auth.Role) error {
	res, err := tx.exec(`UPDATE memberships SET role = ? WHERE org_id = ? AND user_id = ?`, role, orgID, userID)
	if err != nil {
		return fmt.Errorf("set member role: %w", err)
	}
	return affected(res, "membership")
}

// RemoveMember ends a membership.
func (tx *Tx) RemoveMember(orgID, userID string) error {
	res, err := tx.exec(`DELETE FROM memberships WHERE org_id = ? AND user_id = ?`, orgID, userID)
	if err != nil {
		return fmt.Errorf("remove member: %w", err)
	}
	return affected(res, "membership")
}

// LockOrg serializes changes to one organization's people on PostgreSQL
// (SQLite's single writer already does), so two transfers of ownership
// cannot interleave.
func (tx *Tx) LockOrg(orgID string) error {
	var id string
	err := tx.queryRow(`SELECT id FROM organizations WHERE id = ?`+tx.db.forUpdate(), orgID).Scan(&id)
	return notFound(err, "organization")
}

// OrgExists returns NotFound unless the organization exists.
func (tx *Tx) OrgExists(orgID string) error {
	var id string
	err := tx.queryRow(`SELECT id FROM organizations WHERE id = ?`, orgID).Scan(&id)
	return notFound(err, "organization")
}
