package partner_test

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"trustlane/internal/ident"
	"trustlane/internal/partner"
)

var ctpat = partner.Program{Code: "CTPAT", IDKinds: []ident.Kind{ident.SCAC, ident.EIN, ident.MID, ident.CarrierCode}}

// withBN is a program whose members carry a business number, whose Luhn
// check digit the import verifies.
var withBN = partner.Program{Code: "TEST", IDKinds: []ident.Kind{ident.BN9, ident.EORI}}

const goodCSV = "ref,legal_name,country,sectors,status,status_since,fast,scac,us_ein\n" +
	"ct-001,Maple Freight Inc.,CA,Highway Carrier;importer,Tier III,2024-03-01,into_us;into_ca,mapl,12-3456789\n" +
	"CT-002,\"Transportes del Norte, S.A. de C.V.\",MX,highway_carrier,Suspended,2025-01-15,,TDNO,\n" +
	"CT-003,Old Importer LLC,US,Importer,Removed,,,,\n"

func TestParseMembersCSV(t *testing.T) {
	rows, rep := partner.ParseMembers(ctpat, "members.csv", []byte(goodCSV))
	if !rep.OK() || rep.Format != partner.FormatCSV || rep.Rows != 3 || len(rows) != 3 {
		t.Fatalf("report = %+v, rows %d", rep, len(rows))
	}
	r := rows[0]
	if r.Ref != "CT-001" || r.Status != partner.MemberActive || r.Country != "CA" ||
		strings.Join(r.Sectors, ",") != "highway_carrier,importer" || strings.Join(r.FAST, ",") != "into_ca,into_us" ||
		r.IDs[ident.SCAC] != "MAPL" || r.IDs[ident.EIN] != "12-3456789" ||
		!r.StatusSince.Equal(time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)) {
		t.Errorf("row 1 = %+v", r)
	}
	if rows[1].Status != partner.MemberSuspended || rows[1].LegalName != "Transportes del Norte, S.A. de C.V." || len(rows[1].IDs) != 1 {
		t.Errorf("row 2 = %+v", rows[1])
	}
	if rows[2].Status != partner.MemberCancelled || !rows[2].StatusSince.IsZero() {
		t.Errorf("row 3 = %+v", rows[2])
	}
	// A semicolon-separated file (as French spreadsheets save) reads the same.
	semi := "REF;Legal Name;Status;Sectors\nCT-9;Acme;Certified;\"importer;exporter\"\n"
	rows, rep = partner.ParseMembers(ctpat, "x.csv", []byte(semi))
	if !rep.OK() || len(rows) != 1 || len(rows[0].Sectors) != 2 {
		t.Fatalf("semicolon file: %+v %+v", rep, rows)
	}
}

// errorsOf flattens a report to "row:field:reason" for comparison.
func errorsOf(rep partner.ImportReport) string {
	var out []string
	for _, e := range rep.Errors {
		out = append(out, strings.Join([]string{itoa(e.Row), e.Field, e.Reason}, ":"))
	}
	return strings.Join(out, " ")
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestParseMembersReportsEveryBrokenRow(t *testing.T) {
	cases := []struct {
		name, file string
		body       string
		p          partner.Program
		want       string
	}{
		{"empty", "a.csv", "", ctpat, "0:file:file_empty"},
		{"bad utf-8", "a.csv", "ref,legal_name,status\nA1,Caf\xe9 Ltd,Certified\n", ctpat, "2:file:file_utf8"},
		{"binary", "a.csv", "\x00\x01\x02", ctpat, "0:file:file_format"},
		{"disguised", "a.xlsx", goodCSV, ctpat, "0:file:file_format"},
		{"broken quotes", "a.csv", "ref,legal_name,status\nA1,\"Acme,Certified\n", ctpat, "2:file:file_broken"},
		{"missing columns", "a.csv", "ref,name\nA1,Acme\n", ctpat,
			"1:name:column_unknown 1:legal_name:column_missing 1:status:column_missing"},
		{"duplicate column", "a.csv", "ref,legal_name,status,ref\nA1,Acme,Certified,A1\n", ctpat, "1:ref:column_duplicate"},
		{"bad date", "a.csv", "ref,legal_name,status,status_since\nA1,Acme,Certified,01/03/2024\nA2,Beta,Certified,2024-02-30\n", ctpat,
			"2:status_since:date 3:status_since:date"},
		{"bad status and sector", "a.csv", "ref,legal_name,status,sectors,fast\nA1,Acme,Pending,importer;baker,into_mx\n", ctpat,
			"2:status:status 2:sectors:sector 2:fast:fast"},
		{"required cells", "a.csv", "ref,legal_name,status,country\n,,,CAN\n", ctpat,
			"2:ref:ref_required 2:legal_name:name_required 2:country:country 2:status:status_required"},
		{"duplicate ref", "a.csv", "ref,legal_name,status\nA1,Acme,Certified\na1,Acme Again,Certified\n", ctpat, "3:ref:ref_duplicate"},
		{"identifier check digit", "a.csv", "ref,legal_name,status,bn9,eori\nA1,Acme,Certified,123456783,DE123\nA2,Beta,Certified,123026635,XX\n", withBN,
			"2:bn9:identifier 3:eori:identifier"},
		{"identifier shape", "a.csv", "ref,legal_name,status,scac,us_ein\nA1,Acme,Certified,AB12,07-1144442\n", ctpat,
			"2:scac:identifier 2:us_ein:identifier"},
		{"kind the program does not use", "a.csv", "ref,legal_name,status,eori\nA1,Acme,Certified,DE123456789\nA2,Beta,Certified,\n", ctpat,
			"2:eori:kind_unused"},
		{"json not an array", "a.json", `{"ref": "A1"}`, ctpat, "0:file:file_broken"},
		{"json bad value", "a.json", `[{"ref": "A1", "legal_name": {"x": 1}, "status": "Certified"}]`, ctpat, "1:file:file_broken"},
		{"json duplicate ref", "a.json", `[{"ref":"A1","legal_name":"Acme","status":"Certified"},{"ref":"A1","legal_name":"B","status":"Certified"}]`, ctpat,
			"2:ref:ref_duplicate"},
		{"broken xlsx", "a.xlsx", "PK\x03\x04garbage", ctpat, "0:file:file_broken"},
		// A header without a member would cancel every member in a full import.
		{"header only", "a.csv", "\xef\xbb\xbfref,legal_name,status\r\n\r\n", ctpat, "0:file:file_empty"},
		{"json keys twice", "a.json", `[{"ref":"A1","REF":"B1","legal_name":"Acme","status":"Certified"}]`, ctpat, "1:file:file_broken"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rows, rep := partner.ParseMembers(c.p, c.file, []byte(c.body))
			if rep.OK() || rows != nil {
				t.Fatalf("accepted: %+v", rep)
			}
			if got := errorsOf(rep); got != c.want {
				t.Errorf("errors = %s\nwant     %s", got, c.want)
			}
			for _, e := range rep.Errors {
				if !strings.HasPrefix(e.Key, "error.partner_import.") || e.Message == "" {
					t.Errorf("error without key or message: %+v", e)
				}
			}
		})
	}
}

