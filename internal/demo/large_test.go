package demo_test

import (
	"context"
	"testing"
	"time"

	"trustlane/internal/demo"
	"trustlane/internal/errs"
	"trustlane/internal/fast"
	"trustlane/internal/ident"
	"trustlane/internal/program"
	"trustlane/internal/store"
	"trustlane/internal/store/storetest"
)

func TestSeedLargeScaledDownIsValidOnBothEngines(t *testing.T) {
	ctx := context.Background()
	size := demo.Size{Orgs: 200, Apps: 1000, Events: 4000, Cards: 2000, Partners: 400}
	for _, e := range storetest.Engines() {
		t.Run(e.Name, func(t *testing.T) {
			db := storetest.Open(t, e.URL(t), time.Now)
			c, err := demo.SeedLarge(ctx, db, size)
			if err != nil {
				t.Fatal(err)
			}
			if c.Orgs != 200 || c.Apps != 1000 || c.Events < 4000 || c.Cards != 2000 || c.Memberships == 0 || c.Approvals == 0 {
				t.Fatalf("counts %+v", c)
			}
			rep, err := db.VerifyAudit(ctx)
			if err != nil || len(rep.Faults) > 0 || rep.Events != int64(c.Events) || rep.Chains != 200 {
				t.Fatalf("audit verify: %+v %v", rep, err)
			}
			checkStates(t, db)
			checkIdentifiersAndCards(t, db)
			checkPartners(t, db, c, size)
			if _, err := demo.SeedLarge(ctx, db, size); !errs.Is(err, errs.Conflict) {
				t.Fatalf("a second seed must be refused: %v", err)
			}
		})
	}
}

func checkStates(t *testing.T, db *store.DB) {
	t.Helper()
	var states map[program.AppState]int
	var members []program.Membership
	err := db.View(context.Background(), func(tx *store.Tx) (err error) {
		if states, err = tx.CountCases(); err != nil {
			return err
		}
		members, err = tx.MembershipsByState([]program.MemberState{program.MemberPendingMOU, program.MemberActive,
			program.MemberSuspended, program.MemberCancelled, program.MemberWithdrawn}, 100000, 0)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []program.AppState{program.AppDraft, program.AppSubmitted, program.AppInReview, program.AppInfoRequested,
		program.AppValidationScheduled, program.AppValidated, program.AppDenialProposed, program.AppApproved, program.AppDenied, program.AppWithdrawn} {
		if states[s] == 0 {
			t.Errorf("no application in state %s: %v", s, states)
		}
	}
	seen := map[program.MemberState]int{}
	for _, m := range members {
		seen[m.State]++
		if _, err := ident.CheckMemberNumber(m.Number); err != nil {
			t.Fatalf("membership number %s: %v", m.Number, err)
		}
	}
	if seen[program.MemberActive] == 0 || seen[program.MemberSuspended] == 0 || seen[program.MemberCancelled] == 0 {
		t.Errorf("membership states %v", seen)
	}
	if seen[program.MemberActive]+seen[program.MemberSuspended]+seen[program.MemberCancelled]+seen[program.MemberWithdrawn]+
		seen[program.MemberPendingMOU] != states[program.AppApproved] {
		t.Errorf("%d memberships for %d approved applications", len(members), states[program.AppApproved])
	}
}

func checkIdentifiersAndCards(t *testing.T, db *store.DB) {
	t.Helper()
	ctx := context.Background()
	var page store.OrgPage
	var carriers, cdrp, south, revoked, expired int
	err := db.View(ctx, func(tx *store.Tx) (err error) {
		if page, err = tx.SearchOrgs(store.OrgQuery{Limit: 200}); err != nil {
			return err
		}
		return tx.AllFastCards(func(c fast.Card) error {
			switch {
			case c.Kind == fast.KindCDRP:
				cdrp++
			case c.SouthOnly:
				south++
			}
			if c.Revoked() {
				revoked++
			}
			if c.ValidUntil.Before(demo.Anchor) {
				expired++
			}
			return nil
		})
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range page.Orgs {
		full, err := orgOf(db, o.ID)
		if err != nil {
			t.Fatal(err)
		}
		for k, v := range full.Identifiers {
			if got, err := ident.Normalize(k, v); err != nil || got != v {
				t.Fatalf("%s: identifier %s %q invalid: %v", o.LegalName, k, v, err)
			}
		}
		for _, s := range full.Sectors {
			if s == program.HighwayCarrier {
				carriers++
			}
		}
	}
	if carriers < 40 || carriers > 90 || cdrp == 0 || south == 0 || revoked == 0 || expired == 0 {
		t.Errorf("carriers %d of 200, cards: cdrp %d south %d revoked %d expired %d", carriers, cdrp, south, revoked, expired)
	}
}

func orgOf(db *store.DB, id string) (o program.Organization, err error) {
	err = db.View(context.Background(), func(tx *store.Tx) error { o, err = tx.Org(id); return err })
	return o, err
}
