package store_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"trustlane/internal/ident"
	"trustlane/internal/partner"
	"trustlane/internal/store"
	"trustlane/internal/store/storetest"
)

// memberList generates n deterministic C-TPAT member rows as CSV.
func memberList(n int) []byte {
	var b strings.Builder
	b.WriteString("ref,legal_name,country,sectors,status,status_since,fast,scac,us_ein\n")
	statuses := []string{"Tier I", "Tier II", "Tier III", "Suspended"}
	for i := range n {
		scac := string([]byte{byte('A' + i%26), byte('A' + i/26%26), byte('A' + i/676%26), byte('A' + i/17576%26)})
		fmt.Fprintf(&b, "CT-%06d,Carrier %d Inc.,US,Highway Carrier;Importer,%s,2020-%02d-%02d,into_us,%s,12-%07d\n",
			i, i, statuses[i%len(statuses)], 1+i%12, 1+i%28, scac, i)
	}
	return []byte(b.String())
}

func parseList(t testing.TB, body string) []partner.MemberRow {
	t.Helper()
	p := partner.Program{Code: "CTPAT", IDKinds: []ident.Kind{ident.SCAC, ident.EIN, ident.MID, ident.CarrierCode}}
	rows, rep := partner.ParseMembers(p, "list.csv", []byte(body))
	if !rep.OK() {
		t.Fatalf("parse: %+v", rep.Errors)
	}
	return rows
}

func importList(t testing.TB, db *store.DB, mode partner.Mode, rows []partner.MemberRow) store.PartnerImport {
	t.Helper()
	imp := store.PartnerImport{PartnerCode: "CTPAT", Filename: "list.csv", Format: partner.FormatCSV, Mode: mode, ImportedBy: "u1"}
	if err := db.Update(ctx, func(tx *store.Tx) error { return tx.ImportPartnerMembers(&imp, rows) }); err != nil {
		t.Fatal(err)
	}
	return imp
}

func counts(imp store.PartnerImport) string {
	return fmt.Sprintf("+%d ~%d =%d -%d", imp.Added, imp.Changed, imp.Unchanged, imp.Removed)
}

const listV1 = "ref,legal_name,status,status_since,scac,mid\n" +
	"CT-1,Maple Freight Inc.,Tier II,2020-01-01,MAPL,\n" +
	"CT-2,Acme Imports LLC,Certified,,,CAACMIMP12\n" +
	"CT-3,Gone Soon Ltd,Certified,2019-05-05,GONE,\n"

func TestPartnerImportFullPartialAndIdempotent(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB, clock *storetest.Clock) {
		if got := counts(importList(t, db, partner.ModeFull, parseList(t, listV1))); got != "+3 ~0 =0 -0" {
			t.Fatalf("first import = %s", got)
		}
		clock.Advance(time.Hour)
		if got := counts(importList(t, db, partner.ModeFull, parseList(t, listV1))); got != "+0 ~0 =3 -0" {
			t.Fatalf("same file again = %s", got)
		}
		// CT-1 is suspended and renamed, CT-3 left the list, CT-4 joined.
		v2 := "ref,legal_name,status,status_since,scac\nCT-1,Maple Freight Incorporated,Suspended,2026-10-01,MAPL\n" +
			"CT-2,Acme Imports LLC,Certified,,\nCT-4,New Member Corp,Validated,,NEWM\n"
		clock.Advance(time.Hour)
		if got := counts(importList(t, db, partner.ModeFull, parseList(t, v2))); got != "+1 ~2 =0 -1" {
			t.Fatalf("second list = %s", got)
		}
		var m store.PartnerMember
		var hist []store.PartnerStatusChange
		mustUpdate(t, db, func(tx *store.Tx) (err error) {
			if m, err = tx.PartnerMember("CTPAT", "ct-3"); err != nil {
				return err
			}
			hist, err = tx.PartnerMemberHistory("CTPAT", "CT-3")
			return err
		})
		if m.Status != partner.MemberCancelled || !m.StatusSince.Equal(clock.Now().Truncate(time.Microsecond)) || len(hist) != 2 ||
			hist[0].Status != partner.MemberActive || hist[1].Status != partner.MemberCancelled {
			t.Fatalf("removed member = %+v, history %+v", m, hist)
		}
		// CT-2 lost its MID; CT-1's history shows the suspension with the partner's date.
		var ct1, ct2 store.PartnerMember
		mustUpdate(t, db, func(tx *store.Tx) (err error) {
			if ct2, err = tx.PartnerMember("CTPAT", "CT-2"); err != nil {
				return err
			}
			ct1, err = tx.PartnerMember("CTPAT", "CT-1")
			hist, _ = tx.PartnerMemberHistory("CTPAT", "CT-1")
			return err
		})
		if len(ct2.IDs) != 0 || ct1.Status != partner.MemberSuspended || ct1.NameKey != "maple freight" || ct1.IDs[ident.SCAC] != "MAPL" ||
			len(hist) != 2 || !hist[1].Since.Equal(time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)) {
			t.Fatalf("CT-1 = %+v history %+v; CT-2 = %+v", ct1, hist, ct2)
		}
		// A partial list only adds and updates: CT-2 and CT-4 stay.
		clock.Advance(time.Hour)
		part := "ref,legal_name,status\nCT-5,Fifth Co,Certified\n"
		if got := counts(importList(t, db, partner.ModePartial, parseList(t, part))); got != "+1 ~0 =0 -0" {
			t.Fatalf("partial = %s", got)
		}
		page := memberPage(t, db, store.PartnerMemberQuery{Partner: "CTPAT", Status: partner.MemberActive})
		if page.Total != 3 { // CT-2, CT-4, CT-5
			t.Fatalf("active after partial = %d", page.Total)
		}
		// A member removed earlier comes back when a list names it again.
		clock.Advance(time.Hour)
		if got := counts(importList(t, db, partner.ModePartial, parseList(t, listV1))); got != "+0 ~3 =0 -0" {
			t.Fatalf("return of CT-3 = %s", got)
		}
		var imps []store.PartnerImport
		mustUpdate(t, db, func(tx *store.Tx) (err error) { imps, err = tx.PartnerImports("CTPAT", 0); return })
		if len(imps) != 5 || imps[0].Mode != partner.ModePartial || imps[4].Added != 3 || imps[3].Unchanged != 3 {
			t.Fatalf("imports = %+v", imps)
		}
	})
}

