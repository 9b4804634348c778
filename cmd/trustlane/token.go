package main

import (
	"flag"
	"fmt"
	"strings"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/office"
)

// token creates a program API token for a staff member: how an operator
// gives a border system or a partner administration its first token.
func (c *cli) token(args []string) error {
	if len(args) == 0 || args[0] != "create" {
		return fmt.Errorf("token: want create")
	}
	var email, name, scopes, partner string
	var days int
	srv, _, err := c.open("token create", args[1:], func(fs *flag.FlagSet, _ *serverFlags) {
		fs.StringVar(&email, "email", "", "the staff account the token acts for")
		fs.StringVar(&name, "name", "", "the system that will use the token")
		fs.StringVar(&scopes, "scopes", string(auth.ScopeBorder), "comma-separated scopes, e.g. border:read")
		fs.StringVar(&partner, "partner", "", "bind the token to a partner program (with --scopes exchange:read)")
		fs.IntVar(&days, "days", 90, "days until the token expires (at most 366)")
	})
	if err != nil {
		return err
	}
	defer srv.Close()
	var sc []auth.Scope
	for _, s := range strings.Split(scopes, ",") {
		if s = strings.TrimSpace(s); s != "" {
			sc = append(sc, auth.Scope(s))
		}
	}
	tok, secret, err := srv.Office.CreateTokenByOperator(c.ctx, email, office.TokenInput{Name: name, Scopes: sc, Partner: partner,
		Expires: srv.DB.Now().Add(time.Duration(days) * 24 * time.Hour)})
	if err != nil {
		return err
	}
	fmt.Fprintf(c.stderr, "token %s for %s (%s), expires %s; the secret is shown once:\n", tok.ID, email, auth.JoinScopes(tok.Scopes), tok.ExpiresAt.Format(time.DateOnly))
	fmt.Fprintln(c.stdout, secret)
	return nil
}
