package store

import (
	"fmt"
	"strings"
	"time"

	"trustlane/internal/partner"
)

// PartnerImport is one applied import of a partner's member list and what
// it changed.
type PartnerImport struct {
	ID          string
	PartnerCode string
	Filename    string
	Format      partner.Format
	Mode        partner.Mode
	SHA256      string
	RowsTotal   int
	Added       int
	Changed     int
	Unchanged   int
	Removed     int
	ImportedBy  string
	ImportedAt  time.Time
}

// storedMember is what the diff needs of a member already on file.
type storedMember struct {
	hash   string
	status partner.MemberStatus
	since  time.Time
}

// maxParams is the engine's bound on parameters in one statement: SQLite's
// SQLITE_MAX_VARIABLE_NUMBER (32766) and PostgreSQL's wire limit (65535).
func (tx *Tx) maxParams() int {
	if tx.db.engine == Postgres {
		return 65535
	}
	return 32766
}

// ImportPartnerMembers applies a checked member list to imp.PartnerCode:
// it loads the partner's members in one query, works out in Go which rows
// are new, changed or (for a full import) gone, and writes only those, in
// multi-row statements. imp's counts are filled in and its row recorded,
// even when nothing changed.
func (tx *Tx) ImportPartnerMembers(imp *PartnerImport, rows []partner.MemberRow) error {
	if imp.ID == "" {
		imp.ID = NewID()
	}
	imp.ImportedAt, imp.RowsTotal = tx.now, len(rows)
	imp.Added, imp.Changed, imp.Unchanged, imp.Removed = 0, 0, 0, 0
	old, err := tx.storedMembers(imp.PartnerCode)
	if err != nil {
		return err
	}
	var write []memberWrite
	var history []historyRow
	inFile := make(map[string]bool, len(rows))
	for _, r := range rows {
		inFile[r.Ref] = true
		w := memberWrite{row: r, hash: partner.RowHash(r), since: r.StatusSince}
		prev, known := old[r.Ref]
		switch {
		case !known:
			imp.Added++
		case prev.hash == w.hash:
			imp.Unchanged++
			continue
		default:
			imp.Changed++
			w.existed = true
		}
		if w.since.IsZero() {
			// Without a date from the partner, a standing that did not
			// change keeps the date it had; a new one starts now.
			w.since = tx.now
			if known && prev.status == r.Status {
				w.since = prev.since
			}
		}
		write = append(write, w)
		if !known || prev.status != r.Status {
			history = append(history, historyRow{ref: r.Ref, status: r.Status, since: w.since})
		}
	}
	var removed []string
	if imp.Mode != partner.ModePartial {
		for ref, m := range old {
			if !inFile[ref] && m.status != partner.MemberCancelled {
				removed = append(removed, ref)
				history = append(history, historyRow{ref: ref, status: partner.MemberCancelled, since: tx.now})
			}
		}
		imp.Removed = len(removed)
	}
	if err := tx.writeMembers(imp, write); err != nil {
		return err
	}
	if err := tx.cancelMembers(imp, removed); err != nil {
		return err
	}
	if err := tx.insertHistory(imp, history); err != nil {
		return err
	}
	return tx.insertImport(imp)
}

type memberWrite struct {
	row     partner.MemberRow
	hash    string
	since   time.Time
	existed bool
}

type historyRow struct {
	ref    string
	status partner.MemberStatus
	since  time.Time
}

// storedMembers loads ref → hash, status and date for one partner.
func (tx *Tx) storedMembers(code string) (map[string]storedMember, error) {
	rows, err := tx.query(`SELECT ref, row_hash, status, status_since FROM partner_members WHERE partner_code = ?`, code)
	if err != nil {
		return nil, fmt.Errorf("load partner members %s: %w", code, err)
	}
	defer rows.Close()
	out := map[string]storedMember{}
	for rows.Next() {
		var ref string
		var m storedMember
		if err := rows.Scan(&ref, &m.hash, &m.status, &m.since); err != nil {
			return nil, fmt.Errorf("load partner members %s: %w", code, err)
		}
		m.since = m.since.UTC()
		out[ref] = m
	}
	return out, rows.Err()
}

