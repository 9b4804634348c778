package store

import (
	"database/sql"
	"encoding/json"
	"fmt"

	"trustlane/internal/partner"
)

const partnerLinkColumns = `id, org_id, partner_code, declared_ref, state, member_ref, declared_by, declared_at, decided_by, decided_at, note`

// InsertPartnerLink stores a declared link. A second live link of one
// company to one partner program is a Conflict (the unique index says so).
func (tx *Tx) InsertPartnerLink(l *partner.Link) error {
	if l.ID == "" {
		l.ID = NewID()
	}
	_, err := tx.exec(`INSERT INTO partner_links (`+partnerLinkColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		l.ID, l.OrgID, l.PartnerCode, l.DeclaredRef, l.State, l.MemberRef, l.DeclaredBy, l.DeclaredAt.UTC(), l.DecidedBy,
		nullTime(l.DecidedAt), l.Note)
	if err != nil {
		return fmt.Errorf("insert partner link: %w", err)
	}
	return nil
}

// SavePartnerLink records a link's transition (state, member, decision).
func (tx *Tx) SavePartnerLink(l *partner.Link) error {
	res, err := tx.exec(`UPDATE partner_links SET state = ?, member_ref = ?, decided_by = ?, decided_at = ?, note = ? WHERE id = ?`,
		l.State, l.MemberRef, l.DecidedBy, nullTime(l.DecidedAt), l.Note, l.ID)
	if err != nil {
		return fmt.Errorf("save partner link: %w", err)
	}
	return affected(res, "partner link")
}

// PartnerLink loads one link of an organization ("" for any) with its
// candidates, locking it in a read-write transaction on PostgreSQL.
func (tx *Tx) PartnerLink(orgID, id string) (partner.Link, error) {
	lock := ""
	if tx.write {
		lock = tx.db.forUpdate()
	}
	l, err := byID(func(cond string, args ...any) ([]partner.Link, error) {
		return tx.partnerLinks(cond+lock, args...)
	}, orgID, id, "partner link")
	if err != nil {
		return l, err
	}
	ls := []partner.Link{l}
	if err := tx.loadCandidates(ls); err != nil {
		return l, err
	}
	return ls[0], nil
}

// PartnerLinks lists an organization's links, newest first, with their
// candidates.
func (tx *Tx) PartnerLinks(orgID string) ([]partner.Link, error) {
	ls, err := tx.partnerLinks(`org_id = ? ORDER BY declared_at DESC, id DESC`, orgID)
	if err != nil {
		return nil, err
	}
	return ls, tx.loadCandidates(ls)
}

// DeclaredPartnerLinks lists the links of one partner program waiting for
// an officer, oldest first, for recomputing their candidates.
func (tx *Tx) DeclaredPartnerLinks(code string) ([]partner.Link, error) {
	return tx.partnerLinks(`partner_code = ? AND state = ? ORDER BY declared_at, id`, code, partner.LinkDeclared)
}

// PartnerLinksConfirmedTo lists the confirmed links of partner program code
// to its member record ref (exact, as the partner writes it).
func (tx *Tx) PartnerLinksConfirmedTo(code, ref string) ([]partner.Link, error) {
	return tx.partnerLinks(`partner_code = ? AND member_ref = ? AND state = ? ORDER BY id`, code, ref, partner.LinkConfirmed)
}

// MatchQueueItem is a declared link in the officers' queue with the
// company's name and its best candidate's score (0 when none).
type MatchQueueItem struct {
	Link      partner.Link
	OrgName   string
	BestScore int
}

