package office

import (
	"context"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/store"
)

// StaffInput describes a new staff account.
type StaffInput struct {
	Name, Email, Password, Lang string
	Role                        auth.Role
}

// CreateStaff adds a program employee. An administrator may do it; so may
// the operator at the command line (auth.System), which is how the first
// administrator of a new installation is made.
func (o *Office) CreateStaff(ctx context.Context, a auth.Actor, in StaffInput) (auth.User, error) {
	if a.UserID != auth.System.UserID {
		if err := authorizeStaff(a, auth.StaffManage); err != nil {
			return auth.User{}, err
		}
	}
	u, err := o.newUser(in.Name, "", in.Email, in.Password, in.Lang)
	if !in.Role.IsStaff() {
		err = joinFieldErrors(err, errs.Fields(errs.F("role", "error.choose_option", "choose a staff role")))
	}
	if err != nil {
		return u, err
	}
	u.Staff = in.Role
	err = o.update(ctx, func(tx *store.Tx) error {
		if err := tx.InsertUser(&u); err != nil {
			return fieldConflict(err, "email")
		}
		return tx.Audit(a, store.Event{SubjectType: "user", SubjectID: u.ID, Action: "staff.created",
			Data: map[string]string{"email": u.Email, "role": string(u.Staff)}})
	})
	return u, err
}

// StaffUsers lists program staff, a directory every staff member may read.
func (o *Office) StaffUsers(ctx context.Context, a auth.Actor) ([]auth.User, error) {
	return o.staffList(ctx, a, auth.OrgsSearch)
}

func (o *Office) staffList(ctx context.Context, a auth.Actor, action auth.Action) ([]auth.User, error) {
	if err := authorizeStaff(a, action); err != nil {
		return nil, err
	}
	var out []auth.User
	err := o.view(ctx, func(tx *store.Tx) error {
		var err error
		out, err = tx.StaffUsers()
		return err
	})
	return out, err
}

// ResetPasswordByOperator sets a password from the command line (the
// operator has the database), for a locked-out administrator.
func (o *Office) ResetPasswordByOperator(ctx context.Context, email, password string) error {
	return o.update(ctx, func(tx *store.Tx) error {
		u, err := tx.UserByEmail(email)
		if err != nil {
			return err
		}
		if err := o.setPassword(tx, &u, password); err != nil {
			return err
		}
		if err := tx.DeleteUserSessions(u.ID, ""); err != nil {
			return err
		}
		return tx.Audit(auth.System, store.Event{SubjectType: "user", SubjectID: u.ID, Action: "user.password_reset_by_operator"})
	})
}
