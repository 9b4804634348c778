package office

import (
	"context"

	"trustlane/internal/auth"
	"trustlane/internal/fast"
	"trustlane/internal/store"
)

// FastStanding is an organization's FAST approvals in both directions and
// whether it may be approved into Canada now.
type FastStanding struct {
	OrgID    string
	IntoCA   fast.Approval
	IntoUS   fast.Approval
	Eligible bool // an active membership as an importer or a highway carrier
}

func loadFastStanding(tx *store.Tx, orgID string) (FastStanding, error) {
	s := FastStanding{OrgID: orgID}
	var err error
	if s.IntoCA, err = tx.FastApproval(orgID, fast.IntoCA); err != nil {
		return s, err
	}
	if s.IntoUS, err = tx.FastApproval(orgID, fast.IntoUS); err != nil {
		return s, err
	}
	s.Eligible, err = tx.HasActiveMembership(orgID, fast.EligibleSectors())
	return s, err
}

// FastStanding shows an organization's FAST approvals to staff.
func (o *Office) FastStanding(ctx context.Context, a auth.Actor, orgID string) (FastStanding, error) {
	var s FastStanding
	err := o.view(ctx, func(tx *store.Tx) (err error) {
		// A company sees no FAST standing, and another company's ID
		// answers NotFound as everywhere else.
		if !a.IsStaff() {
			if _, err := authorizeOrg(tx, a, orgID, auth.BorderLookup); err != nil {
				return err
			}
		}
		if err := authorizeFastRead(a); err != nil {
			return err
		}
		if err := tx.OrgExists(orgID); err != nil {
			return err
		}
		s, err = loadFastStanding(tx, orgID)
		return err
	})
	return s, err
}

// GrantFastApproval approves an organization for FAST into Canada. Only an
// organization with an active membership as an importer or a highway
// carrier qualifies (facts §5: carriers and importers authorized under PIP).
func (o *Office) GrantFastApproval(ctx context.Context, a auth.Actor, orgID string) (FastStanding, error) {
	return o.changeFastApproval(ctx, a, orgID, true)
}

// RevokeFastApproval ends an organization's FAST approval into Canada.
func (o *Office) RevokeFastApproval(ctx context.Context, a auth.Actor, orgID string) (FastStanding, error) {
	return o.changeFastApproval(ctx, a, orgID, false)
}

func (o *Office) changeFastApproval(ctx context.Context, a auth.Actor, orgID string, grant bool) (FastStanding, error) {
	var s FastStanding
	err := o.update(ctx, func(tx *store.Tx) (err error) {
		if _, err := authorizeOrg(tx, a, orgID, auth.FastManage); err != nil {
			return err
		}
		if s, err = loadFastStanding(tx, orgID); err != nil {
			return err
		}
		action := "fast.approval_revoked"
		if grant {
			action = "fast.approval_granted"
			s.IntoCA, err = fast.Grant(orgID, fast.IntoCA, s.Eligible, s.IntoCA, a.UserID, tx.Now())
		} else {
			s.IntoCA, err = s.IntoCA.Revoke(tx.Now())
		}
		if err != nil {
			return err
		}
		if err := tx.SaveFastApproval(s.IntoCA); err != nil {
			return err
		}
		tx.Changed(store.Change{Kind: "fast_approval", ID: orgID, OrgID: orgID})
		return tx.Audit(a, store.Event{OrgID: orgID, SubjectType: "fast_approval", SubjectID: orgID, Action: action,
			Data: map[string]any{"direction": fast.IntoCA}})
	})
	return s, err
}
