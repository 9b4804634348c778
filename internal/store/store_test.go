package store_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/ident"
	"trustlane/internal/program"
	"trustlane/internal/store"
	"trustlane/internal/store/storetest"
)

var ctx = context.Background()

// each runs body on both engines with a settable clock.
func each(t *testing.T, body func(t *testing.T, db *store.DB, clock *storetest.Clock)) {
	for _, e := range storetest.Engines() {
		t.Run(e.Name, func(t *testing.T) {
			clock := storetest.NewClock(time.Date(2026, 11, 25, 14, 30, 0, 123456789, time.UTC))
			db := storetest.Open(t, e.URL(t), clock.Now)
			body(t, db, clock)
		})
	}
}

func newOrg(name string, ids map[ident.Kind]string) *program.Organization {
	return &program.Organization{
		LegalName: name, Category: program.CategoryMember, Lang: "en",
		Address:     program.Address{Line1: "1 Main St", City: "Ottawa", Region: "ON", PostalCode: "K1A 0L5", Country: "CA"},
		Sectors:     []program.Sector{program.Importer, program.HighwayCarrier},
		Identifiers: ids,
	}
}

func mustUpdate(t *testing.T, db *store.DB, fn func(tx *store.Tx) error) {
	t.Helper()
	if err := db.Update(ctx, fn); err != nil {
		t.Fatal(err)
	}
}

func TestMigrateIsIdempotentAndReady(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB, _ *storetest.Clock) {
		if err := db.Migrate(ctx); err != nil {
			t.Fatalf("second migrate: %v", err)
		}
		cur, latest, err := db.MigrationStatus(ctx)
		if err != nil || cur != latest || latest < 1 {
			t.Fatalf("status = %d/%d, %v", cur, latest, err)
		}
		if err := db.Ready(ctx); err != nil {
			t.Fatalf("ready: %v", err)
		}
	})
}

func TestOrganizationsRoundTripAndIdentifiersAreUnique(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB, clock *storetest.Clock) {
		o := newOrg("Maple Freight Inc.", map[ident.Kind]string{ident.BN9: "123026635", ident.CarrierCode: "8080"})
		mustUpdate(t, db, func(tx *store.Tx) error { return tx.InsertOrg(o) })
		var got program.Organization
		if err := db.View(ctx, func(tx *store.Tx) (err error) { got, err = tx.Org(o.ID); return }); err != nil {
			t.Fatal(err)
		}
		want := clock.Now().UTC().Truncate(time.Microsecond)
		if !got.CreatedAt.Equal(want) || got.CreatedAt.Location() != time.UTC {
			t.Errorf("created_at = %v, want %v in UTC", got.CreatedAt, want)
		}
		if got.LegalName != o.LegalName || got.Address != o.Address || len(got.Sectors) != 2 ||
			got.Identifiers[ident.CarrierCode] != "8080" || got.Identifiers[ident.BN9] != "123026635" {
			t.Errorf("round trip = %+v", got)
		}
		other := newOrg("Other Co", map[ident.Kind]string{ident.BN9: "123026635"})
		err := db.Update(ctx, func(tx *store.Tx) error { return tx.InsertOrg(other) })
		if !errs.Is(err, errs.Conflict) {
			t.Fatalf("second org with same BN: err = %v, want conflict", err)
		}
		// The failed transaction left nothing behind.
		page := searchOrgs(t, db, store.OrgQuery{Text: "other"})
		if page.Total != 0 {
			t.Errorf("rolled-back organization is visible: %+v", page)
		}
		got.OperatingName = "Maple"
		got.Identifiers = map[ident.Kind]string{ident.BN9: "123026635"}
		got.Sectors = []program.Sector{program.Exporter}
		mustUpdate(t, db, func(tx *store.Tx) error { return tx.UpdateOrg(&got) })
		byID := orgByIdentifier(t, db, ident.BN9, "123026635")
		if byID.OperatingName != "Maple" || len(byID.Identifiers) != 1 || byID.Sectors[0] != program.Exporter {
			t.Errorf("after update = %+v", byID)
		}
		err = db.View(ctx, func(tx *store.Tx) error { _, err := tx.Org("missing"); return err })
		if !errs.Is(err, errs.NotFound) {
			t.Errorf("missing org: %v", err)
		}
	})
}

