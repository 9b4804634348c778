package office_test

import (
	"testing"
	"time"

	"trustlane/internal/errs"
	"trustlane/internal/office"
)

func TestAccountsExpireAfterAReminder(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		in := signUpInput()
		_, u, err := e.off.SignUp(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.off.SignIn(ctx, in.Email, password, office.Client{Address: "10.0.0.1"}); err != nil {
			t.Fatal(err)
		}
		mailsBefore := len(e.mails(t))
		e.clock.Advance(705 * 24 * time.Hour) // inside the last month of two years
		if r, x, err := e.off.SweepInactiveAccounts(ctx); err != nil || r != 1 || x != 0 {
			t.Fatalf("first sweep: reminded %d, expired %d, %v", r, x, err)
		}
		if r, _, _ := e.off.SweepInactiveAccounts(ctx); r != 0 {
			t.Error("the same person was reminded twice")
		}
		mails := e.mails(t)
		if len(mails) != mailsBefore+1 || mails[len(mails)-1].Template != "inactivity" || mails[len(mails)-1].To != u.Email {
			t.Fatalf("reminder mail: %+v", mails[mailsBefore:])
		}
		e.clock.Advance(30 * 24 * time.Hour) // past two years
		if _, x, err := e.off.SweepInactiveAccounts(ctx); err != nil || x != 1 {
			t.Fatalf("expiry sweep: expired %d, %v", x, err)
		}
		if _, err := e.off.SignIn(ctx, in.Email, password, office.Client{Address: "10.0.0.1"}); !errs.Is(err, errs.Unauthorized) {
			t.Errorf("an expired account signed in: %v", err)
		}
		evs := e.events(t, "program")
		if last := evs[len(evs)-1]; last.Action != "user.expired" || last.SubjectID != u.ID {
			t.Errorf("last program event = %s", last.Action)
		}
		// Someone who signs in in time keeps the account.
		in2 := signUpInput()
		if _, _, err := e.off.SignUp(ctx, in2); err != nil {
			t.Fatal(err)
		}
		e.clock.Advance(700 * 24 * time.Hour)
		if _, err := e.off.SignIn(ctx, in2.Email, password, office.Client{Address: "10.0.0.2"}); err != nil {
			t.Fatal(err)
		}
		e.clock.Advance(60 * 24 * time.Hour)
		if _, x, _ := e.off.SweepInactiveAccounts(ctx); x != 0 {
			t.Errorf("an account used %d days ago expired", 60)
		}
	})
}
