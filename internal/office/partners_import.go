package office

import (
	"context"
	"crypto/sha256"
	"encoding/hex"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/partner"
	"trustlane/internal/store"
)

// errImportRows is the error of an import refused for its rows; the
// report returned with it lists every row to fix.
var errImportRows = errs.Fields(errs.F("file", "error.partner_data.rows", "some rows of the file need correcting; nothing was imported"))

// ImportPartnerMembers applies a partner administration's member list to
// the registry's program code. Every row is checked first: if any is
// wrong, nothing changes and the report says which rows to fix (the error
// is Invalid). Otherwise the list is applied in one transaction with one
// audit event. Managers and administrators may import; so may the
// operator at the command line (auth.System).
func (o *Office) ImportPartnerMembers(ctx context.Context, a auth.Actor, code, filename string, body []byte, mode partner.Mode) (partner.ImportReport, error) {
	code = partnerCode(code)
	rep := partner.ImportReport{Mode: mode}
	if a.UserID != auth.System.UserID {
		if err := authorizeStaff(a, auth.PartnersImport); err != nil {
			return rep, err
		}
	}
	if mode, ok := partner.ParseMode(string(mode)); ok {
		rep.Mode = mode
	} else {
		return rep, errs.Fields(errs.F("mode", "error.partner_data.mode", "choose a full or a partial import"))
	}
	if len(body) > partner.MaxImportSize {
		return rep, errs.Fields(errs.F("file", "error.partner_import.file_too_large", "the file is larger than 20 MB"))
	}
	var p partner.Program
	if err := o.view(ctx, func(tx *store.Tx) (err error) { p, err = tx.PartnerProgram(code); return }); err != nil {
		return rep, err
	}
	sum := sha256.Sum256(body)
	rows, parsed := partner.ParseMembers(p, filename, body)
	parsed.Mode, parsed.SHA256 = rep.Mode, hex.EncodeToString(sum[:])
	rep = parsed
	if !rep.OK() {
		return rep, errImportRows
	}
	imp := store.PartnerImport{PartnerCode: p.Code, Filename: filename, Format: rep.Format, Mode: rep.Mode, SHA256: rep.SHA256,
		ImportedBy: a.UserID}
	err := o.update(ctx, func(tx *store.Tx) error {
		if err := tx.ImportPartnerMembers(&imp, rows); err != nil {
			return err
		}
		tx.Changed(store.Change{Kind: "partner_members", ID: p.Code})
		// Declarations waiting for an officer get candidates from the new
		// list at once (proposals only: nothing is linked).
		rematched, err := rematch(tx, p.Code)
		if err != nil {
			return err
		}
		return tx.Audit(a, store.Event{SubjectType: "partner_program", SubjectID: p.Code, Action: "partner.import",
			Data: map[string]any{"import_id": imp.ID, "filename": filename, "format": imp.Format, "mode": imp.Mode, "sha256": imp.SHA256,
				"rows": imp.RowsTotal, "added": imp.Added, "changed": imp.Changed, "unchanged": imp.Unchanged, "removed": imp.Removed,
				"links_rematched": rematched}})
	})
	if err != nil {
		return rep, err
	}
	rep.ImportID, rep.Added, rep.Changed, rep.Unchanged, rep.Removed = imp.ID, imp.Added, imp.Changed, imp.Unchanged, imp.Removed
	return rep, nil
}
