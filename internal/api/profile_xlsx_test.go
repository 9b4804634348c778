package api_test

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"trustlane/internal/catalog"
)

const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// withAnswers returns the workbook b with the answer cells of questions
// set, wherever their rows are (column B holds the question ID, H the
// answer).
func withAnswers(t *testing.T, b []byte, answers map[string]string) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, sheet := range f.GetSheetList() {
		rows, err := f.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for i, row := range rows {
			if len(row) > 1 {
				if v, ok := answers[row[1]]; ok {
					found++
					if err := f.SetCellValue(sheet, fmt.Sprintf("H%d", i+1), v); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
	}
	if found != len(answers) {
		t.Fatalf("found %d of the rows of %v", found, answers)
	}
	var out bytes.Buffer
	if err := f.Write(&out); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

func xlsxCall(path, token string, body []byte) call {
	return call{method: "PUT", path: path, token: token, body: string(body), header: map[string]string{"Content-Type": xlsxType}}
}

// A workbook taken away and put back restores what it held.
func TestProfileWorkbookRoundTrip(t *testing.T) {
	inst := start(t)
	c := inst.SignUpCompany(t, "Offline Freight", "owner@offline.test")
	tok, _ := companyToken(t, inst, c)
	pk := pickQuestions(t, inst)
	yes, date := pk.byType[catalog.YesNo], pk.byType[catalog.Date]
	base := "/api/v1/organizations/" + c.Org.ID + "/profile"
	do(t, inst, call{method: "PUT", path: base + "/parts/generic/answers", token: tok,
		body: answerBody(map[string]any{yes.ID: "yes", date.ID: "2025-01-31"})}).want(t, http.StatusOK, nil)

	r := do(t, inst, call{method: "GET", path: base + ".xlsx?lang=fr", token: tok})
	r.want(t, http.StatusOK, nil)
	if r.Header.Get("Content-Type") != xlsxType || !bytes.HasPrefix(r.body, []byte("PK\x03\x04")) ||
		!strings.HasPrefix(r.Header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("export: %v", r.Header)
	}
	workbook := r.body

	do(t, inst, call{method: "PUT", path: base + "/parts/generic/answers", token: tok,
		body: answerBody(map[string]any{yes.ID: ""})}).want(t, http.StatusOK, nil)
	type importWire struct {
		Changed int `json:"changed"`
		Answers []struct {
			Part       string `json:"part"`
			QuestionID string `json:"question_id"`
		} `json:"answers"`
		Revision int64 `json:"revision"`
	}
	var res importWire
	do(t, inst, xlsxCall(base+".xlsx", tok, workbook)).want(t, http.StatusOK, &res)
	if res.Changed != 1 || len(res.Answers) != 1 || res.Answers[0].Part != "generic" || res.Answers[0].QuestionID != yes.ID || res.Revision != 3 {
		t.Errorf("import %+v", res)
	}
	var got profileWire
	do(t, inst, call{method: "GET", path: base, token: tok}).want(t, http.StatusOK, &got)
	if got.Revision != 3 || len(got.Answers) != 2 {
		t.Errorf("after import: revision %d, answers %+v", got.Revision, got.Answers)
	}
	// Again: nothing changes.
	res = importWire{}
	do(t, inst, xlsxCall(base+".xlsx", tok, workbook)).want(t, http.StatusOK, &res)
	if res.Changed != 0 || len(res.Answers) != 0 || res.Revision != 0 {
		t.Errorf("second import %+v", res)
	}
}

// A workbook with wrong rows saves nothing and names every row.
func TestImportProfileBadInput(t *testing.T) {
	inst := start(t)
	c := inst.SignUpCompany(t, "Spreadsheet Freight", "owner@spreadsheet.test")
	tok, _ := companyToken(t, inst, c)
	pk := pickQuestions(t, inst)
	yes, date := pk.byType[catalog.YesNo], pk.byType[catalog.Date]
	path := "/api/v1/organizations/" + c.Org.ID + "/profile.xlsx"
	do(t, inst, call{method: "PUT", path: "/api/v1/organizations/" + c.Org.ID + "/profile/parts/generic/answers", token: tok,
		body: answerBody(map[string]any{yes.ID: "no"})}).want(t, http.StatusOK, nil)
	r := do(t, inst, call{method: "GET", path: path, token: tok})
	r.want(t, http.StatusOK, nil)
	bad := withAnswers(t, r.body, map[string]string{yes.ID: "maybe", date.ID: "31/12/2026"})
	good := withAnswers(t, r.body, map[string]string{yes.ID: "yes"})

	before := profileState(t, inst, c)
	r = do(t, inst, xlsxCall(path, tok, bad))
	p := r.problem(t, http.StatusUnprocessableEntity)
	if len(p.Errors) != 2 {
		t.Fatalf("want one error per bad row: %s", r.body)
	}
	codes := map[string]bool{}
	for _, e := range p.Errors {
		codes[e.Code] = true
		if !strings.HasPrefix(e.Location, "body.") || !strings.Contains(e.Location, "!") {
			t.Errorf("row location %q", e.Location)
		}
	}
	if !codes["error.answer.yes_no"] || !codes["error.answer.date"] {
		t.Errorf("codes %v", codes)
	}
	r = do(t, inst, call{method: "PUT", path: path, token: tok, body: string(bad),
		header: map[string]string{"Content-Type": xlsxType, "Accept-Language": "fr"}})
	if p := r.problem(t, http.StatusUnprocessableEntity); len(p.Errors) != 2 || p.Errors[0].Message != inst.I18n.For("fr").T(p.Errors[0].Code) {
		t.Errorf("not French: %s", r.body)
	}
	cases := []struct {
		name   string
		c      call
		status int
	}{
		{"as JSON", call{method: "PUT", path: path, token: tok, body: `{"answers":{}}`}, 415},
		{"a form", multipartCall(path, tok, formPart{name: "file", filename: "p.xlsx", data: string(good)}), 415},
		{"not a workbook", xlsxCall(path, tok, []byte(pdfFile)), 422},
		{"too large", xlsxCall(path, tok, append([]byte("PK\x03\x04"), make([]byte, 5<<20)...)), 413},
		{"empty", call{method: "PUT", path: path, token: tok, header: map[string]string{"Content-Type": xlsxType}}, 400},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tc.c.method = "PUT"
			do(t, inst, tc.c).problem(t, tc.status)
		})
	}
	if after := profileState(t, inst, c); after != before {
		t.Errorf("profile changed:\nbefore %s\nafter  %s", before, after)
	}
	// The control: the same workbook with good rows is taken.
	do(t, inst, xlsxCall(path, tok, good)).want(t, http.StatusOK, nil)
}
