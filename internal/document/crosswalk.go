package document

import (
	"encoding/json"
	"fmt"

	"trustlane/internal/catalog"
)

// CrosswalkFormat marks the crosswalk export's layout, so a consumer can
// tell a later, incompatible layout from this one.
const CrosswalkFormat = "trustlane-crosswalk/1"

// crosswalkDoc is the JSON export: the rules that read it, then the
// crosswalk itself.
type crosswalkDoc struct {
	Format string `json:"format"`
	// Relationships says how to read a mapping's relationship: from our
	// criterion's side.
	Relationships string `json:"relationships"`
	catalog.Crosswalk
}

// relationshipNote is how every export explains a relationship.
const relationshipNote = "stated from our criterion's side: subset = ours is narrower, superset = ours is broader; " +
	"a target is covered fully by an equal or superset mapping, partly by subset or intersect only"

// CrosswalkJSON exports a version's crosswalk to the frameworks (or to the
// one framework names, "" for all): every pair, each target's coverage with
// the criteria behind it, and the counts. Partner administrations read it
// when they assess a mutual recognition arrangement.
func CrosswalkJSON(c *catalog.Catalog, v *catalog.Version, framework string) (out []byte, err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf("crosswalk json %s: %w", v.ID, err)
		}
	}()
	cw, err := v.Crosswalk(c.Frameworks, framework)
	if err != nil {
		return nil, invalid("error.crosswalk.framework", err.Error())
	}
	b, err := json.MarshalIndent(crosswalkDoc{Format: CrosswalkFormat, Relationships: relationshipNote, Crosswalk: cw}, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// CrosswalkFileName is the name a crosswalk export is saved under.
func CrosswalkFileName(version, framework, ext string) string {
	if framework == "" {
		return fmt.Sprintf("crosswalk-%s.%s", version, ext)
	}
	return fmt.Sprintf("crosswalk-%s-%s.%s", version, framework, ext)
}

// CrosswalkXLSX exports the same crosswalk as a bilingual workbook: a
// "Summary" sheet with each framework's counts, then one sheet per
// framework with a row per (target, our criterion) pair, and a row for
// each target nothing maps to.
func CrosswalkXLSX(c *catalog.Catalog, v *catalog.Version, framework string) (out []byte, err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf("crosswalk xlsx %s: %w", v.ID, err)
		}
	}()
	cw, err := v.Crosswalk(c.Frameworks, framework)
	if err != nil {
		return nil, invalid("error.crosswalk.framework", err.Error())
	}
	w, err := newWorkbook()
	if err != nil {
		return nil, err
	}
	if err := crosswalkSummary(w, cw); err != nil {
		return nil, err
	}
	for _, fc := range cw.Frameworks {
		if err := crosswalkSheet(w, fc); err != nil {
			return nil, fmt.Errorf("framework %s: %w", fc.Framework.ID, err)
		}
	}
	return w.bytes()
}

func crosswalkSummary(w *workbook, cw catalog.Crosswalk) error {
	sh, err := w.sheet("Summary")
	if err != nil {
		return err
	}
	if err := w.row(sh, 1, label("document.catalog.version"), cw.Version); err != nil {
		return err
	}
	if err := w.row(sh, 2, label("document.crosswalk.relationships"), relationshipNote); err != nil {
		return err
	}
	if err := w.headerRow(sh, 4, label("document.catalog.framework"), inLang("document.catalog.name", "en"),
		inLang("document.catalog.name", "fr"), label("document.crosswalk.targets"), label("document.crosswalk.fully"),
		label("document.crosswalk.partly"), label("document.crosswalk.not"), label("document.crosswalk.mappings")); err != nil {
		return err
	}
	for i, fc := range cw.Frameworks {
		s := fc.Summary
		if err := w.row(sh, 5+i, fc.Framework.ID, fc.Framework.Name.EN, fc.Framework.Name.FR, s.Targets, s.Fully, s.Partly,
			s.Not, s.Mappings); err != nil {
			return err
		}
	}
	return w.widths(sh, 24, 50, 50, 12, 12, 12, 12, 12)
}

func crosswalkSheet(w *workbook, fc catalog.FrameworkCrosswalk) error {
	sh, err := w.sheet(fc.Framework.ID)
	if err != nil {
		return err
	}
	if err := w.headerRow(sh, 1, label("document.catalog.target"), inLang("document.catalog.name", "en"),
		inLang("document.catalog.name", "fr"), label("document.crosswalk.coverage"), label("document.crosswalk.criterion"),
		label("document.catalog.relationship"), inLang("document.catalog.title", "en"), inLang("document.catalog.title", "fr")); err != nil {
		return err
	}
	if err := w.freeze(sh); err != nil {
		return err
	}
	r := 2
	for _, tc := range fc.Targets {
		cov := label("document.crosswalk.coverage_" + string(tc.Coverage))
		if len(tc.Mappings) == 0 {
			if err := w.row(sh, r, tc.Target.ID, tc.Target.Name.EN, tc.Target.Name.FR, cov); err != nil {
				return err
			}
			r++
		}
		for _, m := range tc.Mappings {
			if err := w.row(sh, r, tc.Target.ID, tc.Target.Name.EN, tc.Target.Name.FR, cov, m.Criterion,
				string(m.Relationship), m.Title.EN, m.Title.FR); err != nil {
				return err
			}
			r++
		}
	}
	return w.widths(sh, 10, 40, 40, 30, 14, 14, 50, 50)
}
