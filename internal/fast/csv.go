package fast

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"trustlane/internal/errs"
)

// MaxImportRows bounds one import file, so a mistaken upload cannot hold
// the single writer for long.
const MaxImportRows = 500_000

// RowError is one problem of an import file: its line (1 is the header), the
// column and the message, in English; Key is the i18n key.
type RowError struct {
	Line    int    `json:"line"`
	Field   string `json:"field"`
	Key     string `json:"key"`
	Message string `json:"message"`
}

// maxReportedErrors bounds the report of a broken file: the first hundred
// problems say enough to fix it.
const maxReportedErrors = 100

// The columns of an import file. number, holder, kind and valid_until are
// required; south_only (true/false, yes/no, 1/0), revoked_at and
// revoked_reason may be left out. Dates are YYYY-MM-DD (end of that day,
// UTC) or RFC 3339.
var csvColumns = []string{"number", "holder", "kind", "south_only", "valid_until", "revoked_at", "revoked_reason"}

// ParseCSV reads an import file of cards. It returns every card when the
// whole file is valid; otherwise no card and the problems (at most a
// hundred), so an import is all or nothing.
func ParseCSV(r io.Reader, now time.Time) ([]Card, []RowError, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	head, err := cr.Read()
	if err != nil {
		return nil, []RowError{{Line: 1, Field: "header", Key: "error.fast.csv_header", Message: "the file is empty or not CSV"}}, nil
	}
	col, problems := headerIndex(head)
	if len(problems) > 0 {
		return nil, problems, nil
	}
	var cards []Card
	seen := map[string]int{}
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			problems = append(problems, RowError{Line: line, Field: "row", Key: "error.fast.csv_row", Message: "this line is not valid CSV"})
			break
		}
		if len(cards)+len(problems) >= MaxImportRows {
			problems = append(problems, RowError{Line: line, Field: "row", Key: "error.fast.csv_too_many",
				Message: fmt.Sprintf("a file holds at most %d cards", MaxImportRows)})
			break
		}
		c, rowErrs := parseRow(rec, col, line, now)
		if prev, dup := seen[c.Number]; dup && len(rowErrs) == 0 {
			rowErrs = append(rowErrs, RowError{Line: line, Field: "number", Key: "error.fast.csv_duplicate",
				Message: fmt.Sprintf("this card number is already on line %d", prev)})
		}
		if len(rowErrs) > 0 {
			if len(problems) < maxReportedErrors {
				problems = append(problems, rowErrs...)
			}
			continue
		}
		seen[c.Number] = line
		cards = append(cards, c)
	}
	if len(problems) > 0 {
		return nil, problems, nil
	}
	return cards, nil, nil
}

func headerIndex(head []string) (map[string]int, []RowError) {
	col := map[string]int{}
	for i, h := range head {
		col[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = i
	}
	var problems []RowError
	for _, c := range []string{"number", "holder", "kind", "valid_until"} {
		if _, ok := col[c]; !ok {
			problems = append(problems, RowError{Line: 1, Field: c, Key: "error.fast.csv_column",
				Message: fmt.Sprintf("the header needs the columns %s", strings.Join(csvColumns[:5], ", "))})
		}
	}
	return col, problems
}

func parseRow(rec []string, col map[string]int, line int, now time.Time) (Card, []RowError) {
	get := func(name string) string {
		if i, ok := col[name]; ok && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	var out []RowError
	bad := func(field, key, msg string) {
		out = append(out, RowError{Line: line, Field: field, Key: key, Message: msg})
	}
	in := CardInput{Number: get("number"), Holder: get("holder"), Kind: get("kind")}
	if s := get("south_only"); s != "" {
		b, ok := parseBool(s)
		if !ok {
			bad("south_only", "error.fast.csv_bool", "write true or false")
		}
		in.SouthOnly = b
	}
	dateBad := false
	if s := get("valid_until"); s != "" {
		var err error
		if in.ValidUntil, err = ParseDate(s); err != nil {
			dateBad = true
			bad("valid_until", "error.fast.csv_date", "write the date as YYYY-MM-DD")
		}
	}
	c, cerr := NewCard(in, now)
	if e, ok := errs.As(cerr); ok {
		for _, f := range e.Fields {
			if f.Field != "valid_until" || !dateBad {
				bad(f.Field, f.Key, f.Message)
			}
		}
	}
	if s := get("revoked_at"); s != "" {
		t, err := ParseDate(s)
		reason := get("revoked_reason")
		switch {
		case err != nil:
			bad("revoked_at", "error.fast.csv_date", "write the date as YYYY-MM-DD")
		case reason == "":
			bad("revoked_reason", "error.fast.reason_required", "give the reason for revoking the card (up to 500 characters)")
		default:
			c.RevokedAt, c.RevokedReason = t, reason
		}
	}
	return c, out
}

func parseBool(s string) (bool, bool) {
	switch strings.ToLower(s) {
	case "true", "yes", "oui", "1", "y":
		return true, true
	case "false", "no", "non", "0", "n":
		return false, true
	}
	b, err := strconv.ParseBool(s)
	return b, err == nil
}

// ParseDate reads a date as YYYY-MM-DD, meaning the last instant of that
// day in UTC (a card printed "valid until 2030-05-01" is good all that
// day), or an RFC 3339 time.
func ParseDate(s string) (time.Time, error) {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t.Add(24*time.Hour - time.Microsecond), nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("date %q: want YYYY-MM-DD", s)
	}
	return t.UTC(), nil
}
