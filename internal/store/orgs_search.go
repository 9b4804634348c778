package store

import (
	"fmt"
	"strings"

	"trustlane/internal/program"
)

// OrgQuery filters and pages the staff's list of organizations.
type OrgQuery struct {
	Text   string         // matches names, city and identifiers
	Sector program.Sector // optional
	Sort   string         // "name" (default) or "newest"
	Offset int
	Limit  int
}

// OrgPage is one page of organizations and the total that match.
type OrgPage struct {
	Orgs  []program.Organization
	Total int
}

// SearchOrgs lists organizations matching q.
func (tx *Tx) SearchOrgs(q OrgQuery) (OrgPage, error) {
	where := []string{"1 = 1"}
	var args []any
	if t := strings.ToLower(strings.TrimSpace(q.Text)); t != "" {
		where = append(where, `search_text LIKE ? ESCAPE '\'`)
		args = append(args, likePattern(t))
	}
	if q.Sector != "" {
		where = append(where, `id IN (SELECT org_id FROM org_sectors WHERE sector = ?)`)
		args = append(args, q.Sector)
	}
	cond := strings.Join(where, " AND ")
	var page OrgPage
	if err := tx.queryRow(`SELECT COUNT(*) FROM organizations WHERE `+cond, args...).Scan(&page.Total); err != nil {
		return page, fmt.Errorf("search organizations: %w", err)
	}
	order := "legal_name, id"
	if q.Sort == "newest" {
		order = "created_at DESC, id DESC"
	}
	if q.Limit <= 0 || q.Limit > 200 {
		q.Limit = 50
	}
	rows, err := tx.query(`SELECT `+orgColumns+` FROM organizations WHERE `+cond+
		` ORDER BY `+order+` LIMIT ? OFFSET ?`, append(args, q.Limit, max(q.Offset, 0))...)
	if err != nil {
		return page, fmt.Errorf("search organizations: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		o, err := scanOrg(rows.Scan)
		if err != nil {
			return page, fmt.Errorf("search organizations: %w", err)
		}
		page.Orgs = append(page.Orgs, o)
	}
	if err := rows.Err(); err != nil {
		return page, err
	}
	return page, tx.loadOrgParts(page.Orgs)
}

// OrgsOfUser lists the organizations a person belongs to, with their role.
func (tx *Tx) OrgsOfUser(userID string) ([]program.Member, []program.Organization, error) {
	rows, err := tx.query(`SELECT m.role, m.created_at, `+prefixed("o.", orgColumns)+`
		FROM memberships m JOIN organizations o ON o.id = m.org_id
		WHERE m.user_id = ? ORDER BY o.legal_name`, userID)
	if err != nil {
		return nil, nil, fmt.Errorf("organizations of user: %w", err)
	}
	defer rows.Close()
	var ms []program.Member
	var os []program.Organization
	for rows.Next() {
		var m program.Member
		o, err := scanOrg(func(dest ...any) error {
			return rows.Scan(append([]any{&m.Role, &m.CreatedAt}, dest...)...)
		})
		if err != nil {
			return nil, nil, fmt.Errorf("organizations of user: %w", err)
		}
		m.OrgID, m.UserID = o.ID, userID
		ms = append(ms, m)
		os = append(os, o)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	return ms, os, tx.loadOrgParts(os)
}

// prefixed qualifies each column of a column list with a table alias.
func prefixed(alias, columns string) string {
	cols := strings.Split(columns, ",")
	for i, c := range cols {
		cols[i] = alias + strings.TrimSpace(c)
	}
	return strings.Join(cols, ", ")
}
