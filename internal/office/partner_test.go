package office_test

import (
	"testing"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/ident"
	"trustlane/internal/office"
	"trustlane/internal/partner"
	"trustlane/internal/program"
	"trustlane/internal/store"
)

// member gives org an active membership with a valid number and returns it.
func (e *env) member(t *testing.T, orgID string) string {
	t.Helper()
	n, err := ident.MemberNumber(int(unique()))
	if err != nil {
		t.Fatal(err)
	}
	now := e.clock.Now()
	m := program.Membership{OrgID: orgID, Sector: program.CustomsBroker, Number: n, ApplicationID: "app", State: program.MemberActive,
		ApprovedAt: now, MOUDueAt: now, ActivatedAt: now}
	e.update(t, func(tx *store.Tx) error { return tx.SaveMembership(&m) })
	return n
}

// partnerToken makes an administrator's exchange token bound to code and
// returns the actor it resolves to.
func (e *env) partnerToken(t *testing.T, code string) auth.Actor {
	t.Helper()
	adm := e.staff(t, auth.Administrator)
	_, secret, err := e.off.CreateToken(ctx, adm, "", office.TokenInput{Name: code + " exchange", Scopes: []auth.Scope{auth.ScopeExchange},
		Expires: e.clock.Now().Add(30 * 24 * time.Hour), Partner: code})
	if err != nil {
		t.Fatalf("create partner token: %v", err)
	}
	a, err := e.off.TokenActor(ctx, secret)
	if err != nil || a.Partner != code {
		t.Fatalf("token actor = %+v, %v", a, err)
	}
	return a
}

func TestPartnerTokenSeesExactlyTheConsentingMembers(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		org, owner, _ := e.signUp(t)
		other, _, _ := e.signUp(t)
		number, otherNumber := e.member(t, org.ID), e.member(t, other.ID)
		e.update(t, func(tx *store.Tx) error {
			return tx.PutPartnerMember(partner.Member{PartnerCode: "CTPAT", Ref: "CT-77", LegalName: org.LegalName, Country: "CA", Status: "active"}, "imp")
		})
		officer := e.staff(t, auth.Officer)
		l, err := e.off.DeclarePartnerLink(ctx, owner.Actor(), org.ID, "CTPAT", "ct 77")
		if err != nil || len(l.Candidates) == 0 || l.Candidates[0].MemberRef != "CT-77" || l.State != partner.LinkDeclared {
			t.Fatalf("declare = %+v, %v", l, err)
		}
		ct, jp := e.partnerToken(t, "CTPAT"), e.partnerToken(t, "JP-AEO")
		start := e.clock.Now()
		lookups := func(a auth.Actor) []error {
			var out []error
			for _, q := range [][2]string{{office.ByMemberNumber, number}, {office.ByPartnerRef, "CT-77"}, {"bn9", org.Identifiers[ident.BN9]}} {
				rec, err := e.off.ExchangeStanding(ctx, a, q[0], q[1])
				if err == nil && (rec.Standing != partner.StandingActive || len(rec.Memberships) != 1 || rec.Memberships[0].Number != number) {
					t.Fatalf("standing by %s = %+v", q[0], rec)
				}
				out = append(out, err)
			}
			return out
		}
		expect := func(what string, a auth.Actor, code errs.Code, lookupsFrom int) {
			t.Helper()
			for i, err := range lookups(a)[lookupsFrom:] {
				wantCode(t, err, code, what+" look-up "+string(rune('0'+i)))
			}
		}
		changes := func(a auth.Actor) []office.StandingRecord {
			t.Helper()
			p, err := e.off.ExchangeChanges(ctx, a, start.Add(-time.Hour), 50)
			if err != nil {
				t.Fatal(err)
			}
			return p.Items
		}
		// Declared but unconfirmed and without consent: nothing.
		expect("before consent", ct, errs.NotFound, 0)
		e.clock.Advance(time.Minute)
		wantCode(t, e.off.SetPartnerConsent(ctx, owner.Actor(), org.ID, "CTPAT", true), "", "consent")
		// By partner ref only through a confirmed link.
		expect("consent, link unconfirmed", ct, "", 2)
		wantCode(t, lookups(ct)[1], errs.NotFound, "partner ref before confirmation")
		wantCode(t, e.off.ConfirmPartnerLink(ctx, officer, l.ID, "CT-77"), "", "confirm")
		expect("consent and link", ct, "", 0)
		if got := changes(ct); len(got) != 1 || got[0].PartnerRef != "CT-77" || got[0].Memberships[0].Number != number {
			t.Fatalf("changes = %+v, want exactly the consenting member", got)
		}
		_, err = e.off.ExchangeStanding(ctx, ct, office.ByMemberNumber, otherNumber)
		wantCode(t, err, errs.NotFound, "a member that did not consent")
		expect("another partner", jp, errs.NotFound, 0)
		if got := changes(jp); len(got) != 0 {
			t.Fatalf("another partner's changes = %+v", got)
		}

		e.clock.Advance(time.Minute)
		wantCode(t, e.off.SetPartnerConsent(ctx, owner.Actor(), org.ID, "CTPAT", false), "", "withdraw consent")
		expect("after withdrawal", ct, errs.NotFound, 0)
		if got := changes(ct); len(got) != 0 {
			t.Fatalf("changes after withdrawal = %+v", got)
		}

		wantCode(t, e.off.SetPartnerConsent(ctx, owner.Actor(), org.ID, "CTPAT", true), "", "consent again")
		expect("consent again", ct, "", 0)
		e.update(t, func(tx *store.Tx) error {
			p, err := tx.PartnerProgram("CTPAT")
			if err != nil {
				return err
			}
			p.Sharing = false
			return tx.SavePartnerProgram(&p)
		})
		expect("program-level sharing off", ct, errs.NotFound, 0)
		if got := changes(ct); len(got) != 0 {
			t.Fatalf("changes without program-level sharing = %+v", got)
		}

		// Every access was audited: 3 look-ups each time on the right chain.
		var reads, lists int
		for _, chain := range []string{org.ID, store.ProgramChain} {
			for _, ev := range e.events(t, chain) {
				switch ev.Action {
				case "exchange.read":
					reads++
				case "exchange.changes":
					lists++
				}
			}
		}
		if reads != 25 || lists != 4 {
			t.Fatalf("audited %d look-ups and %d change lists, want 25 and 4", reads, lists)
		}
		e.auditCount(t)
	})
}

