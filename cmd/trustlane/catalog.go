package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"golang.org/x/term"

	"trustlane/internal/catalog"
	"trustlane/internal/document"
	"trustlane/internal/program"
)

// catalog runs the criteria catalog's tools. They read only the catalog
// embedded in the binary, so they need no database: an editor of the data
// or a partner administration can run them anywhere.
func (c *cli) catalog(args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("catalog: want lint or export")
	}
	switch args[0] {
	case "lint":
		return c.catalogLint(args[1:])
	case "export":
		return c.catalogExport(args[1:])
	}
	return fmt.Errorf("catalog: unknown command %q: want lint or export", args[0])
}

// catalogLint prints every problem of the catalog's data and, per version,
// how many criteria each sector answers in each area; it fails (status 1)
// when there is a problem, so it can guard a change to the data.
func (c *cli) catalogLint(args []string) error {
	fs := flag.NewFlagSet("catalog lint", flag.ContinueOnError)
	fs.SetOutput(c.stderr)
	if err := fs.Parse(args); err != nil {
		return exitCode(2)
	}
	cat, err := catalog.Load()
	if err != nil {
		return fmt.Errorf("catalog lint: %w", err)
	}
	sectors := program.SectorNames()
	for _, v := range cat.Versions() {
		fmt.Fprintf(c.stdout, "version %s (%s): %d criteria in %d areas\n", v.ID, v.Effective, len(v.Criteria), len(v.Areas))
		coverageTable(c.stdout, v, sectors)
		fmt.Fprintln(c.stdout)
	}
	problems := cat.Lint(sectors)
	for _, p := range problems {
		fmt.Fprintln(c.stdout, "PROBLEM", p)
	}
	if len(problems) > 0 {
		fmt.Fprintf(c.stdout, "%d problems\n", len(problems))
		return exitCode(1)
	}
	fmt.Fprintln(c.stdout, "no problems")
	return nil
}

// coverageTable prints criteria counts, area by sector; a 0 is a gap lint
// reports.
func coverageTable(w io.Writer, v *catalog.Version, sectors []string) {
	cov := v.Coverage(sectors)
	tw := tabwriter.NewWriter(w, 0, 0, 1, ' ', tabwriter.AlignRight)
	head := []string{"area"}
	for _, s := range sectors {
		head = append(head, abbreviate(s))
	}
	fmt.Fprintln(tw, strings.Join(head, "\t")+"\t")
	for _, a := range v.Areas {
		row := []string{a.ID}
		for _, s := range sectors {
			row = append(row, fmt.Sprint(cov[a.ID][s]))
		}
		fmt.Fprintln(tw, strings.Join(row, "\t")+"\t")
	}
	tw.Flush()
}

// abbreviate shortens a sector's name for a column header:
// "highway_carrier" → "highway".
func abbreviate(s string) string {
	if i := strings.IndexByte(s, '_'); i > 0 {
		return s[:i]
	}
	return s
}

// catalogExport writes one version of the catalog as JSON, a workbook, or
// OSCAL (a catalog, or with --sector a sector's profile).
func (c *cli) catalogExport(args []string) error {
	fs := flag.NewFlagSet("catalog export", flag.ContinueOnError)
	fs.SetOutput(c.stderr)
	format := fs.String("format", "json", "json, xlsx or oscal")
	lang := fs.String("lang", "en", "language of an OSCAL export: en or fr (json and xlsx hold both)")
	version := fs.String("version", catalog.DefaultVersion, "catalog version")
	sector := fs.String("sector", "", "with --format oscal: export the OSCAL profile of this sector (or generic)")
	what := fs.String("what", "catalog", "catalog, or crosswalk (the mapping to partner frameworks, json or xlsx)")
	framework := fs.String("framework", "", "with --what crosswalk: only this framework (ctpat, safe, eu_aeo)")
	out := fs.String("out", "", "file to write; default standard output")
	if err := fs.Parse(args); err != nil {
		return exitCode(2)
	}
	if *lang != "en" && *lang != "fr" {
		return fmt.Errorf("catalog export: --lang must be en or fr, not %q", *lang)
	}
	if *sector != "" && *format != "oscal" {
		return fmt.Errorf("catalog export: --sector is for --format oscal")
	}
	cat, err := catalog.Load()
	if err != nil {
		return fmt.Errorf("catalog export: %w", err)
	}
	v, err := cat.Version(*version)
	if err != nil {
		return fmt.Errorf("catalog export: %w", err)
	}
	if *what != "catalog" && *what != "crosswalk" {
		return fmt.Errorf("catalog export: --what must be catalog or crosswalk, not %q", *what)
	}
	if *what == "crosswalk" {
		return c.crosswalkExport(cat, v, *format, *framework, *out)
	}
	if *framework != "" {
		return fmt.Errorf("catalog export: --framework is for --what crosswalk")
	}
	var data []byte
	switch *format {
	case "json":
		data, err = document.CatalogJSON(cat, v)
	case "xlsx":
		if *out == "" && c.isTerminal() {
			return fmt.Errorf("catalog export: a workbook is binary: give --out FILE or redirect standard output")
		}
		data, err = document.CatalogXLSX(v, cat.Frameworks)
	case "oscal":
		if *sector != "" {
			data, err = document.ProfileOSCAL(v, *sector, *lang)
		} else {
			data, err = document.CatalogOSCAL(v, cat.Frameworks, *lang)
		}
	default:
		return fmt.Errorf("catalog export: --format must be json, xlsx or oscal, not %q", *format)
	}
	if err != nil {
		return fmt.Errorf("catalog export: %w", err)
	}
	return c.writeExport(data, *out)
}

// crosswalkExport writes a version's crosswalk to the partner frameworks
// (or one) as JSON or a workbook.
func (c *cli) crosswalkExport(cat *catalog.Catalog, v *catalog.Version, format, framework, out string) error {
	var data []byte
	var err error
	switch format {
	case "json":
		data, err = document.CrosswalkJSON(cat, v, framework)
	case "xlsx":
		if out == "" && c.isTerminal() {
			return fmt.Errorf("catalog export: a workbook is binary: give --out FILE or redirect standard output")
		}
		data, err = document.CrosswalkXLSX(cat, v, framework)
	default:
		return fmt.Errorf("catalog export: a crosswalk is json or xlsx, not %q", format)
	}
	if err != nil {
		return fmt.Errorf("catalog export: %w", err)
	}
	return c.writeExport(data, out)
}

// writeExport writes an export to the file out, or to standard output.
func (c *cli) writeExport(data []byte, out string) error {
	if out == "" {
		_, err := c.stdout.Write(data)
		return err
	}
	if err := os.WriteFile(out, data, 0o644); err != nil {
		return fmt.Errorf("catalog export: %w", err)
	}
	fmt.Fprintf(c.stderr, "wrote %s (%d bytes)\n", out, len(data))
	return nil
}

// isTerminal reports whether standard output is a terminal, where a
// workbook's bytes would only garble the screen.
func (c *cli) isTerminal() bool {
	f, ok := c.stdout.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
