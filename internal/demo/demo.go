// Package demo seeds a demonstration data set through the real use cases:
// companies in every sector with their people, program staff, and
// applications and memberships in every state. Seeding is idempotent: what
// exists is left alone, so `serve --demo` can run on every start.
package demo

import (
	"context"
	"fmt"
	"io"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/office"
	"trustlane/internal/store"
)

// Password is the password of every demonstration account. It is printed
// at start-up; a demonstration holds no real data.
const Password = "demo-password-2026"

// StaffTOTPSecret is the second-factor secret of every demonstration staff
// account, printed so a reviewer can add it to an authenticator app (or run
// oathtool --totp -b SECRET).
const StaffTOTPSecret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

type staffSeed struct {
	name, email string
	role        auth.Role
}

var staff = []staffSeed{
	{"Amélie Tremblay", "admin@demo.trustlane.example", auth.Administrator},
	{"Omar Haddad", "officer@demo.trustlane.example", auth.Officer},
	{"Grace Liu", "validator@demo.trustlane.example", auth.Validator},
	{"Marc-André Roy", "manager@demo.trustlane.example", auth.Manager},
	{"Priya Nair", "appeals@demo.trustlane.example", auth.AppealsReviewer},
}

// Account is one demonstration sign-in.
type Account struct {
	Email, Role, Org string
}

// Seed creates the demonstration data that does not exist yet and returns
// every demonstration account.
func Seed(ctx context.Context, off *office.Office, db *store.DB) ([]Account, error) {
	var out []Account
	for _, s := range staff {
		if err := seedStaff(ctx, off, db, s); err != nil {
			return nil, fmt.Errorf("demo staff %s: %w", s.email, err)
		}
		out = append(out, Account{Email: s.email, Role: string(s.role)})
	}
	for _, c := range companies {
		accounts, err := seedCompany(ctx, off, db, c)
		if err != nil {
			return nil, fmt.Errorf("demo company %s: %w", c.org.LegalName, err)
		}
		out = append(out, accounts...)
	}
	if err := seedCases(ctx, off, db); err != nil {
		return nil, err
	}
	if err := seedRecognition(ctx, off, db); err != nil {
		return nil, err
	}
	return out, nil
}

// exists reports whether an account has the e-mail, so a second start
// skips the cost of hashing passwords it would not store.
func exists(ctx context.Context, db *store.DB, email string) bool {
	err := db.View(ctx, func(tx *store.Tx) error {
		_, err := tx.UserByEmail(email)
		return err
	})
	return err == nil
}

func seedStaff(ctx context.Context, off *office.Office, db *store.DB, s staffSeed) error {
	if exists(ctx, db, s.email) {
		return nil
	}
	u, err := off.CreateStaff(ctx, auth.System, office.StaffInput{Name: s.name, Email: s.email, Password: Password, Role: s.role, Lang: "fr"})
	if isTaken(err) {
		return nil
	}
	if err != nil {
		return err
	}
	return off.EnrolTOTPForDemo(ctx, u.ID, StaffTOTPSecret)
}

func isTaken(err error) bool {
	e, ok := errs.As(err)
	return ok && (e.Key == "error.email_taken" || e.Key == "error.identifier_taken")
}

// seedCompany signs a company up and adds its people, unless its owner
// already exists.
func seedCompany(ctx context.Context, off *office.Office, db *store.DB, c companySeed) ([]Account, error) {
	accounts := []Account{{Email: c.owner.email, Role: string(auth.AccountOwner), Org: c.org.LegalName}}
	for _, m := range c.members {
		accounts = append(accounts, Account{Email: m.email, Role: string(m.role), Org: c.org.LegalName})
	}
	if exists(ctx, db, c.owner.email) {
		return accounts, nil
	}
	org, owner, err := off.SignUp(ctx, office.SignUpInput{Org: c.org, Name: c.owner.name, Title: c.owner.title,
		Email: c.owner.email, Password: Password, Lang: c.org.Lang})
	if isTaken(err) {
		return accounts, nil
	}
	if err != nil {
		return nil, err
	}
	actor := owner.Actor()
	for _, m := range c.members {
		if err := off.AddMemberForDemo(ctx, actor, org.ID, m.name, m.email, Password, m.role); err != nil {
			return nil, err
		}
	}
	for _, inv := range c.invitations {
		if _, err := off.Invite(ctx, actor, org.ID, inv.email, inv.role); err != nil {
			return nil, err
		}
	}
	if err := answerSections(ctx, off, actor, org.ID, c.sectionsAnswered); err != nil {
		return nil, err
	}
	return accounts, nil
}

// Print writes how to sign in.
func Print(w io.Writer, baseURL string, accounts []Account) {
	fmt.Fprintf(w, "\nDemonstration data is ready at %s\n", baseURL)
	fmt.Fprintf(w, "Every demonstration account's password: %s\n", Password)
	fmt.Fprintf(w, "Staff, and the account owners of member companies, sign in with a second factor:\nadd the secret %s to an authenticator app\n", StaffTOTPSecret)
	fmt.Fprintf(w, "  (or run: oathtool --totp -b %s)\n\n", StaffTOTPSecret)
	for _, a := range accounts {
		org := a.Org
		if org == "" {
			org = "program office"
		}
		fmt.Fprintf(w, "  %-45s %-17s %s\n", a.Email, a.Role, org)
	}
	fmt.Fprintln(w)
}
