package office

import (
	"context"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/store"
)

// recoveryCodeCount is how many one-time recovery codes a person gets.
const recoveryCodeCount = 10

// TOTPSetup is a pending second factor for the person to add to their app.
type TOTPSetup struct {
	Secret string
	URL    string
}

// BeginTOTP starts (or restarts) enrolment: a new secret is stored sealed
// but not enabled until ConfirmTOTP proves the app produces its codes. A
// person who already has a second factor must turn it off first.
func (o *Office) BeginTOTP(ctx context.Context, a auth.Actor) (TOTPSetup, error) {
	var setup TOTPSetup
	err := o.update(ctx, func(tx *store.Tx) error {
		u, err := tx.User(a.UserID)
		if err != nil {
			return err
		}
		if u.TOTPEnabled {
			return errs.E(errs.Conflict, "error.totp_already", "two-step verification is already on")
		}
		k, err := auth.NewTOTPKey(o.issuer, u.Email)
		if err != nil {
			return err
		}
		u.TOTPSecret = o.box.Seal(k.Secret, u.ID)
		setup = TOTPSetup{Secret: k.Secret, URL: k.URL}
		return tx.UpdateUser(&u)
	})
	return setup, err
}

// PendingTOTP returns the enrolment in progress, so the setup page can show
// the same QR code again after a wrong code.
func (o *Office) PendingTOTP(ctx context.Context, a auth.Actor) (TOTPSetup, error) {
	var setup TOTPSetup
	err := o.view(ctx, func(tx *store.Tx) error {
		u, err := tx.User(a.UserID)
		if err != nil {
			return err
		}
		if u.TOTPEnabled || u.TOTPSecret == "" {
			return errs.E(errs.NotFound, "error.not_found", "no enrolment in progress")
		}
		s, err := o.box.Open(u.TOTPSecret, u.ID)
		if err != nil {
			return err
		}
		setup = TOTPSetup{Secret: s, URL: auth.TOTPURL(o.issuer, u.Email, s)}
		return nil
	})
	return setup, err
}

// ConfirmTOTP turns the second factor on once code matches the pending
// secret, and returns fresh recovery codes to show once.
func (o *Office) ConfirmTOTP(ctx context.Context, a auth.Actor, code string) ([]string, error) {
	var codes []string
	var failure error
	err := o.update(ctx, func(tx *store.Tx) error {
		u, err := tx.User(a.UserID)
		if err != nil {
			return err
		}
		if u.TOTPEnabled || u.TOTPSecret == "" {
			return errs.E(errs.Conflict, "error.totp_not_pending", "start the set-up again")
		}
		secret, err := o.box.Open(u.TOTPSecret, u.ID)
		if err != nil {
			return err
		}
		step, ok := auth.CheckTOTP(secret, code, tx.Now())
		if !ok {
			failure = errs.Fields(errs.F("code", "error.code_wrong", "the code is not right; enter the current code from your app"))
			return nil
		}
		u.TOTPEnabled, u.TOTPLastStep = true, step
		if err := tx.UpdateUser(&u); err != nil {
			return err
		}
		if codes, err = newRecoveryCodes(tx, u.ID); err != nil {
			return err
		}
		return tx.Audit(a, store.Event{SubjectType: "user", SubjectID: u.ID, Action: "user.totp_enabled"})
	})
	if err != nil {
		return nil, err
	}
	return codes, failure
}

func newRecoveryCodes(tx *store.Tx, userID string) ([]string, error) {
	codes := auth.NewRecoveryCodes(recoveryCodeCount)
	hashes := make([]string, len(codes))
	for i, c := range codes {
		hashes[i] = auth.HashSecret(c)
	}
	return codes, tx.ReplaceRecoveryCodes(userID, hashes)
}

// RegenerateRecoveryCodes replaces a person's recovery codes.
func (o *Office) RegenerateRecoveryCodes(ctx context.Context, a auth.Actor) ([]string, error) {
	var codes []string
	err := o.update(ctx, func(tx *store.Tx) error {
		u, err := tx.User(a.UserID)
		if err != nil {
			return err
		}
		if !u.TOTPEnabled {
			return errs.E(errs.Conflict, "error.totp_off", "turn on two-step verification first")
		}
		if codes, err = newRecoveryCodes(tx, u.ID); err != nil {
			return err
		}
		return tx.Audit(a, store.Event{SubjectType: "user", SubjectID: u.ID, Action: "user.recovery_codes_renewed"})
	})
	return codes, err
}

// DisableTOTP turns the second factor off after checking the password.
// Staff cannot: the program requires it of them.
func (o *Office) DisableTOTP(ctx context.Context, a auth.Actor, password string) error {
	var failure error
	err := o.update(ctx, func(tx *store.Tx) error {
		u, err := tx.User(a.UserID)
		if err != nil {
			return err
		}
		if u.Staff.IsStaff() {
			return errs.E(errs.Forbidden, "error.totp_required_staff", "staff accounts must keep two-step verification")
		}
		if failure = checkCurrentPassword(tx, u, password, "password"); failure != nil {
			return nil
		}
		u.TOTPEnabled, u.TOTPSecret, u.TOTPLastStep = false, "", 0
		if err := tx.UpdateUser(&u); err != nil {
			return err
		}
		if err := tx.ReplaceRecoveryCodes(u.ID, nil); err != nil {
			return err
		}
		return tx.Audit(a, store.Event{SubjectType: "user", SubjectID: u.ID, Action: "user.totp_disabled"})
	})
	if err != nil {
		return err
	}
	return failure
}

// Account is what the account settings page shows.
type Account struct {
	User         auth.User
	RecoveryLeft int
	TOTPPending  bool
}

// Account loads the signed-in person's settings.
func (o *Office) Account(ctx context.Context, a auth.Actor) (Account, error) {
	var acc Account
	err := o.view(ctx, func(tx *store.Tx) error {
		var err error
		if acc.User, err = tx.User(a.UserID); err != nil {
			return err
		}
		acc.TOTPPending = !acc.User.TOTPEnabled && acc.User.TOTPSecret != ""
		acc.RecoveryLeft, err = tx.RecoveryCodesLeft(a.UserID)
		return err
	})
	return acc, err
}
