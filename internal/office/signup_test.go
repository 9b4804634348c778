package office_test

import (
	"slices"
	"strings"
	"testing"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/ident"
	"trustlane/internal/office"
	"trustlane/internal/store"
)

func TestSignUpCreatesOrganizationOwnerAndHistory(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		in := signUpInput()
		in.Email = "  Olive.Owner@Example.COM "
		in.Org.Identifiers["bn9"] = "123 026 635"
		org, u, err := e.off.SignUp(ctx, in)
		if err != nil {
			t.Fatal(err)
		}
		if org.ID == "" || u.ID == "" || u.Email != "olive.owner@example.com" || u.Staff != "" ||
			org.Identifiers[ident.BN9] != "123026635" || org.Address.PostalCode != "K1A 0L5" {
			t.Fatalf("org = %+v, user = %+v", org, u)
		}
		got, role, err := e.off.Org(ctx, u.Actor(), org.ID)
		if err != nil || role != auth.AccountOwner || got.LegalName != in.Org.LegalName {
			t.Fatalf("owner reads org: %+v, %s, %v", got, role, err)
		}
		ms, err := e.off.Members(ctx, u.Actor(), org.ID)
		if err != nil || len(ms) != 1 || ms[0].UserID != u.ID || ms[0].Role != auth.AccountOwner {
			t.Fatalf("members = %+v, %v", ms, err)
		}
		evs := e.events(t, org.ID)
		var acts []string
		for i, ev := range evs {
			acts = append(acts, ev.Action)
			if ev.OrgID != org.ID || ev.ActorID != u.ID || ev.Seq != int64(i+1) {
				t.Errorf("event %d = %+v", i, ev)
			}
		}
		if !slices.Equal(acts, []string{"organization.created", "member.added"}) {
			t.Fatalf("org chain = %v", acts)
		}
		if !strings.Contains(evs[0].Data, "123026635") || !strings.Contains(evs[1].Data, string(auth.AccountOwner)) {
			t.Errorf("event data = %s / %s", evs[0].Data, evs[1].Data)
		}
		e.auditCount(t) // the chain verifies
		res, err := e.off.SignIn(ctx, in.Email, password, office.Client{Address: "192.0.2.1"})
		if err != nil || res.User.ID != u.ID {
			t.Fatalf("the new owner signs in: %+v, %v", res, err)
		}
	})
}

// leftBehind counts what a refused sign-up could have left in the store.
func leftBehind(t *testing.T, e *env, email, legalName, bn string) (users, orgs int) {
	t.Helper()
	err := e.db.View(ctx, func(tx *store.Tx) error {
		if _, err := tx.UserByEmail(email); err == nil {
			users++
		}
		page, err := tx.SearchOrgs(store.OrgQuery{Text: legalName})
		if err != nil {
			return err
		}
		orgs = page.Total
		if _, err := tx.OrgByIdentifier(ident.BN9, bn); err == nil {
			orgs++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return users, orgs
}

func TestSignUpDuplicatesAreFieldErrorsAndLeaveNothing(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		first := signUpInput()
		if _, _, err := e.off.SignUp(ctx, first); err != nil {
			t.Fatal(err)
		}
		events := e.auditCount(t)

		dupEmail := signUpInput()
		dupEmail.Email = strings.ToUpper(first.Email)
		_, _, err := e.off.SignUp(ctx, dupEmail)
		wantField(t, err, "email", "error.email_taken")
		wantCode(t, err, errs.Invalid, "duplicate e-mail")
		if u, o := leftBehind(t, e, "", dupEmail.Org.LegalName, dupEmail.Org.Identifiers["bn9"]); u+o != 0 {
			t.Errorf("a refused sign-up left %d users and %d organizations", u, o)
		}

		dupID := signUpInput()
		dupID.Org.Identifiers["bn9"] = first.Org.Identifiers["bn9"]
		_, _, err = e.off.SignUp(ctx, dupID)
		wantField(t, err, "identifiers.bn9", "error.identifier_taken")
		if u, o := leftBehind(t, e, dupID.Email, dupID.Org.LegalName, ""); u+o != 0 {
			t.Errorf("a refused sign-up left %d users and %d organizations", u, o)
		}
		if got := e.auditCount(t); got != events {
			t.Errorf("refused sign-ups recorded %d events", got-events)
		}
		// What was refused is still free to use.
		if _, _, err := e.off.SignUp(ctx, dupEmail); err == nil {
			t.Fatal("premise: dupEmail is still a duplicate")
		}
		dupEmail.Email = dupID.Email
		if _, _, err := e.off.SignUp(ctx, dupEmail); err != nil {
			t.Errorf("sign up with the e-mail and identifier of refused sign-ups: %v", err)
		}
	})
}

func TestSignUpReportsEveryFieldAtOnce(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		in := signUpInput()
		in.Org.LegalName, in.Org.Sectors = "", nil
		in.Name, in.Email, in.Password = " ", "not-an-address", "short"
		_, _, err := e.off.SignUp(ctx, in)
		wantCode(t, err, errs.Invalid, "sign up with bad fields")
		for _, f := range [][2]string{{"legal_name", "error.required"}, {"sectors", "error.sector_required"},
			{"name", "error.required"}, {"email", "error.email"}, {"password", "error.password_short"}} {
			wantField(t, err, f[0], f[1])
		}
		in = signUpInput()
		in.Password = in.Email
		_, _, err = e.off.SignUp(ctx, in)
		wantField(t, err, "password", "error.password_is_email")
		if got := e.auditCount(t); got != 0 {
			t.Errorf("invalid sign-ups recorded %d events", got)
		}
	})
}
