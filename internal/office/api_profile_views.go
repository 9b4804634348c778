package office

import (
	"context"

	"trustlane/internal/auth"
	"trustlane/internal/store"
)

// Read models of the Security Profile for the JSON API: the evidence
// metadata without the profile's assessment or the files' sealed content.

// DefaultCatalogVersion is the catalog version new profiles are answered
// against, so clients can tell which version a new profile will use.
func (o *Office) DefaultCatalogVersion() string { return o.catalogVersion }

// EvidenceFiles lists an organization's evidence files, oldest first,
// without their content.
func (o *Office) EvidenceFiles(ctx context.Context, a auth.Actor, orgID string) ([]store.EvidenceFile, error) {
	var out []store.EvidenceFile
	err := o.view(ctx, func(tx *store.Tx) error {
		if _, err := authorizeOrg(tx, a, orgID, auth.ProfileView); err != nil {
			return err
		}
		var err error
		out, err = tx.EvidenceList(orgID)
		return err
	})
	return out, err
}

// EvidenceFile returns one evidence file's metadata. Another organization's
// file is not found, like a file that does not exist.
func (o *Office) EvidenceFile(ctx context.Context, a auth.Actor, orgID, id string) (store.EvidenceFile, error) {
	var f store.EvidenceFile
	err := o.view(ctx, func(tx *store.Tx) error {
		if _, err := authorizeOrg(tx, a, orgID, auth.ProfileView); err != nil {
			return err
		}
		var err error
		f, err = tx.EvidenceMeta(orgID, id)
		return err
	})
	return f, err
}
