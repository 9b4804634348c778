package store

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"trustlane/internal/program"
)

const planColumns = `id, org_id, subject_type, subject_id, state, items, created_by, created_at, escalated_at`

// SavePlan inserts or updates an action plan.
func (tx *Tx) SavePlan(p *program.ActionPlan) error {
	if p.ID == "" {
		p.ID = NewID()
	}
	items, err := marshal(p.Items)
	if err != nil {
		return err
	}
	_, err = tx.exec(`INSERT INTO action_plans (`+planColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET state = excluded.state, items = excluded.items, escalated_at = excluded.escalated_at`,
		p.ID, p.OrgID, p.SubjectType, p.SubjectID, p.State, items, p.CreatedBy, p.CreatedAt.UTC(), nullTime(p.EscalatedAt))
	return err
}

// Plans lists the action plans of an application or a membership.
func (tx *Tx) Plans(subjectType, subjectID string) ([]program.ActionPlan, error) {
	return tx.plans(`subject_type = ? AND subject_id = ? ORDER BY created_at, id`, subjectType, subjectID)
}

// Plan loads one plan of an organization ("" for any).
func (tx *Tx) Plan(orgID, id string) (program.ActionPlan, error) {
	return byID(tx.plans, orgID, id, "action plan")
}

func (tx *Tx) plans(cond string, args ...any) ([]program.ActionPlan, error) {
	rows, err := tx.query(`SELECT `+planColumns+` FROM action_plans WHERE `+cond, args...)
	if err != nil {
		return nil, fmt.Errorf("action plans: %w", err)
	}
	defer rows.Close()
	var out []program.ActionPlan
	for rows.Next() {
		var p program.ActionPlan
		var items string
		var esc sql.NullTime
		if err := rows.Scan(&p.ID, &p.OrgID, &p.SubjectType, &p.SubjectID, &p.State, &items, &p.CreatedBy, &p.CreatedAt, &esc); err != nil {
			return nil, err
		}
		p.CreatedAt, p.EscalatedAt = p.CreatedAt.UTC(), timeOf(esc)
		if err := json.Unmarshal([]byte(items), &p.Items); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

const memberColumns = `id, org_id, sector, number, application_id, state, approved_at, mou_due_at, activated_at, mou,
	annual_due_at, revalidation_due_at, remedy_due_at, ended_at, updated_at`

func scanMember(scan func(...any) error) (program.Membership, error) {
	var m program.Membership
	var mou string
	var activated, annual, reval, remedy, ended sql.NullTime
	err := scan(&m.ID, &m.OrgID, &m.Sector, &m.Number, &m.ApplicationID, &m.State, &m.ApprovedAt, &m.MOUDueAt, &activated, &mou,
		&annual, &reval, &remedy, &ended, &m.UpdatedAt)
	if err != nil {
		return m, err
	}
	m.ApprovedAt, m.MOUDueAt, m.UpdatedAt = m.ApprovedAt.UTC(), m.MOUDueAt.UTC(), m.UpdatedAt.UTC()
	m.ActivatedAt, m.AnnualDueAt, m.RevalidationDueAt, m.RemedyDueAt, m.EndedAt = timeOf(activated), timeOf(annual), timeOf(reval), timeOf(remedy), timeOf(ended)
	if mou != "" {
		err = json.Unmarshal([]byte(mou), &m.MOU)
	}
	return m, err
}

// SaveMembership inserts or updates a program membership.
func (tx *Tx) SaveMembership(m *program.Membership) error {
	if m.ID == "" {
		m.ID = NewID()
	}
	m.UpdatedAt = tx.now
	mou := ""
	if m.MOU.SignerID != "" {
		var err error
		if mou, err = marshal(m.MOU); err != nil {
			return err
		}
	}
	_, err := tx.exec(`INSERT INTO program_memberships (`+memberColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET state = excluded.state, activated_at = excluded.activated_at, mou = excluded.mou,
		annual_due_at = excluded.annual_due_at, revalidation_due_at = excluded.revalidation_due_at, remedy_due_at = excluded.remedy_due_at,
		ended_at = excluded.ended_at, updated_at = excluded.updated_at`,
		m.ID, m.OrgID, m.Sector, m.Number, m.ApplicationID, m.State, m.ApprovedAt.UTC(), m.MOUDueAt.UTC(), nullTime(m.ActivatedAt), mou,
		nullTime(m.AnnualDueAt), nullTime(m.RevalidationDueAt), nullTime(m.RemedyDueAt), nullTime(m.EndedAt), m.UpdatedAt)
	if err != nil {
		return fmt.Errorf("save membership: %w", err)
	}
	return nil
}

// Membership loads one membership of an organization ("" for any), locking
// it in a read-write transaction on PostgreSQL.
func (tx *Tx) Membership(orgID, id string) (program.Membership, error) {
	q, args := `SELECT `+memberColumns+` FROM program_memberships WHERE id = ?`, []any{id}
	if orgID != "" {
		q += ` AND org_id = ?`
		args = append(args, orgID)
	}
	if tx.write {
		q += tx.db.forUpdate()
	}
	m, err := scanMember(tx.queryRow(q, args...).Scan)
	return m, notFound(err, "membership")
}

// Memberships lists an organization's memberships.
func (tx *Tx) Memberships(orgID string) ([]program.Membership, error) {
	return tx.memberships(`org_id = ? ORDER BY approved_at, id`, orgID)
}

// MembershipsByState lists memberships in the given states, for staff.
func (tx *Tx) MembershipsByState(states []program.MemberState, limit, offset int) ([]program.Membership, error) {
	args := make([]any, 0, len(states)+2)
	for _, s := range states {
		args = append(args, s)
	}
	return tx.memberships(`state IN (`+placeholders(len(states))+`) ORDER BY updated_at, id LIMIT ? OFFSET ?`,
		append(args, limit, offset)...)
}

func (tx *Tx) memberships(cond string, args ...any) ([]program.Membership, error) {
	rows, err := tx.query(`SELECT `+memberColumns+` FROM program_memberships WHERE `+cond, args...)
	if err != nil {
		return nil, fmt.Errorf("memberships: %w", err)
	}
	defer rows.Close()
	var out []program.Membership
	for rows.Next() {
		m, err := scanMember(rows.Scan)
		if err != nil {
			return nil, fmt.Errorf("memberships: %w", err)
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

const decisionColumns = `id, org_id, subject_type, subject_id, kind, reasons, narrative, decided_by, decided_at, effective_at,
	appeal_deadline, letter_id`

// InsertDecision stores a decision. Decisions are never updated, except to
// attach their letter once it is written.
func (tx *Tx) InsertDecision(d *program.Decision) error {
	if d.ID == "" {
		d.ID = NewID()
	}
	_, err := tx.exec(`INSERT INTO decisions (`+decisionColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		d.ID, d.OrgID, d.SubjectType, d.SubjectID, d.Kind, strings.Join(d.Reasons, " "), d.Narrative, d.DecidedBy,
		d.DecidedAt.UTC(), d.EffectiveAt.UTC(), nullTime(d.AppealDeadline), d.LetterID)
	return err
}

// AttachLetter records the letter of a decision.
func (tx *Tx) AttachLetter(decisionID, letterID string) error {
	_, err := tx.exec(`UPDATE decisions SET letter_id = ? WHERE id = ? AND letter_id = ''`, letterID, decisionID)
	return err
}

// Decisions lists the decisions about a subject, oldest first.
func (tx *Tx) Decisions(subjectType, subjectID string) ([]program.Decision, error) {
	return tx.decisions(`subject_type = ? AND subject_id = ? ORDER BY decided_at, id`, subjectType, subjectID)
}

// Decision loads one decision of an organization ("" for any).
func (tx *Tx) Decision(orgID, id string) (program.Decision, error) {
	return byID(tx.decisions, orgID, id, "decision")
}

func (tx *Tx) decisions(cond string, args ...any) ([]program.Decision, error) {
	rows, err := tx.query(`SELECT `+decisionColumns+` FROM decisions WHERE `+cond, args...)
	if err != nil {
		return nil, fmt.Errorf("decisions: %w", err)
	}
	defer rows.Close()
	var out []program.Decision
	for rows.Next() {
		var d program.Decision
		var reasons string
		var deadline sql.NullTime
		if err := rows.Scan(&d.ID, &d.OrgID, &d.SubjectType, &d.SubjectID, &d.Kind, &reasons, &d.Narrative, &d.DecidedBy,
			&d.DecidedAt, &d.EffectiveAt, &deadline, &d.LetterID); err != nil {
			return nil, err
		}
		d.Reasons = strings.Fields(reasons)
		d.DecidedAt, d.EffectiveAt, d.AppealDeadline = d.DecidedAt.UTC(), d.EffectiveAt.UTC(), timeOf(deadline)
		out = append(out, d)
	}
	return out, rows.Err()
}