func TestExchangeNeedsAPartnerBoundToken(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		adm := e.staff(t, auth.Administrator)
		_, err := e.off.ExchangeChanges(ctx, adm, time.Time{}, 10)
		wantCode(t, err, errs.Forbidden, "an administrator's session")
		exp := e.clock.Now().Add(24 * time.Hour)
		_, _, err = e.off.CreateToken(ctx, adm, "", office.TokenInput{Name: "x", Scopes: []auth.Scope{auth.ScopeExchange}, Expires: exp})
		wantCode(t, err, errs.Invalid, "exchange scope without a partner")
		_, _, err = e.off.CreateToken(ctx, adm, "", office.TokenInput{Name: "x", Scopes: []auth.Scope{auth.ScopeExchange, auth.ScopeStaff}, Expires: exp, Partner: "CTPAT"})
		wantCode(t, err, errs.Invalid, "a partner token with more than exchange:read")
		_, _, err = e.off.CreateToken(ctx, adm, "", office.TokenInput{Name: "x", Scopes: []auth.Scope{auth.ScopeExchange}, Expires: exp, Partner: "NOPE"})
		wantCode(t, err, errs.Invalid, "an unknown partner")
		_, _, err = e.off.CreateToken(ctx, e.staff(t, auth.Manager), "", office.TokenInput{Name: "x", Scopes: []auth.Scope{auth.ScopeExchange}, Expires: exp, Partner: "CTPAT"})
		wantCode(t, err, errs.Forbidden, "a manager binding a partner")
	})
}

func TestCompanyCannotTouchAnotherCompanysLinks(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		org, owner, _ := e.signUp(t)
		other, otherOwner, _ := e.signUp(t)
		l, err := e.off.DeclarePartnerLink(ctx, owner.Actor(), org.ID, "CTPAT", "CT-1")
		if err != nil {
			t.Fatal(err)
		}
		wantCode(t, e.off.WithdrawPartnerLink(ctx, otherOwner.Actor(), other.ID, l.ID), errs.NotFound, "withdraw another company's link")
		wantCode(t, e.off.WithdrawPartnerLink(ctx, otherOwner.Actor(), org.ID, l.ID), errs.NotFound, "through the other company's ID")
		_, err = e.off.PartnerLinks(ctx, otherOwner.Actor(), org.ID)
		wantCode(t, err, errs.NotFound, "list another company's links")
		wantCode(t, e.off.SetPartnerConsent(ctx, otherOwner.Actor(), org.ID, "CTPAT", true), errs.NotFound, "consent for another company")
		_, err = e.off.DeclarePartnerLink(ctx, owner.Actor(), org.ID, "CTPAT", "CT-2")
		wantCode(t, err, errs.Conflict, "a second live declaration")
		_, err = e.off.DeclarePartnerLink(ctx, owner.Actor(), org.ID, "EU-AEO", "X")
		wantCode(t, err, errs.Invalid, "a program without an arrangement in force")
		ro := e.addMember(t, org.ID, auth.ReadOnly)
		wantCode(t, e.off.SetPartnerConsent(ctx, ro.Actor(), org.ID, "CTPAT", true), errs.Forbidden, "a read-only member consents")
		mine, err := e.off.PartnerLinks(ctx, owner.Actor(), org.ID)
		if err != nil || len(mine) != 1 || mine[0].Candidates != nil {
			t.Fatalf("own links = %+v, %v; want one, without candidates", mine, err)
		}
		wantCode(t, e.off.WithdrawPartnerLink(ctx, owner.Actor(), org.ID, l.ID), "", "withdraw own link")
	})
}

