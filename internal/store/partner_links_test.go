package store_test

import (
	"fmt"
	"testing"
	"time"

	"trustlane/internal/errs"
	"trustlane/internal/ident"
	"trustlane/internal/partner"
	"trustlane/internal/program"
	"trustlane/internal/store"
	"trustlane/internal/store/storetest"
)

// putMember inserts a partner member record and its identifiers with SQL.
func putMember(t *testing.T, db *store.DB, code, ref, name, country string, ids map[ident.Kind]string) {
	t.Helper()
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	if err := db.ExecForTest(`INSERT INTO partner_members (partner_code, ref, legal_name, name_key, country, status, status_since,
		row_hash, import_id, first_seen_at, updated_at) VALUES (?, ?, ?, ?, ?, 'active', ?, '', 'imp', ?, ?)`,
		code, ref, name, partner.NameKey(name), country, now, now, now); err != nil {
		t.Fatal(err)
	}
	for k, v := range ids {
		if err := db.ExecForTest(`INSERT INTO partner_member_ids (partner_code, ref, kind, value) VALUES (?, ?, ?, ?)`, code, ref, k, v); err != nil {
			t.Fatal(err)
		}
	}
}

func TestPartnerLinksCandidatesAndQueue(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB, clock *storetest.Clock) {
		o := newOrg("Maple Freight Inc.", map[ident.Kind]string{ident.BN9: "123026635", ident.EIN: "12-3456789"})
		mustUpdate(t, db, func(tx *store.Tx) error { return tx.InsertOrg(o) })
		putMember(t, db, "CTPAT", "CT-0001", "MAPLE FREIGHT INCORPORATED", "CA", nil)
		putMember(t, db, "CTPAT", "CT-0002", "Other Co", "US", map[ident.Kind]string{ident.EIN: "12-3456789"})
		putMember(t, db, "CTPAT", "CT-0003", "Unrelated Logistics", "US", nil)
		putMember(t, db, "JP-AEO", "CT-0001", "Maple Freight", "JP", nil)

		var found []partner.Member
		c := partner.Company{LegalName: o.LegalName, Identifiers: o.Identifiers}
		mustUpdate(t, db, func(tx *store.Tx) (err error) { found, err = tx.PartnerMatchMembers("CTPAT", c, "ct 0003"); return })
		refs := map[string]bool{}
		for _, m := range found {
			refs[m.PartnerCode+"/"+m.Ref] = true
		}
		if len(found) != 3 || !refs["CTPAT/CT-0001"] || !refs["CTPAT/CT-0002"] || !refs["CTPAT/CT-0003"] {
			t.Fatalf("match members = %+v; want the name, the EIN and the declared number, of C-TPAT only", found)
		}
		for _, m := range found {
			if m.Ref == "CT-0002" && m.IDs[ident.EIN] != "12-3456789" {
				t.Fatalf("identifiers not loaded: %+v", m)
			}
		}

		l, err := partner.DeclareLink(o.ID, "CTPAT", "ct-0001", "u1", clock.Now())
		if err != nil {
			t.Fatal(err)
		}
		cands := partner.Match(c, l.DeclaredRef, found)
		mustUpdate(t, db, func(tx *store.Tx) error {
			if err := tx.InsertPartnerLink(&l); err != nil {
				return err
			}
			return tx.SetCandidates(l.ID, cands)
		})
		dup, _ := partner.DeclareLink(o.ID, "CTPAT", "X1", "u1", clock.Now())
		if err := db.Update(ctx, func(tx *store.Tx) error { return tx.InsertPartnerLink(&dup) }); !errs.Is(err, errs.Conflict) {
			t.Fatalf("second live link = %v, want conflict", err)
		}
		var items []store.MatchQueueItem
		var total int
		mustUpdate(t, db, func(tx *store.Tx) (err error) { items, total, err = tx.PartnerMatchQueue(10, 0); return })
		if total != 1 || len(items) != 1 || items[0].BestScore != cands[0].Score || items[0].OrgName != o.LegalName || items[0].Link.DeclaredRef != "ct-0001" {
			t.Fatalf("queue = %+v (%d)", items, total)
		}
		var got partner.Link
		mustUpdate(t, db, func(tx *store.Tx) (err error) { got, err = tx.PartnerLink(o.ID, l.ID); return })
		if len(got.Candidates) != len(cands) || got.Candidates[0].MemberRef != "CT-0001" || got.Candidates[0].Member.LegalName != "MAPLE FREIGHT INCORPORATED" ||
			len(got.Candidates[0].Reasons) == 0 {
			t.Fatalf("link candidates = %+v", got.Candidates)
		}
		if err := db.View(ctx, func(tx *store.Tx) error { _, err := tx.PartnerLink("other-org", l.ID); return err }); !errs.Is(err, errs.NotFound) {
			t.Fatalf("another org's link = %v, want not found", err)
		}
		got, _ = got.Apply(partner.LinkInput{Cmd: partner.CmdConfirm, MemberRef: "CT-0001", By: "officer", Now: clock.Now()})
		mustUpdate(t, db, func(tx *store.Tx) error { return tx.SavePartnerLink(&got) })
		mustUpdate(t, db, func(tx *store.Tx) (err error) { items, total, err = tx.PartnerMatchQueue(10, 0); return })
		if total != 0 || len(items) != 0 {
			t.Fatalf("queue after confirmation = %+v", items)
		}
		var ls []partner.Link
		mustUpdate(t, db, func(tx *store.Tx) (err error) { ls, err = tx.PartnerLinks(o.ID); return })
		if len(ls) != 1 || ls[0].State != partner.LinkConfirmed || ls[0].MemberRef != "CT-0001" || ls[0].DecidedBy != "officer" {
			t.Fatalf("links = %+v", ls)
		}
	})
}

