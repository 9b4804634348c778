package document

import (
	"fmt"
	"strings"

	"trustlane/internal/catalog"
)

// catalogArea writes one area's sheet: a frozen header and one row per
// criterion, then a blank row, a second header and one row per question.
func catalogArea(w *workbook, v *catalog.Version, a catalog.Area, frameworks []catalog.Framework) error {
	sh, err := w.sheet(a.Title.EN)
	if err != nil {
		return err
	}
	head := []any{label("document.catalog.identifier"), label("document.column.level"), label("document.catalog.sectors")}
	for _, key := range []string{"document.catalog.title", "document.catalog.requirement", "document.catalog.guidance", "document.catalog.evidence"} {
		head = append(head, inLang(key, "en"), inLang(key, "fr"))
	}
	for _, fw := range frameworks {
		head = append(head, fw.ID+" "+label("document.catalog.refs"))
	}
	if err := w.headerRow(sh, 1, head...); err != nil {
		return err
	}
	r := 2
	var questions []areaQuestion
	for _, cr := range v.Criteria {
		if cr.Area != a.ID {
			continue
		}
		sectors := strings.Join(cr.Sectors, ", ")
		if cr.Generic() {
			sectors = label("document.catalog.all_sectors")
		}
		row := []any{cr.ID, string(cr.Level), sectors, cr.Title.EN, cr.Title.FR, cr.Requirement.EN, cr.Requirement.FR,
			cr.Guidance.EN, cr.Guidance.FR, cr.EvidenceExp.EN, cr.EvidenceExp.FR}
		for _, fw := range frameworks {
			row = append(row, refsTo(cr.Refs, fw.ID))
		}
		if err := w.row(sh, r, row...); err != nil {
			return err
		}
		if err := w.style(sh, r, 1, len(row), w.wrap); err != nil {
			return err
		}
		r++
		for i := range cr.Questions {
			questions = append(questions, areaQuestion{&cr.Questions[i], cr.ID})
		}
	}
	if err := catalogQuestions(w, sh, r+1, questions); err != nil {
		return err
	}
	if err := w.freeze(sh); err != nil {
		return err
	}
	widths := []float64{12, 10, 24, 36, 36, 50, 50, 60, 60, 40, 40}
	for range frameworks {
		widths = append(widths, 18)
	}
	return w.widths(sh, widths...)
}

// refsTo lists a criterion's references to one framework: "6 (equal); 7
// (subset)".
func refsTo(refs []catalog.Ref, framework string) string {
	var parts []string
	for _, ref := range refs {
		if ref.Framework == framework {
			parts = append(parts, fmt.Sprintf("%s (%s)", ref.Target, ref.Relationship))
		}
	}
	return strings.Join(parts, "; ")
}

// areaQuestion is a question with the criterion it is written under (read
// from the data, not the index, so a duplicate ID lint reports still
// exports).
type areaQuestion struct {
	q         *catalog.Question
	criterion string
}

// catalogQuestions writes the questions of an area from row r: a header,
// then one row each.
func catalogQuestions(w *workbook, sh string, r int, questions []areaQuestion) error {
	if len(questions) == 0 {
		return nil
	}
	if err := w.headerRow(sh, r, label("document.catalog.question"), label("document.catalog.criterion"),
		label("document.catalog.type"), inLang("document.catalog.question", "en"), inLang("document.catalog.question", "fr"),
		label("document.catalog.options"), label("document.catalog.expect"), label("document.catalog.evidence_rule"),
		label("document.catalog.condition")); err != nil {
		return err
	}
	for _, aq := range questions {
		q := aq.q
		r++
		var opts []string
		for _, o := range q.Options {
			opts = append(opts, fmt.Sprintf("%s = %s / %s", o.Value, o.Label.EN, o.Label.FR))
		}
		cond := ""
		if q.ShowIf != nil {
			cond = fmt.Sprintf("%s: %s", q.ShowIf.Question, strings.Join(q.ShowIf.In, ", "))
		}
		typ := string(q.Type)
		if q.Optional {
			typ += " (optional)"
		}
		row := []any{q.ID, aq.criterion, typ, q.Text.EN, q.Text.FR, strings.Join(opts, "\n"),
			strings.Join(q.Expect, ", "), string(q.Evidence), cond}
		if err := w.row(sh, r, row...); err != nil {
			return err
		}
		if err := w.style(sh, r, 1, len(row), w.wrap); err != nil {
			return err
		}
	}
	return nil
}