func TestParseMembersJSON(t *testing.T) {
	body := `{"members": [
		{"ref": "ct-1", "legal_name": "Acme Inc", "status": "Validated", "sectors": ["Importer", "Highway Carrier"],
		 "fast": ["into_us"], "status_since": "2023-05-01", "ids": {"scac": "acme"}},
		{"ref": "ct-2", "legal_name": "Beta", "status": "Revoked", "mid": "CAACMTOR123", "country": null}
	]}`
	rows, rep := partner.ParseMembers(ctpat, "list.json", []byte(body))
	if !rep.OK() || rep.Format != partner.FormatJSON || len(rows) != 2 {
		t.Fatalf("report = %+v", rep)
	}
	if rows[0].IDs[ident.SCAC] != "ACME" || len(rows[0].Sectors) != 2 || rows[1].IDs[ident.MID] != "CAACMTOR123" ||
		rows[1].Status != partner.MemberCancelled {
		t.Errorf("rows = %+v", rows)
	}
}

func TestParseMembersXLSX(t *testing.T) {
	f := excelize.NewFile()
	sh := f.GetSheetName(0)
	data := [][]any{
		{"Ref", "Legal Name", "Status", "Status Since", "SCAC"},
		{"CT-1", "Acme Inc", "Certified", time.Date(2022, 7, 4, 0, 0, 0, 0, time.UTC), "ACME"},
		{},
		{"CT-2", "Beta Ltd", "Suspended", "2023-01-31", "bad1"},
	}
	for i, r := range data {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sh, cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	rows, rep := partner.ParseMembers(ctpat, "list.xlsx", buf.Bytes())
	if rep.OK() || errorsOf(rep) != "4:scac:identifier" || rep.Format != partner.FormatXLSX {
		t.Fatalf("report = %+v", rep)
	}
	if err := f.SetCellValue(sh, "E4", "BETA"); err != nil {
		t.Fatal(err)
	}
	buf.Reset()
	_ = f.Write(&buf)
	rows, rep = partner.ParseMembers(ctpat, "list.xlsx", buf.Bytes())
	if !rep.OK() || len(rows) != 2 || !rows[0].StatusSince.Equal(time.Date(2022, 7, 4, 0, 0, 0, 0, time.UTC)) ||
		rows[1].Status != partner.MemberSuspended {
		t.Fatalf("report = %+v rows = %+v", rep, rows)
	}
}

func TestRowHashChangesWithEveryField(t *testing.T) {
	base := partner.MemberRow{Ref: "A1", LegalName: "Acme", Status: partner.MemberActive, IDs: map[ident.Kind]string{ident.SCAC: "ACME"}}
	h := partner.RowHash(base)
	changes := []func(*partner.MemberRow){
		func(r *partner.MemberRow) { r.LegalName = "Acme2" },
		func(r *partner.MemberRow) { r.Status = partner.MemberSuspended },
		func(r *partner.MemberRow) { r.StatusSince = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC) },
		func(r *partner.MemberRow) { r.FAST = []string{"into_us"} },
		func(r *partner.MemberRow) { r.Sectors = []string{"importer"} },
		func(r *partner.MemberRow) { r.IDs = map[ident.Kind]string{ident.SCAC: "ACMF"} },
		func(r *partner.MemberRow) { r.Country = "US" },
	}
	for i, ch := range changes {
		r := base
		ch(&r)
		if partner.RowHash(r) == h {
			t.Errorf("change %d does not change the hash", i)
		}
	}
	again := base
	again.IDs = map[ident.Kind]string{ident.SCAC: "ACME"}
	if partner.RowHash(again) != h {
		t.Error("the same row hashes differently")
	}
}
