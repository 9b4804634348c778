package office

import (
	"context"
	"strings"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/store"
)

// Password reset links live an hour, and a mailbox gets at most a few an
// hour, so the form cannot be used to flood someone.
const (
	resetTTL          = time.Hour
	maxResetsPerHour  = 3
	maxResetsPerAddr  = 10
	resetThrottleSpan = time.Hour
)

// ChangePassword replaces the signed-in person's password after checking the
// current one, and ends their other sessions.
func (o *Office) ChangePassword(ctx context.Context, a auth.Actor, sessionSecret, current, next string) error {
	var failure error
	err := o.update(ctx, func(tx *store.Tx) error {
		u, err := tx.User(a.UserID)
		if err != nil {
			return err
		}
		if failure = checkCurrentPassword(tx, u, current, "current_password"); failure != nil {
			return nil
		}
		if err := o.setPassword(tx, &u, next); err != nil {
			return err
		}
		if err := tx.DeleteUserSessions(u.ID, auth.HashSecret(sessionSecret)); err != nil {
			return err
		}
		return tx.Audit(a, store.Event{SubjectType: "user", SubjectID: u.ID, Action: "user.password_changed"})
	})
	if err != nil {
		return err
	}
	return failure
}

// checkCurrentPassword guards changes made from inside a session: wrong
// guesses count per account, so a borrowed session cannot be used to find the
// password by trial.
func checkCurrentPassword(tx *store.Tx, u auth.User, pw, field string) error {
	key := "pw:" + u.ID
	if n, err := tx.Hits(key, throttleWindow); err != nil || n >= auth.MaxFailedLogins {
		if err != nil {
			return err
		}
		return errThrottled
	}
	if auth.VerifyPassword(pw, u.PasswordHash) == nil {
		return nil
	}
	if _, err := tx.Hit(key, throttleWindow); err != nil {
		return err
	}
	return errs.Fields(errs.F(field, "error.current_password", "the current password is not right"))
}

func (o *Office) setPassword(tx *store.Tx, u *auth.User, pw string) error {
	if key := auth.CheckPasswordPolicy(pw, u.Email); key != "" {
		return errs.Fields(errs.F("password", key, "choose a password of at least 12 characters"))
	}
	h, err := auth.HashPassword(pw, o.argon)
	if err != nil {
		return err
	}
	u.PasswordHash, u.FailedLogins, u.LockedUntil = h, 0, time.Time{}
	return tx.UpdateUser(u)
}

// RequestPasswordReset mails a reset link if an account has that e-mail.
// It answers the same whether or not one does.
func (o *Office) RequestPasswordReset(ctx context.Context, email string, c Client) error {
	email = strings.ToLower(strings.TrimSpace(email))
	if email == "" {
		return errs.Fields(errs.F("email", "error.email", "enter an e-mail address such as name@example.com"))
	}
	return o.update(ctx, func(tx *store.Tx) error {
		n, err := tx.Hit("reset:addr:"+c.Address, resetThrottleSpan)
		if err != nil {
			return err
		}
		if n > maxResetsPerAddr {
			return errThrottled
		}
		u, err := tx.UserByEmail(email)
		if errs.Is(err, errs.NotFound) || (err == nil && !u.Disabled.IsZero()) {
			return nil
		}
		if err != nil {
			return err
		}
		recent, err := tx.RecentPasswordResets(u.ID, tx.Now().Add(-resetThrottleSpan))
		if err != nil || recent >= maxResetsPerHour {
			return err
		}
		secret := auth.NewSecret("tlr")
		if err := tx.InsertPasswordReset(u.ID, auth.HashSecret(secret), tx.Now().Add(resetTTL)); err != nil {
			return err
		}
		if err := tx.Audit(auth.System, store.Event{SubjectType: "user", SubjectID: u.ID, Action: "user.password_reset_requested"}); err != nil {
			return err
		}
		return mail(tx, "password_reset", u.Lang, u.Email, map[string]string{
			"Name": u.Name, "Link": o.link("/password/reset/" + secret), "Minutes": "60",
		})
	})
}

// ResetPassword sets a new password from a reset link, ends every session
// of the account and lifts a lockout.
func (o *Office) ResetPassword(ctx context.Context, secret, next string) error {
	return o.update(ctx, func(tx *store.Tx) error {
		userID, err := tx.UsePasswordReset(auth.HashSecret(secret))
		if errs.Is(err, errs.NotFound) {
			return errs.E(errs.NotFound, "error.reset_link", "this link has expired or was already used; ask for a new one")
		}
		if err != nil {
			return err
		}
		u, err := tx.User(userID)
		if err != nil {
			return err
		}
		if err := o.setPassword(tx, &u, next); err != nil {
			return err
		}
		if err := tx.ResetHits("signin:email:" + u.Email); err != nil {
			return err
		}
		if err := tx.DeleteUserSessions(u.ID, ""); err != nil {
			return err
		}
		return tx.Audit(u.Actor(), store.Event{SubjectType: "user", SubjectID: u.ID, Action: "user.password_reset"})
	})
}

// ValidResetLink reports whether a reset link can still be used, so the page
// can say so before the person types a new password.
func (o *Office) ValidResetLink(ctx context.Context, secret string) bool {
	ok := false
	_ = o.view(ctx, func(tx *store.Tx) error {
		ok = tx.PasswordResetUsable(auth.HashSecret(secret))
		return nil
	})
	return ok
}