func searchOrgs(t *testing.T, db *store.DB, q store.OrgQuery) (page store.OrgPage) {
	t.Helper()
	if err := db.View(ctx, func(tx *store.Tx) (err error) { page, err = tx.SearchOrgs(q); return }); err != nil {
		t.Fatal(err)
	}
	return page
}

func orgByIdentifier(t *testing.T, db *store.DB, k ident.Kind, v string) (o program.Organization) {
	t.Helper()
	if err := db.View(ctx, func(tx *store.Tx) (err error) { o, err = tx.OrgByIdentifier(k, v); return }); err != nil {
		t.Fatal(err)
	}
	return o
}

func TestSearchOrganizationsPagesAndFilters(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB, clock *storetest.Clock) {
		for i := range 25 {
			o := newOrg(fmt.Sprintf("Company %02d", i), map[ident.Kind]string{})
			if i%5 == 0 {
				o.LegalName = fmt.Sprintf("100%% Pure_Logistics %02d", i)
				o.Sectors = []program.Sector{program.WarehouseOperator}
			}
			clock.Advance(time.Second)
			mustUpdate(t, db, func(tx *store.Tx) error { return tx.InsertOrg(o) })
		}
		all := searchOrgs(t, db, store.OrgQuery{Limit: 10})
		if all.Total != 25 || len(all.Orgs) != 10 || all.Orgs[0].LegalName != "100% Pure_Logistics 00" {
			t.Errorf("first page: total %d, %d rows, first %q", all.Total, len(all.Orgs), all.Orgs[0].LegalName)
		}
		last := searchOrgs(t, db, store.OrgQuery{Limit: 10, Offset: 20})
		if len(last.Orgs) != 5 {
			t.Errorf("last page has %d rows", len(last.Orgs))
		}
		// % and _ are matched literally, not as wildcards.
		lit := searchOrgs(t, db, store.OrgQuery{Text: "0% pure_l"})
		if lit.Total != 5 {
			t.Errorf("literal search total = %d, want 5", lit.Total)
		}
		wild := searchOrgs(t, db, store.OrgQuery{Text: "y_0"})
		if wild.Total != 0 {
			t.Errorf("underscore acted as a wildcard: %d", wild.Total)
		}
		wh := searchOrgs(t, db, store.OrgQuery{Sector: program.WarehouseOperator, Sort: "newest"})
		if wh.Total != 5 || wh.Orgs[0].LegalName != "100% Pure_Logistics 20" {
			t.Errorf("sector filter newest first: %d, %q", wh.Total, wh.Orgs[0].LegalName)
		}
		if len(wh.Orgs[0].Sectors) != 1 {
			t.Errorf("sectors not loaded on search results")
		}
	})
}

