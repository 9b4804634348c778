// Command trustlane runs the trusted-trader program: the portal, the API,
// and the operator's tools (migrations, accounts, the audit check).
//
//	trustlane serve   [--addr HOST:PORT] [--db URL] [--demo]
//	trustlane migrate [--db URL]
//	trustlane demo    [--db URL] [--size small|large]
//	trustlane user create --email E --name N --role ROLE [--db URL]
//	trustlane user reset-password --email E [--db URL]
//	trustlane audit verify [--db URL]
//	trustlane backup --to FILE [--db URL]
//	trustlane partners import --program CODE [--mode partial] [--db URL] FILE
//
// Every flag has a TRUSTLANE_* environment fallback (TRUSTLANE_DB,
// TRUSTLANE_ADDR, …); flags win.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		var ec exitCode
		if errors.As(err, &ec) {
			os.Exit(int(ec))
		}
		fmt.Fprintln(os.Stderr, "trustlane:", err)
		os.Exit(1)
	}
}

// exitCode ends the program with a status and no further message.
type exitCode int

func (e exitCode) Error() string { return fmt.Sprintf("exit %d", int(e)) }

const usage = `trustlane runs the Partners in Protection trusted-trader program.

Usage:
  trustlane serve   [--addr HOST:PORT] [--db URL] [--demo]   run the portal and the API
  trustlane migrate [--db URL]                               apply database migrations
  trustlane demo    [--db URL] [--size small|large]          seed the demonstration data
  trustlane user create --email E --name N --role ROLE        add a staff account (first administrator)
  trustlane user reset-password --email E                    set a new password for an account
  trustlane token create --email E --name N [--scopes S] [--partner CODE] [--days D]
                                                             issue a program API token (border, exchange)
  trustlane audit verify [--db URL]                          check every audit hash chain
  trustlane backup --to FILE [--db URL]                      copy a SQLite database while it runs
  trustlane partners import --program CODE [--mode partial] FILE
                                                             import a partner's member list (CSV, XLSX, JSON)
  trustlane catalog lint | export --format json|xlsx|oscal [--what crosswalk --framework ID]
                                                             check or export the criteria or their crosswalk (no database)

Run "trustlane COMMAND --help" for a command's flags. Every flag can also be
set with a TRUSTLANE_* environment variable, e.g. TRUSTLANE_DB.
`

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitCode(2)
	}
	env := &cli{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr}
	switch args[0] {
	case "serve":
		return env.serve(args[1:])
	case "migrate":
		return env.migrate(args[1:])
	case "demo":
		return env.demo(args[1:])
	case "user":
		return env.user(args[1:])
	case "token":
		return env.token(args[1:])
	case "audit":
		return env.audit(args[1:])
	case "backup":
		return env.backup(args[1:])
	case "catalog":
		return env.catalog(args[1:])
	case "partners":
		return env.partners(args[1:])
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprintf(stderr, "unknown command %q\n\n%s", args[0], usage)
	return exitCode(2)
}

type cli struct {
	ctx            context.Context
	stdin          io.Reader
	stdout, stderr io.Writer
}
