package office_test

import (
	"strings"
	"testing"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/office"
)

// enrol turns on a user's second factor and returns its secret and the
// recovery codes; the clock then moves to the next TOTP step.
func enrol(t *testing.T, e *env, u auth.User) (string, []string) {
	t.Helper()
	setup, err := e.off.BeginTOTP(ctx, u.Actor())
	if err != nil {
		t.Fatal(err)
	}
	_, err = e.off.ConfirmTOTP(ctx, u.Actor(), "000000")
	wantField(t, err, "code", "error.code_wrong")
	codes, err := e.off.ConfirmTOTP(ctx, u.Actor(), totpCode(t, e, setup.Secret))
	if err != nil || len(codes) != 10 {
		t.Fatalf("confirm: %v, %d codes", err, len(codes))
	}
	e.clock.Advance(30 * time.Second)
	return setup.Secret, codes
}

func totpCode(t *testing.T, e *env, secret string) string {
	t.Helper()
	c, err := auth.TOTPCode(secret, e.clock.Now())
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// pending signs in with the password and checks a second factor is asked.
func pending(t *testing.T, e *env, u auth.User) string {
	t.Helper()
	res, err := e.off.SignIn(ctx, u.Email, password, client(1))
	if err != nil || !res.MFAPending {
		t.Fatalf("sign in = %+v, %v; want a pending session", res, err)
	}
	st, err := e.off.Session(ctx, res.Secret)
	if err != nil || !st.MFAPending || st.Actor.MFA {
		t.Fatalf("pending session = %+v, %v", st, err)
	}
	return res.Secret
}

func TestSecondFactor(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		u := e.addUser(t, "")
		secret, codes := enrol(t, e, u)
		s := pending(t, e, u)
		_, err := e.off.VerifySecondFactor(ctx, s, "123456")
		wantCode(t, err, errs.Unauthorized, "a wrong code")
		code := totpCode(t, e, secret)
		if got, err := e.off.VerifySecondFactor(ctx, s, code); err != nil || got.ID != u.ID {
			t.Fatalf("the current code: %+v, %v", got, err)
		}
		if st, err := e.off.Session(ctx, s); err != nil || st.MFAPending || !st.Actor.MFA {
			t.Fatalf("completed session = %+v, %v", st, err)
		}

		s2 := pending(t, e, u)
		_, err = e.off.VerifySecondFactor(ctx, s2, code)
		wantCode(t, err, errs.Unauthorized, "the same code again")
		rc := strings.ToUpper(strings.ReplaceAll(codes[3], "-", " "))
		if _, err := e.off.VerifySecondFactor(ctx, s2, rc); err != nil {
			t.Fatalf("a recovery code typed in capitals with a space: %v", err)
		}
		s3 := pending(t, e, u)
		_, err = e.off.VerifySecondFactor(ctx, s3, codes[3])
		wantCode(t, err, errs.Unauthorized, "a spent recovery code")
		if acc, err := e.off.Account(ctx, u.Actor()); err != nil || acc.RecoveryLeft != 9 {
			t.Fatalf("recovery codes left = %d, %v", acc.RecoveryLeft, err)
		}
		e.clock.Advance(30 * time.Second)
		if _, err := e.off.VerifySecondFactor(ctx, s3, totpCode(t, e, secret)); err != nil {
			t.Fatalf("next step's code: %v", err)
		}
		var used int
		for _, ev := range e.events(t, "program") {
			if ev.Action == "user.recovery_code_used" {
				used++
			}
		}
		if used != 1 {
			t.Errorf("%d user.recovery_code_used events, want 1", used)
		}
	})
}

func TestTooManyWrongCodesEndTheSession(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		u := e.addUser(t, "")
		secret, _ := enrol(t, e, u)
		s := pending(t, e, u)
		for n := 1; n < 5; n++ {
			_, err := e.off.VerifySecondFactor(ctx, s, "000000")
			wantCode(t, err, errs.Unauthorized, "a wrong code")
		}
		_, err := e.off.VerifySecondFactor(ctx, s, "000000")
		wantCode(t, err, errs.TooMany, "the fifth wrong code")
		_, err = e.off.VerifySecondFactor(ctx, s, totpCode(t, e, secret))
		wantCode(t, err, errs.Unauthorized, "the right code on an ended session")
		_, err = e.off.Session(ctx, s)
		wantCode(t, err, errs.Unauthorized, "the ended session")
	})
}

func TestSecondFactorGuessesAreLimitedAcrossSessions(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		u := e.addUser(t, "")
		secret, _ := enrol(t, e, u)
		s := pending(t, e, u)
		for range 5 {
			_, _ = e.off.VerifySecondFactor(ctx, s, "000000")
		}
		// Someone who holds the password signs in again and keeps guessing;
		// a guess in the same window must be refused, whatever it is.
		s = pending(t, e, u)
		_, err := e.off.VerifySecondFactor(ctx, s, totpCode(t, e, secret))
		wantCode(t, err, errs.TooMany, "a guess within the window after five wrong codes")
	})
}

func TestSessionsEndWhenIdleOrSignedOut(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		u := e.addUser(t, "")
		res, err := e.off.SignIn(ctx, u.Email, password, office.Client{Address: "192.0.2.9", UserAgent: strings.Repeat("x", 1000)})
		if err != nil {
			t.Fatal(err)
		}
		// Activity keeps a session alive; idleness ends it.
		for range 3 {
			e.clock.Advance(auth.IdleTimeout - time.Minute)
			if _, err := e.off.Session(ctx, res.Secret); err != nil {
				t.Fatalf("active session after %v: %v", e.clock.Now(), err)
			}
		}
		e.clock.Advance(auth.IdleTimeout)
		_, err = e.off.Session(ctx, res.Secret)
		wantCode(t, err, errs.Unauthorized, "an idle session")

		res, _ = e.off.SignIn(ctx, u.Email, password, client(1))
		other, _ := e.off.SignIn(ctx, u.Email, password, client(2))
		wantCode(t, e.off.SignOut(ctx, res.Secret), "", "sign out")
		_, err = e.off.Session(ctx, res.Secret)
		wantCode(t, err, errs.Unauthorized, "a signed-out session")
		if _, err := e.off.Session(ctx, other.Secret); err != nil {
			t.Errorf("signing out ended another session: %v", err)
		}
		wantCode(t, e.off.SignOut(ctx, res.Secret), "", "sign out twice")
		_, err = e.off.Session(ctx, "tls_nonsense")
		wantCode(t, err, errs.Unauthorized, "an unknown session")
	})
}

func TestPendingSessionExpires(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		u := e.addUser(t, "")
		secret, _ := enrol(t, e, u)
		s := pending(t, e, u)
		e.clock.Advance(auth.PendingTimeout)
		_, err := e.off.VerifySecondFactor(ctx, s, totpCode(t, e, secret))
		wantCode(t, err, errs.Unauthorized, "a code after the pending timeout")
	})
}
