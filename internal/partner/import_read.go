package partner

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// sheet is an uploaded list as a table, whatever its format: normalized
// column names and, per data row, its row number and cells.
type sheet struct {
	headerRow int
	cols      []string
	rows      []sheetRow
}

type sheetRow struct {
	n     int
	cells []string
}

// readError is a problem with the file as a whole.
type readError struct {
	row         int
	reason, msg string
}

// detectFormat decides the format by content; a known extension that
// contradicts the content is refused, as a file that is not what it says.
func detectFormat(filename string, body []byte) (Format, bool) {
	var f Format
	trimmed := bytes.TrimLeft(bytes.TrimPrefix(body, []byte("\xef\xbb\xbf")), " \t\r\n")
	switch {
	case bytes.HasPrefix(body, []byte("PK\x03\x04")):
		f = FormatXLSX
	case len(trimmed) > 0 && (trimmed[0] == '[' || trimmed[0] == '{'):
		f = FormatJSON
	case bytes.IndexByte(body, 0) < 0:
		f = FormatCSV
	default:
		return "", false
	}
	switch strings.ToLower(path.Ext(filename)) {
	case "", ".txt":
		return f, true
	case ".csv", ".tsv":
		return f, f == FormatCSV
	case ".xlsx":
		return f, f == FormatXLSX
	case ".json":
		return f, f == FormatJSON
	}
	return f, false
}

func readSheet(f Format, body []byte) (sheet, *readError) {
	switch f {
	case FormatXLSX:
		return readXLSX(body)
	case FormatJSON:
		return readJSON(body)
	}
	return readCSV(body)
}

// columnName normalizes a header: "Legal Name" and "legal-name" are
// legal_name.
func columnName(s string) string {
	s = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(s, "\ufeff")))
	return strings.Join(strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '-' || r == '_' }), "_")
}

func readCSV(body []byte) (sheet, *readError) {
	body = bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(body) {
		line := 1 + bytes.Count(body[:firstInvalid(body)], []byte("\n"))
		return sheet{}, &readError{line, "file_utf8", "save the file as UTF-8 text"}
	}
	r := csv.NewReader(bytes.NewReader(body))
	r.Comma = delimiter(body)
	r.FieldsPerRecord = -1
	r.ReuseRecord = false
	sh := sheet{headerRow: 1}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			line := 0
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.StartLine
			}
			return sheet{}, &readError{line, "file_broken", "the file is not valid CSV: " + err.Error()}
		}
		line, _ := r.FieldPos(0)
		if sh.cols == nil {
			for _, c := range rec {
				sh.cols = append(sh.cols, columnName(c))
			}
			sh.headerRow = line
			continue
		}
		if blank(rec) {
			continue
		}
		sh.rows = append(sh.rows, sheetRow{n: line, cells: rec})
	}
	if sh.cols == nil {
		return sheet{}, &readError{0, "file_empty", "the file is empty"}
	}
	return sh, nil
}

// delimiter picks the separator the header line uses most: a comma, a
// semicolon (spreadsheets in French and other European settings) or a tab.
func delimiter(body []byte) rune {
	head, _, _ := bytes.Cut(body, []byte("\n"))
	best, n := ',', bytes.Count(head, []byte(","))
	for _, d := range []rune{';', '\t'} {
		if c := bytes.Count(head, []byte(string(d))); c > n {
			best, n = d, c
		}
	}
	return best
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(b)
}

func blank(rec []string) bool {
	return !slices.ContainsFunc(rec, func(s string) bool { return strings.TrimSpace(s) != "" })
}

