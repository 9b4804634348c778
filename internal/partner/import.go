package partner

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"trustlane/internal/ident"
	"trustlane/internal/program"
)

// Format is the kind of file a member list arrives in.
type Format string

// The formats a partner administration may send.
const (
	FormatCSV  Format = "csv"
	FormatXLSX Format = "xlsx"
	FormatJSON Format = "json"
)

// Mode says what an import means for members absent from the file.
type Mode string

// A full import is the partner's whole list: whoever is missing is no
// longer a member. A partial one only adds and updates.
const (
	ModeFull    Mode = "full"
	ModePartial Mode = "partial"
)

// ParseMode reads a mode; "" is a full import.
func ParseMode(s string) (Mode, bool) {
	switch Mode(strings.ToLower(strings.TrimSpace(s))) {
	case "", ModeFull:
		return ModeFull, true
	case ModePartial:
		return ModePartial, true
	}
	return "", false
}

// Bounds on one import: a partner's whole list fits (C-TPAT has about
// 12,000 members) with room to spare, and a report stays readable.
const (
	MaxImportSize = 20 << 20
	MaxImportRows = 200_000
	MaxRowErrors  = 1000
)

// The documented columns. Identifier columns are named after their
// ident.Kind (scac, us_ein, mid, cbsa_carrier, eori…).
const (
	ColRef         = "ref"
	ColLegalName   = "legal_name"
	ColCountry     = "country"
	ColSectors     = "sectors"
	ColStatus      = "status"
	ColStatusSince = "status_since"
	ColFast        = "fast"
)

// Columns lists the documented columns other than identifiers.
func Columns() []string {
	return []string{ColRef, ColLegalName, ColCountry, ColSectors, ColStatus, ColStatusSince, ColFast}
}

// RowError is one problem found in an uploaded list. Row is the line of
// the sheet (the header is row 1) or the position in a JSON array (from 1);
// 0 is the file as a whole. Reason is a stable code and Key the message's
// i18n key, so a partner's system and a person can both act on it.
type RowError struct {
	Row     int    `json:"row"`
	Field   string `json:"field"`
	Reason  string `json:"reason"`
	Key     string `json:"key"`
	Message string `json:"message"`
	Value   string `json:"value,omitempty"`
}

// ImportReport tells what an import found and did. Errors holds at most
// MaxRowErrors entries; ErrorCount counts them all.
type ImportReport struct {
	Format     Format     `json:"format"`
	Mode       Mode       `json:"mode"`
	Rows       int        `json:"rows"`
	ErrorCount int        `json:"error_count"`
	Errors     []RowError `json:"errors"`
	Added      int        `json:"added"`
	Changed    int        `json:"changed"`
	Unchanged  int        `json:"unchanged"`
	Removed    int        `json:"removed"`
	ImportID   string     `json:"import_id,omitempty"`
	SHA256     string     `json:"sha256,omitempty"`
}

// OK reports whether the file had no error.
func (r ImportReport) OK() bool { return r.ErrorCount == 0 }

// add records a problem, keeping the first MaxRowErrors.
func (r *ImportReport) add(row int, field, reason, message, value string) {
	r.ErrorCount++
	if len(r.Errors) >= MaxRowErrors {
		return
	}
	if utf8.RuneCountInString(value) > 60 {
		value = string([]rune(value)[:60]) + "…"
	}
	if !utf8.ValidString(value) {
		value = strings.ToValidUTF8(value, "�")
	}
	r.Errors = append(r.Errors, RowError{Row: row, Field: field, Reason: reason,
		Key: "error.partner_import." + reason, Message: message, Value: value})
}

// ParseMembers reads a partner's member list for program p and checks every
// row. It returns the rows only when the report has no error: an import is
// all or nothing, so the partner fixes the file and sends it again.
func ParseMembers(p Program, filename string, body []byte) ([]MemberRow, ImportReport) {
	var rep ImportReport
	switch {
	case len(body) == 0:
		rep.add(0, "file", "file_empty", "the file is empty", "")
		return nil, rep
	case len(body) > MaxImportSize:
		rep.add(0, "file", "file_too_large", "the file is larger than 20 MB", "")
		return nil, rep
	}
	f, ok := detectFormat(filename, body)
	rep.Format = f
	if !ok {
		rep.add(0, "file", "file_format", "send a CSV, XLSX or JSON file", "")
		return nil, rep
	}
	sh, err := readSheet(f, body)
	if err != nil {
		rep.add(err.row, "file", err.reason, err.msg, "")
		return nil, rep
	}
	rows := checkSheet(p, sh, &rep)
	rep.Rows = len(sh.rows)
	if !rep.OK() {
		return nil, rep
	}
	return rows, rep
}

// checkSheet checks the columns, then every row.
func checkSheet(p Program, sh sheet, rep *ImportReport) []MemberRow {
	idx := map[string]int{}
	for i, c := range sh.cols {
		if _, dup := idx[c]; dup {
			rep.add(sh.headerRow, c, "column_duplicate", "the column appears twice", c)
			continue
		}
		idx[c] = i
		if !slices.Contains(Columns(), c) {
			if _, err := ident.ParseKind(c); err != nil {
				rep.add(sh.headerRow, c, "column_unknown", "the column is not one of the documented ones", c)
			}
		}
	}
	for _, c := range []string{ColRef, ColLegalName, ColStatus} {
		if _, ok := idx[c]; !ok {
			rep.add(sh.headerRow, c, "column_missing", "the column is required", c)
		}
	}
	if len(sh.rows) == 0 {
		// A header alone is no list: as a full import it would cancel
		// every member.
		rep.add(0, "file", "file_empty", "the file lists no members", "")
	}
	if len(sh.rows) > MaxImportRows {
		rep.add(0, "file", "too_many_rows", fmt.Sprintf("send at most %d rows per file", MaxImportRows), "")
	}
	if !rep.OK() {
		return nil
	}
	c := rowChecker{p: p, idx: idx, cols: sh.cols, seen: make(map[string]int, len(sh.rows)), sectors: program.SectorNames(), rep: rep}
	out := make([]MemberRow, 0, len(sh.rows))
	for _, r := range sh.rows {
		if m, ok := c.check(r); ok {
			out = append(out, m)
		}
	}
	return out
}

