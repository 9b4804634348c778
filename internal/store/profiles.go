package store

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"trustlane/internal/catalog"
)

// ProfileRecord is a Security Profile's header: the catalog version it is
// answered against and a revision bumped on every save.
type ProfileRecord struct {
	OrgID          string
	CatalogVersion string
	Revision       int64
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// Answer is one stored answer with who gave it and when.
type Answer struct {
	Key       catalog.Key
	Value     catalog.Value
	UpdatedAt time.Time
	UpdatedBy string
}

// Profile loads a profile's header; NotFound if the company has not saved
// anything yet.
func (tx *Tx) Profile(orgID string) (ProfileRecord, error) {
	var p ProfileRecord
	err := tx.queryRow(`SELECT org_id, catalog_version, revision, created_at, updated_at FROM profiles WHERE org_id = ?`, orgID).
		Scan(&p.OrgID, &p.CatalogVersion, &p.Revision, &p.CreatedAt, &p.UpdatedAt)
	p.CreatedAt, p.UpdatedAt = p.CreatedAt.UTC(), p.UpdatedAt.UTC()
	return p, notFound(err, "profile")
}

// TouchProfile creates the profile at version if it does not exist, bumps
// its revision and returns it. On PostgreSQL the upsert locks the row, so
// two saves of one profile queue.
func (tx *Tx) TouchProfile(orgID, version string) (ProfileRecord, error) {
	p := ProfileRecord{OrgID: orgID}
	err := tx.queryRow(`INSERT INTO profiles (org_id, catalog_version, revision, created_at, updated_at) VALUES (?, ?, 1, ?, ?)
		ON CONFLICT (org_id) DO UPDATE SET revision = profiles.revision + 1, updated_at = ?
		RETURNING catalog_version, revision, created_at, updated_at`, orgID, version, tx.now, tx.now, tx.now).
		Scan(&p.CatalogVersion, &p.Revision, &p.CreatedAt, &p.UpdatedAt)
	if err != nil {
		return p, fmt.Errorf("touch profile: %w", tx.db.wrap(err))
	}
	p.CreatedAt, p.UpdatedAt = p.CreatedAt.UTC(), p.UpdatedAt.UTC()
	return p, nil
}

// Answers loads every answer of a profile.
func (tx *Tx) Answers(orgID string) ([]Answer, error) {
	rows, err := tx.query(`SELECT part, question_id, value, updated_at, updated_by FROM profile_answers WHERE org_id = ?`, orgID)
	if err != nil {
		return nil, fmt.Errorf("answers: %w", err)
	}
	defer rows.Close()
	var out []Answer
	for rows.Next() {
		var a Answer
		var raw string
		if err := rows.Scan(&a.Key.Part, &a.Key.Question, &raw, &a.UpdatedAt, &a.UpdatedBy); err != nil {
			return nil, fmt.Errorf("answers: %w", err)
		}
		if err := json.Unmarshal([]byte(raw), &a.Value); err != nil {
			return nil, fmt.Errorf("answers: %s: %w", a.Key, err)
		}
		a.UpdatedAt = a.UpdatedAt.UTC()
		out = append(out, a)
	}
	return out, rows.Err()
}

// PutAnswer stores an answer, or removes it when the value is empty.
func (tx *Tx) PutAnswer(orgID string, k catalog.Key, v catalog.Value, by string) error {
	if v.Empty() {
		_, err := tx.exec(`DELETE FROM profile_answers WHERE org_id = ? AND part = ? AND question_id = ?`, orgID, k.Part, k.Question)
		return err
	}
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	_, err = tx.exec(`INSERT INTO profile_answers (org_id, part, question_id, value, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (org_id, part, question_id) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
		orgID, k.Part, k.Question, string(b), tx.now, by)
	if err != nil {
		return fmt.Errorf("put answer %s: %w", k, err)
	}
	return nil
}

// EvidenceFile is a stored document or picture, without its content.
type EvidenceFile struct {
	ID          string
	OrgID       string
	Key         catalog.Key
	Filename    string
	ContentType string
	Size        int64
	SHA256      string
	UploadedAt  time.Time
	UploadedBy  string
	// RemovedAt is set when the company removed the file from its profile;
	// the content stays for the snapshots that name it.
	RemovedAt time.Time
}

const evidenceColumns = `id, org_id, part, question_id, filename, content_type, size, sha256, uploaded_at, uploaded_by, removed_at`

func scanEvidence(scan func(...any) error, extra ...any) (EvidenceFile, error) {
	var e EvidenceFile
	var removed sql.NullTime
	err := scan(append([]any{&e.ID, &e.OrgID, &e.Key.Part, &e.Key.Question, &e.Filename, &e.ContentType, &e.Size,
		&e.SHA256, &e.UploadedAt, &e.UploadedBy, &removed}, extra...)...)
	e.UploadedAt, e.RemovedAt = e.UploadedAt.UTC(), timeOf(removed)
	return e, err
}

// InsertEvidence stores a sealed file.
func (tx *Tx) InsertEvidence(e *EvidenceFile, sealed []byte) error {
	if e.ID == "" {
		e.ID = NewID()
	}
	e.UploadedAt = tx.now
	if _, err := tx.exec(`INSERT INTO evidence (`+evidenceColumns+`, sealed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.ID, e.OrgID, e.Key.Part, e.Key.Question, e.Filename, e.ContentType, e.Size, e.SHA256, e.UploadedAt, e.UploadedBy, nil, sealed); err != nil {
		return fmt.Errorf("insert evidence: %w", err)
	}
	return nil
}

// EvidenceList lists a profile's files, oldest first.
func (tx *Tx) EvidenceList(orgID string) ([]EvidenceFile, error) {
	rows, err := tx.query(`SELECT `+evidenceColumns+` FROM evidence WHERE org_id = ? AND removed_at IS NULL ORDER BY uploaded_at, id`, orgID)
	if err != nil {
		return nil, fmt.Errorf("evidence: %w", err)
	}
	defer rows.Close()
	var out []EvidenceFile
	for rows.Next() {
		e, err := scanEvidence(rows.Scan)
		if err != nil {
			return nil, fmt.Errorf("evidence: %w", err)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

// Evidence loads one file of an organization with its sealed content,
// including a file removed from the profile (snapshots under review still
// name it: removing evidence hides it, never destroys it).
func (tx *Tx) Evidence(orgID, id string) (EvidenceFile, []byte, error) {
	var sealed []byte
	e, err := scanEvidence(tx.queryRow(`SELECT `+evidenceColumns+`, sealed FROM evidence WHERE org_id = ? AND id = ?`, orgID, id).Scan, &sealed)
	if errors.Is(err, sql.ErrNoRows) {
		return e, nil, notFound(err, "evidence")
	}
	return e, sealed, err
}

// EvidenceMeta loads one file's description without its content.
func (tx *Tx) EvidenceMeta(orgID, id string) (EvidenceFile, error) {
	e, err := scanEvidence(tx.queryRow(`SELECT `+evidenceColumns+` FROM evidence WHERE org_id = ? AND id = ? AND removed_at IS NULL`, orgID, id).Scan)
	return e, notFound(err, "evidence")
}

// DeleteEvidence removes one file from an organization's profile. The row
// and its content stay, marked removed, for the snapshots that name it.
func (tx *Tx) DeleteEvidence(orgID, id string) error {
	res, err := tx.exec(`UPDATE evidence SET removed_at = ? WHERE org_id = ? AND id = ? AND removed_at IS NULL`, tx.now, orgID, id)
	if err != nil {
		return fmt.Errorf("delete evidence: %w", err)
	}
	return affected(res, "evidence")
}

// CountEvidence counts the files of one answer.
func (tx *Tx) CountEvidence(orgID string, k catalog.Key) (int, error) {
	var n int
	err := tx.queryRow(`SELECT COUNT(*) FROM evidence WHERE org_id = ? AND part = ? AND question_id = ? AND removed_at IS NULL`, orgID, k.Part, k.Question).Scan(&n)
	return n, err
}
