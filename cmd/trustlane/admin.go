package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"

	"golang.org/x/term"

	"trustlane/internal/auth"
	"trustlane/internal/demo"
	"trustlane/internal/office"
)

func (c *cli) migrate(args []string) error {
	srv, _, err := c.open("migrate", args, nil)
	if err != nil {
		return err
	}
	defer srv.Close()
	cur, latest, err := srv.DB.MigrationStatus(c.ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "database %s is at migration %d of %d\n", srv.DB.Engine(), cur, latest)
	return nil
}

func (c *cli) demo(args []string) error {
	var size string
	srv, f, err := c.open("demo", args, func(fs *flag.FlagSet, _ *serverFlags) {
		fs.StringVar(&size, "size", "small", "small: the demonstration companies and people; large: also 10,000 organizations, "+
			"50,000 applications, 200,000 audit events, 100,000 FAST cards and about 24,000 C-TPAT members, into an empty database")
	})
	if err != nil {
		return err
	}
	defer srv.Close()
	switch size {
	case "small":
	case "large":
		counts, err := demo.SeedLarge(c.ctx, srv.DB, demo.Large)
		if err != nil {
			return err
		}
		demo.PrintCounts(c.stdout, counts)
	default:
		return fmt.Errorf("demo: --size %q: want small or large", size)
	}
	accounts, err := demo.Seed(c.ctx, srv.Office, srv.DB)
	if err != nil {
		return err
	}
	demo.Print(c.stdout, f.baseURL, accounts)
	return nil
}

func (c *cli) user(args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("user: want create or reset-password")
	}
	if args[0] != "create" && args[0] != "reset-password" {
		return fmt.Errorf("user: unknown subcommand %q: want create or reset-password", args[0])
	}
	var email, name, role, lang string
	srv, _, err := c.open("user "+args[0], args[1:], func(fs *flag.FlagSet, _ *serverFlags) {
		fs.StringVar(&email, "email", "", "the account's e-mail address")
		if args[0] == "create" {
			fs.StringVar(&name, "name", "", "full name")
			fs.StringVar(&role, "role", "admin", "staff role: admin, manager, officer, validator, appeals_reviewer")
			fs.StringVar(&lang, "lang", "en", "language: en or fr")
		}
	})
	if err != nil {
		return err
	}
	defer srv.Close()
	pw, err := c.readPassword()
	if err != nil {
		return err
	}
	if args[0] == "reset-password" {
		if err := srv.Office.ResetPasswordByOperator(c.ctx, strings.ToLower(email), pw); err != nil {
			return err
		}
		fmt.Fprintf(c.stdout, "password of %s changed; every session of the account was ended\n", email)
		return nil
	}
	u, err := srv.Office.CreateStaff(c.ctx, auth.System, office.StaffInput{Name: name, Email: email, Password: pw, Role: auth.Role(role), Lang: lang})
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "created %s (%s); they set up two-step verification at first sign-in\n", u.Email, u.Staff)
	return nil
}

// readPassword takes the password from TRUSTLANE_PASSWORD, else from a
// terminal prompt (not echoed), else from the first line of stdin.
func (c *cli) readPassword() (string, error) {
	if pw := os.Getenv("TRUSTLANE_PASSWORD"); pw != "" {
		return pw, nil
	}
	if f, ok := c.stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(c.stderr, "Password (at least 12 characters): ")
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(c.stderr)
		return string(b), err
	}
	line, err := bufio.NewReader(c.stdin).ReadString('\n')
	if err != nil && line == "" {
		return "", errors.New("no password: set TRUSTLANE_PASSWORD or type it at the prompt")
	}
	return strings.TrimRight(line, "\r\n"), nil
}

func (c *cli) audit(args []string) error {
	if len(args) == 0 || args[0] != "verify" {
		return fmt.Errorf("audit: want verify")
	}
	srv, _, err := c.open("audit verify", args[1:], nil)
	if err != nil {
		return err
	}
	defer srv.Close()
	rep, err := srv.DB.VerifyAudit(c.ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "checked %d events in %d chains\n", rep.Events, rep.Chains)
	if len(rep.Faults) == 0 {
		fmt.Fprintln(c.stdout, "every chain is intact")
		return nil
	}
	for _, f := range rep.Faults {
		fmt.Fprintln(c.stdout, "BROKEN", f)
	}
	return exitCode(3)
}

func (c *cli) backup(args []string) error {
	var to string
	srv, _, err := c.open("backup", args, func(fs *flag.FlagSet, _ *serverFlags) {
		fs.StringVar(&to, "to", "", "file to write the copy of the SQLite database to (must not exist)")
	})
	if err != nil {
		return err
	}
	defer srv.Close()
	if to == "" {
		return fmt.Errorf("backup: --to FILE is required")
	}
	if err := srv.DB.Backup(c.ctx, to); err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "backed up to %s\n", to)
	return nil
}
