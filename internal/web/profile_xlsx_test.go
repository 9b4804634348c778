package web_test

import (
	"bytes"
	"io"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"trustlane/internal/catalog"
	"trustlane/internal/server/servertest"
)

// fillWorkbook sets answers in an exported workbook, found by question ID
// (column B) on every sheet; the answer is column H. It returns the new
// workbook and, for each question, the sheet and row it was on.
func fillWorkbook(t *testing.T, data []byte, answers map[string]string) ([]byte, map[string][2]string) {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	where := map[string][2]string{}
	for _, sheet := range f.GetSheetList() {
		rows, _ := f.GetRows(sheet)
		for i, r := range rows {
			if len(r) > 1 {
				if ans, ok := answers[r[1]]; ok {
					f.SetCellStr(sheet, "H"+strconv.Itoa(i+1), ans)
					where[r[1]] = [2]string{sheet, strconv.Itoa(i + 1)}
				}
			}
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), where
}

// postWorkbook uploads a workbook as the import page does.
func postWorkbook(t *testing.T, inst *servertest.Instance, b *servertest.Browser, path string, data []byte) (*http.Response, string) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("file", "profile.xlsx")
	fw.Write(data)
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, inst.URL+path, &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Origin", inst.URL)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := b.Client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	got, _ := io.ReadAll(resp.Body)
	return resp, string(got)
}

// TestProfileWorkbookExportAndImport downloads the profile as a workbook,
// uploads it back with a wrong row (refused row by row, nothing changed),
// then with good answers (imported, the task list says how many changed).
func TestProfileWorkbookExportAndImport(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	co := inst.SignUpCompany(t, "Juniper Lines Inc.", "jo@juniper.test")
	join(t, inst, co, "Jules Reader", "jules@juniper.test", "read_only")
	b := signedIn(t, inst, "jo@juniper.test")
	base := "/app/orgs/" + co.Org.ID + "/profile"

	resp, sheet := b.Get(base + "/export.xlsx")
	wantStatus(t, "export", resp, 200)
	if ct, cd := resp.Header.Get("Content-Type"), resp.Header.Get("Content-Disposition"); ct != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" ||
		!strings.HasPrefix(cd, "attachment; filename*=UTF-8''security-profile-") || !strings.HasPrefix(sheet, "PK") {
		t.Fatalf("export: %q %q %q…", ct, cd, sheet[:2])
	}
	b.Get("/lang/fr?back=/")
	resp, _ = b.Get(base + "/export.xlsx")
	if cd := resp.Header.Get("Content-Disposition"); !strings.Contains(cd, "profil-de-securite-") {
		t.Errorf("French export is named %q", cd)
	}
	b.Get("/lang/en?back=/")

	// Pick two unconditional questions of the generic part: a yes/no and a date.
	v := version(t, inst)
	sec := findSection(t, v, nil, func(s catalog.Section) bool {
		return firstOf(s, catalog.YesNo) != nil && firstOf(s, catalog.Date) != nil
	})
	yes, date := firstOf(sec, catalog.YesNo), firstOf(sec, catalog.Date)

	resp, body := b.Get(base + "/import")
	wantStatus(t, "import page", resp, 200)
	contains(t, "import page", body, `enctype="multipart/form-data"`, `href="`+base+`/export.xlsx"`)
	broken, where := fillWorkbook(t, []byte(sheet), map[string]string{yes.ID: "Yes", date.ID: "someday"})
	resp, body = postWorkbook(t, inst, b, base+"/import", broken)
	wantStatus(t, "import with a wrong row", resp, http.StatusUnprocessableEntity)
	contains(t, "import with a wrong row", body, "<title>Error:", `href="#f-rows"`, "Nothing was changed.",
		"<td>"+where[date.ID][0]+"</td>", "<td>"+where[date.ID][1]+"</td>", "Enter a real date")
	if p := profileOf(t, inst, co); len(p.Answers) != 0 {
		t.Fatalf("a refused import stored %d answers", len(p.Answers))
	}

	good, _ := fillWorkbook(t, []byte(sheet), map[string]string{yes.ID: "Yes", date.ID: "2026-01-15"})
	resp, _ = postWorkbook(t, inst, b, base+"/import", good)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != base+"?imported=2" {
		t.Fatalf("import: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, body = b.Get(base + "?imported=2")
	contains(t, "task list after import", body, "The spreadsheet is imported: 2 answers changed.")
	if p := profileOf(t, inst, co); p.Answers[catalog.Key{Part: "generic", Question: date.ID}].Value.Text != "2026-01-15" {
		t.Errorf("the import did not store the date: %v", p.Answers)
	}

	// Not a workbook: refused beside the file field.
	resp, body = postWorkbook(t, inst, b, base+"/import", []byte("Question,Answer\n"))
	wantStatus(t, "not a workbook", resp, http.StatusUnprocessableEntity)
	contains(t, "not a workbook", body, `href="#f-file">This is not an Excel workbook`)

	// A read-only member may download the workbook, not upload one.
	reader := signedIn(t, inst, "jules@juniper.test")
	resp, _ = reader.Get(base + "/export.xlsx")
	wantStatus(t, "read-only export", resp, 200)
	resp, _ = reader.Get(base + "/import")
	wantStatus(t, "read-only import page", resp, http.StatusForbidden)
	resp, _ = postWorkbook(t, inst, reader, base+"/import", good)
	wantStatus(t, "read-only import", resp, http.StatusForbidden)
	_, body = reader.Get(base)
	lacks(t, "read-only task list", body, base+"/import")
}
