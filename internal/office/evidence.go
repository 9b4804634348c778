package office

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"slices"

	"trustlane/internal/auth"
	"trustlane/internal/catalog"
	"trustlane/internal/errs"
	"trustlane/internal/store"
	"trustlane/internal/upload"
)

// MaxFilesPerAnswer bounds the evidence attached to one answer.
const MaxFilesPerAnswer = 10

// UploadEvidence attaches a document or picture to an answer. The content
// decides the type (a renamed program is refused), the file is sealed with
// the evidence key before it reaches the database, and its SHA-256 is kept
// so what an officer reviews is provably what was sent.
func (o *Office) UploadEvidence(ctx context.Context, a auth.Actor, orgID, part, questionID, filename string, data []byte) (store.EvidenceFile, error) {
	var f store.EvidenceFile
	sum := sha256.Sum256(data)
	err := o.update(ctx, func(tx *store.Tx) error {
		// Who may upload is decided before what is uploaded: another
		// company's ID answers 404 whatever the file.
		if _, err := authorizeOrg(tx, a, orgID, auth.ProfileEdit); err != nil {
			return err
		}
		ctype, name, err := upload.Check(filename, data)
		if err != nil {
			return err
		}
		// Only what this upload needs is read (not the whole profile): a
		// company uploads dozens of files in a row.
		org, err := tx.Org(orgID)
		if err != nil {
			return err
		}
		if part != catalog.GenericPart && !slices.Contains(sectorStrings(org.Sectors), part) {
			return errs.Fields(errs.F("part", "error.answer.unknown_part", "the company does not have this part"))
		}
		version := o.catalogVersion
		if rec, err := tx.Profile(orgID); err == nil {
			version = rec.CatalogVersion
		} else if !errs.Is(err, errs.NotFound) {
			return err
		}
		v, err := o.catalog.Version(version)
		if err != nil {
			return err
		}
		q, ok := v.Question(questionID)
		if !ok || !questionIn(q, part) {
			return errs.Fields(errs.F("question_id", "error.answer.unknown_question", "unknown question "+questionID))
		}
		if q.Evidence == catalog.EvidenceNone && q.Type != catalog.File {
			return errs.Fields(errs.F("question_id", "error.upload.no_evidence", "this question takes no evidence"))
		}
		k := catalog.Key{Part: part, Question: questionID}
		if n, err := tx.CountEvidence(orgID, k); err != nil || n >= MaxFilesPerAnswer {
			if err != nil {
				return err
			}
			return errs.Fields(errs.F("file", "error.upload.too_many", "this answer already has 10 files"))
		}
		f = store.EvidenceFile{ID: store.NewID(), OrgID: orgID, Key: k, Filename: name, ContentType: ctype,
			Size: int64(len(data)), SHA256: hex.EncodeToString(sum[:]), UploadedBy: a.UserID}
		if err := tx.InsertEvidence(&f, o.evBox.SealBytes(data, f.ID)); err != nil {
			return err
		}
		if _, err := tx.TouchProfile(orgID, v.ID); err != nil {
			return err
		}
		tx.Changed(store.Change{Kind: "profile", ID: orgID, OrgID: orgID})
		return tx.Audit(a, store.Event{OrgID: orgID, SubjectType: "evidence", SubjectID: f.ID, Action: "profile.evidence_added",
			Data: map[string]any{"part": part, "question": questionID, "filename": name, "sha256": f.SHA256, "size": f.Size}})
	})
	return f, err
}

// EvidenceContent returns a file of the profile and its content, checked
// against the hash recorded at upload. A file the company removed is gone
// from its profile (only a snapshot under review still shows it).
func (o *Office) EvidenceContent(ctx context.Context, a auth.Actor, orgID, id string) (store.EvidenceFile, []byte, error) {
	f, data, err := o.evidenceContent(ctx, a, orgID, id)
	if err == nil && !f.RemovedAt.IsZero() {
		return store.EvidenceFile{}, nil, errNotFound
	}
	return f, data, err
}

func (o *Office) evidenceContent(ctx context.Context, a auth.Actor, orgID, id string) (store.EvidenceFile, []byte, error) {
	var f store.EvidenceFile
	var sealed []byte
	err := o.view(ctx, func(tx *store.Tx) error {
		if _, err := authorizeOrg(tx, a, orgID, auth.ProfileView); err != nil {
			return err
		}
		var err error
		f, sealed, err = tx.Evidence(orgID, id)
		return err
	})
	if err != nil {
		return f, nil, err
	}
	data, err := o.evBox.OpenBytes(sealed, f.ID)
	if err != nil {
		return f, nil, errs.Wrap(errs.Internal, err, "error.upload.damaged", "evidence does not open")
	}
	if sum := sha256.Sum256(data); hex.EncodeToString(sum[:]) != f.SHA256 {
		return f, nil, errs.E(errs.Internal, "error.upload.damaged", "evidence does not match its hash")
	}
	return f, data, nil
}

// DeleteEvidence removes a file from an answer.
func (o *Office) DeleteEvidence(ctx context.Context, a auth.Actor, orgID, id string) error {
	return o.update(ctx, func(tx *store.Tx) error {
		if _, err := authorizeOrg(tx, a, orgID, auth.ProfileEdit); err != nil {
			return err
		}
		f, err := tx.EvidenceMeta(orgID, id)
		if err != nil {
			return err
		}
		if err := tx.DeleteEvidence(orgID, id); err != nil {
			return err
		}
		rec, err := tx.Profile(orgID)
		if err != nil {
			return err
		}
		if _, err := tx.TouchProfile(orgID, rec.CatalogVersion); err != nil {
			return err
		}
		tx.Changed(store.Change{Kind: "profile", ID: orgID, OrgID: orgID})
		return tx.Audit(a, store.Event{OrgID: orgID, SubjectType: "evidence", SubjectID: id, Action: "profile.evidence_removed",
			Data: map[string]any{"part": f.Key.Part, "question": f.Key.Question, "filename": f.Filename, "sha256": f.SHA256}})
	})
}
