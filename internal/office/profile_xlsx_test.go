package office_test

import (
	"bytes"
	"encoding/json"
	"maps"
	"slices"
	"strconv"
	"testing"

	"github.com/xuri/excelize/v2"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/store/storetest"
)

// storedAnswers is a profile's answers and revision as the store has them.
func storedAnswers(t *testing.T, e *env, a auth.Actor, orgID string) (map[string]string, int64) {
	t.Helper()
	p, err := e.off.Profile(ctx, a, orgID)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for k, an := range p.Answers {
		out[k.String()] = an.Value.String()
	}
	return out, p.Record.Revision
}

// fill sets answers in an exported workbook: sheet → question ID → text.
func fill(t *testing.T, data []byte, cells map[string]map[string]string) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for sheet, answers := range cells {
		rows, _ := f.GetRows(sheet)
		for i, r := range rows {
			if ans, ok := answers[r[1]]; ok {
				f.SetCellStr(sheet, "H"+strconv.Itoa(i+1), ans)
			}
		}
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestImportProfileXLSX(t *testing.T) {
	for _, eng := range storetest.Engines() {
		t.Run(eng.Name, func(t *testing.T) {
			e, org, owner := profileEnv(t, eng)
			if _, err := e.off.SaveAnswers(ctx, owner, org.ID, "generic", map[string]string{"A-01-Q1": "yes", "A-02-Q2": "45"}); err != nil {
				t.Fatal(err)
			}
			sheet, err := e.off.ExportProfileXLSX(ctx, owner, org.ID, "en")
			if err != nil {
				t.Fatal(err)
			}
			before, rev := storedAnswers(t, e, owner, org.ID)
			events := e.auditCount(t)

			// One wrong answer among good ones: nothing changes.
			broken := fill(t, sheet, map[string]map[string]string{
				"Generic":         {"A-01-Q1": "no", "A-02-Q1": "someday", "A-02-Q2": ""},
				"Highway carrier": {"A-03-Q1": "x; y"},
			})
			_, err = e.off.ImportProfileXLSX(ctx, owner, org.ID, broken, "en")
			if fe := fieldKeys(t, err); len(fe) != 1 || fe["Generic!"+strconv.Itoa(rowOfQuestion(t, sheet, "Generic", "A-02-Q1"))+"!A-02-Q1"] != "error.answer.date" {
				t.Fatalf("field errors %v, want one date error on its row", fe)
			}
			after, rev2 := storedAnswers(t, e, owner, org.ID)
			if !maps.Equal(before, after) || rev2 != rev || e.auditCount(t) != events {
				t.Fatalf("a refused import changed the profile: %v → %v, revision %d → %d", before, after, rev, rev2)
			}

			// A good workbook: every part at once, one event.
			good := fill(t, sheet, map[string]map[string]string{
				"Generic":         {"A-01-Q1": "no", "A-02-Q1": "2026-01-15", "A-02-Q2": ""},
				"Highway carrier": {"A-03-Q1": "y; x", "B-02-Q1": "yes"},
			})
			res, err := e.off.ImportProfileXLSX(ctx, owner, org.ID, good, "en")
			if err != nil {
				t.Fatal(err)
			}
			want := map[string]string{"generic/A-01-Q1": "no", "generic/A-02-Q1": "2026-01-15",
				"highway_carrier/A-03-Q1": "x; y", "highway_carrier/B-02-Q1": "yes"}
			after, rev2 = storedAnswers(t, e, owner, org.ID)
			if !maps.Equal(after, want) || res.Changed != 5 || res.Revision != rev+1 || rev2 != rev+1 {
				t.Fatalf("after import: %v, result %+v, revision %d (was %d)", after, res, rev2, rev)
			}
			if got := e.auditCount(t); got != events+1 {
				t.Fatalf("%d audit events for one import", got-events)
			}
			evs := e.events(t, org.ID)
			last := evs[len(evs)-1]
			var data struct{ Questions []string }
			if err := json.Unmarshal([]byte(last.Data), &data); err != nil || last.Action != "profile.imported" ||
				!slices.Equal(data.Questions, []string{"generic/A-01-Q1", "generic/A-02-Q1", "generic/A-02-Q2",
					"highway_carrier/A-03-Q1", "highway_carrier/B-02-Q1"}) {
				t.Errorf("event %s %s", last.Action, last.Data)
			}

			// The same workbook again changes nothing and records nothing.
			if res, err := e.off.ImportProfileXLSX(ctx, owner, org.ID, good, "en"); err != nil || res.Changed != 0 || e.auditCount(t) != events+1 {
				t.Errorf("a repeated import: %+v, %v", res, err)
			}
		})
	}
}

// rowOfQuestion finds a question's row in an exported workbook.
func rowOfQuestion(t *testing.T, data []byte, sheet, question string) int {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows(sheet)
	for i, r := range rows {
		if len(r) > 1 && r[1] == question {
			return i + 1
		}
	}
	t.Fatalf("no row for %s", question)
	return 0
}

func TestProfileXLSXPermissions(t *testing.T) {
	e, org, owner := profileEnv(t, storetest.Engines()[0])
	reader := e.addMember(t, org.ID, auth.ReadOnly).Actor()
	_, otherOwner, _ := e.signUp(t)
	stranger := otherOwner.Actor()
	sheet, err := e.off.ExportProfileXLSX(ctx, reader, org.ID, "fr")
	if err != nil {
		t.Fatalf("a read-only member cannot export: %v", err)
	}
	cases := []struct {
		name  string
		actor auth.Actor
		code  errs.Code
	}{
		{"read-only member", reader, errs.Forbidden},
		{"another company", stranger, errs.NotFound},
		{"owner", owner, ""},
	}
	for _, tc := range cases {
		_, err := e.off.ImportProfileXLSX(ctx, tc.actor, org.ID, sheet, "fr")
		wantCode(t, err, tc.code, tc.name)
	}
	if _, err := e.off.ExportProfileXLSX(ctx, stranger, org.ID, "en"); !errs.Is(err, errs.NotFound) {
		t.Errorf("another company exported the profile: %v", err)
	}
	if _, err := e.off.ImportProfileXLSX(ctx, owner, org.ID, []byte("not a workbook"), "en"); !errs.Is(err, errs.Invalid) {
		t.Errorf("a text file was taken: %v", err)
	}
}
