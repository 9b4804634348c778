package demo_test

import (
	"context"
	"errors"
	"testing"

	"trustlane/internal/demo"
	"trustlane/internal/ident"
	"trustlane/internal/partner"
	"trustlane/internal/store"
)

// partnerData is what checkPartners reads back of C-TPAT's list.
type partnerData struct {
	orgs       []store.BorderOrg
	members    []store.BorderPartnerMember
	imports    []store.PartnerImport
	consenting []string
}

func loadPartnerData(t *testing.T, db *store.DB) (d partnerData) {
	t.Helper()
	err := db.View(context.Background(), func(tx *store.Tx) (err error) {
		if d.orgs, err = tx.BorderOrgs(); err != nil {
			return err
		}
		if d.members, err = tx.BorderPartnerMembers("CTPAT"); err != nil {
			return err
		}
		if d.imports, err = tx.PartnerImports("CTPAT", 10); err != nil {
			return err
		}
		d.consenting, err = tx.ConsentingOrgs("CTPAT")
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// checkPartners checks C-TPAT's seeded list: the counts, one import that
// added every row, the links and consents, and that the identifiers of an
// organization's record are the organization's own while no other
// member's identifier is one of ours.
func checkPartners(t *testing.T, db *store.DB, c demo.Counts, size demo.Size) {
	t.Helper()
	d := loadPartnerData(t, db)
	if len(d.members) != c.PartnerMembers || c.PartnerMembers-c.PartnerOrgs != size.Partners ||
		c.PartnerOrgs < size.Orgs/4 || c.PartnerOrgs > size.Orgs*55/100 {
		t.Fatalf("%d members stored, counts %+v", len(d.members), c)
	}
	if len(d.imports) != 1 || d.imports[0].RowsTotal != c.PartnerMembers || d.imports[0].Added != c.PartnerMembers || d.imports[0].SHA256 == "" {
		t.Fatalf("imports %+v", d.imports)
	}
	if len(d.consenting) != c.PartnerConsents || c.PartnerConsents < size.Orgs*15/100 || c.PartnerConsents > size.Orgs*35/100 {
		t.Errorf("%d consenting organizations, counts %+v", len(d.consenting), c)
	}
	orgIDs, byName := map[[2]string]string{}, map[string]*store.BorderOrg{}
	links := 0
	for i, o := range d.orgs {
		byName[o.Name] = &d.orgs[i]
		for k, v := range o.Identifiers {
			orgIDs[[2]string{k, v}] = o.ID
		}
		links += len(o.Links)
	}
	if links != c.PartnerLinks || links < c.PartnerOrgs*3/10 || links > c.PartnerOrgs*7/10 {
		t.Errorf("%d confirmed links, counts %+v", links, c)
	}
	merged, standing := checkMemberIDs(t, d.members, orgIDs, byName)
	if merged < c.PartnerOrgs/3 || standing[partner.MemberSuspended] == 0 || standing[partner.MemberCancelled] == 0 ||
		standing[partner.MemberActive] < c.PartnerMembers*3/4 || standing["fast"] == 0 {
		t.Errorf("%d members merged by identifier, standings %v", merged, standing)
	}
	byRef := map[string]store.BorderPartnerMember{}
	for _, m := range d.members {
		byRef[m.Ref] = m
	}
	for _, o := range d.orgs {
		for _, l := range o.Links {
			if m, ok := byRef[l.Ref]; l.Code != "CTPAT" || !ok || m.Name != o.Name {
				t.Fatalf("%s linked to %+v, record %+v", o.Name, l, m)
			}
		}
	}
	checkMemberRecords(t, db, d.members[:40])
}

// checkMemberIDs checks every member's identifiers against our
// organizations' and returns how many share one with the organization they
// are the record of, and the count of each status (and "fast").
func checkMemberIDs(t *testing.T, members []store.BorderPartnerMember, orgIDs map[[2]string]string,
	byName map[string]*store.BorderOrg) (merged int, standing map[partner.MemberStatus]int) {
	t.Helper()
	standing = map[partner.MemberStatus]int{}
	for _, m := range members {
		standing[partner.MemberStatus(m.Status)]++
		if len(m.FAST) > 0 {
			standing["fast"]++
		}
		for k, v := range m.Identifiers {
			if got, err := ident.Normalize(ident.Kind(k), v); err != nil || got != v {
				t.Fatalf("%s: identifier %s %q invalid: %v", m.Ref, k, v, err)
			}
		}
		if o, ours := byName[m.Name]; ours {
			for _, k := range []string{string(ident.SCAC), string(ident.EIN)} {
				if m.Identifiers[k] != o.Identifiers[k] {
					t.Fatalf("%s: %s %q, the organization holds %q", m.Name, k, m.Identifiers[k], o.Identifiers[k])
				}
			}
			if len(m.Identifiers) > 0 {
				merged++
			}
			continue
		}
		if len(m.Identifiers) == 0 {
			t.Fatalf("%s (%s) is not ours and has no identifier", m.Name, m.Ref)
		}
		for k, v := range m.Identifiers {
			if id, ok := orgIDs[[2]string{k, v}]; ok {
				t.Fatalf("%s: %s %s is organization %s's", m.Name, k, v, id)
			}
		}
	}
	return merged, standing
}

// errRollBack undoes checkMemberRecords' re-import.
var errRollBack = errors.New("roll back")

// checkMemberRecords checks a few members' name key and history, and that
// importing them again as they are changes nothing (the seeded row hash is
// the import's).
func checkMemberRecords(t *testing.T, db *store.DB, sample []store.BorderPartnerMember) {
	t.Helper()
	err := db.Update(context.Background(), func(tx *store.Tx) error {
		rows := make([]partner.MemberRow, 0, len(sample))
		for _, b := range sample {
			m, err := tx.PartnerMember("CTPAT", b.Ref)
			if err != nil {
				return err
			}
			h, err := tx.PartnerMemberHistory("CTPAT", b.Ref)
			if err != nil {
				return err
			}
			if m.NameKey != partner.NameKey(m.LegalName) || len(h) != 1 || h[0].Status != m.Status || !h[0].Since.Equal(m.StatusSince) ||
				h[0].ImportID != m.ImportID {
				t.Fatalf("member %+v, history %+v", m, h)
			}
			rows = append(rows, m.MemberRow)
		}
		imp := store.PartnerImport{PartnerCode: "CTPAT", Filename: "again.csv", Format: partner.FormatCSV, Mode: partner.ModePartial,
			ImportedBy: "test"}
		if err := tx.ImportPartnerMembers(&imp, rows); err != nil {
			return err
		}
		if imp.Unchanged != len(rows) {
			t.Errorf("re-import of %d seeded rows: %+v", len(rows), imp)
		}
		return errRollBack
	})
	if !errors.Is(err, errRollBack) {
		t.Fatal(err)
	}
}
