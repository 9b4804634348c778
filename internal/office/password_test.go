package office_test

import (
	"slices"
	"testing"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/store"
)

const newPassword = "a brand new passphrase"

func TestPasswordReset(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		u := e.addUser(t, "")
		s1, _ := e.off.SignIn(ctx, u.Email, password, client(1))
		s2, _ := e.off.SignIn(ctx, u.Email, password, client(2))

		wantCode(t, e.off.RequestPasswordReset(ctx, "nobody@example.com", client(3)), "", "reset an unknown e-mail")
		if jobs := e.mails(t); len(jobs) != 0 {
			t.Fatalf("mail for an unknown e-mail: %+v", jobs)
		}
		wantCode(t, e.off.RequestPasswordReset(ctx, " "+u.Email+" ", client(3)), "", "reset")
		jobs := e.mails(t)
		secret := linkSecret(t, jobs, u.Email, "/password/reset/")
		if jobs[0].Template != "password_reset" || jobs[0].Lang != "en" {
			t.Errorf("mail = %+v", jobs[0])
		}
		if !e.off.ValidResetLink(ctx, secret) || e.off.ValidResetLink(ctx, secret+"x") {
			t.Fatal("ValidResetLink does not tell the link from another")
		}

		err := e.off.ResetPassword(ctx, secret, "short")
		wantField(t, err, "password", "error.password_short")
		if !e.off.ValidResetLink(ctx, secret) {
			t.Fatal("a refused new password spent the link")
		}
		wantCode(t, e.off.ResetPassword(ctx, secret, newPassword), "", "reset with the link")
		wantCode(t, e.off.ResetPassword(ctx, secret, newPassword+"!"), errs.NotFound, "reset with the link again")
		if e.off.ValidResetLink(ctx, secret) {
			t.Error("a used link is still valid")
		}
		for _, s := range []string{s1.Secret, s2.Secret} {
			_, err := e.off.Session(ctx, s)
			wantCode(t, err, errs.Unauthorized, "a session from before the reset")
		}
		_, err = e.off.SignIn(ctx, u.Email, password, client(4))
		wantCode(t, err, errs.Unauthorized, "the old password")
		_, err = e.off.SignIn(ctx, u.Email, newPassword, client(4))
		wantCode(t, err, "", "the new password")
		var acts []string
		for _, ev := range e.events(t, store.ProgramChain) {
			acts = append(acts, ev.Action)
		}
		if !slices.Contains(acts, "user.password_reset_requested") || !slices.Contains(acts, "user.password_reset") {
			t.Errorf("program chain = %v", acts)
		}
	})
}

func TestPasswordResetLinkExpiresAndIsRateLimited(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		u := e.addUser(t, "")
		for range 4 {
			wantCode(t, e.off.RequestPasswordReset(ctx, u.Email, client(1)), "", "request a reset")
		}
		jobs := e.mails(t)
		if len(jobs) != 3 {
			t.Fatalf("%d mails for 4 requests in an hour, want 3", len(jobs))
		}
		secret := linkSecret(t, jobs[:1], u.Email, "/password/reset/")
		e.clock.Advance(time.Hour)
		wantCode(t, e.off.ResetPassword(ctx, secret, newPassword), errs.NotFound, "an expired link")
		wantCode(t, e.off.RequestPasswordReset(ctx, u.Email, client(1)), "", "request a reset an hour later")
		if jobs := e.mails(t); len(jobs) != 1 {
			t.Fatalf("%d mails an hour later, want 1", len(jobs))
		}
	})
}

func TestPasswordResetLiftsALockout(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		u := e.addUser(t, "")
		for n := range auth.MaxFailedLogins {
			_, _ = e.off.SignIn(ctx, u.Email, "wrong password", client(n))
		}
		_, err := e.off.SignIn(ctx, u.Email, password, client(9))
		wantCode(t, err, errs.TooMany, "premise: the account is locked")
		wantCode(t, e.off.RequestPasswordReset(ctx, u.Email, client(9)), "", "request a reset")
		secret := linkSecret(t, e.mails(t), u.Email, "/password/reset/")
		wantCode(t, e.off.ResetPassword(ctx, secret, newPassword), "", "reset")
		_, err = e.off.SignIn(ctx, u.Email, newPassword, client(9))
		wantCode(t, err, "", "sign in after the reset")
	})
}

func TestChangePasswordEndsOtherSessions(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		u := e.addUser(t, "")
		mine, _ := e.off.SignIn(ctx, u.Email, password, client(1))
		other, _ := e.off.SignIn(ctx, u.Email, password, client(2))
		err := e.off.ChangePassword(ctx, u.Actor(), mine.Secret, "not my password", newPassword)
		wantField(t, err, "current_password", "error.current_password")
		wantCode(t, e.off.ChangePassword(ctx, u.Actor(), mine.Secret, password, newPassword), "", "change password")
		if _, err := e.off.Session(ctx, mine.Secret); err != nil {
			t.Errorf("the session that changed the password ended: %v", err)
		}
		_, err = e.off.Session(ctx, other.Secret)
		wantCode(t, err, errs.Unauthorized, "another session after a password change")
	})
}
