package store

import (
	"cmp"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"trustlane/internal/ident"
	"trustlane/internal/partner"
	"trustlane/internal/program"
)

// shared is the condition every status-exchange read carries: the
// organization (the column named by %s) consents to the partner program now,
// and the program-level sharing arrangement is in force. Its arguments are
// the partner code, then true twice.
const shared = `EXISTS (SELECT 1 FROM partner_consents sc JOIN partner_programs sp ON sp.code = sc.partner_code
	WHERE sc.org_id = %s AND sc.partner_code = ? AND sc.granted = ? AND sp.sharing = ?)`

// ExchangeRecord is what the status exchange knows of one consenting
// organization: its program memberships, the partner's member number when
// a confirmed link ties them, and when any of it last changed.
type ExchangeRecord struct {
	OrgID       string
	Memberships []program.Membership
	PartnerRef  string
	ChangedAt   time.Time
}

// ExchangeOrgByMemberNumber resolves one of our membership numbers to its
// organization, for partner code: NotFound unless it consents and the
// program shares, whether or not the number exists.
func (tx *Tx) ExchangeOrgByMemberNumber(code, number string) (string, error) {
	return tx.exchangeOrg(`SELECT m.org_id FROM program_memberships m WHERE m.number = ? AND `+fmt.Sprintf(shared, "m.org_id"),
		number, code, true, true)
}

// ExchangeOrgByPartnerRef resolves the partner's own member number through
// a confirmed link of that partner.
func (tx *Tx) ExchangeOrgByPartnerRef(code, ref string) (string, error) {
	return tx.exchangeOrg(`SELECT l.org_id FROM partner_links l WHERE l.partner_code = ? AND l.state = ? AND `+
		normRefOf("l.member_ref")+` = ? AND `+fmt.Sprintf(shared, "l.org_id"),
		code, partner.LinkConfirmed, partner.NormalizeRef(ref), code, true, true)
}

// ExchangeOrgByIdentifier resolves an identifier (canonical value) that an
// organization holds.
func (tx *Tx) ExchangeOrgByIdentifier(code string, kind ident.Kind, value string) (string, error) {
	return tx.exchangeOrg(`SELECT i.org_id FROM org_identifiers i WHERE i.kind = ? AND i.value = ? AND `+fmt.Sprintf(shared, "i.org_id"),
		kind, value, code, true, true)
}

func (tx *Tx) exchangeOrg(q string, args ...any) (string, error) {
	var id string
	err := tx.queryRow(q+` LIMIT 1`, args...).Scan(&id)
	if err != nil {
		return "", fmt.Errorf("exchange look-up: %w", notFound(err, "member"))
	}
	return id, nil
}

// ExchangeRecord loads what the exchange shows of one organization.
func (tx *Tx) ExchangeRecord(code, orgID string) (ExchangeRecord, error) {
	var at time.Time
	err := tx.queryRow(`SELECT changed_at FROM partner_consents WHERE org_id = ? AND partner_code = ?`, orgID, code).Scan(&at)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return ExchangeRecord{}, fmt.Errorf("exchange record: %w", err)
	}
	recs, err := tx.exchangeRecords(code, map[string]time.Time{orgID: at.UTC()})
	if err != nil {
		return ExchangeRecord{}, err
	}
	return recs[0], nil
}

