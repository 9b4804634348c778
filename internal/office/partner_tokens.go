package office

import (
	"context"

	"trustlane/internal/auth"
	"trustlane/internal/partner"
	"trustlane/internal/store"
)

// TokenPartners lists the registry's programs an administrator may bind a
// program token to, so the tokens page offers exactly what CreateToken
// accepts (any program of the registry, whatever its status).
func (o *Office) TokenPartners(ctx context.Context, a auth.Actor) ([]partner.Program, error) {
	if err := authorizeStaff(a, auth.SystemTokens); err != nil {
		return nil, err
	}
	var out []partner.Program
	err := o.view(ctx, func(tx *store.Tx) (err error) {
		out, err = tx.PartnerPrograms()
		return err
	})
	return out, err
}
