package main

import (
	"fmt"
	"os"
	"path/filepath"

	"trustlane/internal/auth"
	"trustlane/internal/partner"
)

// partners runs the operator's tools for partner programs: for now the
// import of a partner administration's member list, e.g. from a scheduled
// job that fetches it.
func (c *cli) partners(args []string) error {
	if len(args) == 0 || args[0] != "import" {
		return fmt.Errorf("partners: want import")
	}
	var code, mode string
	fs, f := c.newFlags("partners import")
	fs.StringVar(&code, "program", "", "the partner program's code, e.g. CTPAT")
	fs.StringVar(&mode, "mode", "full", "full (members absent from the file are cancelled) or partial (only adds and updates)")
	if err := fs.Parse(args[1:]); err != nil {
		return exitCode(2)
	}
	if fs.NArg() != 1 || code == "" {
		return fmt.Errorf("partners import: want --program CODE [--mode partial] FILE")
	}
	m, ok := partner.ParseMode(mode)
	if !ok {
		return fmt.Errorf("partners import: --mode %q: want full or partial", mode)
	}
	body, err := readBounded(fs.Arg(0))
	if err != nil {
		return fmt.Errorf("partners import: %w", err)
	}
	srv, err := c.start(f)
	if err != nil {
		return err
	}
	defer srv.Close()
	rep, err := srv.Office.ImportPartnerMembers(c.ctx, auth.System, code, filepath.Base(fs.Arg(0)), body, m)
	if err != nil && !rep.OK() {
		fmt.Fprintf(c.stdout, "%s: %d problems in %d rows; nothing was imported\n", fs.Arg(0), rep.ErrorCount, rep.Rows)
		for _, e := range rep.Errors {
			fmt.Fprintf(c.stdout, "row %d\t%s\t%s\t%s\n", e.Row, e.Field, e.Reason, e.Message)
		}
		return exitCode(1)
	}
	if err != nil {
		return fmt.Errorf("partners import: %w", err)
	}
	fmt.Fprintf(c.stdout, "imported %d rows (%s, %s) into %s: %d added, %d changed, %d unchanged, %d removed\n",
		rep.Rows, rep.Format, rep.Mode, code, rep.Added, rep.Changed, rep.Unchanged, rep.Removed)
	return nil
}

// readBounded reads a file no larger than an import may be.
func readBounded(path string) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if st.Size() > partner.MaxImportSize {
		return nil, fmt.Errorf("%s is larger than %d MiB", path, partner.MaxImportSize>>20)
	}
	return os.ReadFile(path)
}