// ExchangeChanges lists the consenting organizations of partner code whose
// standing changed after since (a membership updated), whose link to the
// partner was confirmed or withdrawn after since (its partner ref changed)
// or whose consent was given after since, oldest change first, at most limit. Records that share
// the last one's change time are kept together, so passing the last
// ChangedAt as the next since loses none: the page may be shorter than
// limit, or longer when more than limit records changed at one instant.
func (tx *Tx) ExchangeChanges(code string, since time.Time, limit int) ([]ExchangeRecord, error) {
	rows, err := tx.query(`SELECT c.org_id, c.changed_at FROM partner_consents c JOIN partner_programs p ON p.code = c.partner_code
		WHERE c.partner_code = ? AND c.granted = ? AND p.sharing = ? AND (c.changed_at > ?
		OR EXISTS (SELECT 1 FROM program_memberships m WHERE m.org_id = c.org_id AND m.updated_at > ?)
		OR EXISTS (SELECT 1 FROM partner_links l WHERE l.org_id = c.org_id AND l.partner_code = c.partner_code
			AND l.state IN (?, ?) AND l.decided_at > ?))`,
		code, true, true, since.UTC(), since.UTC(), partner.LinkConfirmed, partner.LinkWithdrawn, since.UTC())
	if err != nil {
		return nil, fmt.Errorf("exchange changes: %w", err)
	}
	consented := map[string]time.Time{}
	for rows.Next() {
		var id string
		var at time.Time
		if err := rows.Scan(&id, &at); err != nil {
			rows.Close()
			return nil, fmt.Errorf("exchange changes: %w", err)
		}
		consented[id] = at.UTC()
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(consented) == 0 {
		return nil, err
	}
	recs, err := tx.exchangeRecords(code, consented)
	if err != nil {
		return nil, err
	}
	return pageChanges(recs, limit), nil
}

// pageChanges sorts by change time and cuts after limit, never between two
// records of one instant.
func pageChanges(recs []ExchangeRecord, limit int) []ExchangeRecord {
	slices.SortFunc(recs, func(a, b ExchangeRecord) int {
		return cmp.Or(a.ChangedAt.Compare(b.ChangedAt), cmp.Compare(a.OrgID, b.OrgID))
	})
	if limit <= 0 || len(recs) <= limit {
		return recs
	}
	n := limit
	for n > 0 && recs[n-1].ChangedAt.Equal(recs[n].ChangedAt) {
		n--
	}
	if n == 0 { // one instant holds more than a page: give all of it
		for n = limit; n < len(recs) && recs[n].ChangedAt.Equal(recs[0].ChangedAt); n++ {
		}
	}
	return recs[:n]
}

// exchangeRecords loads memberships and links of orgs in two queries;
// ChangedAt is the latest of the consent time given in orgs, the
// memberships' last update and the last confirmation or withdrawal of a
// link to the partner (the same events ExchangeChanges selects on).
func (tx *Tx) exchangeRecords(code string, orgs map[string]time.Time) ([]ExchangeRecord, error) {
	ids := make([]any, 0, len(orgs))
	idx := make(map[string]int, len(orgs))
	out := make([]ExchangeRecord, 0, len(orgs))
	for id, at := range orgs {
		idx[id] = len(out)
		ids, out = append(ids, id), append(out, ExchangeRecord{OrgID: id, ChangedAt: at})
	}
	ms, err := tx.memberships(`org_id IN (`+placeholders(len(ids))+`) ORDER BY approved_at, id`, ids...)
	if err != nil {
		return nil, fmt.Errorf("exchange records: %w", err)
	}
	for _, m := range ms {
		r := &out[idx[m.OrgID]]
		r.Memberships = append(r.Memberships, m)
		if m.UpdatedAt.After(r.ChangedAt) {
			r.ChangedAt = m.UpdatedAt
		}
	}
	rows, err := tx.query(`SELECT org_id, state, member_ref, decided_at FROM partner_links WHERE partner_code = ? AND state IN (?, ?)
		AND org_id IN (`+placeholders(len(ids))+`)`, append([]any{code, partner.LinkConfirmed, partner.LinkWithdrawn}, ids...)...)
	if err != nil {
		return nil, fmt.Errorf("exchange records: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var state partner.LinkState
		var ref sql.NullString
		var decided sql.NullTime
		if err := rows.Scan(&id, &state, &ref, &decided); err != nil {
			return nil, fmt.Errorf("exchange records: %w", err)
		}
		r := &out[idx[id]]
		if state == partner.LinkConfirmed {
			r.PartnerRef = ref.String
		}
		if at := timeOf(decided); at.After(r.ChangedAt) {
			r.ChangedAt = at
		}
	}
	return out, rows.Err()
}

// normRefOf is normRefSQL over another column.
func normRefOf(col string) string {
	return `REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(UPPER(` + col + `), ' ', ''), '-', ''), '.', ''), '/', ''), '_', '')`
}
