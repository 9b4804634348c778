package office_test

import (
	"fmt"
	"testing"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/office"
	"trustlane/internal/store"
)

func client(n int) office.Client {
	return office.Client{Address: fmt.Sprintf("198.51.100.%d", n), UserAgent: "test"}
}

func TestSignIn(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		u := e.addUser(t, "")
		res, err := e.off.SignIn(ctx, " "+u.Email+" ", password, client(1))
		if err != nil || res.MFAPending || res.Secret == "" || res.User.ID != u.ID {
			t.Fatalf("sign in = %+v, %v", res, err)
		}
		st, err := e.off.Session(ctx, res.Secret)
		if err != nil || st.Actor.UserID != u.ID || st.MFAPending || st.Actor.MFA {
			t.Fatalf("session = %+v, %v", st, err)
		}
		var stored auth.User
		e.update(t, func(tx *store.Tx) (err error) { stored, err = tx.User(u.ID); return })
		if !stored.LastSignIn.Equal(e.clock.Now()) {
			t.Errorf("last sign-in = %v", stored.LastSignIn)
		}
		evs := e.events(t, store.ProgramChain)
		if n := len(evs); n != 1 || evs[0].Action != "user.signed_in" || evs[0].SubjectID != u.ID {
			t.Errorf("program chain = %+v", evs)
		}

		_, wrong := e.off.SignIn(ctx, u.Email, "not the password at all", client(1))
		_, unknown := e.off.SignIn(ctx, "nobody@example.com", password, client(1))
		wantCode(t, wrong, errs.Unauthorized, "wrong password")
		if wrong.Error() != unknown.Error() || errs.CodeOf(unknown) != errs.Unauthorized {
			t.Errorf("wrong password says %q, unknown e-mail %q: they must not differ", wrong, unknown)
		}
	})
}

func TestSignInLockout(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		u := e.addUser(t, "")
		fail := func(n int) {
			t.Helper()
			_, err := e.off.SignIn(ctx, u.Email, "wrong password "+fmt.Sprint(n), client(n))
			wantCode(t, err, errs.Unauthorized, fmt.Sprintf("failure %d", n))
		}
		// One failure, then the rest ten minutes later, from other addresses:
		// the lock runs from the last failure, whatever the address.
		fail(1)
		e.clock.Advance(10 * time.Minute)
		for n := 2; n <= auth.MaxFailedLogins; n++ {
			fail(n)
		}
		lockedAt := e.clock.Now()
		right := func(what string, want errs.Code) {
			t.Helper()
			_, err := e.off.SignIn(ctx, u.Email, password, client(99))
			wantCode(t, err, want, what)
		}
		right("right password at once", errs.TooMany)
		e.clock.Advance(5 * time.Minute) // the e-mail's throttle window has passed; the lock has not
		right("right password after 15 minutes from the first failure", errs.TooMany)
		e.clock.Advance(auth.LockoutPeriod - 5*time.Minute - time.Second)
		right("right password a second before the end", errs.TooMany)
		e.clock.Advance(time.Second)
		right("right password when the lock ends", "")
		if !e.clock.Now().Equal(lockedAt.Add(auth.LockoutPeriod)) {
			t.Fatal("test arithmetic")
		}

		var locks int
		for _, ev := range e.events(t, store.ProgramChain) {
			if ev.Action == "user.locked" {
				locks++
				if ev.SubjectID != u.ID || ev.ActorID != "system" {
					t.Errorf("lock event = %+v", ev)
				}
			}
		}
		if locks != 1 {
			t.Errorf("%d user.locked events, want 1", locks)
		}
		var stored auth.User
		e.update(t, func(tx *store.Tx) (err error) { stored, err = tx.User(u.ID); return })
		if stored.FailedLogins != 0 || !stored.LockedUntil.IsZero() {
			t.Errorf("after sign-in: failed logins %d, locked until %v", stored.FailedLogins, stored.LockedUntil)
		}
	})
}

func TestSignInThrottlesAnAddress(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		u := e.addUser(t, "")
		const perAddress = 20 // failures an address may make in 15 minutes
		for n := range perAddress {
			_, err := e.off.SignIn(ctx, fmt.Sprintf("guess%d@example.com", n), password, client(7))
			wantCode(t, err, errs.Unauthorized, "a guess")
		}
		_, err := e.off.SignIn(ctx, u.Email, password, client(7))
		wantCode(t, err, errs.TooMany, "right password from the throttled address")
		_, err = e.off.SignIn(ctx, u.Email, password, client(8))
		wantCode(t, err, "", "right password from another address")
		e.clock.Advance(15 * time.Minute)
		_, err = e.off.SignIn(ctx, u.Email, password, client(7))
		wantCode(t, err, "", "right password from the address after the window")
	})
}

func TestDisabledUserCannotSignInOrKeepASession(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		u := e.addUser(t, "")
		res, err := e.off.SignIn(ctx, u.Email, password, client(1))
		if err != nil {
			t.Fatal(err)
		}
		e.update(t, func(tx *store.Tx) error {
			u, err := tx.User(u.ID)
			if err != nil {
				return err
			}
			u.Disabled = e.clock.Now()
			return tx.UpdateUser(&u)
		})
		_, err = e.off.SignIn(ctx, u.Email, password, client(1))
		wantCode(t, err, errs.Unauthorized, "a disabled user signs in")
		_, err = e.off.Session(ctx, res.Secret)
		wantCode(t, err, errs.Unauthorized, "a disabled user's session")
	})
}
