package store

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"trustlane/internal/partner"
)

// Bulk writers for a partner program's member list, its links and consents
// in a large synthetic data set: the rows a first full import, officers'
// confirmations and companies' consents would have left, written with
// multi-row INSERTs in the caller's transaction.

// BulkInsertPartnerMembers stores rows as a first full import of
// imp.PartnerCode, into a partner with no members yet: each row with its
// name key, row hash and identifiers, one history row (its status since
// StatusSince, which must be set) and imp's row, whose counts are filled
// in (every row added). imp.ID and ImportedAt must be set; an empty SHA256
// becomes a digest of the row hashes, as no file was read.
func (tx *Tx) BulkInsertPartnerMembers(imp *PartnerImport, rows []partner.MemberRow) error {
	imp.RowsTotal, imp.Added, imp.Changed, imp.Unchanged, imp.Removed = len(rows), len(rows), 0, 0, 0
	at := imp.ImportedAt.UTC()
	members := make([][]any, 0, len(rows))
	history := make([][]any, 0, len(rows))
	var ids [][]any
	digest := sha256.New()
	for _, r := range rows {
		hash := partner.RowHash(r)
		digest.Write([]byte(hash))
		since := r.StatusSince.UTC()
		members = append(members, []any{imp.PartnerCode, r.Ref, r.LegalName, partner.NameKey(r.LegalName), r.Country,
			strings.Join(r.Sectors, ","), string(r.Status), since, strings.Join(r.FAST, ","), hash, imp.ID, at, at})
		history = append(history, []any{imp.PartnerCode, r.Ref, string(r.Status), since, imp.ID, at})
		for k, v := range r.IDs {
			ids = append(ids, []any{imp.PartnerCode, r.Ref, string(k), v})
		}
	}
	if imp.SHA256 == "" {
		imp.SHA256 = hex.EncodeToString(digest.Sum(nil))
	}
	steps := []struct {
		table string
		cols  []string
		rows  [][]any
	}{
		{"partner_members", []string{"partner_code", "ref", "legal_name", "name_key", "country", "sectors", "status", "status_since",
			"fast", "row_hash", "import_id", "first_seen_at", "updated_at"}, members},
		{"partner_member_ids", []string{"partner_code", "ref", "kind", "value"}, ids},
		{"partner_member_history", []string{"partner_code", "ref", "status", "since", "import_id", "recorded_at"}, history},
	}
	for _, s := range steps {
		if err := tx.insertRows(s.table, s.cols, "", s.rows); err != nil {
			return err
		}
	}
	imp.ImportedAt = at
	return tx.insertImport(imp)
}

// BulkInsertPartnerLinks stores links as they are, decisions included.
// IDs and times must be set.
func (tx *Tx) BulkInsertPartnerLinks(ls []partner.Link) error {
	rows := make([][]any, 0, len(ls))
	for _, l := range ls {
		rows = append(rows, []any{l.ID, l.OrgID, l.PartnerCode, l.DeclaredRef, string(l.State), l.MemberRef, l.DeclaredBy,
			l.DeclaredAt.UTC(), l.DecidedBy, nullTime(l.DecidedAt), l.Note})
	}
	return tx.insertRows("partner_links", columnList(partnerLinkColumns), "", rows)
}

// BulkInsertPartnerConsents stores consent records as they are, times
// included.
func (tx *Tx) BulkInsertPartnerConsents(cs []partner.Consent) error {
	rows := make([][]any, 0, len(cs))
	for _, c := range cs {
		rows = append(rows, []any{c.OrgID, c.PartnerCode, c.Granted, c.ChangedBy, c.ChangedAt.UTC()})
	}
	return tx.insertRows("partner_consents", []string{"org_id", "partner_code", "granted", "changed_by", "changed_at"}, "", rows)
}
