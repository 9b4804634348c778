package store_test

import (
	"slices"
	"testing"
	"time"

	"trustlane/internal/errs"
	"trustlane/internal/ident"
	"trustlane/internal/partner"
	"trustlane/internal/store"
	"trustlane/internal/store/storetest"
)

func TestPartnerRegistryIsSeededAndMaintained(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB, clock *storetest.Clock) {
		var all []partner.Program
		mustUpdate(t, db, func(tx *store.Tx) (err error) { all, err = tx.PartnerPrograms(); return })
		if len(all) != 11 || all[0].Code != "CTPAT" {
			t.Fatalf("seeded registry = %d programs, first %v; want 11 with C-TPAT first", len(all), all[0])
		}
		ct := all[0]
		if !ct.ArrangedOn.Equal(time.Date(2008, 6, 1, 0, 0, 0, 0, time.UTC)) || !ct.Sharing || ct.Framework != "ctpat" ||
			!slices.Contains(ct.IDKinds, ident.SCAC) || !ct.Recognized() {
			t.Fatalf("C-TPAT = %+v", ct)
		}
		eu := all[len(all)-1]
		if eu.Code != "EU-AEO" || eu.Status != partner.Planned || !eu.ArrangedOn.IsZero() || eu.Recognized() {
			t.Fatalf("last = %+v, want the EU's AEO, planned, without a date", eu)
		}
		for _, p := range all {
			if _, err := p.Normalize(); err != nil {
				t.Errorf("seeded %s does not pass its own checks: %v", p.Code, err)
			}
		}

		clock.Advance(time.Hour)
		eu.Status, eu.ArrangedOn, eu.Sharing = partner.Active, time.Date(2027, 1, 15, 0, 0, 0, 0, time.UTC), true
		mustUpdate(t, db, func(tx *store.Tx) error { return tx.SavePartnerProgram(&eu) })
		var got partner.Program
		mustUpdate(t, db, func(tx *store.Tx) (err error) { got, err = tx.PartnerProgram("EU-AEO"); return })
		if got.Status != partner.Active || !got.ArrangedOn.Equal(eu.ArrangedOn) || !got.Sharing || !got.UpdatedAt.Equal(clock.Now().Truncate(time.Microsecond)) {
			t.Fatalf("after update = %+v", got)
		}
		err := db.View(ctx, func(tx *store.Tx) error { _, err := tx.PartnerProgram("NOPE"); return err })
		if !errs.Is(err, errs.NotFound) {
			t.Fatalf("unknown code: %v, want not found", err)
		}
	})
}