func TestOfficerConfirmsOnlyProposedRecords(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		org, owner, _ := e.signUp(t)
		e.update(t, func(tx *store.Tx) error {
			for _, m := range []partner.Member{
				{PartnerCode: "CTPAT", Ref: "CT-1", LegalName: org.LegalName, Country: "CA", Status: "active"},
				{PartnerCode: "CTPAT", Ref: "CT-2", LegalName: "Someone Else Entirely", Country: "US", Status: "active"},
			} {
				if err := tx.PutPartnerMember(m, "imp"); err != nil {
					return err
				}
			}
			return nil
		})
		l, err := e.off.DeclarePartnerLink(ctx, owner.Actor(), org.ID, "CTPAT", "CT 9")
		if err != nil || len(l.Candidates) != 1 || l.Candidates[0].MemberRef != "CT-1" {
			t.Fatalf("declare = %+v, %v", l, err)
		}
		officer := e.staff(t, auth.Officer)
		q, err := e.off.PartnerMatchQueue(ctx, officer, 10, 0)
		if err != nil || q.Total != 1 || q.Items[0].BestScore != l.Candidates[0].Score {
			t.Fatalf("queue = %+v, %v", q, err)
		}
		_, err = e.off.PartnerMatchQueue(ctx, e.staff(t, auth.Validator), 10, 0)
		wantCode(t, err, errs.Forbidden, "a validator")
		wantCode(t, e.off.ConfirmPartnerLink(ctx, officer, l.ID, "CT-2"), errs.Invalid, "a record that is not a candidate")
		// The import brings the declared number; a rematch proposes it.
		e.update(t, func(tx *store.Tx) error {
			return tx.PutPartnerMember(partner.Member{PartnerCode: "CTPAT", Ref: "CT-9", LegalName: "Renamed Ltd", Status: "active"}, "imp2")
		})
		if err := e.off.RematchPartner(ctx, "CTPAT"); err != nil {
			t.Fatal(err)
		}
		v, err := e.off.PartnerLinkForOfficer(ctx, officer, l.ID)
		if err != nil || len(v.Link.Candidates) != 2 || v.Link.State != partner.LinkDeclared || v.Link.MemberRef != "" {
			t.Fatalf("after rematch = %+v, %v; want two proposals and nothing linked", v.Link, err)
		}
		wantCode(t, e.off.RejectPartnerLink(ctx, officer, l.ID, ""), errs.Invalid, "reject without a note")
		wantCode(t, e.off.ConfirmPartnerLink(ctx, officer, l.ID, "ct9"), "", "confirm the declared number")
		wantCode(t, e.off.RejectPartnerLink(ctx, officer, l.ID, "late"), errs.Conflict, "reject a confirmed link")
		evs := e.events(t, org.ID)
		var actions []string
		for _, ev := range evs {
			if ev.SubjectType == "partner_link" {
				actions = append(actions, ev.Action)
			}
		}
		if len(actions) != 2 || actions[0] != "partner_link.declared" || actions[1] != "partner_link.confirmed" {
			t.Fatalf("link events = %v", actions)
		}
		if v, _ := e.off.PartnerLinkForOfficer(ctx, officer, l.ID); v.Link.MemberRef != "CT-9" {
			t.Fatalf("member ref = %q, want the partner's CT-9", v.Link.MemberRef)
		}
	})
}

// An import proposes candidates to the declarations waiting for an officer,
// in its own transaction, and links nothing.
func TestImportProposesCandidatesToWaitingDeclarations(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		org, owner, _ := e.signUp(t)
		l, err := e.off.DeclarePartnerLink(ctx, owner.Actor(), org.ID, "CTPAT", "ct 9")
		if err != nil || len(l.Candidates) != 0 {
			t.Fatalf("declare before any partner data = %+v, %v", l, err)
		}
		list := "ref,legal_name,status\nCT-9,Renamed Ltd,Certified\nCT-10,Someone Else Entirely,Certified\n"
		if _, err := e.off.ImportPartnerMembers(ctx, e.staff(t, auth.Manager), "CTPAT", "ctpat.csv", []byte(list), partner.ModeFull); err != nil {
			t.Fatal(err)
		}
		v, err := e.off.PartnerLinkForOfficer(ctx, e.staff(t, auth.Officer), l.ID)
		if err != nil || len(v.Link.Candidates) != 1 || v.Link.Candidates[0].MemberRef != "CT-9" ||
			v.Link.State != partner.LinkDeclared || v.Link.MemberRef != "" {
			t.Fatalf("after the import = %+v, %v; want CT-9 proposed and nothing linked", v.Link, err)
		}
	})
}
