package office

import (
	"context"
	"strings"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/program"
	"trustlane/internal/store"
)

// Members lists an organization's people.
func (o *Office) Members(ctx context.Context, a auth.Actor, orgID string) ([]program.Member, error) {
	var ms []program.Member
	err := o.view(ctx, func(tx *store.Tx) error {
		if _, err := authorizeOrg(tx, a, orgID, auth.MembersView); err != nil {
			return err
		}
		var err error
		ms, err = tx.Members(orgID)
		return err
	})
	return ms, err
}

// SetMemberRole changes another member's role.
func (o *Office) SetMemberRole(ctx context.Context, a auth.Actor, orgID, userID string, role auth.Role) error {
	return o.update(ctx, func(tx *store.Tx) error {
		by, err := authorizeOrg(tx, a, orgID, auth.MembersSetRole)
		if err != nil {
			return err
		}
		target, err := tx.Member(orgID, userID)
		if err != nil {
			return err
		}
		if err := program.CheckSetRole(by, a.UserID, target, role); err != nil {
			return err
		}
		if target.Role == role {
			return nil
		}
		if err := tx.SetMemberRole(orgID, userID, role); err != nil {
			return err
		}
		return tx.Audit(a, store.Event{OrgID: orgID, SubjectType: "membership", SubjectID: userID,
			Action: "member.role_changed", Data: map[string]string{"email": target.Email, "from": string(target.Role), "to": string(role)}})
	})
}

// RemoveMember ends someone's membership (or the actor's own: leaving).
func (o *Office) RemoveMember(ctx context.Context, a auth.Actor, orgID, userID string) error {
	return o.update(ctx, func(tx *store.Tx) error {
		action := auth.MembersRemove
		if userID == a.UserID {
			action = auth.MembersView // leaving needs only to belong
		}
		by, err := authorizeOrg(tx, a, orgID, action)
		if err != nil {
			return err
		}
		target, err := tx.Member(orgID, userID)
		if err != nil {
			return err
		}
		if err := program.CheckRemove(by, a.UserID, target); err != nil {
			return err
		}
		if err := tx.RemoveMember(orgID, userID); err != nil {
			return err
		}
		return tx.Audit(a, store.Event{OrgID: orgID, SubjectType: "membership", SubjectID: userID,
			Action: "member.removed", Data: map[string]string{"email": target.Email, "role": string(target.Role)}})
	})
}

// TransferOwnership makes another member the account owner. The owner or a
// proxy owner may do it; the former owner keeps formerRole.
func (o *Office) TransferOwnership(ctx context.Context, a auth.Actor, orgID, toUserID string, formerRole auth.Role) error {
	return o.update(ctx, func(tx *store.Tx) error {
		if err := tx.LockOrg(orgID); err != nil && !errs.Is(err, errs.NotFound) {
			return err
		}
		by, err := authorizeOrg(tx, a, orgID, auth.OwnershipTransfer)
		if err != nil {
			return err
		}
		return o.transfer(tx, a, orgID, by, toUserID, formerRole, "")
	})
}

// ReassignOwnership lets a program manager or administrator name a new
// account owner among the members when the company cannot (the owner left
// and there is no proxy), on the company's verified request, with a reason
// that goes in the audit trail.
func (o *Office) ReassignOwnership(ctx context.Context, a auth.Actor, orgID, toUserID string, formerRole auth.Role, reason string) error {
	if err := authorizeStaff(a, auth.OwnershipReassign); err != nil {
		return err
	}
	if err := checkReason(reason); err != nil {
		return err
	}
	reason = strings.TrimSpace(reason)
	return o.update(ctx, func(tx *store.Tx) error {
		if err := tx.LockOrg(orgID); err != nil {
			return err
		}
		// Staff act with the authority of an owner for this one change.
		return o.transfer(tx, a, orgID, auth.AccountOwner, toUserID, formerRole, reason)
	})
}

func (o *Office) transfer(tx *store.Tx, a auth.Actor, orgID string, by auth.Role, toUserID string, formerRole auth.Role, reason string) error {
	ms, err := tx.Members(orgID)
	if err != nil {
		return err
	}
	t, err := program.PlanTransfer(ms, by, toUserID, formerRole)
	if err != nil {
		return err
	}
	// Demote first: the database allows one owner per organization.
	if t.From != "" {
		if err := tx.SetMemberRole(orgID, t.From, t.FormerOwnerRole); err != nil {
			return err
		}
	}
	if err := tx.SetMemberRole(orgID, t.To, auth.AccountOwner); err != nil {
		return err
	}
	data := map[string]string{"from": t.From, "to": t.To, "former_owner_role": string(t.FormerOwnerRole)}
	if reason != "" {
		data["reason"] = reason
	}
	return tx.Audit(a, store.Event{OrgID: orgID, SubjectType: "membership", SubjectID: t.To,
		Action: "ownership.transferred", Data: data})
}