// rowChecker turns the cells of one row into a MemberRow.
type rowChecker struct {
	p       Program
	idx     map[string]int
	cols    []string
	seen    map[string]int // ref → first row
	sectors []string
	rep     *ImportReport
}

func (c *rowChecker) cell(r sheetRow, col string) string {
	i, ok := c.idx[col]
	if !ok || i >= len(r.cells) {
		return ""
	}
	return strings.TrimSpace(r.cells[i])
}

func (c *rowChecker) check(r sheetRow) (MemberRow, bool) {
	before := c.rep.ErrorCount
	fail := func(field, reason, msg, value string) { c.rep.add(r.n, field, reason, msg, value) }
	m := MemberRow{Ref: strings.ToUpper(c.cell(r, ColRef)), LegalName: strings.Join(strings.Fields(c.cell(r, ColLegalName)), " ")}
	switch {
	case m.Ref == "":
		fail(ColRef, "ref_required", "give the partner's member number", "")
	case len(m.Ref) > 64 || strings.ContainsFunc(m.Ref, func(r rune) bool { return unicode.IsSpace(r) || !unicode.IsPrint(r) }):
		fail(ColRef, "ref_invalid", "a member number has at most 64 characters and no spaces", m.Ref)
	default:
		if first, dup := c.seen[m.Ref]; dup {
			fail(ColRef, "ref_duplicate", fmt.Sprintf("the member number is already on row %d", first), m.Ref)
		} else {
			c.seen[m.Ref] = r.n
		}
	}
	if m.LegalName == "" {
		fail(ColLegalName, "name_required", "give the member's legal name", "")
	} else if utf8.RuneCountInString(m.LegalName) > 300 || strings.ContainsFunc(m.LegalName, func(r rune) bool { return !unicode.IsPrint(r) }) {
		fail(ColLegalName, "name_invalid", "a legal name has at most 300 printable characters", m.LegalName)
	}
	m.Country = strings.ToUpper(c.cell(r, ColCountry))
	if m.Country != "" && (len(m.Country) != 2 || !isUpperASCII(m.Country)) {
		fail(ColCountry, "country", "give the two-letter country code", m.Country)
	}
	c.checkStatus(r, &m, fail)
	m.Sectors = c.list(r, ColSectors, func(s string) (string, bool) { return ParseSector(s, c.sectors) }, "sector",
		"use sector names from the documented list, separated by semicolons", fail)
	m.FAST = c.list(r, ColFast, ParseFast, "fast", "use into_us or into_ca, separated by semicolons", fail)
	c.checkIDs(r, &m, fail)
	return m, c.rep.ErrorCount == before
}

func (c *rowChecker) checkStatus(r sheetRow, m *MemberRow, fail func(field, reason, msg, value string)) {
	raw := c.cell(r, ColStatus)
	st, ok := ParseMemberStatus(raw)
	switch {
	case raw == "":
		fail(ColStatus, "status_required", "give the member's status", "")
	case !ok:
		fail(ColStatus, "status", "use a status such as Certified, Suspended or Removed", raw)
	}
	m.Status = st
	if raw := c.cell(r, ColStatusSince); raw != "" {
		d, err := parseDate(raw)
		if err != nil {
			fail(ColStatusSince, "date", "write the date as YYYY-MM-DD", raw)
		}
		m.StatusSince = d
	}
}

// list splits a ;-separated cell, maps each item and returns them sorted
// without repeats.
func (c *rowChecker) list(r sheetRow, col string, parse func(string) (string, bool), reason, msg string,
	fail func(field, reason, msg, value string)) []string {
	var out []string
	for _, item := range strings.Split(c.cell(r, col), ";") {
		if item = strings.TrimSpace(item); item == "" {
			continue
		}
		v, ok := parse(item)
		if !ok {
			fail(col, reason, msg, item)
			continue
		}
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	slices.Sort(out)
	return out
}

func (c *rowChecker) checkIDs(r sheetRow, m *MemberRow, fail func(field, reason, msg, value string)) {
	for _, col := range c.cols {
		k, err := ident.ParseKind(col)
		if err != nil {
			continue
		}
		raw := c.cell(r, col)
		if raw == "" {
			continue
		}
		if !slices.Contains(c.p.IDKinds, k) {
			fail(col, "kind_unused", fmt.Sprintf("the %s program does not use this identifier; leave the column empty", c.p.Code), raw)
			continue
		}
		v, err := ident.Normalize(k, raw)
		if err != nil {
			reason := "invalid"
			if ie, ok := err.(*ident.Error); ok {
				reason = ie.Reason
			}
			fail(col, "identifier", fmt.Sprintf("the identifier is not valid (%s)", reason), raw)
			continue
		}
		if m.IDs == nil {
			m.IDs = map[ident.Kind]string{}
		}
		m.IDs[k] = v
	}
}

// parseDate reads YYYY-MM-DD (the XLSX reader has already turned date
// cells into that form).
func parseDate(s string) (time.Time, error) {
	if d, err := time.Parse(time.DateOnly, s); err == nil {
		return d, nil
	}
	return time.Time{}, fmt.Errorf("date %q: want YYYY-MM-DD", s)
}

func isUpperASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}
