package store_test

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"trustlane/internal/errs"
	"trustlane/internal/fast"
	"trustlane/internal/program"
	"trustlane/internal/store"
	"trustlane/internal/store/storetest"
)

// cardsCSV writes n valid card rows; every seventh is CDRP, every
// eleventh revoked.
func cardsCSV(n int, holder string) []byte {
	var b bytes.Buffer
	b.WriteString("number,holder,kind,south_only,valid_until,revoked_at,revoked_reason\n")
	for i := range n {
		kind, south, rev, reason := "fast", "false", "", ""
		if i%7 == 0 {
			kind = "cdrp"
		} else if i%5 == 0 {
			south = "true"
		}
		if i%11 == 0 {
			rev, reason = "2026-01-02", "lost"
		}
		fmt.Fprintf(&b, "%09d,%s %d,%s,%s,2028-%02d-15,%s,%s\n", 100000000+i, holder, i, kind, south, 1+i%12, rev, reason)
	}
	return b.Bytes()
}

func countCards(t *testing.T, db *store.DB) (n int) {
	t.Helper()
	if err := db.View(ctx, func(tx *store.Tx) error {
		return tx.AllFastCards(func(fast.Card) error { n++; return nil })
	}); err != nil {
		t.Fatal(err)
	}
	return n
}

func importCSV(t *testing.T, db *store.DB, data []byte) store.FastImport {
	t.Helper()
	cards, problems, err := fast.ParseCSV(bytes.NewReader(data), db.Now())
	if err != nil || len(problems) > 0 {
		t.Fatalf("parse: %v %v", err, problems)
	}
	var res store.FastImport
	mustUpdate(t, db, func(tx *store.Tx) (err error) { res, err = tx.ImportFastCards(cards); return })
	return res
}

