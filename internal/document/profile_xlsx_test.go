package document_test

import (
	"bytes"
	"slices"
	"testing"

	"github.com/xuri/excelize/v2"

	"trustlane/internal/catalog"
	"trustlane/internal/document"
	"trustlane/internal/program"
)

var carrier = []string{"highway_carrier"}

// answered is a profile of the mini catalog with an answer of every type.
func answered() (map[catalog.Key]catalog.Value, map[catalog.Key]int) {
	g, hc := catalog.GenericPart, "highway_carrier"
	answers := map[catalog.Key]catalog.Value{
		{Part: g, Question: "A-01-Q1"}:  {Text: "yes"},
		{Part: g, Question: "A-01-Q2"}:  {Text: "bad"},
		{Part: g, Question: "A-01-Q3"}:  {Text: "Parce que ; « voilà », 007"},
		{Part: g, Question: "A-02-Q1"}:  {Text: "2025-12-01"},
		{Part: g, Question: "A-02-Q2"}:  {Text: "12.5"},
		{Part: g, Question: "B-01-Q1"}:  {Text: "no"},
		{Part: hc, Question: "A-03-Q1"}: {List: []string{"x", "z"}},
		{Part: hc, Question: "B-02-Q1"}: {Text: "yes"},
	}
	evidence := map[catalog.Key]int{{Part: g, Question: "A-01-Q1"}: 2, {Part: hc, Question: "A-03-Q2"}: 1}
	return answers, evidence
}

func exportMini(t *testing.T, lang string) []byte {
	t.Helper()
	answers, evidence := answered()
	b, err := document.ProfileXLSX(version(t, mini(t), "v1"), carrier, answers, evidence, lang)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestProfileXLSXRoundTrip(t *testing.T) {
	v := version(t, mini(t), "v1")
	answers, _ := answered()
	for _, lang := range langs {
		b := exportMini(t, lang)
		got, rowErrs, err := document.ParseProfileXLSX(v, carrier, b, lang)
		if err != nil || len(rowErrs) > 0 {
			t.Fatalf("%s: %v %+v", lang, err, rowErrs)
		}
		n := 0
		for _, s := range v.Sections(carrier) {
			for _, q := range s.Questions {
				text, ok := got[s.Part][q.ID]
				if q.Type == catalog.File {
					if ok {
						t.Errorf("%s: file question %s came back with %q", lang, q.ID, text)
					}
					continue
				}
				n++
				if want := answers[catalog.Key{Part: s.Part, Question: q.ID}].String(); !ok || text != want {
					t.Errorf("%s: %s/%s = %q (%v), want %q", lang, s.Part, q.ID, text, ok, want)
				}
			}
		}
		if count := len(got["generic"]) + len(got["highway_carrier"]); count != n {
			t.Errorf("%s: %d answers came back, want %d", lang, count, n)
		}
	}
}

func TestProfileXLSXLayout(t *testing.T) {
	cases := []struct {
		lang   string
		sheets []string
	}{
		{"en", []string{"Generic", "Highway carrier", "meta"}},
		{"fr", []string{"Général", "Transporteur routier", "meta"}},
	}
	for _, tc := range cases {
		f := open(t, exportMini(t, tc.lang))
		if got := f.GetSheetList(); !slices.Equal(got, tc.sheets) {
			t.Errorf("%s: sheets %q, want %q", tc.lang, got, tc.sheets)
		}
		if visible, _ := f.GetSheetVisible("meta"); visible {
			t.Errorf("%s: the meta sheet is visible", tc.lang)
		}
		sh := tc.sheets[0]
		if dvs, _ := f.GetDataValidations(sh); len(dvs) != 2 {
			t.Errorf("%s: %d drop-down lists on %s, want yes/no and one choice", tc.lang, len(dvs), sh)
		}
		row := rowOf(t, f, sh, "A-01-Q1")
		if ev, _ := f.GetCellValue(sh, cellName(9, row)); ev != "2" {
			t.Errorf("%s: evidence count %q", tc.lang, ev)
		}
		cond, _ := f.GetCellValue(sh, cellName(10, rowOf(t, f, sh, "A-01-Q3")))
		if cond == "" || !bytes.Contains([]byte(cond), []byte("A-01-Q2")) {
			t.Errorf("%s: condition %q", tc.lang, cond)
		}
		f.Close()
	}
}

// open reads a workbook for a test to inspect or edit.
func open(t *testing.T, b []byte) *excelize.File {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func cellName(col, row int) string {
	s, _ := excelize.CoordinatesToCellName(col, row)
	return s
}

// rowOf finds the row of a question on a sheet by its ID column.
func rowOf(t *testing.T, f *excelize.File, sheet, question string) int {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if len(r) > 1 && r[1] == question {
			return i + 1
		}
	}
	t.Fatalf("%s has no row for %s", sheet, question)
	return 0
}

// save writes an edited workbook back to bytes.
func save(t *testing.T, f *excelize.File) []byte {
	t.Helper()
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestProfileXLSXOfTheRealCatalog exports an empty profile of every sector
// and reads it back: every sheet name fits Excel, and nothing is refused.
func TestProfileXLSXOfTheRealCatalog(t *testing.T) {
	c := realCatalog(t)
	v := version(t, c, catalog.DefaultVersion)
	sectors := program.SectorNames()
	for _, lang := range langs {
		b, err := document.ProfileXLSX(v, sectors, nil, nil, lang)
		if err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		if n := len(open(t, b).GetSheetList()); n != len(sectors)+2 {
			t.Errorf("%s: %d sheets, want generic, %d sectors and meta", lang, n, len(sectors))
		}
		got, rowErrs, err := document.ParseProfileXLSX(v, sectors, b, lang)
		if err != nil || len(rowErrs) > 0 {
			t.Fatalf("%s: %v %+v", lang, err, rowErrs)
		}
		for part, answers := range got {
			for id, text := range answers {
				if text != "" {
					t.Errorf("%s: %s/%s came back as %q from an empty profile", lang, part, id, text)
				}
			}
		}
	}
}