func memberPage(t *testing.T, db *store.DB, q store.PartnerMemberQuery) (page store.PartnerMemberPage) {
	t.Helper()
	if err := db.View(ctx, func(tx *store.Tx) (err error) { page, err = tx.PartnerMembers(q); return }); err != nil {
		t.Fatal(err)
	}
	return page
}

func TestPartnerMembersSearchAndLookups(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB, _ *storetest.Clock) {
		importList(t, db, partner.ModeFull, parseList(t, listV1))
		cases := []struct {
			q    store.PartnerMemberQuery
			want string
		}{
			{store.PartnerMemberQuery{Partner: "CTPAT"}, "CT-2 CT-3 CT-1"},
			{store.PartnerMemberQuery{Partner: "CTPAT", Name: "MAPLE Fr"}, "CT-1"},
			{store.PartnerMemberQuery{Partner: "CTPAT", Name: "ct-3"}, "CT-3"},
			{store.PartnerMemberQuery{Partner: "CTPAT", Name: "%"}, ""},
			{store.PartnerMemberQuery{Partner: "CTPAT", Limit: 1, Offset: 1}, "CT-3"},
			{store.PartnerMemberQuery{Partner: "JP-AEO"}, ""},
		}
		for _, c := range cases {
			page := memberPage(t, db, c.q)
			var refs []string
			for _, m := range page.Members {
				refs = append(refs, m.Ref)
			}
			if got := strings.Join(refs, " "); got != c.want {
				t.Errorf("%+v = %q, want %q", c.q, got, c.want)
			}
		}
		var byID []store.PartnerMember
		mustUpdate(t, db, func(tx *store.Tx) (err error) {
			byID, err = tx.PartnerMembersByIdentifier(ident.MID, "CAACMIMP12")
			return
		})
		if len(byID) != 1 || byID[0].Ref != "CT-2" || byID[0].IDs[ident.MID] != "CAACMIMP12" {
			t.Fatalf("by MID = %+v", byID)
		}
		var cnt map[string]map[partner.MemberStatus]int
		mustUpdate(t, db, func(tx *store.Tx) (err error) { cnt, err = tx.PartnerMemberCounts(); return })
		if cnt["CTPAT"][partner.MemberActive] != 3 {
			t.Fatalf("counts = %v", cnt)
		}
	})
}

// TestPartnerImportManyRows imports a list of 5,000 members (several
// insert batches on each engine) and a shorter one, checking the counts.
// The 50,000-row figure is BenchmarkImportPartnerMembers50k's: under -race
// that size alone would take minutes of the test suite.
func TestPartnerImportManyRows(t *testing.T) {
	rows := parseList(t, string(memberList(5_000)))
	each(t, func(t *testing.T, db *store.DB, _ *storetest.Clock) {
		if got := counts(importList(t, db, partner.ModeFull, rows)); got != "+5000 ~0 =0 -0" {
			t.Fatalf("first = %s", got)
		}
		if got := counts(importList(t, db, partner.ModeFull, rows[:4_000])); got != "+0 ~0 =4000 -1000" {
			t.Fatalf("second = %s", got)
		}
		page := memberPage(t, db, store.PartnerMemberQuery{Partner: "CTPAT", Status: partner.MemberCancelled, Limit: 1})
		if page.Total != 1000 {
			t.Fatalf("cancelled = %d", page.Total)
		}
	})
}
