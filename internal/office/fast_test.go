package office_test

import (
	"strings"
	"sync"
	"testing"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/fast"
	"trustlane/internal/program"
	"trustlane/internal/store"
)

func cardIn(number string) fast.CardInput {
	return fast.CardInput{Number: number, Holder: "Marie Roy", Kind: "fast", ValidUntil: time.Date(2029, 5, 1, 0, 0, 0, 0, time.UTC)}
}

// changes records the change notices of the env's store.
func (e *env) changes() func() []store.Change {
	var mu sync.Mutex
	var got []store.Change
	e.db.OnChange(func(c store.Change) { mu.Lock(); got = append(got, c); mu.Unlock() })
	return func() []store.Change { mu.Lock(); defer mu.Unlock(); return append([]store.Change(nil), got...) }
}

func TestFastCardsWhoMayDoWhat(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		org, owner, _ := e.signUp(t)
		officer, validator := e.staff(t, auth.Officer), e.staff(t, auth.Validator)
		noMFA := e.addUser(t, auth.Officer).Actor()
		seen := e.changes()

		_, err := e.off.SaveFastCard(ctx, validator, cardIn("500000001"), true)
		wantCode(t, err, errs.Forbidden, "validator adds a card")
		_, err = e.off.SaveFastCard(ctx, owner.Actor(), cardIn("500000001"), true)
		wantCode(t, err, errs.Forbidden, "company user adds a card")
		_, err = e.off.SaveFastCard(ctx, noMFA, cardIn("500000001"), true)
		wantCode(t, err, errs.Forbidden, "officer without second factor")
		_, err = e.off.FastCards(ctx, owner.Actor(), store.FastCardQuery{})
		wantCode(t, err, errs.Forbidden, "company user lists cards")

		c, err := e.off.SaveFastCard(ctx, officer, cardIn("500-000-001"), true)
		wantCode(t, err, "", "officer adds a card")
		_, err = e.off.SaveFastCard(ctx, officer, cardIn("500000001"), true)
		wantField(t, err, "number", "error.fast.number_taken")
		_, err = e.off.SaveFastCard(ctx, officer, cardIn("500000002"), false)
		wantCode(t, err, errs.NotFound, "edit a missing card")
		in := cardIn("500000001")
		in.Holder = "Marie Roy-Tremblay"
		_, err = e.off.SaveFastCard(ctx, officer, in, false)
		wantCode(t, err, "", "edit")
		_, err = e.off.RevokeFastCard(ctx, officer, c.Number, "")
		wantField(t, err, "reason", "error.fast.reason_required")
		_, err = e.off.RevokeFastCard(ctx, officer, c.Number, "reported stolen")
		wantCode(t, err, "", "revoke")
		got, err := e.off.FastCard(ctx, validator, "500000001")
		if err != nil || got.Holder != "Marie Roy-Tremblay" || !got.Revoked() || got.RevokedReason != "reported stolen" {
			t.Fatalf("validator reads the card: %+v %v", got, err)
		}
		var actions []string
		for _, ev := range e.events(t, store.ProgramChain) {
			if ev.SubjectType == "fast_card" {
				actions = append(actions, ev.Action)
			}
		}
		if strings.Join(actions, ",") != "fast.card_added,fast.card_changed,fast.card_revoked" {
			t.Fatalf("audit %v", actions)
		}
		if ch := seen(); len(ch) != 3 || ch[0] != (store.Change{Kind: "fast_card", ID: "500000001"}) {
			t.Fatalf("changes %+v", ch)
		}
		_ = org
		e.auditCount(t)
	})
}