func TestUsersAndMembers(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB, _ *storetest.Clock) {
		o := newOrg("Owner Test Ltd", map[ident.Kind]string{})
		a := &auth.User{Email: "a@example.com", Name: "Ann", PasswordHash: "x", Lang: "fr"}
		b := &auth.User{Email: "b@example.com", Name: "Bob", PasswordHash: "x"}
		mustUpdate(t, db, func(tx *store.Tx) error {
			if err := tx.InsertOrg(o); err != nil {
				return err
			}
			if err := tx.InsertUser(a); err != nil {
				return err
			}
			if err := tx.InsertUser(b); err != nil {
				return err
			}
			if err := tx.AddMember(o.ID, b.ID, auth.ReadOnly); err != nil {
				return err
			}
			return tx.AddMember(o.ID, a.ID, auth.AccountOwner)
		})
		dup := &auth.User{Email: "a@example.com", Name: "Again", PasswordHash: "x"}
		err := db.Update(ctx, func(tx *store.Tx) error { return tx.InsertUser(dup) })
		if e, ok := errs.As(err); !ok || e.Key != "error.email_taken" {
			t.Fatalf("duplicate e-mail: %v", err)
		}
		// A second owner is refused by the database itself.
		err = db.Update(ctx, func(tx *store.Tx) error { return tx.SetMemberRole(o.ID, b.ID, auth.AccountOwner) })
		if !errs.Is(err, errs.Conflict) {
			t.Fatalf("second owner: %v", err)
		}
		var ms []program.Member
		if err := db.View(ctx, func(tx *store.Tx) (err error) { ms, err = tx.Members(o.ID); return }); err != nil {
			t.Fatal(err)
		}
		if len(ms) != 2 || ms[0].Role != auth.AccountOwner || ms[0].Email != "a@example.com" || ms[1].Role != auth.ReadOnly {
			t.Errorf("members = %+v", ms)
		}
		err = db.View(ctx, func(tx *store.Tx) error { _, err := tx.Member("other-org", a.ID); return err })
		if !errs.Is(err, errs.NotFound) {
			t.Errorf("membership elsewhere: %v", err)
		}
		got := mustUser(t, db, a.ID)
		got.TOTPEnabled, got.TOTPLastStep, got.LockedUntil = true, 42, time.Date(2027, 1, 2, 3, 4, 5, 6000, time.UTC)
		mustUpdate(t, db, func(tx *store.Tx) error { return tx.UpdateUser(&got) })
		again := mustUser(t, db, a.ID)
		if !again.TOTPEnabled || again.TOTPLastStep != 42 || !again.LockedUntil.Equal(got.LockedUntil) || again.Lang != "fr" {
			t.Errorf("user round trip = %+v", again)
		}
		_, orgs := orgsOf(t, db, a.ID)
		if len(orgs) != 1 || orgs[0].ID != o.ID {
			t.Errorf("orgs of user = %+v", orgs)
		}
	})
}

func mustUser(t *testing.T, db *store.DB, id string) (u auth.User) {
	t.Helper()
	if err := db.View(ctx, func(tx *store.Tx) (err error) { u, err = tx.User(id); return }); err != nil {
		t.Fatal(err)
	}
	return u
}

func orgsOf(t *testing.T, db *store.DB, id string) (ms []program.Member, os []program.Organization) {
	t.Helper()
	if err := db.View(ctx, func(tx *store.Tx) (err error) { ms, os, err = tx.OrgsOfUser(id); return }); err != nil {
		t.Fatal(err)
	}
	return ms, os
}

func TestRollbackOnErrorAndPanic(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB, _ *storetest.Clock) {
		boom := errors.New("boom")
		err := db.Update(ctx, func(tx *store.Tx) error {
			if err := tx.InsertOrg(newOrg("Ghost", nil)); err != nil {
				return err
			}
			if err := tx.Audit(auth.System, store.Event{SubjectType: "x", SubjectID: "1", Action: "ghost"}); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("err = %v", err)
		}
		func() {
			defer func() { _ = recover() }()
			_ = db.Update(ctx, func(tx *store.Tx) error {
				_ = tx.InsertOrg(newOrg("Ghost", nil))
				panic("bug")
			})
		}()
		if n := searchOrgs(t, db, store.OrgQuery{}).Total; n != 0 {
			t.Errorf("%d organizations survived a rollback", n)
		}
		rep, err := db.VerifyAudit(ctx)
		if err != nil || rep.Events != 0 || len(rep.Faults) != 0 {
			t.Errorf("audit after rollback = %+v, %v", rep, err)
		}
		// The store still works after a panic released its writer.
		mustUpdate(t, db, func(tx *store.Tx) error { return tx.InsertOrg(newOrg("Real", nil)) })
	})
}
