package store

import (
	"fmt"
	"strings"
	"time"

	"trustlane/internal/partner"
)

// BorderOrg is what the border index needs of one organization: its name,
// identifiers, memberships, FAST approvals and confirmed partner links.
type BorderOrg struct {
	ID          string
	Name        string
	Identifiers map[string]string // kind → normalized value
	Memberships []BorderMembership
	FAST        []string // directions with a FAST approval in force
	Links       []PartnerRef
}

// BorderMembership is one program membership of an organization.
type BorderMembership struct {
	Sector string
	Number string
	State  string
	Since  time.Time
}

// PartnerRef names one partner member record.
type PartnerRef struct{ Code, Ref string }

// BorderPartnerMember is a partner program's member record for the index.
// Recognized says whether the arrangement with its program is in force: a
// record of a planned, suspended or ended arrangement is kept (its numbers
// still name the company) but confers no standing.
type BorderPartnerMember struct {
	Code, Ref, Name, Status string
	Since                   time.Time
	Sectors, FAST           []string
	Identifiers             map[string]string
	Recognized              bool
}

// BorderOrgs loads the organizations with the given IDs, or every
// organization when none is given, in a handful of queries (no N+1): the
// index reads ten thousand organizations at start and a few at a time after.
func (tx *Tx) BorderOrgs(ids ...string) ([]BorderOrg, error) {
	where, args := "", make([]any, len(ids))
	for i, id := range ids {
		args[i] = id
	}
	if len(ids) > 0 {
		where = ` WHERE org_id IN (` + placeholders(len(ids)) + `)`
	}
	byID := map[string]*BorderOrg{}
	var order []string
	orgWhere := strings.Replace(where, "org_id", "id", 1)
	if err := tx.each(`SELECT id, legal_name FROM organizations`+orgWhere, args, func(scan func(...any) error) error {
		var o BorderOrg
		if err := scan(&o.ID, &o.Name); err != nil {
			return err
		}
		o.Identifiers = map[string]string{}
		byID[o.ID] = &o
		order = append(order, o.ID)
		return nil
	}); err != nil {
		return nil, fmt.Errorf("border orgs: %w", err)
	}
	if err := tx.each(`SELECT org_id, kind, value FROM org_identifiers`+where, args, func(scan func(...any) error) error {
		var id, kind, value string
		if err := scan(&id, &kind, &value); err != nil {
			return err
		}
		if o := byID[id]; o != nil {
			o.Identifiers[kind] = value
		}
		return nil
	}); err != nil {
		return nil, fmt.Errorf("border identifiers: %w", err)
	}
	if err := tx.each(`SELECT org_id, sector, number, state, updated_at FROM program_memberships`+where, args, func(scan func(...any) error) error {
		var id string
		var m BorderMembership
		if err := scan(&id, &m.Sector, &m.Number, &m.State, &m.Since); err != nil {
			return err
		}
		if o := byID[id]; o != nil {
			m.Since = m.Since.UTC()
			o.Memberships = append(o.Memberships, m)
		}
		return nil
	}); err != nil {
		return nil, fmt.Errorf("border memberships: %w", err)
	}
	fastWhere := ` WHERE revoked_at IS NULL`
	if where != "" {
		fastWhere += ` AND` + strings.TrimPrefix(where, " WHERE")
	}
	if err := tx.each(`SELECT org_id, direction FROM fast_approvals`+fastWhere, args, func(scan func(...any) error) error {
		var id, dir string
		if err := scan(&id, &dir); err != nil {
			return err
		}
		if o := byID[id]; o != nil {
			o.FAST = append(o.FAST, dir)
		}
		return nil
	}); err != nil {
		return nil, fmt.Errorf("border FAST approvals: %w", err)
	}
	linkWhere := ` WHERE state = 'confirmed'`
	if where != "" {
		linkWhere += ` AND` + strings.TrimPrefix(where, " WHERE")
	}
	if err := tx.each(`SELECT org_id, partner_code, member_ref FROM partner_links`+linkWhere, args, func(scan func(...any) error) error {
		var id string
		var r PartnerRef
		if err := scan(&id, &r.Code, &r.Ref); err != nil {
			return err
		}
		if o := byID[id]; o != nil {
			o.Links = append(o.Links, r)
		}
		return nil
	}); err != nil {
		return nil, fmt.Errorf("border links: %w", err)
	}
	out := make([]BorderOrg, 0, len(order))
	for _, id := range order {
		out = append(out, *byID[id])
	}
	return out, nil
}

// BorderPartnerMembers loads a partner program's member records: the refs
// given, or all of them (code "" for every program's).
func (tx *Tx) BorderPartnerMembers(code string, refs ...string) ([]BorderPartnerMember, error) {
	var conds []string
	var args []any
	if code != "" {
		conds, args = append(conds, `partner_code = ?`), append(args, code)
	}
	if len(refs) > 0 {
		conds = append(conds, `ref IN (`+placeholders(len(refs))+`)`)
		for _, r := range refs {
			args = append(args, r)
		}
	}
	where := ""
	if len(conds) > 0 {
		where = ` WHERE ` + strings.Join(conds, ` AND `)
	}
	recognized, err := tx.recognizedPartners()
	if err != nil {
		return nil, err
	}
	type key struct{ code, ref string }
	byKey := map[key]*BorderPartnerMember{}
	var order []key
	if err := tx.each(`SELECT partner_code, ref, legal_name, status, status_since, sectors, fast FROM partner_members`+where, args,
		func(scan func(...any) error) error {
			var m BorderPartnerMember
			var sectors, fast string
			if err := scan(&m.Code, &m.Ref, &m.Name, &m.Status, &m.Since, &sectors, &fast); err != nil {
				return err
			}
			m.Since, m.Sectors, m.FAST, m.Identifiers = m.Since.UTC(), splitList(sectors), splitList(fast), map[string]string{}
			m.Recognized = recognized[m.Code]
			k := key{m.Code, m.Ref}
			byKey[k] = &m
			order = append(order, k)
			return nil
		}); err != nil {
		return nil, fmt.Errorf("border partner members: %w", err)
	}
	if err := tx.each(`SELECT partner_code, ref, kind, value FROM partner_member_ids`+where, args, func(scan func(...any) error) error {
		var k key
		var kind, value string
		if err := scan(&k.code, &k.ref, &kind, &value); err != nil {
			return err
		}
		if m := byKey[k]; m != nil {
			m.Identifiers[kind] = value
		}
		return nil
	}); err != nil {
		return nil, fmt.Errorf("border partner identifiers: %w", err)
	}
	out := make([]BorderPartnerMember, 0, len(order))
	for _, k := range order {
		out = append(out, *byKey[k])
	}
	return out, nil
}

// recognizedPartners returns the codes of the partner programs whose
// arrangement is in force (partner.Program.Recognized).
func (tx *Tx) recognizedPartners() (map[string]bool, error) {
	out := map[string]bool{}
	err := tx.each(`SELECT code FROM partner_programs WHERE status = ?`, []any{string(partner.Active)}, func(scan func(...any) error) error {
		var code string
		if err := scan(&code); err != nil {
			return err
		}
		out[code] = true
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("border partner programs: %w", err)
	}
	return out, nil
}

// each runs a query and calls fn with the scanner of every row.
func (tx *Tx) each(query string, args []any, fn func(scan func(...any) error) error) error {
	rows, err := tx.query(query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows.Scan); err != nil {
			return err
		}
	}
	return rows.Err()
}

// splitList parses a comma- or semicolon-separated list column.
func splitList(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == ' ' })
}
