package store

import (
	"database/sql"
	"fmt"
	"strings"
	"time"

	"trustlane/internal/ident"
	"trustlane/internal/partner"
)

// PartnerMember is a partner's member as last imported.
type PartnerMember struct {
	partner.MemberRow
	PartnerCode string
	NameKey     string
	ImportID    string
	FirstSeenAt time.Time
	UpdatedAt   time.Time
}

// PartnerStatusChange is one entry of a partner member's status history.
type PartnerStatusChange struct {
	Status     partner.MemberStatus
	Since      time.Time
	ImportID   string
	RecordedAt time.Time
}

// PartnerMemberQuery selects a page of one partner's members. Name matches
// the start of the normalized legal name (partner.NameKey) or the exact
// member number.
type PartnerMemberQuery struct {
	Partner string
	Status  partner.MemberStatus
	Name    string
	Offset  int
	Limit   int
}

// PartnerMemberPage is one page of members and how many match.
type PartnerMemberPage struct {
	Members []PartnerMember
	Total   int
}

const partnerMemberColumns = `partner_code, ref, legal_name, name_key, country, sectors, status, status_since, fast, import_id, first_seen_at, updated_at`

func scanPartnerMember(scan func(...any) error) (PartnerMember, error) {
	var m PartnerMember
	var sectors, fast string
	err := scan(&m.PartnerCode, &m.Ref, &m.LegalName, &m.NameKey, &m.Country, &sectors, &m.Status, &m.StatusSince, &fast,
		&m.ImportID, &m.FirstSeenAt, &m.UpdatedAt)
	m.Sectors, m.FAST = splitList(sectors), splitList(fast)
	m.StatusSince, m.FirstSeenAt, m.UpdatedAt = m.StatusSince.UTC(), m.FirstSeenAt.UTC(), m.UpdatedAt.UTC()
	return m, err
}

// PartnerMembers lists a page of one partner's members by name.
func (tx *Tx) PartnerMembers(q PartnerMemberQuery) (PartnerMemberPage, error) {
	where, args := []string{"partner_code = ?"}, []any{q.Partner}
	if q.Status != "" {
		where, args = append(where, "status = ?"), append(args, string(q.Status))
	}
	if name := strings.TrimSpace(q.Name); name != "" {
		if key := partner.NameKey(name); key != "" {
			prefix := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(key) + "%"
			where, args = append(where, `(name_key LIKE ? ESCAPE '\' OR ref = ?)`), append(args, prefix, strings.ToUpper(name))
		} else {
			where, args = append(where, `ref = ?`), append(args, strings.ToUpper(name))
		}
	}
	cond := strings.Join(where, " AND ")
	var page PartnerMemberPage
	if err := tx.queryRow(`SELECT COUNT(*) FROM partner_members WHERE `+cond, args...).Scan(&page.Total); err != nil {
		return page, fmt.Errorf("partner members %s: %w", q.Partner, err)
	}
	if q.Limit <= 0 || q.Limit > 200 {
		q.Limit = 50
	}
	ms, err := tx.partnerMembersWhere(cond+` ORDER BY name_key, ref LIMIT ? OFFSET ?`, append(args, q.Limit, max(q.Offset, 0))...)
	page.Members = ms
	return page, err
}

// PartnerMember loads one member of a partner, with its identifiers.
func (tx *Tx) PartnerMember(code, ref string) (PartnerMember, error) {
	ms, err := tx.partnerMembersWhere(`partner_code = ? AND ref = ?`, code, strings.ToUpper(strings.TrimSpace(ref)))
	if err != nil {
		return PartnerMember{}, err
	}
	if len(ms) == 0 {
		return PartnerMember{}, notFound(sql.ErrNoRows, "partner member")
	}
	return ms[0], nil
}

// PartnerMembersByIdentifier finds every partner member, of any partner,
// that carries the identifier (kind, value); value must be in the
// canonical form internal/ident returns.
func (tx *Tx) PartnerMembersByIdentifier(kind ident.Kind, value string) ([]PartnerMember, error) {
	return tx.partnerMembersWhere(`(partner_code, ref) IN (SELECT partner_code, ref FROM partner_member_ids WHERE kind = ? AND value = ?)
		ORDER BY partner_code, ref`, string(kind), value)
}

