package store

import (
	"database/sql"
	"fmt"
	"strings"

	"trustlane/internal/fast"
)

const fastCardColumns = `number, holder, kind, south_only, valid_until, revoked_at, revoked_reason, updated_at`

func scanFastCard(scan func(...any) error) (fast.Card, error) {
	var c fast.Card
	var revoked sql.NullTime
	err := scan(&c.Number, &c.Holder, &c.Kind, &c.SouthOnly, &c.ValidUntil, &revoked, &c.RevokedReason, &c.UpdatedAt)
	c.ValidUntil, c.RevokedAt, c.UpdatedAt = c.ValidUntil.UTC(), timeOf(revoked), c.UpdatedAt.UTC()
	return c, err
}

// fastCardRow is a card as the values of one fast_cards row.
func fastCardRow(c fast.Card) []any {
	return []any{c.Number, c.Holder, c.Kind, c.SouthOnly, c.ValidUntil.UTC(), nullTime(c.RevokedAt), c.RevokedReason, c.UpdatedAt.UTC()}
}

const fastCardUpsert = ` ON CONFLICT (number) DO UPDATE SET holder = excluded.holder, kind = excluded.kind,
	south_only = excluded.south_only, valid_until = excluded.valid_until, revoked_at = excluded.revoked_at,
	revoked_reason = excluded.revoked_reason, updated_at = excluded.updated_at`

// SaveFastCard inserts a card or replaces the one with its number.
func (tx *Tx) SaveFastCard(c *fast.Card) error {
	c.UpdatedAt = tx.now
	if err := tx.insertRows("fast_cards", columnList(fastCardColumns), fastCardUpsert, [][]any{fastCardRow(*c)}); err != nil {
		return fmt.Errorf("save FAST card: %w", err)
	}
	return nil
}

// FastCard loads one card by its number.
func (tx *Tx) FastCard(number string) (fast.Card, error) {
	c, err := scanFastCard(tx.queryRow(`SELECT `+fastCardColumns+` FROM fast_cards WHERE number = ?`, number).Scan)
	return c, notFound(err, "FAST card")
}

// FastCardQuery filters and pages the list of cards.
type FastCardQuery struct {
	Text   string // a number prefix or part of the holder's name
	Offset int
	Limit  int
}

// FastCardPage is one page of cards and the total that match.
type FastCardPage struct {
	Cards []fast.Card
	Total int
}

// FastCards lists cards matching q by number.
func (tx *Tx) FastCards(q FastCardQuery) (FastCardPage, error) {
	cond, args := "1 = 1", []any{}
	if t := strings.TrimSpace(q.Text); t != "" {
		digits := strings.NewReplacer(" ", "", "-", "").Replace(t)
		cond = `(number LIKE ? ESCAPE '\' OR LOWER(holder) LIKE ? ESCAPE '\')`
		args = append(args, likePattern(digits)[1:], likePattern(strings.ToLower(t)))
	}
	var page FastCardPage
	if err := tx.queryRow(`SELECT COUNT(*) FROM fast_cards WHERE `+cond, args...).Scan(&page.Total); err != nil {
		return page, fmt.Errorf("FAST cards: %w", err)
	}
	if q.Limit <= 0 || q.Limit > 200 {
		q.Limit = 50
	}
	rows, err := tx.query(`SELECT `+fastCardColumns+` FROM fast_cards WHERE `+cond+` ORDER BY number LIMIT ? OFFSET ?`,
		append(args, q.Limit, max(q.Offset, 0))...)
	if err != nil {
		return page, fmt.Errorf("FAST cards: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		c, err := scanFastCard(rows.Scan)
		if err != nil {
			return page, fmt.Errorf("FAST cards: %w", err)
		}
		page.Cards = append(page.Cards, c)
	}
	return page, rows.Err()
}

// AllFastCards streams every card in number order, for the border index
// that loads them at start. fn's error stops the scan and is returned.
func (tx *Tx) AllFastCards(fn func(fast.Card) error) error {
	rows, err := tx.query(`SELECT ` + fastCardColumns + ` FROM fast_cards ORDER BY number`)
	if err != nil {
		return fmt.Errorf("all FAST cards: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		c, err := scanFastCard(rows.Scan)
		if err != nil {
			return fmt.Errorf("all FAST cards: %w", err)
		}
		if err := fn(c); err != nil {
			return err
		}
	}
	return rows.Err()
}

const fastApprovalColumns = `org_id, direction, granted_at, granted_by, revoked_at`

func scanFastApproval(scan func(...any) error) (fast.Approval, error) {
	var a fast.Approval
	var revoked sql.NullTime
	err := scan(&a.OrgID, &a.Direction, &a.GrantedAt, &a.GrantedBy, &revoked)
	a.GrantedAt, a.RevokedAt = a.GrantedAt.UTC(), timeOf(revoked)
	return a, err
}

// SaveFastApproval inserts or replaces an organization's approval for its
// direction.
func (tx *Tx) SaveFastApproval(a fast.Approval) error {
	_, err := tx.exec(`INSERT INTO fast_approvals (`+fastApprovalColumns+`) VALUES (?, ?, ?, ?, ?)
		ON CONFLICT (org_id, direction) DO UPDATE SET granted_at = excluded.granted_at, granted_by = excluded.granted_by,
		revoked_at = excluded.revoked_at`, a.OrgID, a.Direction, a.GrantedAt.UTC(), a.GrantedBy, nullTime(a.RevokedAt))
	if err != nil {
		return fmt.Errorf("save FAST approval: %w", err)
	}
	return nil
}

// FastApprovals lists an organization's approvals, revoked ones included.
func (tx *Tx) FastApprovals(orgID string) ([]fast.Approval, error) {
	rows, err := tx.query(`SELECT `+fastApprovalColumns+` FROM fast_approvals WHERE org_id = ? ORDER BY direction`, orgID)
	if err != nil {
		return nil, fmt.Errorf("FAST approvals: %w", err)
	}
	defer rows.Close()
	var out []fast.Approval
	for rows.Next() {
		a, err := scanFastApproval(rows.Scan)
		if err != nil {
			return nil, fmt.Errorf("FAST approvals: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// FastApproval returns an organization's approval for a direction, the zero
// approval (not Active) when it never had one.
func (tx *Tx) FastApproval(orgID string, d fast.Direction) (fast.Approval, error) {
	all, err := tx.FastApprovals(orgID)
	for _, a := range all {
		if a.Direction == d {
			return a, err
		}
	}
	return fast.Approval{OrgID: orgID, Direction: d}, err
}

// HasActiveMembership reports whether an organization holds an active
// program membership in one of sectors.
func (tx *Tx) HasActiveMembership(orgID string, sectors []string) (bool, error) {
	args := []any{orgID}
	for _, s := range sectors {
		args = append(args, s)
	}
	var n int
	err := tx.queryRow(`SELECT COUNT(*) FROM program_memberships WHERE org_id = ? AND state = 'active'
		AND sector IN (`+placeholders(len(sectors))+`)`, args...).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("active membership: %w", err)
	}
	return n > 0, nil
}
