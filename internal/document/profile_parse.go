package document

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"trustlane/internal/catalog"
	"trustlane/internal/errs"
	"trustlane/internal/i18n"
)

// Bounds of an uploaded profile workbook. An export of the largest profile
// is far below both; the bounds keep a hostile or mistaken upload (a zip
// bomb, a sheet of a million rows) from costing the server.
const (
	MaxProfileBytes = 5 << 20
	MaxProfileRows  = 10000
	maxUnzipped     = 64 << 20
)

// RowError is one row of an uploaded workbook that cannot be taken: where
// it is (sheet name and Excel row number), the question it names, the
// message key and the message in the uploader's language.
type RowError struct {
	Sheet    string
	Row      int
	Question string
	Key      string
	Message  string
}

// ParseProfileXLSX reads back a workbook made by ProfileXLSX for a company
// of sectors. Rows are found by their machine columns (part and question
// ID), not by sheet name or position, so sorting or renaming sheets does no
// harm. It returns the answers by part and question ID in their normalized
// text form ("" clears an answer), or, if any row is wrong, no answers and
// every row error: an upload is taken whole or not at all. A file that is
// not a profile workbook for version v is refused with an Invalid error.
func ParseProfileXLSX(v *catalog.Version, sectors []string, data []byte, lang string) (answers map[string]map[string]string, rowErrs []RowError, err error) {
	defer errs.Op(&err, "parse profile xlsx")
	l, err := localizer(lang)
	if err != nil {
		return nil, nil, err
	}
	if len(data) > MaxProfileBytes {
		return nil, nil, invalid("error.sheet.too_large", "the workbook is larger than 5 MB")
	}
	if !bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return nil, nil, invalid("error.sheet.not_xlsx", "the file is not an .xlsx workbook")
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{RawCellValue: true,
		UnzipSizeLimit: maxUnzipped, UnzipXMLSizeLimit: maxUnzipped})
	if err != nil {
		return nil, nil, errs.Wrap(errs.Invalid, err, "error.sheet.not_xlsx", "the file is not an .xlsx workbook")
	}
	defer f.Close()
	if err := checkMeta(f, v); err != nil {
		return nil, nil, err
	}
	p := newParser(v, sectors, l)
	for _, sh := range f.GetSheetList() {
		if sh == metaSheet {
			continue
		}
		if err := p.sheet(f, sh); err != nil {
			return nil, nil, err
		}
	}
	if len(p.errors) > 0 {
		return nil, p.errors, nil
	}
	return p.answers, nil, nil
}

// checkMeta refuses a workbook that is not a profile export, or that was
// made for another catalog version: its questions would not be the ones the
// company's profile is answered against.
func checkMeta(f *excelize.File, v *catalog.Version) error {
	notProfile := invalid("error.sheet.not_profile", "the workbook is not a Security Profile export")
	if idx, err := f.GetSheetIndex(metaSheet); err != nil || idx < 0 {
		return notProfile
	}
	rows, err := f.GetRows(metaSheet)
	if err != nil {
		return errs.Wrap(errs.Invalid, err, "error.sheet.not_profile", "the workbook's meta sheet cannot be read")
	}
	meta := map[string]string{}
	for _, r := range rows {
		if len(r) >= 2 {
			meta[r[0]] = r[1]
		}
	}
	if meta["format"] != ProfileFormat {
		return notProfile
	}
	if meta["catalog_version"] != v.ID {
		return invalid("error.sheet.version", fmt.Sprintf("the workbook is for catalog version %q, the profile is answered against %q",
			meta["catalog_version"], v.ID))
	}
	return nil
}

// parser collects the answers and errors of every sheet.
type parser struct {
	l       *i18n.Localizer
	parts   map[string]bool
	asked   map[catalog.Key]*catalog.Question // the questions of the company's parts
	seen    map[catalog.Key]bool
	rows    int
	answers map[string]map[string]string
	errors  []RowError
}

func newParser(v *catalog.Version, sectors []string, l *i18n.Localizer) *parser {
	p := &parser{l: l, parts: map[string]bool{}, asked: map[catalog.Key]*catalog.Question{}, seen: map[catalog.Key]bool{},
		answers: map[string]map[string]string{}}
	for _, part := range catalog.Parts(sectors) {
		p.parts[part] = true
		for _, s := range partSections(v, part) {
			for _, q := range s.Questions {
				p.asked[catalog.Key{Part: part, Question: q.ID}] = q
			}
		}
	}
	return p
}

// sheet reads one sheet's rows after its header, streaming, and stops the
// whole upload past MaxProfileRows rows (empty ones count: Excel numbers
// them).
func (p *parser) sheet(f *excelize.File, sh string) error {
	rows, err := f.Rows(sh)
	if err != nil {
		return errs.Wrap(errs.Invalid, err, "error.sheet.not_xlsx", "a sheet cannot be read")
	}
	defer rows.Close()
	for r := 1; rows.Next(); r++ {
		if p.rows++; p.rows > MaxProfileRows {
			return invalid("error.sheet.too_many_rows", "the workbook has more than 10,000 rows")
		}
		cols, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return errs.Wrap(errs.Invalid, err, "error.sheet.not_xlsx", "a sheet cannot be read")
		}
		if r > 1 {
			p.row(sh, r, cols)
		}
	}
	if err := rows.Error(); err != nil {
		return errs.Wrap(errs.Invalid, err, "error.sheet.not_xlsx", "a sheet cannot be read")
	}
	return nil
}

// row takes one row. A row whose IDs do not name a question of the
// company's profile is an error only when it carries an answer: an empty
// answer would clear nothing.
func (p *parser) row(sh string, r int, cols []string) {
	cell := func(c int) string {
		if c <= len(cols) {
			return strings.TrimSpace(cols[c-1])
		}
		return ""
	}
	part, id, ans := cell(colPart), cell(colQuestion), cell(colAnswer)
	fail := func(key string) {
		p.errors = append(p.errors, RowError{Sheet: sh, Row: r, Question: id, Key: key, Message: p.l.T(key)})
	}
	k := catalog.Key{Part: part, Question: id}
	q, asked := p.asked[k]
	switch {
	case !asked && ans == "":
		return
	case part == "" || id == "":
		fail("error.sheet.missing_ids")
	case !p.parts[part]:
		fail("error.answer.unknown_part")
	case !asked:
		fail("error.answer.unknown_question")
	case p.seen[k]:
		fail("error.sheet.duplicate")
	default:
		p.seen[k] = true
		p.take(k, q, ans, fail)
	}
}