// PartnerMemberHistory lists a member's statuses, oldest first.
func (tx *Tx) PartnerMemberHistory(code, ref string) ([]PartnerStatusChange, error) {
	rows, err := tx.query(`SELECT status, since, import_id, recorded_at FROM partner_member_history
		WHERE partner_code = ? AND ref = ? ORDER BY id`, code, strings.ToUpper(ref))
	if err != nil {
		return nil, fmt.Errorf("partner member history %s/%s: %w", code, ref, err)
	}
	defer rows.Close()
	var out []PartnerStatusChange
	for rows.Next() {
		var h PartnerStatusChange
		if err := rows.Scan(&h.Status, &h.Since, &h.ImportID, &h.RecordedAt); err != nil {
			return nil, fmt.Errorf("partner member history %s/%s: %w", code, ref, err)
		}
		h.Since, h.RecordedAt = h.Since.UTC(), h.RecordedAt.UTC()
		out = append(out, h)
	}
	return out, rows.Err()
}

// partnerMembersWhere loads the members matching cond and, in one more
// query, their identifiers.
func (tx *Tx) partnerMembersWhere(cond string, args ...any) ([]PartnerMember, error) {
	rows, err := tx.query(`SELECT `+partnerMemberColumns+` FROM partner_members WHERE `+cond, args...)
	if err != nil {
		return nil, fmt.Errorf("partner members: %w", err)
	}
	defer rows.Close()
	var out []PartnerMember
	for rows.Next() {
		m, err := scanPartnerMember(rows.Scan)
		if err != nil {
			return nil, fmt.Errorf("partner members: %w", err)
		}
		out = append(out, m)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, tx.loadPartnerMemberIDs(out)
}

// loadPartnerMemberIDs fills in the identifiers of ms in one query.
func (tx *Tx) loadPartnerMemberIDs(ms []PartnerMember) error {
	if len(ms) == 0 {
		return nil
	}
	idx := map[[2]string]int{}
	var conds []string
	var args []any
	for i, m := range ms {
		idx[[2]string{m.PartnerCode, m.Ref}] = i
		conds = append(conds, "(partner_code = ? AND ref = ?)")
		args = append(args, m.PartnerCode, m.Ref)
	}
	rows, err := tx.query(`SELECT partner_code, ref, kind, value FROM partner_member_ids WHERE `+strings.Join(conds, " OR "), args...)
	if err != nil {
		return fmt.Errorf("partner member identifiers: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var code, ref, kind, value string
		if err := rows.Scan(&code, &ref, &kind, &value); err != nil {
			return fmt.Errorf("partner member identifiers: %w", err)
		}
		m := &ms[idx[[2]string{code, ref}]]
		if m.IDs == nil {
			m.IDs = map[ident.Kind]string{}
		}
		m.IDs[ident.Kind(kind)] = value
	}
	return rows.Err()
}

// PartnerImports lists a partner's imports, newest first ("" for every
// partner), at most limit of them.
func (tx *Tx) PartnerImports(code string, limit int) ([]PartnerImport, error) {
	cond, args := "1 = 1", []any{}
	if code != "" {
		cond, args = "partner_code = ?", append(args, code)
	}
	if limit <= 0 || limit > 500 {
		limit = 50
	}
	rows, err := tx.query(`SELECT id, partner_code, filename, format, mode, sha256, rows_total, added, changed, unchanged, removed,
		imported_by, imported_at FROM partner_imports WHERE `+cond+` ORDER BY imported_at DESC, id DESC LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, fmt.Errorf("partner imports %s: %w", code, err)
	}
	defer rows.Close()
	var out []PartnerImport
	for rows.Next() {
		var p PartnerImport
		if err := rows.Scan(&p.ID, &p.PartnerCode, &p.Filename, &p.Format, &p.Mode, &p.SHA256, &p.RowsTotal, &p.Added, &p.Changed,
			&p.Unchanged, &p.Removed, &p.ImportedBy, &p.ImportedAt); err != nil {
			return nil, fmt.Errorf("partner imports %s: %w", code, err)
		}
		p.ImportedAt = p.ImportedAt.UTC()
		out = append(out, p)
	}
	return out, rows.Err()
}

// PartnerMemberCounts counts each partner's members by status, for the
// registry's overview.
func (tx *Tx) PartnerMemberCounts() (map[string]map[partner.MemberStatus]int, error) {
	rows, err := tx.query(`SELECT partner_code, status, COUNT(*) FROM partner_members GROUP BY partner_code, status`)
	if err != nil {
		return nil, fmt.Errorf("partner member counts: %w", err)
	}
	defer rows.Close()
	out := map[string]map[partner.MemberStatus]int{}
	for rows.Next() {
		var code string
		var st partner.MemberStatus
		var n int
		if err := rows.Scan(&code, &st, &n); err != nil {
			return nil, fmt.Errorf("partner member counts: %w", err)
		}
		if out[code] == nil {
			out[code] = map[partner.MemberStatus]int{}
		}
		out[code][st] = n
	}
	return out, rows.Err()
}