// PartnerMatchQueue lists declared links, oldest first, a page at a time,
// and how many there are in all.
func (tx *Tx) PartnerMatchQueue(limit, offset int) ([]MatchQueueItem, int, error) {
	var total int
	if err := tx.queryRow(`SELECT COUNT(*) FROM partner_links WHERE state = ?`, partner.LinkDeclared).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("match queue: %w", err)
	}
	rows, err := tx.query(`SELECT l.id, o.legal_name, COALESCE((SELECT MAX(c.score) FROM partner_candidates c WHERE c.link_id = l.id), 0)
		FROM partner_links l JOIN organizations o ON o.id = l.org_id
		WHERE l.state = ? ORDER BY l.declared_at, l.id LIMIT ? OFFSET ?`, partner.LinkDeclared, limit, offset)
	if err != nil {
		return nil, 0, fmt.Errorf("match queue: %w", err)
	}
	var out []MatchQueueItem
	var ids []any
	for rows.Next() {
		var it MatchQueueItem
		if err := rows.Scan(&it.Link.ID, &it.OrgName, &it.BestScore); err != nil {
			rows.Close()
			return nil, 0, fmt.Errorf("match queue: %w", err)
		}
		out, ids = append(out, it), append(ids, it.Link.ID)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(out) == 0 {
		return out, total, err
	}
	ls, err := tx.partnerLinks(`id IN (`+placeholders(len(ids))+`)`, ids...)
	if err != nil {
		return nil, 0, fmt.Errorf("match queue: %w", err)
	}
	byID := make(map[string]partner.Link, len(ls))
	for _, l := range ls {
		byID[l.ID] = l
	}
	for i := range out {
		out[i].Link = byID[out[i].Link.ID]
	}
	return out, total, nil
}

func (tx *Tx) partnerLinks(cond string, args ...any) ([]partner.Link, error) {
	rows, err := tx.query(`SELECT `+partnerLinkColumns+` FROM partner_links WHERE `+cond, args...)
	if err != nil {
		return nil, fmt.Errorf("partner links: %w", err)
	}
	defer rows.Close()
	var out []partner.Link
	for rows.Next() {
		var l partner.Link
		var decided sql.NullTime
		if err := rows.Scan(&l.ID, &l.OrgID, &l.PartnerCode, &l.DeclaredRef, &l.State, &l.MemberRef, &l.DeclaredBy, &l.DeclaredAt,
			&l.DecidedBy, &decided, &l.Note); err != nil {
			return nil, fmt.Errorf("partner links: %w", err)
		}
		l.DeclaredAt, l.DecidedAt = l.DeclaredAt.UTC(), timeOf(decided)
		out = append(out, l)
	}
	return out, rows.Err()
}

// SetCandidates replaces a link's candidates with cands.
func (tx *Tx) SetCandidates(linkID string, cands []partner.Candidate) error {
	if _, err := tx.exec(`DELETE FROM partner_candidates WHERE link_id = ?`, linkID); err != nil {
		return fmt.Errorf("set candidates: %w", err)
	}
	for _, c := range cands {
		reasons, err := marshal(c.Reasons)
		if err != nil {
			return err
		}
		if _, err := tx.exec(`INSERT INTO partner_candidates (link_id, member_ref, score, reasons) VALUES (?, ?, ?, ?)`,
			linkID, c.MemberRef, c.Score, reasons); err != nil {
			return fmt.Errorf("set candidates: %w", err)
		}
	}
	return nil
}

// loadCandidates fills the candidates of links, best first, with the
// partner member records they name, in two queries.
func (tx *Tx) loadCandidates(ls []partner.Link) error {
	if len(ls) == 0 {
		return nil
	}
	idx := make(map[string]int, len(ls))
	args := make([]any, len(ls))
	for i, l := range ls {
		idx[l.ID], args[i] = i, l.ID
	}
	rows, err := tx.query(`SELECT c.link_id, c.member_ref, c.score, c.reasons, COALESCE(m.legal_name, ''), COALESCE(m.country, ''),
		COALESCE(m.status, '') FROM partner_candidates c JOIN partner_links l ON l.id = c.link_id
		LEFT JOIN partner_members m ON m.partner_code = l.partner_code AND m.ref = c.member_ref
		WHERE c.link_id IN (`+placeholders(len(ls))+`) ORDER BY c.score DESC, c.member_ref`, args...)
	if err != nil {
		return fmt.Errorf("candidates: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var linkID, reasons string
		var c partner.Candidate
		if err := rows.Scan(&linkID, &c.MemberRef, &c.Score, &reasons, &c.Member.LegalName, &c.Member.Country, &c.Member.Status); err != nil {
			return fmt.Errorf("candidates: %w", err)
		}
		if err := json.Unmarshal([]byte(reasons), &c.Reasons); err != nil {
			return fmt.Errorf("candidates: %w", err)
		}
		l := &ls[idx[linkID]]
		c.Member.Ref, c.Member.PartnerCode = c.MemberRef, l.PartnerCode
		l.Candidates = append(l.Candidates, c)
	}
	return rows.Err()
}
