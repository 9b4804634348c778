package standing

import (
	"bytes"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"trustlane/internal/border"
	"trustlane/internal/program"
	"trustlane/internal/store"
)

// universe is the small space random data is drawn from, so identifiers,
// links and merges collide often.
type universe struct {
	r        *rand.Rand
	orgIDs   []string
	partners []pkey
	kinds    []string
	values   []string
	numbers  []string
	unique   bool // organizations' identifiers are unique, as the store's key makes them
}

func newUniverse(seed uint64, unique bool) *universe {
	u := &universe{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), unique: unique,
		kinds: []string{"scac", "us_ein"}, values: []string{"AAAA", "BBBB", "CCCC", "DDDD"},
		numbers: []string{"PIP-0000001-A", "PIP-0000002-B", "PIP-0000003-C"}}
	for i := range 6 {
		u.orgIDs = append(u.orgIDs, fmt.Sprintf("o%d", i))
	}
	for _, code := range []string{"CTPAT", "JP-AEO"} {
		for i := range 4 {
			u.partners = append(u.partners, pkey{code, fmt.Sprintf("R%d", i)})
		}
	}
	return u
}

func (u *universe) pick(xs []string) string { return xs[u.r.IntN(len(xs))] }

func (u *universe) identifiers() map[string]string {
	ids := map[string]string{}
	for _, k := range u.kinds {
		if u.r.IntN(2) == 0 {
			ids[k] = u.pick(u.values)
		}
	}
	return ids
}

func (u *universe) org(id string) store.BorderOrg {
	o := store.BorderOrg{ID: id, Name: "Org " + id, Identifiers: u.identifiers()}
	states := []program.MemberState{program.MemberActive, program.MemberSuspended, program.MemberCancelled, program.MemberPendingMOU}
	sectors := []program.Sector{program.Importer, program.HighwayCarrier}
	for i := range u.r.IntN(3) {
		o.Memberships = append(o.Memberships, store.BorderMembership{Sector: string(sectors[i%2]), Number: u.pick(u.numbers),
			State: string(states[u.r.IntN(len(states))]), Since: time.Date(2025, 1, 1+u.r.IntN(20), 0, 0, 0, 0, time.UTC)})
	}
	for _, d := range []string{string(border.IntoUS), string(border.IntoCA)} {
		if u.r.IntN(2) == 0 {
			o.FAST = append(o.FAST, d)
		}
	}
	for range u.r.IntN(3) {
		p := u.partners[u.r.IntN(len(u.partners))]
		if !slices.Contains(o.Links, store.PartnerRef{Code: p.code, Ref: p.ref}) {
			o.Links = append(o.Links, store.PartnerRef{Code: p.code, Ref: p.ref})
		}
	}
	return o
}

func (u *universe) partner(k pkey) store.BorderPartnerMember {
	statuses := []string{"active", "suspended", "cancelled", "unknown"}
	m := store.BorderPartnerMember{Code: k.code, Ref: k.ref, Name: "Partner " + k.ref, Status: u.pick(statuses),
		Since: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), Sectors: []string{u.pick([]string{"importer", "highway_carrier"})},
		Identifiers: u.identifiers(), Recognized: u.r.IntN(4) > 0}
	if u.r.IntN(2) == 0 {
		m.FAST = []string{string(border.IntoUS)}
	}
	return m
}

// dedupe drops identifiers another organization already holds, as the
// store's primary key on (kind, value) does.
func (u *universe) dedupe(truth map[string]store.BorderOrg, o *store.BorderOrg) {
	if !u.unique {
		return
	}
	for id, other := range truth {
		if id == o.ID {
			continue
		}
		for k, v := range o.Identifiers {
			if other.Identifiers[k] == v {
				delete(o.Identifiers, k)
			}
		}
	}
}

func cloneOrg(o store.BorderOrg) store.BorderOrg {
	o.Identifiers = maps.Clone(o.Identifiers)
	o.Memberships, o.FAST, o.Links = slices.Clone(o.Memberships), slices.Clone(o.FAST), slices.Clone(o.Links)
	return o
}

func orgList(truth map[string]store.BorderOrg) []store.BorderOrg {
	var out []store.BorderOrg
	for _, id := range slices.Sorted(maps.Keys(truth)) {
		out = append(out, cloneOrg(truth[id]))
	}
	return out
}

// TestIncrementalMatchesFullBuild applies random changes to organizations
// (identifiers, memberships, FAST approvals, confirmed links, creation and
// deletion) one batch at a time through updateOrgs and Snapshot.With, and
// after every batch compares every possible look-up with a snapshot built
// from scratch from the same data.
func TestIncrementalMatchesFullBuild(t *testing.T) {
	rules := border.DefaultRules()
	for seed := range uint64(300) {
		for _, unique := range []bool{true, false} {
			u := newUniverse(seed, unique)
			truth := map[string]store.BorderOrg{}
			for _, id := range u.orgIDs[:u.r.IntN(len(u.orgIDs))] {
				o := u.org(id)
				u.dedupe(truth, &o)
				truth[id] = o
			}
			var partners []store.BorderPartnerMember
			for _, k := range u.partners {
				if u.r.IntN(4) > 0 {
					partners = append(partners, u.partner(k))
				}
			}
			st := newState("pip", orgList(truth), slices.Clone(partners))
			snap := border.Build(st.parties(), nil, rules, time.Time{})
			for step := range 12 {
				var ids []string
				for range 1 + u.r.IntN(3) {
					id := u.pick(u.orgIDs)
					if slices.Contains(ids, id) {
						continue
					}
					ids = append(ids, id)
					if u.r.IntN(4) == 0 {
						delete(truth, id)
						continue
					}
					o := u.org(id)
					u.dedupe(truth, &o)
					truth[id] = o
				}
				var fresh []store.BorderOrg
				for _, id := range ids {
					if o, ok := truth[id]; ok {
						fresh = append(fresh, cloneOrg(o))
					}
				}
				changed, removed := st.updateOrgs(ids, fresh)
				snap = snap.With(changed, removed, nil, nil)
				want := border.Build(newState("pip", orgList(truth), slices.Clone(partners)).parties(), nil, rules, time.Time{})
				if diff := compareSnapshots(u, want, snap); diff != "" {
					t.Fatalf("seed %d unique %v step %d (changed %v): %s", seed, unique, step, ids, diff)
				}
			}
		}
	}
}