func TestFastCardsImportIsBulkIdempotentAndAllOrNothing(t *testing.T) {
	n := 100_000
	if testing.Short() {
		n = 5_000
	}
	data := cardsCSV(n, "Driver")
	each(t, func(t *testing.T, db *store.DB, clock *storetest.Clock) {
		res := importCSV(t, db, data)
		if res != (store.FastImport{Rows: n, Added: n}) || countCards(t, db) != n {
			t.Fatalf("first import %+v, %d stored", res, countCards(t, db))
		}
		clock.Advance(time.Hour)
		if res := importCSV(t, db, data); res != (store.FastImport{Rows: n, Unchanged: n}) {
			t.Fatalf("re-import %+v", res)
		}
		// Two rows changed, one added; the revoked card stays revoked.
		small := []byte("number,holder,kind,valid_until\n100000001,New Name,fast,2029-01-01\n100000000,Driver 0,fast,2028-01-15\n999999999,Someone,cdrp,2027-05-05\n")
		if res := importCSV(t, db, small); res != (store.FastImport{Rows: 3, Added: 1, Changed: 2}) {
			t.Fatalf("partial import %+v", res)
		}
		var c0, c1 fast.Card
		_ = db.View(ctx, func(tx *store.Tx) (err error) {
			if c0, err = tx.FastCard("100000000"); err == nil {
				c1, err = tx.FastCard("100000001")
			}
			return
		})
		if !c0.Revoked() || c0.Kind != fast.KindFAST || c1.Holder != "New Name" || !c1.UpdatedAt.Equal(db.Now()) {
			t.Fatalf("after partial import: %+v %+v", c0, c1)
		}
		// A failing transaction leaves nothing behind.
		before := countCards(t, db)
		boom := errors.New("boom")
		err := db.Update(ctx, func(tx *store.Tx) error {
			cards, _, _ := fast.ParseCSV(bytes.NewReader(cardsCSV(50, "Other")), db.Now())
			for i := range cards {
				cards[i].Number = "88" + cards[i].Number
			}
			if _, err := tx.ImportFastCards(cards); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) || countCards(t, db) != before {
			t.Fatalf("rolled back import: %v, %d cards (want %d)", err, countCards(t, db), before)
		}
	})
}

func TestParseCSVReportsEveryBadRow(t *testing.T) {
	data := "number,holder,kind,valid_until,south_only\n12345678,A,fast,2028-01-01,no\n12,B,fast,2028-01-01,\n12345679,,nexus,someday,maybe\n12345678,C,fast,2028-01-01,\n"
	cards, problems, err := fast.ParseCSV(strings.NewReader(data), time.Now())
	if err != nil || cards != nil {
		t.Fatalf("a broken file gives no cards: %v %v", cards, err)
	}
	got := map[string]bool{}
	for _, p := range problems {
		got[fmt.Sprintf("%d:%s", p.Line, p.Field)] = true
	}
	for _, want := range []string{"3:number", "4:holder", "4:kind", "4:valid_until", "4:south_only", "5:number"} {
		if !got[want] {
			t.Errorf("missing problem %s in %+v", want, problems)
		}
	}
	if _, problems, _ := fast.ParseCSV(strings.NewReader("number,name\n1,2\n"), time.Now()); len(problems) == 0 || problems[0].Line != 1 {
		t.Errorf("missing columns: %+v", problems)
	}
}

func TestFastCardsSearchRevokeAndApprovals(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB, clock *storetest.Clock) {
		importCSV(t, db, cardsCSV(120, "Driver"))
		var page store.FastCardPage
		_ = db.View(ctx, func(tx *store.Tx) (err error) {
			page, err = tx.FastCards(store.FastCardQuery{Text: "1000001", Limit: 5})
			return
		})
		if page.Total != 20 || len(page.Cards) != 5 || page.Cards[0].Number != "100000100" {
			t.Fatalf("number prefix search: total %d, %+v", page.Total, page.Cards)
		}
		_ = db.View(ctx, func(tx *store.Tx) (err error) {
			page, err = tx.FastCards(store.FastCardQuery{Text: "driver 11", Offset: 1, Limit: 50})
			return
		})
		if page.Total != 11 || len(page.Cards) != 10 {
			t.Fatalf("holder search: total %d, %d rows", page.Total, len(page.Cards))
		}
		if err := db.View(ctx, func(tx *store.Tx) error { _, err := tx.FastCard("55555555"); return err }); !errs.Is(err, errs.NotFound) {
			t.Fatalf("missing card: %v", err)
		}

		o := newOrg("Carrier", nil)
		mustUpdate(t, db, func(tx *store.Tx) error { return tx.InsertOrg(o) })
		var ok bool
		_ = db.View(ctx, func(tx *store.Tx) (err error) { ok, err = tx.HasActiveMembership(o.ID, fast.EligibleSectors()); return })
		if ok {
			t.Fatal("no membership yet")
		}
		mustUpdate(t, db, func(tx *store.Tx) error {
			m := program.Membership{OrgID: o.ID, Sector: program.HighwayCarrier, Number: "PIP-0000001-X", ApplicationID: "a",
				State: program.MemberActive, ApprovedAt: tx.Now(), MOUDueAt: tx.Now()}
			return tx.SaveMembership(&m)
		})
		_ = db.View(ctx, func(tx *store.Tx) (err error) { ok, err = tx.HasActiveMembership(o.ID, fast.EligibleSectors()); return })
		if !ok {
			t.Fatal("active highway carrier membership not seen")
		}
		a, _ := fast.Grant(o.ID, fast.IntoCA, true, fast.Approval{}, "u1", db.Now())
		mustUpdate(t, db, func(tx *store.Tx) error { return tx.SaveFastApproval(a) })
		clock.Advance(time.Hour)
		r, _ := a.Revoke(db.Now())
		mustUpdate(t, db, func(tx *store.Tx) error { return tx.SaveFastApproval(r) })
		var got fast.Approval
		_ = db.View(ctx, func(tx *store.Tx) (err error) { got, err = tx.FastApproval(o.ID, fast.IntoCA); return })
		if got.Active() || !got.GrantedAt.Equal(a.GrantedAt) || !got.RevokedAt.Equal(r.RevokedAt) || got.GrantedBy != "u1" {
			t.Fatalf("approval round trip %+v", got)
		}
		_ = db.View(ctx, func(tx *store.Tx) (err error) { got, err = tx.FastApproval(o.ID, fast.IntoUS); return })
		if got.Active() || got.OrgID != o.ID {
			t.Fatalf("never granted: %+v", got)
		}
	})
}
