package office

import (
	"context"

	"trustlane/internal/auth"
	"trustlane/internal/program"
	"trustlane/internal/store"
)

// AddMemberForDemo creates a person's account and adds them to an
// organization in one step, as accepting an invitation would. Only the demo
// seeder uses it; the actor must be allowed to invite with that role.
func (o *Office) AddMemberForDemo(ctx context.Context, a auth.Actor, orgID, name, email, password string, role auth.Role) error {
	return o.update(ctx, func(tx *store.Tx) error {
		by, err := authorizeOrg(tx, a, orgID, auth.MembersInvite)
		if err != nil {
			return err
		}
		if err := program.CheckInvite(by, role); err != nil {
			return err
		}
		u, err := o.newUser(name, "", email, password, "")
		if err != nil {
			return err
		}
		if err := tx.InsertUser(&u); err != nil {
			return err
		}
		if err := tx.AddMember(orgID, u.ID, role); err != nil {
			return err
		}
		return tx.Audit(a, store.Event{OrgID: orgID, SubjectType: "membership", SubjectID: u.ID,
			Action: "member.added", Data: map[string]string{"email": u.Email, "role": string(role), "via": "demo"}})
	})
}

// EnrolTOTPForDemo turns on a known second-factor secret for a
// demonstration staff account, so reviewers can sign in with a printed
// secret.
func (o *Office) EnrolTOTPForDemo(ctx context.Context, userID, secret string) error {
	return o.update(ctx, func(tx *store.Tx) error {
		u, err := tx.User(userID)
		if err != nil {
			return err
		}
		u.TOTPSecret, u.TOTPEnabled = o.box.Seal(secret, u.ID), true
		if err := tx.UpdateUser(&u); err != nil {
			return err
		}
		return tx.Audit(auth.System, store.Event{SubjectType: "user", SubjectID: u.ID, Action: "user.totp_enabled", Data: map[string]string{"via": "demo"}})
	})
}
