package store

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"trustlane/internal/errs"
	"trustlane/internal/program"
)

const appColumns = `id, org_id, sector, kind, membership_id, state, eligibility, snapshot_id, officer_id, info_due_at,
	denial_effective_at, review_requested, submitted_at, decided_at, created_at, updated_at`

func scanApp(scan func(...any) error) (program.Application, error) {
	var a program.Application
	var elig string
	var info, denial, submitted, decided sql.NullTime
	err := scan(&a.ID, &a.OrgID, &a.Sector, &a.Kind, &a.MembershipID, &a.State, &elig, &a.SnapshotID, &a.OfficerID,
		&info, &denial, &a.ReviewRequested, &submitted, &decided, &a.CreatedAt, &a.UpdatedAt)
	if err != nil {
		return a, err
	}
	a.InfoDueAt, a.DenialEffectiveAt, a.SubmittedAt, a.DecidedAt = timeOf(info), timeOf(denial), timeOf(submitted), timeOf(decided)
	a.CreatedAt, a.UpdatedAt = a.CreatedAt.UTC(), a.UpdatedAt.UTC()
	return a, json.Unmarshal([]byte(elig), &a.Eligibility)
}

// InsertApplication stores a new application. A second open application
// for the same company and sector is a conflict.
func (tx *Tx) InsertApplication(a *program.Application) error {
	if a.ID == "" {
		a.ID = NewID()
	}
	a.CreatedAt, a.UpdatedAt = tx.now, tx.now
	elig, err := json.Marshal(a.Eligibility)
	if err != nil {
		return err
	}
	_, err = tx.exec(`INSERT INTO applications (`+appColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.ID, a.OrgID, a.Sector, a.Kind, a.MembershipID, a.State, string(elig), a.SnapshotID, a.OfficerID,
		nullTime(a.InfoDueAt), nullTime(a.DenialEffectiveAt), a.ReviewRequested, nullTime(a.SubmittedAt), nullTime(a.DecidedAt),
		a.CreatedAt, a.UpdatedAt)
	if IsDuplicate(err) {
		return errs.Wrap(errs.Conflict, err, "error.case.already_open", "an application for this sector is already under way")
	}
	return err
}

// UpdateApplication saves an application after a transition.
func (tx *Tx) UpdateApplication(a *program.Application) error {
	elig, err := json.Marshal(a.Eligibility)
	if err != nil {
		return err
	}
	res, err := tx.exec(`UPDATE applications SET state = ?, eligibility = ?, snapshot_id = ?, officer_id = ?, info_due_at = ?,
		denial_effective_at = ?, review_requested = ?, submitted_at = ?, decided_at = ?, membership_id = ?, updated_at = ? WHERE id = ?`,
		a.State, string(elig), a.SnapshotID, a.OfficerID, nullTime(a.InfoDueAt), nullTime(a.DenialEffectiveAt), a.ReviewRequested,
		nullTime(a.SubmittedAt), nullTime(a.DecidedAt), a.MembershipID, tx.now, a.ID)
	if err != nil {
		return fmt.Errorf("update application: %w", err)
	}
	return affected(res, "application")
}

// Application loads an application of an organization ("" for any, staff).
// On PostgreSQL a read-write transaction locks the row, so two decisions on
// one case queue.
func (tx *Tx) Application(orgID, id string) (program.Application, error) {
	q := `SELECT ` + appColumns + ` FROM applications WHERE id = ?`
	args := []any{id}
	if orgID != "" {
		q += ` AND org_id = ?`
		args = append(args, orgID)
	}
	if tx.write {
		q += tx.db.forUpdate()
	}
	a, err := scanApp(tx.queryRow(q, args...).Scan)
	return a, notFound(err, "application")
}

// Applications lists an organization's applications, newest first.
func (tx *Tx) Applications(orgID string) ([]program.Application, error) {
	return tx.apps(`org_id = ? ORDER BY created_at DESC, id DESC`, orgID)
}

func (tx *Tx) apps(cond string, args ...any) ([]program.Application, error) {
	rows, err := tx.query(`SELECT `+appColumns+` FROM applications WHERE `+cond, args...)
	if err != nil {
		return nil, fmt.Errorf("applications: %w", err)
	}
	defer rows.Close()
	var out []program.Application
	for rows.Next() {
		a, err := scanApp(rows.Scan)
		if err != nil {
			return nil, fmt.Errorf("applications: %w", err)
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// CaseQuery filters the staff's work queue.
type CaseQuery struct {
	States    []program.AppState
	Sector    string
	OfficerID string
	Offset    int
	Limit     int
}

// CasePage is a page of the queue with the total that match.
type CasePage struct {
	Apps  []program.Application
	Orgs  map[string]string // org ID → legal name
	Total int
}

// Cases lists applications for the staff's queues, oldest change first (the
// case waiting longest comes first).
func (tx *Tx) Cases(q CaseQuery) (CasePage, error) {
	where := []string{"1 = 1"}
	var args []any
	if len(q.States) > 0 {
		where = append(where, `a.state IN (`+placeholders(len(q.States))+`)`)
		for _, s := range q.States {
			args = append(args, s)
		}
	}
	if q.Sector != "" {
		where = append(where, `a.sector = ?`)
		args = append(args, q.Sector)
	}
	if q.OfficerID != "" {
		where = append(where, `a.officer_id = ?`)
		args = append(args, q.OfficerID)
	}
	cond := strings.Join(where, " AND ")
	page := CasePage{Orgs: map[string]string{}}
	if err := tx.queryRow(`SELECT COUNT(*) FROM applications a WHERE `+cond, args...).Scan(&page.Total); err != nil {
		return page, fmt.Errorf("cases: %w", err)
	}
	if q.Limit <= 0 || q.Limit > 200 {
		q.Limit = 50
	}
	rows, err := tx.query(`SELECT `+prefixed("a.", appColumns)+`, o.legal_name FROM applications a
		JOIN organizations o ON o.id = a.org_id WHERE `+cond+` ORDER BY a.updated_at, a.id LIMIT ? OFFSET ?`,
		append(args, q.Limit, max(q.Offset, 0))...)
	if err != nil {
		return page, fmt.Errorf("cases: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		a, err := scanApp(func(dest ...any) error { return rows.Scan(append(dest, &name)...) })
		if err != nil {
			return page, fmt.Errorf("cases: %w", err)
		}
		page.Apps = append(page.Apps, a)
		page.Orgs[a.OrgID] = name
	}
	return page, rows.Err()
}

// CountCases counts applications by state, for the queues' tabs.
func (tx *Tx) CountCases() (map[program.AppState]int, error) {
	rows, err := tx.query(`SELECT state, COUNT(*) FROM applications GROUP BY state`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[program.AppState]int{}
	for rows.Next() {
		var s program.AppState
		var n int
		if err := rows.Scan(&s, &n); err != nil {
			return nil, err
		}
		out[s] = n
	}
	return out, rows.Err()
}

// NextSequence returns the next value of a named counter (1, 2, …); on
// PostgreSQL the upsert locks the row, so two approvals never share a
// membership number.
func (tx *Tx) NextSequence(name string) (int, error) {
	var n int
	err := tx.queryRow(`INSERT INTO sequences (name, value) VALUES (?, 1)
		ON CONFLICT (name) DO UPDATE SET value = sequences.value + 1 RETURNING value`, name).Scan(&n)
	return n, tx.db.wrap(err)
}
