package document_test

import (
	"archive/zip"
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"trustlane/internal/document"
	"trustlane/internal/errs"
)

// edit is one change to the exported workbook's generic sheet.
type edit struct {
	question string // the row to change; "" appends a row
	part     string // for an appended row
	id       string // for an appended row
	answer   any
}

func apply(t *testing.T, f *excelize.File, sheet string, edits []edit) map[string]int {
	t.Helper()
	rows, _ := f.GetRows(sheet)
	next := len(rows) + 1
	at := map[string]int{}
	for _, e := range edits {
		r := next
		if e.question != "" {
			r = rowOf(t, f, sheet, e.question)
		} else {
			next++
			f.SetCellStr(sheet, cellName(1, r), e.part)
			f.SetCellStr(sheet, cellName(2, r), e.id)
		}
		if err := f.SetCellValue(sheet, cellName(8, r), e.answer); err != nil {
			t.Fatal(err)
		}
		at[e.question+e.id] = r
	}
	return at
}

func TestParseProfileXLSXEditedCells(t *testing.T) {
	v := version(t, mini(t), "v1")
	cases := []struct {
		name    string
		sheet   string // "" for the generic part's
		edits   []edit
		errs    map[string]string // question → key; none means accepted
		answers map[string]string // generic answers expected when accepted
	}{
		{name: "change and clear", edits: []edit{{question: "A-01-Q1", answer: "no"}, {question: "A-02-Q2", answer: ""}},
			answers: map[string]string{"A-01-Q1": "no", "A-02-Q2": "", "A-01-Q2": "bad"}},
		{name: "labels, any case, and a date Excel stored as a number",
			edits:   []edit{{question: "A-01-Q1", answer: "Non"}, {question: "A-01-Q2", answer: "good"}, {question: "A-02-Q1", answer: 46112}},
			answers: map[string]string{"A-01-Q1": "no", "A-01-Q2": "good", "A-02-Q1": "2026-03-31"}},
		{name: "option label", edits: []edit{{question: "A-01-Q2", answer: "BON"}}, answers: map[string]string{"A-01-Q2": "good"}},
		{name: "every kind of wrong row", edits: []edit{
			{question: "A-01-Q1", answer: "no"},
			{question: "A-02-Q1", answer: "31/12/2026"},
			{question: "A-01-Q2", answer: "meh"},
			{question: "A-02-Q2", answer: "lots"},
			{part: "generic", id: "Z-99-Q1", answer: "yes"},
			{part: "rail_carrier", id: "A-03-Q1", answer: "x"},
			{part: "", id: "", answer: "stray"},
			{part: "generic", id: "NOPE", answer: ""}, // no answer, so nothing to refuse
		}, errs: map[string]string{"A-02-Q1": "error.answer.date", "A-01-Q2": "error.answer.choice", "A-02-Q2": "error.answer.number",
			"Z-99-Q1": "error.answer.unknown_question", "rail_carrier/A-03-Q1": "error.answer.unknown_part", "": "error.sheet.missing_ids"}},
		{name: "a question twice", edits: []edit{{part: "generic", id: "A-01-Q1", answer: "yes"}},
			errs: map[string]string{"A-01-Q1": "error.sheet.duplicate"}},
		{name: "an answer to a file question", sheet: "Transporteur routier", edits: []edit{{question: "A-03-Q2", answer: "see attached"}},
			errs: map[string]string{"A-03-Q2": "error.answer.file_only"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := open(t, exportMini(t, "fr"))
			sheet := cmp.Or(tc.sheet, "Général")
			at := apply(t, f, sheet, tc.edits)
			got, rowErrs, err := document.ParseProfileXLSX(v, carrier, save(t, f), "fr")
			if err != nil {
				t.Fatal(err)
			}
			if len(tc.errs) == 0 {
				if len(rowErrs) > 0 {
					t.Fatalf("row errors %+v", rowErrs)
				}
				for id, want := range tc.answers {
					if got["generic"][id] != want {
						t.Errorf("%s = %q, want %q", id, got["generic"][id], want)
					}
				}
				return
			}
			if got != nil {
				t.Errorf("answers returned beside row errors: %v", got)
			}
			if len(rowErrs) != len(tc.errs) {
				t.Errorf("%d row errors, want %d: %+v", len(rowErrs), len(tc.errs), rowErrs)
			}
			for _, re := range rowErrs {
				name := re.Question
				if re.Key == "error.answer.unknown_part" {
					name = "rail_carrier/" + name
				}
				want, ok := tc.errs[name]
				row := at[re.Question] // the edited or appended row
				if !ok || re.Key != want || re.Sheet != sheet || re.Row != row || re.Message == "" || re.Message == re.Key {
					t.Errorf("row error %+v; want key %q on row %d", re, want, row)
				}
			}
		})
	}
}

