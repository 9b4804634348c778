package office_test

import (
	"testing"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/office"
	"trustlane/internal/partner"
	"trustlane/internal/store"
)

// setProgramStatus changes a program's status, leaving its sharing as it is.
func (e *env) setProgramStatus(t *testing.T, code string, s partner.Status) {
	t.Helper()
	e.update(t, func(tx *store.Tx) error {
		p, err := tx.PartnerProgram(code)
		if err != nil {
			return err
		}
		p.Status = s
		return tx.SavePartnerProgram(&p)
	})
}

// A company can always take its consent back, even once the program's
// arrangement is suspended (its sharing may still be in force), and the
// consent stays listed until it does.
func TestConsentWithdrawnWhateverTheProgramStatus(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		org, owner, _ := e.signUp(t)
		number := e.member(t, org.ID)
		wantCode(t, e.off.SetPartnerConsent(ctx, owner.Actor(), org.ID, "CTPAT", true), "", "consent")
		e.setProgramStatus(t, "CTPAT", partner.Suspended)
		ct := e.partnerToken(t, "CTPAT")
		cs, err := e.off.PartnerConsents(ctx, owner.Actor(), org.ID)
		if err != nil {
			t.Fatal(err)
		}
		listed := false
		for _, c := range cs {
			listed = listed || (c.Program.Code == "CTPAT" && c.Consent.Granted)
		}
		if !listed {
			t.Fatalf("consents = %+v; the consent in force must stay listed so it can be withdrawn", cs)
		}
		wantCode(t, e.off.SetPartnerConsent(ctx, owner.Actor(), org.ID, "CTPAT", false), "", "withdraw while suspended")
		_, err = e.off.ExchangeStanding(ctx, ct, office.ByMemberNumber, number)
		wantCode(t, err, errs.NotFound, "look-up after withdrawal")
		wantCode(t, e.off.SetPartnerConsent(ctx, owner.Actor(), org.ID, "CTPAT", true), errs.Invalid, "consent while suspended")
		if cs, _ := e.off.PartnerConsents(ctx, owner.Actor(), org.ID); len(cs) > 0 {
			for _, c := range cs {
				if c.Program.Code == "CTPAT" {
					t.Fatalf("a suspended program without consent is listed: %+v", c)
				}
			}
		}
	})
}

// The change list reports a record whose partner ref changed: a link an
// officer confirmed, or the company withdrew, after the partner's last read.
func TestExchangeChangesReportLinkDecisions(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		org, owner, _ := e.signUp(t)
		number := e.member(t, org.ID)
		e.update(t, func(tx *store.Tx) error {
			return tx.PutPartnerMember(partner.Member{PartnerCode: "CTPAT", Ref: "CT-5", LegalName: org.LegalName, Country: "CA", Status: "active"}, "imp")
		})
		ct := e.partnerToken(t, "CTPAT")
		since := e.clock.Now().Add(-time.Hour)
		e.clock.Advance(time.Minute)
		wantCode(t, e.off.SetPartnerConsent(ctx, owner.Actor(), org.ID, "CTPAT", true), "", "consent")
		l, err := e.off.DeclarePartnerLink(ctx, owner.Actor(), org.ID, "CTPAT", "CT-5")
		if err != nil {
			t.Fatal(err)
		}
		read := func(what string, wantRef string) {
			t.Helper()
			p, err := e.off.ExchangeChanges(ctx, ct, since, 50)
			if err != nil {
				t.Fatal(err)
			}
			if len(p.Items) != 1 || p.Items[0].PartnerRef != wantRef {
				t.Fatalf("%s: changes = %+v, want one record with partner ref %q", what, p.Items, wantRef)
			}
			since = p.Next
		}
		read("consent", "")
		e.clock.Advance(time.Minute)
		wantCode(t, e.off.ConfirmPartnerLink(ctx, e.staff(t, auth.Officer), l.ID, "CT-5"), "", "confirm")
		read("after the confirmation", "CT-5")
		e.clock.Advance(time.Minute)
		wantCode(t, e.off.WithdrawPartnerLink(ctx, owner.Actor(), org.ID, l.ID), "", "withdraw the link")
		read("after the withdrawal", "")
		rec, err := e.off.ExchangeStanding(ctx, ct, office.ByMemberNumber, number)
		if err != nil || !rec.ChangedAt.Equal(since) {
			t.Fatalf("look-up = %+v, %v; changed_at must count the link and the consent", rec, err)
		}
	})
}

// One partner member record is one company: an officer cannot confirm a
// second company's declaration to a record already linked, or the partner's
// look-up by its own number would answer with either company.
func TestConfirmRefusesARecordLinkedToAnotherCompany(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		org, owner, _ := e.signUp(t)
		other, otherOwner, _ := e.signUp(t)
		e.update(t, func(tx *store.Tx) error {
			return tx.PutPartnerMember(partner.Member{PartnerCode: "CTPAT", Ref: "CT-7", LegalName: "Shared Name Ltd", Status: "active"}, "imp")
		})
		officer := e.staff(t, auth.Officer)
		a, err := e.off.DeclarePartnerLink(ctx, owner.Actor(), org.ID, "CTPAT", "CT-7")
		if err != nil {
			t.Fatal(err)
		}
		b, err := e.off.DeclarePartnerLink(ctx, otherOwner.Actor(), other.ID, "CTPAT", "ct 7")
		if err != nil {
			t.Fatal(err)
		}
		wantCode(t, e.off.ConfirmPartnerLink(ctx, officer, a.ID, "CT-7"), "", "confirm the first")
		err = e.off.ConfirmPartnerLink(ctx, officer, b.ID, "CT-7")
		wantCode(t, err, errs.Conflict, "confirm a second company to the same record")
		wantField(t, err, "member_ref", "error.partner_link.taken")
		// Once the first company withdraws, the record is free again.
		wantCode(t, e.off.WithdrawPartnerLink(ctx, owner.Actor(), org.ID, a.ID), "", "withdraw the first")
		wantCode(t, e.off.ConfirmPartnerLink(ctx, officer, b.ID, "CT-7"), "", "confirm the second")
	})
}

// Saving a program raises the change notice the border's keeper reloads on.
func TestSavePartnerProgramRaisesAChangeNotice(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		seen := e.changes()
		admin := e.staff(t, auth.Administrator)
		var p partner.Program
		e.update(t, func(tx *store.Tx) (err error) { p, err = tx.PartnerProgram("CTPAT"); return })
		p.Status = partner.Suspended
		if _, err := e.off.SavePartnerProgram(ctx, admin, p, false); err != nil {
			t.Fatal(err)
		}
		for _, c := range seen() {
			if c.Kind == "partner_program" && c.ID == "CTPAT" {
				return
			}
		}
		t.Fatalf("changes = %+v, want partner_program CTPAT", seen())
	})
}

// A partner program's code may be typed in any case.
func TestPartnerCodesIgnoreCase(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		org, owner, _ := e.signUp(t)
		if _, err := e.off.DeclarePartnerLink(ctx, owner.Actor(), org.ID, " ctpat", "CT-1"); err != nil {
			t.Fatalf("declare with a lower-case code: %v", err)
		}
		if err := e.off.SetPartnerConsent(ctx, owner.Actor(), org.ID, "ctpat", true); err != nil {
			t.Fatalf("consent with a lower-case code: %v", err)
		}
		if _, err := e.off.PartnerProgram(ctx, e.staff(t, auth.Officer), "ctpat"); err != nil {
			t.Fatalf("the registry with a lower-case code: %v", err)
		}
	})
}
