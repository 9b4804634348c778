package office

import (
	"context"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/program"
	"trustlane/internal/store"
)

// Invite asks a person to join an organization and mails them a link. Staff
// with the ownership-reassign permission may invite a new account owner, for
// a company whose owner left with no one to hand over to.
func (o *Office) Invite(ctx context.Context, a auth.Actor, orgID, email string, role auth.Role) (program.Invitation, error) {
	e, err := program.NormalizeEmail(email)
	if err != nil {
		return program.Invitation{}, err
	}
	var inv program.Invitation
	err = o.update(ctx, func(tx *store.Tx) error {
		if role == auth.AccountOwner && a.IsStaff() {
			if err := authorizeStaff(a, auth.OwnershipReassign); err != nil {
				return err
			}
			if err := tx.OrgExists(orgID); err != nil {
				return err
			}
		} else {
			by, err := authorizeOrg(tx, a, orgID, auth.MembersInvite)
			if err != nil {
				return err
			}
			if err := program.CheckInvite(by, role); err != nil {
				return err
			}
		}
		if u, err := tx.UserByEmail(e); err == nil {
			if _, err := tx.Member(orgID, u.ID); err == nil {
				return errs.Fields(errs.F("email", "error.already_member", "that person is already a member"))
			}
		}
		org, err := tx.Org(orgID)
		if err != nil {
			return err
		}
		secret := auth.NewSecret("tli")
		inv = program.Invitation{OrgID: orgID, Email: e, Role: role, InvitedBy: a.UserID,
			ExpiresAt: tx.Now().Add(program.InvitationTTL)}
		if err := tx.InsertInvitation(&inv, auth.HashSecret(secret)); err != nil {
			return err
		}
		if err := tx.Audit(a, store.Event{OrgID: orgID, SubjectType: "invitation", SubjectID: inv.ID,
			Action: "member.invited", Data: map[string]string{"email": e, "role": string(role)}}); err != nil {
			return err
		}
		return mail(tx, "invitation", org.Lang, e, map[string]string{
			"Org": org.LegalName, "Inviter": a.Name, "Role": string(role),
			"Link": o.link("/invitations/" + secret), "Days": "14",
		})
	})
	return inv, err
}

// Invitations lists an organization's invitations.
func (o *Office) Invitations(ctx context.Context, a auth.Actor, orgID string) ([]program.Invitation, error) {
	var out []program.Invitation
	err := o.view(ctx, func(tx *store.Tx) error {
		if _, err := authorizeOrg(tx, a, orgID, auth.MembersView); err != nil {
			return err
		}
		var err error
		out, err = tx.Invitations(orgID)
		return err
	})
	return out, err
}

// RevokeInvitation withdraws a pending invitation.
func (o *Office) RevokeInvitation(ctx context.Context, a auth.Actor, orgID, id string) error {
	return o.update(ctx, func(tx *store.Tx) error {
		if _, err := authorizeOrg(tx, a, orgID, auth.MembersInvite); err != nil {
			return err
		}
		inv, err := tx.Invitation(orgID, id)
		if err != nil {
			return err
		}
		if inv.State(tx.Now()) != program.InvitationPending {
			return errs.E(errs.Conflict, "error.invitation_not_pending", "only a pending invitation can be withdrawn")
		}
		if err := tx.RevokeInvitation(orgID, id); err != nil {
			return err
		}
		return tx.Audit(a, store.Event{OrgID: orgID, SubjectType: "invitation", SubjectID: id,
			Action: "member.invitation_revoked", Data: map[string]string{"email": inv.Email}})
	})
}

// InvitationView is what the invitation page shows before acceptance.
type InvitationView struct {
	Invitation program.Invitation
	OrgName    string
	State      program.InvitationState
	HasAccount bool
}

// InvitationByLink describes the invitation behind a link.
func (o *Office) InvitationByLink(ctx context.Context, secret string) (InvitationView, error) {
	var v InvitationView
	err := o.view(ctx, func(tx *store.Tx) error {
		inv, err := tx.InvitationByToken(auth.HashSecret(secret))
		if err != nil {
			return err
		}
		org, err := tx.Org(inv.OrgID)
		if err != nil {
			return err
		}
		_, uerr := tx.UserByEmail(inv.Email)
		v = InvitationView{Invitation: inv, OrgName: org.LegalName, State: inv.State(tx.Now()), HasAccount: uerr == nil}
		return nil
	})
	return v, err
}

// AcceptInvitation adds the signed-in person to the organization.
func (o *Office) AcceptInvitation(ctx context.Context, a auth.Actor, secret string) (string, error) {
	var orgID string
	err := o.update(ctx, func(tx *store.Tx) error {
		u, err := tx.User(a.UserID)
		if err != nil {
			return err
		}
		orgID, err = o.accept(tx, u, secret)
		return err
	})
	return orgID, err
}

// AcceptInvitationNewAccount creates the invited person's account and adds
// them; the link proves they own the e-mail address.
func (o *Office) AcceptInvitationNewAccount(ctx context.Context, secret, name, title, password, lang string) (auth.User, string, error) {
	var orgID string
	var u auth.User
	err := o.update(ctx, func(tx *store.Tx) error {
		inv, err := tx.InvitationByToken(auth.HashSecret(secret))
		if err != nil {
			return err
		}
		if u, err = o.newUser(name, title, inv.Email, password, lang); err != nil {
			return err
		}
		if err := tx.InsertUser(&u); err != nil {
			return err
		}
		orgID, err = o.accept(tx, u, secret)
		return err
	})
	return u, orgID, err
}

func (o *Office) accept(tx *store.Tx, u auth.User, secret string) (string, error) {
	inv, err := tx.InvitationByToken(auth.HashSecret(secret))
	if err != nil {
		return "", err
	}
	if err := inv.CheckAccept(u.Email, tx.Now()); err != nil {
		return "", err
	}
	if u.Staff.IsStaff() {
		return "", errs.E(errs.Conflict, "error.staff_not_member", "staff accounts cannot join a company")
	}
	if _, err := tx.Member(inv.OrgID, u.ID); err == nil {
		return "", errs.E(errs.Conflict, "error.already_member", "you are already a member of this company")
	}
	if err := tx.AcceptInvitation(inv.ID, u.ID); err != nil {
		return "", err
	}
	role := inv.Role
	if role == auth.AccountOwner {
		role = auth.FullAccess // joins first, then ownership moves to them
	}
	if err := tx.AddMember(inv.OrgID, u.ID, role); err != nil {
		return "", err
	}
	if err := tx.Audit(u.Actor(), store.Event{OrgID: inv.OrgID, SubjectType: "membership", SubjectID: u.ID,
		Action: "member.added", Data: map[string]string{"email": u.Email, "role": string(role), "invitation": inv.ID}}); err != nil {
		return "", err
	}
	if inv.Role == auth.AccountOwner {
		return inv.OrgID, o.transfer(tx, u.Actor(), inv.OrgID, auth.AccountOwner, u.ID, auth.FullAccess,
			"invitation "+inv.ID+" by program staff")
	}
	return inv.OrgID, nil
}