func TestParseProfileXLSXRefusesOtherFiles(t *testing.T) {
	c := mini(t)
	v1, v2 := version(t, c, "v1"), version(t, c, "v2")
	var zipped bytes.Buffer
	zw := zip.NewWriter(&zipped)
	w, _ := zw.Create("notes.txt")
	fmt.Fprint(w, "not a workbook")
	zw.Close()
	plain := excelize.NewFile()
	plainBytes := save(t, plain)
	otherVersion, err := document.ProfileXLSX(v2, carrier, nil, nil, "en")
	if err != nil {
		t.Fatal(err)
	}
	tooMany := open(t, exportMini(t, "en"))
	tooMany.SetCellStr("Generic", "C10005", "a note far down")
	cases := []struct {
		name string
		data []byte
		key  string
	}{
		{"text", []byte("Question,Answer\nA-01-Q1,yes\n"), "error.sheet.not_xlsx"},
		{"empty", nil, "error.sheet.not_xlsx"},
		{"zip that is not a workbook", zipped.Bytes(), "error.sheet.not_xlsx"},
		{"workbook without meta sheet", plainBytes, "error.sheet.not_profile"},
		{"another catalog version", otherVersion, "error.sheet.version"},
		{"too large", append([]byte("PK\x03\x04"), make([]byte, document.MaxProfileBytes)...), "error.sheet.too_large"},
		{"too many rows", save(t, tooMany), "error.sheet.too_many_rows"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, rowErrs, err := document.ParseProfileXLSX(v1, carrier, tc.data, "en")
			e, ok := errs.As(err)
			if !ok || e.Code != errs.Invalid || e.Key != tc.key || got != nil || rowErrs != nil {
				t.Fatalf("err %v (%+v), want Invalid %s", err, e, tc.key)
			}
			if !strings.Contains(err.Error(), "parse profile xlsx") {
				t.Errorf("error %q does not name the operation", err)
			}
		})
	}
	if slices.Contains(open(t, otherVersion).GetSheetList(), "Domaine C") {
		t.Error("an English export has French sheet names")
	}
}

// FuzzParseProfileXLSX feeds the parser damaged and arbitrary files: it
// must answer with answers, row errors or an Invalid error, never panic.
func FuzzParseProfileXLSX(f *testing.F) {
	v := version(f, mini(f), "v1")
	answers, evidence := answered()
	good, err := document.ProfileXLSX(v, carrier, answers, evidence, "en")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good)
	f.Add(good[:len(good)/2])
	f.Add([]byte("PK\x03\x04 not really"))
	f.Fuzz(func(t *testing.T, data []byte) {
		got, rowErrs, err := document.ParseProfileXLSX(v, carrier, data, "en")
		if err != nil && !errs.Is(err, errs.Invalid) {
			t.Fatalf("error %v is not Invalid", err)
		}
		if err == nil && got == nil && rowErrs == nil {
			t.Fatal("neither answers, row errors nor an error")
		}
	})
}
