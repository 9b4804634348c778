package store

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"time"

	"trustlane/internal/program"
)

// Snapshot is a frozen copy of a Security Profile as submitted: what the
// program office reviews, whatever the company changes in its drafts
// afterwards. Body is JSON; SHA256 is its hash, kept in the audit trail.
type Snapshot struct {
	ID              string
	OrgID           string
	ApplicationID   string
	CatalogVersion  string
	Sector          string
	ProfileRevision int64
	Body            string
	SHA256          string
	CreatedBy       string
	CreatedAt       time.Time
}

// InsertSnapshot stores a snapshot.
func (tx *Tx) InsertSnapshot(s *Snapshot) error {
	if s.ID == "" {
		s.ID = NewID()
	}
	s.CreatedAt = tx.now
	_, err := tx.exec(`INSERT INTO snapshots (id, org_id, application_id, catalog_version, sector, profile_revision, body, sha256, created_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, s.ID, s.OrgID, s.ApplicationID, s.CatalogVersion, s.Sector, s.ProfileRevision,
		s.Body, s.SHA256, s.CreatedBy, s.CreatedAt)
	return err
}

// Snapshot loads one snapshot of an organization.
func (tx *Tx) Snapshot(orgID, id string) (Snapshot, error) {
	var s Snapshot
	err := tx.queryRow(`SELECT id, org_id, application_id, catalog_version, sector, profile_revision, body, sha256, created_by, created_at
		FROM snapshots WHERE org_id = ? AND id = ?`, orgID, id).Scan(&s.ID, &s.OrgID, &s.ApplicationID, &s.CatalogVersion, &s.Sector,
		&s.ProfileRevision, &s.Body, &s.SHA256, &s.CreatedBy, &s.CreatedAt)
	s.CreatedAt = s.CreatedAt.UTC()
	return s, notFound(err, "snapshot")
}

// InfoRequest is the program office's request for information on an
// application, and the company's answer.
type InfoRequest struct {
	ID            string
	OrgID         string
	ApplicationID string
	Questions     string
	AskedBy       string
	AskedAt       time.Time
	DueAt         time.Time
	Answer        string
	AnsweredBy    string
	AnsweredAt    time.Time
	SnapshotID    string // a snapshot refreshed with the answer, if any
}

const infoColumns = `id, org_id, application_id, questions, asked_by, asked_at, due_at, answer, answered_by, answered_at, snapshot_id`

// InsertInfoRequest stores a request.
func (tx *Tx) InsertInfoRequest(r *InfoRequest) error {
	if r.ID == "" {
		r.ID = NewID()
	}
	r.AskedAt = tx.now
	_, err := tx.exec(`INSERT INTO info_requests (`+infoColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		r.ID, r.OrgID, r.ApplicationID, r.Questions, r.AskedBy, r.AskedAt, r.DueAt.UTC(), r.Answer, r.AnsweredBy, nullTime(r.AnsweredAt), r.SnapshotID)
	return err
}

// AnswerInfoRequest records the answer to the open request of an application.
func (tx *Tx) AnswerInfoRequest(r *InfoRequest) error {
	res, err := tx.exec(`UPDATE info_requests SET answer = ?, answered_by = ?, answered_at = ?, snapshot_id = ? WHERE id = ? AND answered_at IS NULL`,
		r.Answer, r.AnsweredBy, tx.now, r.SnapshotID, r.ID)
	if err != nil {
		return err
	}
	r.AnsweredAt = tx.now
	return affected(res, "information request")
}

// InfoRequests lists an application's requests, oldest first.
func (tx *Tx) InfoRequests(applicationID string) ([]InfoRequest, error) {
	rows, err := tx.query(`SELECT `+infoColumns+` FROM info_requests WHERE application_id = ? ORDER BY asked_at, id`, applicationID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []InfoRequest
	for rows.Next() {
		var r InfoRequest
		var answered sql.NullTime
		if err := rows.Scan(&r.ID, &r.OrgID, &r.ApplicationID, &r.Questions, &r.AskedBy, &r.AskedAt, &r.DueAt, &r.Answer,
			&r.AnsweredBy, &answered, &r.SnapshotID); err != nil {
			return nil, err
		}
		r.AskedAt, r.DueAt, r.AnsweredAt = r.AskedAt.UTC(), r.DueAt.UTC(), timeOf(answered)
		out = append(out, r)
	}
	return out, rows.Err()
}

// marshal renders a value as JSON text for a column.
func marshal(v any) (string, error) {
	b, err := json.Marshal(v)
	return string(b), err
}

const validationColumns = `id, org_id, application_id, state, scheduled_for, sites, validators, items, result, summary,
	completed_by, completed_at, created_by, created_at, mode, partner_code, partner_ref, partner_validators, partner_validated_on`

func scanValidation(scan func(...any) error) (program.Validation, error) {
	var v program.Validation
	var sites, validators, items, partnerValidators string
	var completed, partnerOn sql.NullTime
	err := scan(&v.ID, &v.OrgID, &v.ApplicationID, &v.State, &v.ScheduledFor, &sites, &validators, &items, &v.Result,
		&v.Summary, &v.CompletedBy, &completed, &v.CreatedBy, &v.CreatedAt, &v.Sharing.Mode, &v.Sharing.PartnerCode,
		&v.Sharing.PartnerRef, &partnerValidators, &partnerOn)
	if err != nil {
		return v, err
	}
	v.ScheduledFor, v.CreatedAt, v.CompletedAt = v.ScheduledFor.UTC(), v.CreatedAt.UTC(), timeOf(completed)
	v.Sharing.PartnerValidatedOn = timeOf(partnerOn)
	for _, p := range []struct {
		s string
		v any
	}{{sites, &v.Sites}, {validators, &v.Validators}, {items, &v.Items}, {partnerValidators, &v.Sharing.PartnerValidators}} {
		if err := json.Unmarshal([]byte(p.s), p.v); err != nil {
			return v, err
		}
	}
	return v, nil
}

// SaveValidation inserts or updates a site validation.
func (tx *Tx) SaveValidation(v *program.Validation) error {
	if v.ID == "" {
		v.ID = NewID()
	}
	sites, _ := marshal(v.Sites)
	validators, _ := marshal(v.Validators)
	items, err := marshal(v.Items)
	if err != nil {
		return err
	}
	partnerValidators, _ := marshal(v.Sharing.PartnerValidators)
	if v.Sharing.PartnerValidators == nil {
		partnerValidators = "[]"
	}
	mode := v.Sharing.Mode
	if mode == "" {
		mode = program.ModeOwn
	}
	// The mode and the partner are set when the validation is scheduled and
	// never change after.
	_, err = tx.exec(`INSERT INTO validations (`+validationColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET state = excluded.state, scheduled_for = excluded.scheduled_for, sites = excluded.sites,
		validators = excluded.validators, items = excluded.items, result = excluded.result, summary = excluded.summary,
		completed_by = excluded.completed_by, completed_at = excluded.completed_at`,
		v.ID, v.OrgID, v.ApplicationID, v.State, v.ScheduledFor.UTC(), sites, validators, items, v.Result, v.Summary,
		v.CompletedBy, nullTime(v.CompletedAt), v.CreatedBy, v.CreatedAt.UTC(), mode, v.Sharing.PartnerCode,
		v.Sharing.PartnerRef, partnerValidators, nullTime(v.Sharing.PartnerValidatedOn))
	if err != nil {
		return fmt.Errorf("save validation: %w", err)
	}
	return nil
}

// Validations lists an application's validations, oldest first.
func (tx *Tx) Validations(applicationID string) ([]program.Validation, error) {
	return tx.validations(`application_id = ? ORDER BY created_at, id`, applicationID)
}

// Validation loads one validation of an organization ("" for any).
func (tx *Tx) Validation(orgID, id string) (program.Validation, error) {
	return byID(tx.validations, orgID, id, "validation")
}

// ValidationsBetween lists scheduled and completed validations in a period,
// for the calendar.
func (tx *Tx) ValidationsBetween(from, to time.Time) ([]program.Validation, error) {
	return tx.validations(`scheduled_for >= ? AND scheduled_for < ? AND state <> ? ORDER BY scheduled_for, id`,
		from.UTC(), to.UTC(), program.ValCancelled)
}

func (tx *Tx) validations(cond string, args ...any) ([]program.Validation, error) {
	rows, err := tx.query(`SELECT `+validationColumns+` FROM validations WHERE `+cond, args...)
	if err != nil {
		return nil, fmt.Errorf("validations: %w", err)
	}
	defer rows.Close()
	var out []program.Validation
	for rows.Next() {
		v, err := scanValidation(rows.Scan)
		if err != nil {
			return nil, fmt.Errorf("validations: %w", err)
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
