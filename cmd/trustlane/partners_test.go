package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestPartnersImport(t *testing.T) {
	dir := t.TempDir()
	env := []string{"TRUSTLANE_DB=sqlite:" + filepath.Join(dir, "tl.db")}
	if out, err := trustlane(t, env, "migrate"); err != nil {
		t.Fatalf("migrate: %v\n%s", err, out)
	}
	good := filepath.Join(dir, "ctpat.csv")
	list := "ref,legal_name,status,scac\nCT-1,Maple Freight Inc.,Tier II,MAPL\nCT-2,Acme Imports LLC,Suspended,\n"
	if err := os.WriteFile(good, []byte(list), 0o600); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "broken.csv")
	if err := os.WriteFile(bad, []byte(list+"CT-1,Again,Certified,AB12\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := trustlane(t, env, "partners", "import", "--program", "CTPAT", bad)
	if err == nil || !strings.Contains(out, "nothing was imported") || !strings.Contains(out, "row 4\tref\tref_duplicate") ||
		!strings.Contains(out, "row 4\tscac\tidentifier") {
		t.Fatalf("broken file: %v\n%s", err, out)
	}
	out, err = trustlane(t, env, "partners", "import", "--program", "CTPAT", good)
	if err != nil || !strings.Contains(out, "2 added, 0 changed, 0 unchanged, 0 removed") {
		t.Fatalf("import: %v\n%s", err, out)
	}
	out, err = trustlane(t, env, "partners", "import", "--program", "CTPAT", "--mode", "partial", good)
	if err != nil || !strings.Contains(out, "0 added, 0 changed, 2 unchanged, 0 removed") || !strings.Contains(out, "partial") {
		t.Fatalf("again: %v\n%s", err, out)
	}
	// The import is in the audit trail, whose chains stay intact.
	if out, err := trustlane(t, env, "audit", "verify"); err != nil || !strings.Contains(out, "intact") {
		t.Fatalf("audit verify: %v\n%s", err, out)
	}
	for _, args := range [][]string{
		{"partners"},
		{"partners", "import", good},
		{"partners", "import", "--program", "CTPAT", "--mode", "some", good},
		{"partners", "import", "--program", "NOPE", good},
	} {
		if out, err := trustlane(t, env, args...); err == nil {
			t.Errorf("%v succeeded:\n%s", args, out)
		}
	}
}
