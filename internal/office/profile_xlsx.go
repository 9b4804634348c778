package office

import (
	"context"
	"fmt"

	"trustlane/internal/auth"
	"trustlane/internal/catalog"
	"trustlane/internal/document"
	"trustlane/internal/errs"
	"trustlane/internal/store"
)

// ImportResult tells what an uploaded profile workbook changed.
type ImportResult struct {
	Changed   int           // answers that differ from what was stored
	Questions []catalog.Key // those answers, by part then question ID
	Revision  int64         // the profile's revision after the import
}

// ExportProfileXLSX returns a company's Security Profile as a workbook it
// can fill in offline, in lang. Anyone who may view the profile may take it
// away: it holds nothing the profile pages do not show.
func (o *Office) ExportProfileXLSX(ctx context.Context, a auth.Actor, orgID, lang string) (b []byte, err error) {
	defer errs.Op(&err, "export profile xlsx %s", orgID)
	p, err := o.Profile(ctx, a, orgID)
	if err != nil {
		return nil, err
	}
	in := p.Input()
	return document.ProfileXLSX(p.Version, p.Sectors(), in.Answers, in.Evidence, lang)
}

// ImportProfileXLSX applies an uploaded profile workbook. It is all or
// nothing: if any row is wrong, nothing changes and the error carries one
// field error per row (field "sheet!row!question"); otherwise every part's answers
// are stored in one transaction, with one audit event listing what changed.
// The workbook is parsed before the write transaction begins, so a large
// upload does not hold the writer while it is read; the transaction then
// checks every answer again against the profile as it is at that moment.
func (o *Office) ImportProfileXLSX(ctx context.Context, a auth.Actor, orgID string, data []byte, lang string) (res ImportResult, err error) {
	defer errs.Op(&err, "import profile xlsx %s", orgID)
	var version *catalog.Version
	var sectors []string
	err = o.view(ctx, func(tx *store.Tx) error {
		p, err := o.editableProfile(tx, a, orgID)
		if err == nil {
			version, sectors = p.Version, p.Sectors()
		}
		return err
	})
	if err != nil {
		return res, err
	}
	answers, rowErrs, err := document.ParseProfileXLSX(version, sectors, data, lang)
	if err != nil {
		return res, err
	}
	if len(rowErrs) > 0 {
		return res, rowErrors(rowErrs)
	}
	err = o.update(ctx, func(tx *store.Tx) error {
		p, err := o.editableProfile(tx, a, orgID)
		if err != nil {
			return err
		}
		if p.Version.ID != version.ID {
			return errs.E(errs.Conflict, "error.sheet.version", "the profile moved to another catalog version during the import")
		}
		keys, err := storeAnswers(tx, a, p, answers)
		if err != nil || len(keys) == 0 {
			return err
		}
		res = ImportResult{Changed: len(keys), Questions: keys, Revision: p.Record.Revision}
		names := make([]string, len(keys))
		for i, k := range keys {
			names[i] = k.String()
		}
		return tx.Audit(a, store.Event{OrgID: orgID, SubjectType: "profile", SubjectID: orgID, Action: "profile.imported",
			Data: map[string]any{"questions": names, "revision": p.Record.Revision}})
	})
	if err != nil {
		return ImportResult{}, err
	}
	return res, nil
}

// editableProfile authorizes an edit of the profile and loads it.
func (o *Office) editableProfile(tx *store.Tx, a auth.Actor, orgID string) (*ProfileView, error) {
	if _, err := authorizeOrg(tx, a, orgID, auth.ProfileEdit); err != nil {
		return nil, err
	}
	return o.loadProfile(tx, orgID)
}

// rowErrors turns a workbook's row errors into one Invalid error with a
// field error per row, which the portal and the API already know how to
// show. The message is in the uploader's language, as the parser wrote it.
func rowErrors(rows []document.RowError) error {
	fields := make([]errs.FieldError, len(rows))
	for i, r := range rows {
		fields[i] = errs.F(fmt.Sprintf("%s!%d!%s", r.Sheet, r.Row, r.Question), r.Key, r.Message)
	}
	return errs.Fields(fields...)
}
