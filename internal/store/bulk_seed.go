package store

import (
	"encoding/json"
	"fmt"
	"strings"

	"trustlane/internal/fast"
	"trustlane/internal/ident"
	"trustlane/internal/program"
)

// Bulk writers for large synthetic data sets (trustlane demo --size large)
// and imports: rows go in with multi-row INSERTs inside the caller's
// transaction, bypassing the use cases. The caller must hand in valid
// records; the database's constraints still hold.

// BulkInsertOrgs stores organizations with their sectors and identifiers.
// IDs and times must be set.
func (tx *Tx) BulkInsertOrgs(orgs []program.Organization) error {
	var rows, sectors, ids [][]any
	for _, o := range orgs {
		a := o.Address
		rows = append(rows, []any{o.ID, o.LegalName, o.OperatingName, o.Category, a.Line1, a.Line2, a.City, a.Region,
			a.PostalCode, a.Country, o.Phone, o.Website, o.Lang, o.CreatedAt.UTC(), o.UpdatedAt.UTC(), searchText(o)})
		for _, s := range o.Sectors {
			sectors = append(sectors, []any{o.ID, s})
		}
		for _, k := range ident.Kinds() {
			if v, ok := o.Identifiers[k]; ok {
				ids = append(ids, []any{k, v, o.ID})
			}
		}
	}
	cols := append(columnList(orgColumns), "search_text")
	if err := tx.insertRows("organizations", cols, "", rows); err != nil {
		return err
	}
	if err := tx.insertRows("org_sectors", []string{"org_id", "sector"}, "", sectors); err != nil {
		return err
	}
	return tx.insertRows("org_identifiers", []string{"kind", "value", "org_id"}, "", ids)
}

// BulkInsertApplications stores applications as they are, times included.
func (tx *Tx) BulkInsertApplications(apps []program.Application) error {
	rows := make([][]any, 0, len(apps))
	for _, a := range apps {
		elig, err := json.Marshal(a.Eligibility)
		if err != nil {
			return fmt.Errorf("bulk applications: %w", err)
		}
		rows = append(rows, []any{a.ID, a.OrgID, a.Sector, a.Kind, a.MembershipID, a.State, string(elig), a.SnapshotID, a.OfficerID,
			nullTime(a.InfoDueAt), nullTime(a.DenialEffectiveAt), a.ReviewRequested, nullTime(a.SubmittedAt), nullTime(a.DecidedAt),
			a.CreatedAt.UTC(), a.UpdatedAt.UTC()})
	}
	return tx.insertRows("applications", columnList(appColumns), "", rows)
}

// BulkInsertMemberships stores memberships as they are, times included.
func (tx *Tx) BulkInsertMemberships(ms []program.Membership) error {
	rows := make([][]any, 0, len(ms))
	for _, m := range ms {
		mou := ""
		if m.MOU.SignerID != "" {
			b, err := json.Marshal(m.MOU)
			if err != nil {
				return fmt.Errorf("bulk memberships: %w", err)
			}
			mou = string(b)
		}
		rows = append(rows, []any{m.ID, m.OrgID, m.Sector, m.Number, m.ApplicationID, m.State, m.ApprovedAt.UTC(), m.MOUDueAt.UTC(),
			nullTime(m.ActivatedAt), mou, nullTime(m.AnnualDueAt), nullTime(m.RevalidationDueAt), nullTime(m.RemedyDueAt),
			nullTime(m.EndedAt), m.UpdatedAt.UTC()})
	}
	return tx.insertRows("program_memberships", columnList(memberColumns), "", rows)
}

// SetSequence sets a named counter, so the next NextSequence follows the
// numbers a bulk load used.
func (tx *Tx) SetSequence(name string, value int) error {
	_, err := tx.exec(`INSERT INTO sequences (name, value) VALUES (?, ?)
		ON CONFLICT (name) DO UPDATE SET value = excluded.value`, name, value)
	return err
}

// BulkInsertFastCards stores cards as they are (updated_at included),
// replacing any with the same number.
func (tx *Tx) BulkInsertFastCards(cards []fast.Card) error {
	rows := make([][]any, 0, len(cards))
	for _, c := range cards {
		rows = append(rows, fastCardRow(c))
	}
	return tx.insertRows("fast_cards", columnList(fastCardColumns), fastCardUpsert, rows)
}

// BulkInsertFastApprovals stores approvals as they are.
func (tx *Tx) BulkInsertFastApprovals(as []fast.Approval) error {
	rows := make([][]any, 0, len(as))
	for _, a := range as {
		rows = append(rows, []any{a.OrgID, a.Direction, a.GrantedAt.UTC(), a.GrantedBy, nullTime(a.RevokedAt)})
	}
	return tx.insertRows("fast_approvals", columnList(fastApprovalColumns), "", rows)
}

// columnList splits a column constant into names.
func columnList(cols string) []string {
	return strings.Split(strings.Join(strings.Fields(cols), " "), ", ")
}

// CountOrgs counts every organization.
func (tx *Tx) CountOrgs() (int, error) {
	var n int
	err := tx.queryRow(`SELECT COUNT(*) FROM organizations`).Scan(&n)
	return n, err
}
