package document

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"trustlane/internal/catalog"
	"trustlane/internal/i18n"
)

// ProfileFormat marks a Security Profile workbook in its meta sheet, so an
// upload of any other workbook is refused before a cell is read.
const ProfileFormat = "trustlane-profile/1"

// metaSheet names the hidden sheet that says what the workbook was made
// for. It is not translated: the parser looks for it by name.
const metaSheet = "meta"

// The profile workbook's columns, from A. Part and question ID are the
// machine keys the upload is read by; only the answer is meant to change.
const (
	colPart = iota + 1
	colQuestion
	colArea
	colCriterion
	colLevel
	colText
	colAllowed
	colAnswer
	colEvidence
	colCondition
	numCols = colCondition
)

var columnKeys = []string{"part", "question_id", "area", "criterion", "level", "question", "allowed", "answer", "evidence", "condition"}

// ProfileXLSX exports a company's Security Profile as a workbook it can
// fill in offline and upload back (ParseProfileXLSX): one sheet per part of
// the profile, one row per question in the order of the portal's pages,
// with its current answer, what answers are allowed, how many evidence
// files it has and when it applies. Yes/no and single-choice answers get a
// drop-down list; everything but the answer is grey.
func ProfileXLSX(v *catalog.Version, sectors []string, answers map[catalog.Key]catalog.Value, evidence map[catalog.Key]int, lang string) (out []byte, err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf("profile xlsx %s: %w", v.ID, err)
		}
	}()
	l, err := localizer(lang)
	if err != nil {
		return nil, err
	}
	w, err := newWorkbook()
	if err != nil {
		return nil, err
	}
	w.used[metaSheet] = true
	for _, part := range catalog.Parts(sectors) {
		if err := profileSheet(w, l, v, part, answers, evidence); err != nil {
			return nil, fmt.Errorf("part %s: %w", part, err)
		}
	}
	if _, err := w.f.NewSheet(metaSheet); err != nil {
		return nil, err
	}
	meta := [][]any{{"format", ProfileFormat}, {"catalog_version", v.ID}, {"sectors", strings.Join(sectors, ";")}, {"lang", lang}}
	for i, row := range meta {
		if err := w.row(metaSheet, i+1, row...); err != nil {
			return nil, err
		}
	}
	if err := w.f.SetSheetVisible(metaSheet, false); err != nil {
		return nil, err
	}
	return w.bytes()
}

// profileSheet writes one part's sheet.
func profileSheet(w *workbook, l *i18n.Localizer, v *catalog.Version, part string, answers map[catalog.Key]catalog.Value, evidence map[catalog.Key]int) error {
	title, err := partTitle(part, l.Lang())
	if err != nil {
		return err
	}
	sh, err := w.sheet(title)
	if err != nil {
		return err
	}
	head := make([]any, len(columnKeys))
	for i, k := range columnKeys {
		head[i] = l.T("document.column." + k)
	}
	if err := w.headerRow(sh, 1, head...); err != nil {
		return err
	}
	lists := newDropLists()
	r := 1
	for _, s := range partSections(v, part) {
		for _, q := range s.Questions {
			r++
			k := catalog.Key{Part: part, Question: q.ID}
			if err := w.row(sh, r, questionRow(l, v, s, q, answers[k], evidence[k])...); err != nil {
				return err
			}
			if err := styleQuestionRow(w, sh, r, q); err != nil {
				return err
			}
			lists.add(l, q, r)
		}
	}
	if err := lists.write(w.f, sh, l); err != nil {
		return err
	}
	if err := w.freeze(sh); err != nil {
		return err
	}
	return w.widths(sh, 16, 14, 22, 30, 12, 60, 34, 30, 10, 30)
}

// partSections returns the sections of one part of a profile.
func partSections(v *catalog.Version, part string) []catalog.Section {
	var sectors []string
	if part != catalog.GenericPart {
		sectors = []string{part}
	}
	var out []catalog.Section
	for _, s := range v.Sections(sectors) {
		if s.Part == part {
			out = append(out, s)
		}
	}
	return out
}

// questionRow renders one question's cells.
func questionRow(l *i18n.Localizer, v *catalog.Version, s catalog.Section, q *catalog.Question, answer catalog.Value, files int) []any {
	row := make([]any, numCols)
	row[colPart-1], row[colQuestion-1] = s.Part, q.ID
	row[colArea-1] = s.Area.Title.In(l.Lang())
	if crs := q.Criteria(); len(crs) > 0 {
		row[colCriterion-1] = crs[0].ID + " " + crs[0].Title.In(l.Lang())
		row[colLevel-1] = l.T("document.level." + string(crs[0].Level))
	}
	row[colText-1] = q.Text.In(l.Lang())
	row[colAllowed-1] = allowed(l, q)
	row[colAnswer-1] = answer.String()
	if q.Evidence != catalog.EvidenceNone || q.Type == catalog.File {
		row[colEvidence-1] = files
	} else {
		row[colEvidence-1] = ""
	}
	row[colCondition-1] = condition(l, v, q)
	return row
}

// styleQuestionRow greys every cell but the answer, which keeps what is
// typed as text; a file question's answer is grey too (files go through the
// portal).
func styleQuestionRow(w *workbook, sh string, r int, q *catalog.Question) error {
	if err := w.style(sh, r, 1, numCols, w.locked); err != nil {
		return err
	}
	if q.Type == catalog.File {
		return nil
	}
	return w.style(sh, r, colAnswer, colAnswer, w.text)
}

// dropLists gathers the answer cells that share a list of allowed values,
// so a sheet carries one data validation per list instead of one per row.
type dropLists struct {
	order []string
	cells map[string][]string
	vals  map[string][]string
}

func newDropLists() *dropLists {
	return &dropLists{cells: map[string][]string{}, vals: map[string][]string{}}
}

func (d *dropLists) add(l *i18n.Localizer, q *catalog.Question, r int) {
	var vals []string
	switch q.Type {
	case catalog.YesNo:
		vals = []string{"yes", "no"}
	case catalog.Single:
		for _, o := range q.Options {
			vals = append(vals, o.Value)
		}
	default:
		return
	}
	key := strings.Join(vals, "\x00")
	if _, ok := d.vals[key]; !ok {
		d.order = append(d.order, key)
		d.vals[key] = vals
	}
	cell, _ := excelize.CoordinatesToCellName(colAnswer, r)
	d.cells[key] = append(d.cells[key], cell)
}

// write adds the validations. A list Excel cannot hold (longer than 255
// characters, or with a comma in a value) is left out: the upload checks
// every answer anyway.
func (d *dropLists) write(f *excelize.File, sh string, l *i18n.Localizer) error {
	for _, key := range d.order {
		vals := d.vals[key]
		if strings.Contains(strings.Join(vals, ""), ",") {
			continue
		}
		dv := excelize.NewDataValidation(true)
		dv.SetSqref(strings.Join(d.cells[key], " "))
		if err := dv.SetDropList(vals); err != nil {
			continue
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, l.T("document.column.answer"), l.T("document.answer_prompt"))
		if err := f.AddDataValidation(sh, dv); err != nil {
			return err
		}
	}
	return nil
}
