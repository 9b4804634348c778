package store

import (
	"database/sql"
	"fmt"
	"time"

	"trustlane/internal/program"
)

const appealColumns = `id, org_id, decision_id, kind, subject_type, subject_id, state, grounds, filed_by, filed_at, reviewer_id,
	decided_at, outcome`

// SaveAppeal inserts or updates an appeal. One appeal per decision.
func (tx *Tx) SaveAppeal(a *program.Appeal) error {
	if a.ID == "" {
		a.ID = NewID()
	}
	_, err := tx.exec(`INSERT INTO appeals (`+appealColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET state = excluded.state, reviewer_id = excluded.reviewer_id, decided_at = excluded.decided_at,
		outcome = excluded.outcome`,
		a.ID, a.OrgID, a.DecisionID, a.Kind, a.SubjectType, a.SubjectID, a.State, a.Grounds, a.FiledBy, a.FiledAt.UTC(),
		a.ReviewerID, nullTime(a.DecidedAt), a.Outcome)
	if err != nil {
		return fmt.Errorf("save appeal: %w", err)
	}
	return nil
}

// Appeals lists the appeals about a subject, oldest first.
func (tx *Tx) Appeals(subjectType, subjectID string) ([]program.Appeal, error) {
	return tx.appeals(`subject_type = ? AND subject_id = ? ORDER BY filed_at, id`, subjectType, subjectID)
}

// AppealsFiled lists the appeals waiting for a reviewer, oldest first.
func (tx *Tx) AppealsFiled() ([]program.Appeal, error) {
	return tx.appeals(`state = ? ORDER BY filed_at, id`, program.AppealFiled)
}

// Appeal loads one appeal of an organization ("" for any).
func (tx *Tx) Appeal(orgID, id string) (program.Appeal, error) {
	return byID(tx.appeals, orgID, id, "appeal")
}

func (tx *Tx) appeals(cond string, args ...any) ([]program.Appeal, error) {
	rows, err := tx.query(`SELECT `+appealColumns+` FROM appeals WHERE `+cond, args...)
	if err != nil {
		return nil, fmt.Errorf("appeals: %w", err)
	}
	defer rows.Close()
	var out []program.Appeal
	for rows.Next() {
		var a program.Appeal
		var decided sql.NullTime
		if err := rows.Scan(&a.ID, &a.OrgID, &a.DecisionID, &a.Kind, &a.SubjectType, &a.SubjectID, &a.State, &a.Grounds,
			&a.FiledBy, &a.FiledAt, &a.ReviewerID, &decided, &a.Outcome); err != nil {
			return nil, err
		}
		a.FiledAt, a.DecidedAt = a.FiledAt.UTC(), timeOf(decided)
		out = append(out, a)
	}
	return out, rows.Err()
}

// Letter is a decision letter as a PDF.
type Letter struct {
	ID         string
	OrgID      string
	DecisionID string
	Lang       string
	Filename   string
	PDF        []byte
	SHA256     string
	CreatedAt  time.Time
}

// InsertLetter stores a letter.
func (tx *Tx) InsertLetter(l *Letter) error {
	if l.ID == "" {
		l.ID = NewID()
	}
	l.CreatedAt = tx.now
	_, err := tx.exec(`INSERT INTO letters (id, org_id, decision_id, lang, filename, pdf, sha256, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		l.ID, l.OrgID, l.DecisionID, l.Lang, l.Filename, l.PDF, l.SHA256, l.CreatedAt)
	return err
}

// Letter loads a letter of an organization.
func (tx *Tx) Letter(orgID, id string) (Letter, error) {
	var l Letter
	err := tx.queryRow(`SELECT id, org_id, decision_id, lang, filename, pdf, sha256, created_at FROM letters WHERE org_id = ? AND id = ?`,
		orgID, id).Scan(&l.ID, &l.OrgID, &l.DecisionID, &l.Lang, &l.Filename, &l.PDF, &l.SHA256, &l.CreatedAt)
	l.CreatedAt = l.CreatedAt.UTC()
	return l, notFound(err, "letter")
}

// SubjectEvents returns the audit events about one case, oldest first: the
// case's timeline.
func (tx *Tx) SubjectEvents(orgID, subjectType, subjectID string) ([]AuditEvent, error) {
	rows, err := tx.query(`SELECT `+auditColumns+` FROM audit_events WHERE chain = ? AND subject_type = ? AND subject_id = ? ORDER BY seq`,
		orgID, subjectType, subjectID)
	if err != nil {
		return nil, fmt.Errorf("subject events: %w", err)
	}
	defer rows.Close()
	var out []AuditEvent
	for rows.Next() {
		e, err := scanAudit(rows.Scan)
		if err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}