func TestFastImportIsOneEventOrNothing(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		officer := e.staff(t, auth.Officer)
		good := "number,holder,kind,valid_until\n11111111,A,fast,2028-01-01\n22222222,B,cdrp,2028-01-01\n"
		rep, err := e.off.ImportFastCards(ctx, officer, "cards.csv", strings.NewReader(good))
		if err != nil || rep.Added != 2 || rep.Rows != 2 {
			t.Fatalf("import %+v %v", rep, err)
		}
		rep, err = e.off.ImportFastCards(ctx, officer, "cards.csv", strings.NewReader(good))
		if err != nil || rep.Unchanged != 2 {
			t.Fatalf("re-import %+v %v", rep, err)
		}
		before := e.auditCount(t)
		bad := "number,holder,kind,valid_until\n33333333,C,fast,2028-01-01\n12,D,fast,2028-01-01\n"
		rep, err = e.off.ImportFastCards(ctx, officer, "bad.csv", strings.NewReader(bad))
		wantCode(t, err, errs.Invalid, "broken file")
		if len(rep.Problems) != 1 || rep.Problems[0].Line != 3 || rep.Problems[0].Field != "number" {
			t.Fatalf("report %+v", rep.Problems)
		}
		if _, err := e.off.FastCard(ctx, officer, "33333333"); !errs.Is(err, errs.NotFound) {
			t.Fatalf("a broken file imported a row: %v", err)
		}
		if e.auditCount(t) != before {
			t.Fatal("a refused import left an audit event")
		}
		n := 0
		for _, ev := range e.events(t, store.ProgramChain) {
			if ev.Action == "fast.cards_imported" {
				n++
			}
		}
		if n != 2 {
			t.Fatalf("%d import events, want one per applied import", n)
		}
		_, err = e.off.ImportFastCards(ctx, e.staff(t, auth.Validator), "cards.csv", strings.NewReader(good))
		wantCode(t, err, errs.Forbidden, "validator imports")
	})
}

func TestFastApprovalNeedsActiveImporterOrCarrierMembership(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		org, owner, _ := e.signUp(t)
		officer, validator := e.staff(t, auth.Officer), e.staff(t, auth.Validator)
		_, err := e.off.GrantFastApproval(ctx, officer, org.ID)
		wantCode(t, err, errs.Conflict, "no membership")
		m := program.Membership{OrgID: org.ID, Sector: program.CustomsBroker, Number: "PIP-0000001-X", ApplicationID: "a1",
			State: program.MemberActive, ApprovedAt: e.clock.Now(), MOUDueAt: e.clock.Now()}
		e.update(t, func(tx *store.Tx) error { return tx.SaveMembership(&m) })
		_, err = e.off.GrantFastApproval(ctx, officer, org.ID)
		wantCode(t, err, errs.Conflict, "a broker membership does not qualify")
		imp := program.Membership{OrgID: org.ID, Sector: program.Importer, Number: "PIP-0000002-X", ApplicationID: "a2",
			State: program.MemberSuspended, ApprovedAt: e.clock.Now(), MOUDueAt: e.clock.Now()}
		e.update(t, func(tx *store.Tx) error { return tx.SaveMembership(&imp) })
		_, err = e.off.GrantFastApproval(ctx, officer, org.ID)
		wantCode(t, err, errs.Conflict, "a suspended importer membership does not qualify")
		imp.State = program.MemberActive
		e.update(t, func(tx *store.Tx) error { return tx.SaveMembership(&imp) })

		_, err = e.off.GrantFastApproval(ctx, validator, org.ID)
		wantCode(t, err, errs.Forbidden, "validator grants")
		_, err = e.off.GrantFastApproval(ctx, owner.Actor(), org.ID)
		wantCode(t, err, errs.Forbidden, "the company grants itself")
		_, err = e.off.GrantFastApproval(ctx, officer, "missing-org")
		wantCode(t, err, errs.NotFound, "unknown organization")
		seen := e.changes()
		s, err := e.off.GrantFastApproval(ctx, officer, org.ID)
		if err != nil || !s.IntoCA.Active() || !s.Eligible || s.IntoUS.Active() {
			t.Fatalf("grant %+v %v", s, err)
		}
		_, err = e.off.GrantFastApproval(ctx, officer, org.ID)
		wantCode(t, err, errs.Conflict, "grant twice")
		s, err = e.off.RevokeFastApproval(ctx, officer, org.ID)
		if err != nil || s.IntoCA.Active() || s.IntoCA.RevokedAt.IsZero() {
			t.Fatalf("revoke %+v %v", s, err)
		}
		if ch := seen(); len(ch) != 2 || ch[0] != (store.Change{Kind: "fast_approval", ID: org.ID, OrgID: org.ID}) {
			t.Fatalf("changes %+v", ch)
		}
		evs := e.events(t, org.ID)
		if last := evs[len(evs)-1]; last.Action != "fast.approval_revoked" || evs[len(evs)-2].Action != "fast.approval_granted" {
			t.Fatalf("audit %+v", evs)
		}
		st, err := e.off.FastStanding(ctx, validator, org.ID)
		if err != nil || st.IntoCA.Active() || st.IntoCA.GrantedBy != officer.UserID {
			t.Fatalf("standing %+v %v", st, err)
		}
	})
}