func TestExchangeSeesOnlyConsentingMembers(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB, clock *storetest.Clock) {
		o := newOrg("Maple Freight Inc.", map[ident.Kind]string{ident.BN9: "123026635", ident.SCAC: "MAPL"})
		mustUpdate(t, db, func(tx *store.Tx) error { return tx.InsertOrg(o) })
		m := program.Membership{OrgID: o.ID, Sector: program.Importer, Number: "PIP-0000001-X", ApplicationID: "app",
			State: program.MemberActive, ApprovedAt: clock.Now(), MOUDueAt: clock.Now(), ActivatedAt: clock.Now()}
		l := partner.Link{OrgID: o.ID, PartnerCode: "CTPAT", DeclaredRef: "CT-9", State: partner.LinkConfirmed, MemberRef: "CT-9",
			DeclaredBy: "u", DeclaredAt: clock.Now()}
		mustUpdate(t, db, func(tx *store.Tx) error {
			if err := tx.SaveMembership(&m); err != nil {
				return err
			}
			return tx.InsertPartnerLink(&l)
		})
		lookups := func(code string) []error {
			var out []error
			for _, f := range []func(tx *store.Tx) (string, error){
				func(tx *store.Tx) (string, error) { return tx.ExchangeOrgByMemberNumber(code, "PIP-0000001-X") },
				func(tx *store.Tx) (string, error) { return tx.ExchangeOrgByPartnerRef(code, "ct 9") },
				func(tx *store.Tx) (string, error) { return tx.ExchangeOrgByIdentifier(code, ident.SCAC, "MAPL") },
			} {
				out = append(out, db.View(ctx, func(tx *store.Tx) error {
					id, err := f(tx)
					if err == nil && id != o.ID {
						t.Fatalf("resolved to %s, want %s", id, o.ID)
					}
					return err
				}))
			}
			return out
		}
		for i, err := range lookups("CTPAT") {
			if !errs.Is(err, errs.NotFound) {
				t.Fatalf("look-up %d before consent = %v, want not found", i, err)
			}
		}
		before := clock.Now()
		clock.Advance(time.Minute)
		mustUpdate(t, db, func(tx *store.Tx) error {
			return tx.SetPartnerConsent(&partner.Consent{OrgID: o.ID, PartnerCode: "CTPAT", Granted: true, ChangedBy: "u"})
		})
		for i, err := range lookups("CTPAT") {
			if err != nil {
				t.Fatalf("look-up %d with consent = %v", i, err)
			}
		}
		if got := lookups("JP-AEO"); !allNotFound(got) {
			t.Fatalf("another partner's look-ups = %v, want not found", got)
		}
		var recs []store.ExchangeRecord
		mustUpdate(t, db, func(tx *store.Tx) (err error) { recs, err = tx.ExchangeChanges("CTPAT", before, 10); return })
		if len(recs) != 1 || recs[0].OrgID != o.ID || recs[0].PartnerRef != "CT-9" || len(recs[0].Memberships) != 1 {
			t.Fatalf("changes = %+v", recs)
		}
		mustUpdate(t, db, func(tx *store.Tx) (err error) { recs, err = tx.ExchangeChanges("CTPAT", recs[0].ChangedAt, 10); return })
		if len(recs) != 0 {
			t.Fatalf("changes after the last = %+v, want none", recs)
		}
		var orgs []string
		mustUpdate(t, db, func(tx *store.Tx) (err error) { orgs, err = tx.ConsentingOrgs("CTPAT"); return })
		if len(orgs) != 1 || orgs[0] != o.ID {
			t.Fatalf("consenting = %v", orgs)
		}

		setSharing(t, db, false)
		if got := lookups("CTPAT"); !allNotFound(got) {
			t.Fatalf("without program-level sharing = %v, want not found", got)
		}
		setSharing(t, db, true)
		mustUpdate(t, db, func(tx *store.Tx) error {
			return tx.SetPartnerConsent(&partner.Consent{OrgID: o.ID, PartnerCode: "CTPAT", Granted: false, ChangedBy: "u"})
		})
		if got := lookups("CTPAT"); !allNotFound(got) {
			t.Fatalf("after withdrawal = %v, want not found", got)
		}
		mustUpdate(t, db, func(tx *store.Tx) (err error) { recs, err = tx.ExchangeChanges("CTPAT", time.Time{}, 10); return })
		if len(recs) != 0 {
			t.Fatalf("changes after withdrawal = %+v, want none", recs)
		}
	})
}