// writeMembers upserts the new and changed members and replaces their
// identifiers.
func (tx *Tx) writeMembers(imp *PartnerImport, ws []memberWrite) error {
	now := tx.now
	err := tx.insertBatches(`INSERT INTO partner_members (partner_code, ref, legal_name, name_key, country, sectors, status,
		status_since, fast, row_hash, import_id, first_seen_at, updated_at) VALUES `,
		` ON CONFLICT (partner_code, ref) DO UPDATE SET legal_name = excluded.legal_name, name_key = excluded.name_key,
		country = excluded.country, sectors = excluded.sectors, status = excluded.status, status_since = excluded.status_since,
		fast = excluded.fast, row_hash = excluded.row_hash, import_id = excluded.import_id, updated_at = excluded.updated_at`,
		13, len(ws), func(i int) []any {
			w := ws[i]
			r := w.row
			return []any{imp.PartnerCode, r.Ref, r.LegalName, partner.NameKey(r.LegalName), r.Country, strings.Join(r.Sectors, ","),
				string(r.Status), w.since.UTC(), strings.Join(r.FAST, ","), w.hash, imp.ID, now, now}
		})
	if err != nil {
		return fmt.Errorf("write partner members %s: %w", imp.PartnerCode, err)
	}
	var existed []string
	type idRow struct{ ref, kind, value string }
	var ids []idRow
	for _, w := range ws {
		if w.existed {
			existed = append(existed, w.row.Ref)
		}
		for k, v := range w.row.IDs {
			ids = append(ids, idRow{w.row.Ref, string(k), v})
		}
	}
	if err := tx.inBatches(`DELETE FROM partner_member_ids WHERE partner_code = ? AND ref IN `, []any{imp.PartnerCode}, existed); err != nil {
		return fmt.Errorf("write partner member identifiers %s: %w", imp.PartnerCode, err)
	}
	err = tx.insertBatches(`INSERT INTO partner_member_ids (partner_code, ref, kind, value) VALUES `, ``, 4, len(ids),
		func(i int) []any { return []any{imp.PartnerCode, ids[i].ref, ids[i].kind, ids[i].value} })
	if err != nil {
		return fmt.Errorf("write partner member identifiers %s: %w", imp.PartnerCode, err)
	}
	return nil
}

// cancelMembers marks the members a full import no longer lists as
// cancelled. Their hash is cleared, so a later list that names them again
// brings them back as a change.
func (tx *Tx) cancelMembers(imp *PartnerImport, refs []string) error {
	err := tx.inBatches(`UPDATE partner_members SET status = ?, status_since = ?, row_hash = '', import_id = ?, updated_at = ?
		WHERE partner_code = ? AND ref IN `, []any{string(partner.MemberCancelled), tx.now, imp.ID, tx.now, imp.PartnerCode}, refs)
	if err != nil {
		return fmt.Errorf("cancel partner members %s: %w", imp.PartnerCode, err)
	}
	return nil
}

func (tx *Tx) insertHistory(imp *PartnerImport, hs []historyRow) error {
	err := tx.insertBatches(`INSERT INTO partner_member_history (partner_code, ref, status, since, import_id, recorded_at) VALUES `, ``,
		6, len(hs), func(i int) []any {
			return []any{imp.PartnerCode, hs[i].ref, string(hs[i].status), hs[i].since.UTC(), imp.ID, tx.now}
		})
	if err != nil {
		return fmt.Errorf("record partner member history %s: %w", imp.PartnerCode, err)
	}
	return nil
}

func (tx *Tx) insertImport(imp *PartnerImport) error {
	_, err := tx.exec(`INSERT INTO partner_imports (id, partner_code, filename, format, mode, sha256, rows_total, added, changed,
		unchanged, removed, imported_by, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		imp.ID, imp.PartnerCode, imp.Filename, string(imp.Format), string(imp.Mode), imp.SHA256, imp.RowsTotal,
		imp.Added, imp.Changed, imp.Unchanged, imp.Removed, imp.ImportedBy, imp.ImportedAt)
	if err != nil {
		return fmt.Errorf("record partner import %s: %w", imp.PartnerCode, err)
	}
	return nil
}

// insertBatches runs "prefix (…), (…) suffix" for n rows of width
// parameters each, as few statements as the engine's parameter bound
// allows.
func (tx *Tx) insertBatches(prefix, suffix string, width, n int, args func(i int) []any) error {
	per := tx.maxParams() / width
	tuple := "(" + placeholders(width) + ")"
	for start := 0; start < n; start += per {
		end := min(n, start+per)
		var b strings.Builder
		b.Grow(len(prefix) + len(suffix) + (end-start)*(len(tuple)+2))
		b.WriteString(prefix)
		vals := make([]any, 0, (end-start)*width)
		for i := start; i < end; i++ {
			if i > start {
				b.WriteString(", ")
			}
			b.WriteString(tuple)
			vals = append(vals, args(i)...)
		}
		b.WriteString(suffix)
		if _, err := tx.exec(b.String(), vals...); err != nil {
			return err
		}
	}
	return nil
}

// inBatches runs "stmt (?, ?, …)" with fixed leading arguments and the
// values of list, in as few statements as the parameter bound allows.
func (tx *Tx) inBatches(stmt string, fixed []any, list []string) error {
	per := tx.maxParams() - len(fixed)
	for start := 0; start < len(list); start += per {
		end := min(len(list), start+per)
		args := append(append(make([]any, 0, len(fixed)+end-start), fixed...), anys(list[start:end])...)
		if _, err := tx.exec(stmt+"("+placeholders(end-start)+")", args...); err != nil {
			return err
		}
	}
	return nil
}

func anys(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
	}
	return out
}
