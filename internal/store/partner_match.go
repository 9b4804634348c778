package store

import (
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"trustlane/internal/ident"
	"trustlane/internal/partner"
)

// This file reads partner member records for matching. The import of
// partner member lists owns those tables; these reads only need what
// matching and confirmation use.

// maxMatchMembers bounds the records scored for one declaration.
const maxMatchMembers = 200

const matchMemberColumns = `partner_code, ref, legal_name, name_key, country, status`

// PartnerMatchMembers returns the records of one partner program that could
// be the company's: the declared number (normalized), a shared identifier of
// the same kind, the same name key, or a name key holding the company's
// longest name word (so a typo elsewhere in the name is still scored).
func (tx *Tx) PartnerMatchMembers(code string, c partner.Company, declaredRef string) ([]partner.Member, error) {
	var ors []string
	var args []any
	if r := partner.NormalizeRef(declaredRef); r != "" {
		ors, args = append(ors, normRefOf("ref")+` = ?`), append(args, r)
	}
	var ids []string
	var idArgs []any
	for _, k := range ident.Kinds() {
		if v := c.Identifiers[k]; v != "" {
			ids, idArgs = append(ids, `(kind = ? AND value = ?)`), append(idArgs, k, v)
		}
	}
	if len(ids) > 0 {
		ors = append(ors, `ref IN (SELECT ref FROM partner_member_ids WHERE partner_code = ? AND (`+strings.Join(ids, ` OR `)+`))`)
		args = append(append(args, code), idArgs...)
	}
	for _, name := range []string{c.LegalName, c.OperatingName} {
		key := partner.NameKey(name)
		if key == "" {
			continue
		}
		ors, args = append(ors, `name_key = ?`), append(args, key)
		if w := longestWord(key); len(w) >= 4 {
			ors, args = append(ors, `name_key LIKE ? ESCAPE '\'`), append(args, likePattern(w))
		}
	}
	if len(ors) == 0 {
		return nil, nil
	}
	out, err := tx.matchMembers(`partner_code = ? AND (`+strings.Join(ors, ` OR `)+`) ORDER BY ref LIMIT ?`,
		append(append([]any{code}, args...), maxMatchMembers)...)
	if err != nil {
		return nil, fmt.Errorf("partner match members %s: %w", code, err)
	}
	return out, nil
}

// PartnerMatchMember loads one record by its exact or normalized member number.
func (tx *Tx) PartnerMatchMember(code, ref string) (partner.Member, error) {
	ms, err := tx.matchMembers(`partner_code = ? AND `+normRefOf("ref")+` = ? ORDER BY ref LIMIT 1`, code, partner.NormalizeRef(ref))
	if err != nil {
		return partner.Member{}, fmt.Errorf("partner member %s %s: %w", code, ref, err)
	}
	if len(ms) == 0 {
		return partner.Member{}, notFound(sql.ErrNoRows, "partner member")
	}
	return ms[0], nil
}

func (tx *Tx) matchMembers(cond string, args ...any) ([]partner.Member, error) {
	rows, err := tx.query(`SELECT `+matchMemberColumns+` FROM partner_members WHERE `+cond, args...)
	if err != nil {
		return nil, err
	}
	var out []partner.Member
	for rows.Next() {
		var m partner.Member
		if err := rows.Scan(&m.PartnerCode, &m.Ref, &m.LegalName, &m.NameKey, &m.Country, &m.Status); err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, m)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(out) == 0 {
		return out, err
	}
	return out, tx.loadMatchMemberIDs(out)
}

// loadMatchMemberIDs fills the identifiers of records of one partner in
// one query.
func (tx *Tx) loadMatchMemberIDs(ms []partner.Member) error {
	idx := make(map[string]int, len(ms))
	args := []any{ms[0].PartnerCode}
	for i, m := range ms {
		idx[m.Ref] = i
		args = append(args, m.Ref)
	}
	rows, err := tx.query(`SELECT ref, kind, value FROM partner_member_ids WHERE partner_code = ? AND ref IN (`+
		placeholders(len(ms))+`)`, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var ref, kind, value string
		if err := rows.Scan(&ref, &kind, &value); err != nil {
			return err
		}
		m := &ms[idx[ref]]
		if m.IDs == nil {
			m.IDs = map[ident.Kind]string{}
		}
		m.IDs[ident.Kind(kind)] = value
	}
	return rows.Err()
}

func longestWord(key string) string {
	ws := strings.Fields(key)
	if len(ws) == 0 {
		return ""
	}
	return slices.MaxFunc(ws, func(a, b string) int { return len(a) - len(b) })
}

// PutPartnerMember writes one partner member record and its identifiers
// as given (ref upper-cased, name key computed). It is the minimal writer
// tests and demo data use; the import of partner lists has its own, with
// history and row hashes.
func (tx *Tx) PutPartnerMember(m partner.Member, importID string) error {
	m.Ref = strings.ToUpper(strings.TrimSpace(m.Ref))
	if m.NameKey == "" {
		m.NameKey = partner.NameKey(m.LegalName)
	}
	_, err := tx.exec(`INSERT INTO partner_members (partner_code, ref, legal_name, name_key, country, status, status_since, row_hash,
		import_id, first_seen_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (partner_code, ref) DO UPDATE SET legal_name = excluded.legal_name, name_key = excluded.name_key,
		country = excluded.country, status = excluded.status, updated_at = excluded.updated_at`,
		m.PartnerCode, m.Ref, m.LegalName, m.NameKey, m.Country, m.Status, tx.now, "", importID, tx.now, tx.now)
	if err != nil {
		return fmt.Errorf("put partner member %s %s: %w", m.PartnerCode, m.Ref, err)
	}
	if _, err := tx.exec(`DELETE FROM partner_member_ids WHERE partner_code = ? AND ref = ?`, m.PartnerCode, m.Ref); err != nil {
		return fmt.Errorf("put partner member ids: %w", err)
	}
	for k, v := range m.IDs {
		if _, err := tx.exec(`INSERT INTO partner_member_ids (partner_code, ref, kind, value) VALUES (?, ?, ?, ?)`,
			m.PartnerCode, m.Ref, k, v); err != nil {
			return fmt.Errorf("put partner member ids: %w", err)
		}
	}
	return nil
}