func allNotFound(list []error) bool {
	for _, err := range list {
		if !errs.Is(err, errs.NotFound) {
			return false
		}
	}
	return true
}

func setSharing(t *testing.T, db *store.DB, on bool) {
	t.Helper()
	if err := db.ExecForTest(`UPDATE partner_programs SET sharing = ? WHERE code = 'CTPAT'`, on); err != nil {
		t.Fatal(err)
	}
}

// One partner record, one company: a second confirmed link to the same
// record is refused by the database itself, whoever got there first.
func TestOneConfirmedLinkPerPartnerRecord(t *testing.T) {
	each(t, func(t *testing.T, db *store.DB, clock *storetest.Clock) {
		var links []partner.Link
		for i, bn := range []string{"123026635", "100000009"} {
			o := newOrg(fmt.Sprintf("Company %d", i), map[ident.Kind]string{ident.BN9: bn})
			mustUpdate(t, db, func(tx *store.Tx) error {
				if err := tx.InsertOrg(o); err != nil {
					return err
				}
				l := partner.Link{OrgID: o.ID, PartnerCode: "CTPAT", DeclaredRef: "CT-1", State: partner.LinkConfirmed, MemberRef: "CT-1",
					DeclaredBy: "u", DeclaredAt: clock.Now(), DecidedBy: "o", DecidedAt: clock.Now()}
				links = append(links, l)
				return nil
			})
		}
		mustUpdate(t, db, func(tx *store.Tx) error { return tx.InsertPartnerLink(&links[0]) })
		err := db.Update(ctx, func(tx *store.Tx) error { return tx.InsertPartnerLink(&links[1]) })
		if !errs.Is(err, errs.Conflict) {
			t.Fatalf("a second confirmed link to CT-1: %v, want a conflict", err)
		}
	})
}