// readXLSX reads the first sheet; row 1 is the header. Date cells hold a
// day number, which becomes YYYY-MM-DD in the status_since column.
func readXLSX(body []byte) (sheet, *readError) {
	broken := &readError{0, "file_broken", "the spreadsheet cannot be read; save it again as XLSX"}
	f, err := excelize.OpenReader(bytes.NewReader(body), excelize.Options{RawCellValue: true, UnzipSizeLimit: 8 * MaxImportSize})
	if err != nil {
		return sheet{}, broken
	}
	defer f.Close()
	names := f.GetSheetList()
	if len(names) == 0 {
		return sheet{}, broken
	}
	rows, err := f.Rows(names[0])
	if err != nil {
		return sheet{}, broken
	}
	defer rows.Close()
	sh, since := sheet{headerRow: 1}, -1
	for n := 1; rows.Next(); n++ {
		rec, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return sheet{}, broken
		}
		if sh.cols == nil {
			if blank(rec) {
				continue
			}
			for i, c := range rec {
				sh.cols = append(sh.cols, columnName(c))
				if sh.cols[i] == ColStatusSince {
					since = i
				}
			}
			sh.headerRow = n
			continue
		}
		if blank(rec) {
			continue
		}
		for i, c := range rec {
			if !utf8.ValidString(c) {
				return sheet{}, &readError{n, "file_utf8", "the spreadsheet holds text that is not valid Unicode"}
			}
			if i == since {
				rec[i] = dateCell(c)
			}
		}
		sh.rows = append(sh.rows, sheetRow{n: n, cells: rec})
	}
	if sh.cols == nil {
		return sheet{}, &readError{0, "file_empty", "the file is empty"}
	}
	return sh, nil
}

// dateCell turns a spreadsheet day number into YYYY-MM-DD and leaves any
// other text for the date check to judge.
func dateCell(s string) string {
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || v < 1 || v > 2958465 {
		return s
	}
	t, err := excelize.ExcelDateToTime(v, false)
	if err != nil {
		return s
	}
	return t.UTC().Format(time.DateOnly)
}

// readJSON reads an array of objects, or {"members": [...]}. Keys are the
// column names; sectors and fast may be arrays; identifiers may also sit in
// an "ids" object.
func readJSON(body []byte) (sheet, *readError) {
	body = bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(body) {
		return sheet{}, &readError{0, "file_utf8", "save the file as UTF-8 text"}
	}
	var list []map[string]json.RawMessage
	if err := json.Unmarshal(body, &list); err != nil {
		var wrapped struct {
			Members []map[string]json.RawMessage `json:"members"`
		}
		if err2 := json.Unmarshal(body, &wrapped); err2 != nil || wrapped.Members == nil {
			return sheet{}, &readError{0, "file_broken", "the file is not a JSON array of members: " + err.Error()}
		}
		list = wrapped.Members
	}
	sh := sheet{headerRow: 0}
	col := map[string]int{}
	for i, obj := range list {
		cells := map[string]string{}
		if err := flattenJSON(obj, cells); err != nil {
			return sheet{}, &readError{i + 1, "file_broken", err.Error()}
		}
		row := sheetRow{n: i + 1}
		for k, v := range cells {
			j, ok := col[k]
			if !ok {
				j = len(sh.cols)
				col[k] = j
				sh.cols = append(sh.cols, k)
			}
			for len(row.cells) <= j {
				row.cells = append(row.cells, "")
			}
			row.cells[j] = v
		}
		sh.rows = append(sh.rows, row)
	}
	if len(sh.cols) == 0 && len(list) == 0 {
		return sheet{}, &readError{0, "file_empty", "the file lists no members"}
	}
	return sh, nil
}

// flattenJSON turns one member object into cells: strings and numbers as
// text, arrays of strings joined by ";", the "ids" object into columns.
func flattenJSON(obj map[string]json.RawMessage, out map[string]string) error {
	for k, raw := range obj {
		name := columnName(k)
		if name == "ids" {
			var ids map[string]json.RawMessage
			if err := json.Unmarshal(raw, &ids); err != nil {
				return fmt.Errorf("ids must be an object of identifier type to value")
			}
			if err := flattenJSON(ids, out); err != nil {
				return err
			}
			continue
		}
		v, err := jsonText(raw)
		if err != nil {
			return fmt.Errorf("%s: %w", k, err)
		}
		if _, dup := out[name]; dup {
			// "ref" and "REF", or scac both at the top and under ids:
			// which one is meant cannot be told.
			return fmt.Errorf("%s: the member gives this field twice", k)
		}
		out[name] = v
	}
	return nil
}

func jsonText(raw json.RawMessage) (string, error) {
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return "", err
	}
	switch x := v.(type) {
	case nil:
		return "", nil
	case string:
		return x, nil
	case float64, bool:
		return strings.TrimSpace(string(raw)), nil
	case []any:
		parts := make([]string, 0, len(x))
		for _, e := range x {
			s, ok := e.(string)
			if !ok {
				return "", errors.New("a list must hold strings")
			}
			parts = append(parts, s)
		}
		return strings.Join(parts, ";"), nil
	}
	return "", errors.New("want a string, a number or a list of strings")
}
