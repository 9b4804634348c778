package office

import (
	"context"

	"trustlane/internal/auth"
	"trustlane/internal/program"
	"trustlane/internal/store"
)

// Org returns one organization the actor may see.
func (o *Office) Org(ctx context.Context, a auth.Actor, orgID string) (program.Organization, auth.Role, error) {
	var org program.Organization
	var role auth.Role
	err := o.view(ctx, func(tx *store.Tx) error {
		var err error
		if role, err = authorizeOrg(tx, a, orgID, auth.OrgView); err != nil {
			return err
		}
		org, err = tx.Org(orgID)
		return err
	})
	return org, role, err
}

// UpdateOrg replaces an organization's details.
func (o *Office) UpdateOrg(ctx context.Context, a auth.Actor, orgID string, in program.OrgInput) (program.Organization, error) {
	org, err := program.NewOrganization(in)
	if err != nil {
		return org, err
	}
	err = o.update(ctx, func(tx *store.Tx) error {
		if _, err := authorizeOrg(tx, a, orgID, auth.OrgEdit); err != nil {
			return err
		}
		old, err := tx.Org(orgID)
		if err != nil {
			return err
		}
		org.ID, org.CreatedAt = old.ID, old.CreatedAt
		if err := tx.UpdateOrg(&org); err != nil {
			return err
		}
		tx.Changed(store.Change{Kind: "organization", ID: org.ID, OrgID: org.ID})
		return tx.Audit(a, store.Event{OrgID: orgID, SubjectType: "organization", SubjectID: orgID,
			Action: "organization.updated", Data: map[string]any{"before": orgAuditData(old), "after": orgAuditData(org)}})
	})
	return org, err
}

// MyOrg is an organization with the actor's role in it.
type MyOrg struct {
	Org  program.Organization
	Role auth.Role
}

// MyOrgs lists the organizations the actor belongs to.
func (o *Office) MyOrgs(ctx context.Context, a auth.Actor) ([]MyOrg, error) {
	var out []MyOrg
	err := o.view(ctx, func(tx *store.Tx) error {
		ms, orgs, err := tx.OrgsOfUser(a.UserID)
		for i := range orgs {
			if a.OrgID == "" || a.OrgID == orgs[i].ID {
				out = append(out, MyOrg{Org: orgs[i], Role: ms[i].Role})
			}
		}
		return err
	})
	return out, err
}

// SearchOrgs lists organizations for staff.
func (o *Office) SearchOrgs(ctx context.Context, a auth.Actor, q store.OrgQuery) (store.OrgPage, error) {
	if err := authorizeStaff(a, auth.OrgsSearch); err != nil {
		return store.OrgPage{}, err
	}
	var page store.OrgPage
	err := o.view(ctx, func(tx *store.Tx) error {
		var err error
		page, err = tx.SearchOrgs(q)
		return err
	})
	return page, err
}

// OrgEvents returns an organization's audit trail, newest first.
func (o *Office) OrgEvents(ctx context.Context, a auth.Actor, orgID string, before int64, limit int) ([]store.AuditEvent, error) {
	var evs []store.AuditEvent
	err := o.view(ctx, func(tx *store.Tx) error {
		if _, err := authorizeOrg(tx, a, orgID, auth.AuditView); err != nil {
			return err
		}
		var err error
		evs, err = tx.OrgEvents(orgID, before, min(max(limit, 1), 200))
		return err
	})
	return evs, err
}

// VerifyAudit walks every audit chain (staff only).
func (o *Office) VerifyAudit(ctx context.Context, a auth.Actor) (store.VerifyReport, error) {
	if err := authorizeStaff(a, auth.AuditVerify); err != nil {
		return store.VerifyReport{}, err
	}
	return o.db.VerifyAudit(ctx)
}