// compareSnapshots returns the first look-up on which got differs from
// want, or "".
func compareSnapshots(u *universe, want, got *border.Snapshot) string {
	type q struct{ kind, value string }
	var qs []q
	for _, k := range u.kinds {
		for _, v := range u.values {
			qs = append(qs, q{k, v})
		}
	}
	for _, n := range u.numbers {
		qs = append(qs, q{border.KindMember, n})
	}
	for _, p := range u.partners {
		qs = append(qs, q{border.PartnerKind(p.code), p.ref})
	}
	for _, x := range qs {
		w, _ := want.Lookup(x.kind, x.value)
		g, _ := got.Lookup(x.kind, x.value)
		if !bytes.Equal(w, g) {
			return fmt.Sprintf("lookup %s=%s:\n got %s\nwant %s", x.kind, x.value, g, w)
		}
	}
	var keys []string
	for _, id := range u.orgIDs {
		keys = append(keys, orgKey(id))
	}
	for _, p := range u.partners {
		keys = append(keys, partnerKey(p))
	}
	for _, k := range keys {
		_, w := want.PartyByKey(k)
		_, g := got.PartyByKey(k)
		if w != g {
			return fmt.Sprintf("party %s: present %v, want %v", k, g, w)
		}
	}
	if want.Len() != got.Len() {
		return fmt.Sprintf("%d parties, want %d", got.Len(), want.Len())
	}
	return ""
}

// A partner record's FAST approval is in force only while its member is in
// good standing in a program we recognize; merged into a company, a
// cancelled or unrecognized record must not lend the company an approval
// it does not hold.
func TestPartnerFASTOnlyWhileInForce(t *testing.T) {
	since := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	ctpat := store.BorderPartnerMember{Code: "CTPAT", Ref: "CT-1", Name: "Maple", Status: "active", Since: since,
		Sectors: []string{"highway_carrier"}, Recognized: true}
	for _, tc := range []struct {
		name  string
		other store.BorderPartnerMember
	}{
		{"cancelled record", store.BorderPartnerMember{Code: "MXOEA", Ref: "MX-1", Status: "cancelled", Since: since,
			FAST: []string{"into_us"}, Recognized: true}},
		{"suspended record", store.BorderPartnerMember{Code: "MXOEA", Ref: "MX-1", Status: "suspended", Since: since,
			FAST: []string{"into_us"}, Recognized: true}},
		{"program not recognized", store.BorderPartnerMember{Code: "MXOEA", Ref: "MX-1", Status: "active", Since: since,
			FAST: []string{"into_us"}, Recognized: false}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			org := store.BorderOrg{ID: "o1", Name: "Maple", Identifiers: map[string]string{"scac": "MAPL"},
				Links: []store.PartnerRef{{Code: "CTPAT", Ref: "CT-1"}, {Code: "MXOEA", Ref: "MX-1"}}}
			st := newState("pip", []store.BorderOrg{org}, []store.BorderPartnerMember{ctpat, tc.other})
			snap := border.Build(st.parties(), nil, border.DefaultRules(), time.Time{})
			p, ok := snap.LookupParty("scac", "MAPL")
			if !ok || p.Key != "org:o1" {
				t.Fatalf("scac MAPL = %+v, %v", p, ok)
			}
			if len(p.FAST) != 0 {
				t.Fatalf("FAST approvals %v, want none", p.FAST)
			}
			d := snap.Screen(border.Shipment{Direction: border.IntoUS, Mode: "highway",
				Carrier: border.Identifier{Kind: "scac", Value: "MAPL"}}, since)
			if !slices.Contains(d.Reasons, border.CarrierNoFASTApproval) {
				t.Fatalf("reasons %v, want %s", d.Reasons, border.CarrierNoFASTApproval)
			}
		})
	}
}

// A record of a partner program we no longer recognize confers no standing,
// however it stands on the partner's list.
func TestUnrecognizedProgramConfersNoStanding(t *testing.T) {
	m := store.BorderPartnerMember{Code: "CTPAT", Ref: "CT-1", Status: "active", Sectors: []string{"importer"},
		FAST: []string{"into_us"}}
	p := partnerParty(&m)
	if p.Programs[0].Standing != border.None || len(p.FAST) != 0 {
		t.Fatalf("unrecognized program: %+v", p)
	}
	m.Recognized = true
	if p := partnerParty(&m); p.Programs[0].Standing != border.Active || len(p.FAST) != 1 {
		t.Fatalf("recognized program: %+v", p)
	}
}
