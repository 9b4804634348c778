package border

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// status decodes a status body.
func status(t *testing.T, body []byte) Status {
	t.Helper()
	var st Status
	if err := json.Unmarshal(body, &st); err != nil {
		t.Fatalf("status body %s: %v", body, err)
	}
	return st
}

func TestLookupNormalizes(t *testing.T) {
	snap := fixture(t, DefaultRules())
	m := member(t, 1234)
	tests := []struct {
		kind, value, wantKey string
	}{
		{"bn15", "123026635RM0001", "imp-ca"},
		{" BN15 ", "123 026 635-rm-0001", "imp-ca"},
		{"member", strings.ToLower(strings.ReplaceAll(m, "-", " ")), "imp-ca"},
		{"us_ein", "12-3456789", "imp-us"},
		{"US_EIN", "123456789", "imp-us"},
		{"cbsa_carrier", " 8080\t", "car"},
		{"Partner:CtPat", "ct-99", "car"},
		{"scac", "csao", "imp-csa"},
		{"cbsa_carrier", "80 80", ""}, // carrier codes have no separators
		{"partner:ctpat", "CT99", ""}, // partner IDs keep their hyphens
		{"bn9", "123026635", ""},      // not an identifier of any party
		{"nope", "8080", ""},
		{"partner:", "8080", ""},
		{"scac", "", ""},
	}
	for _, tc := range tests {
		body, ok := snap.Lookup(tc.kind, tc.value)
		p, pok := snap.LookupParty(tc.kind, tc.value)
		if ok != (tc.wantKey != "") || pok != ok || p.Key != tc.wantKey {
			t.Errorf("Lookup(%q, %q): ok %v, party %q; want %q", tc.kind, tc.value, ok, p.Key, tc.wantKey)
			continue
		}
		st := status(t, body)
		if ok && st.Key != tc.wantKey || !ok && (st.Standing != None || !bytes.Equal(body, noneBody)) {
			t.Errorf("Lookup(%q, %q): body %s", tc.kind, tc.value, body)
		}
	}
}

func TestLookupAmbiguous(t *testing.T) {
	snap := fixture(t, DefaultRules())
	body, ok := snap.Lookup("scac", "AMBG")
	if ok || !status(t, body).Ambiguous {
		t.Fatalf("contested identifier: ok %v, body %s", ok, body)
	}
	// Removing one claimant gives the identifier back to the other.
	after := snap.With(nil, []string{"amb-1"}, nil, nil)
	if p, ok := after.LookupParty("scac", "AMBG"); !ok || p.Key != "amb-2" {
		t.Fatalf("after removing amb-1: %q %v", p.Key, ok)
	}
	// Changing a claimant so it drops the identifier does the same.
	p, _ := snap.PartyByKey("amb-2")
	p.Identifiers = []Identifier{{"scac", "TWIN"}}
	after = snap.With([]Party{p}, nil, nil, nil)
	if q, ok := after.LookupParty("scac", "AMBG"); !ok || q.Key != "amb-1" {
		t.Fatalf("after amb-2 changed: %q %v", q.Key, ok)
	}
	// A third claimant keeps it contested even when one leaves.
	third := Party{Key: "amb-3", Identifiers: []Identifier{{"scac", "AMBG"}}}
	after = snap.With([]Party{third}, []string{"amb-1"}, nil, nil)
	if _, ok := after.Lookup("scac", "AMBG"); ok {
		t.Fatal("two claimants left, yet the identifier answers")
	}
	if _, ok := snap.Lookup("scac", "AMBG"); ok {
		t.Fatal("With changed the snapshot it came from")
	}
}

func TestStatusBody(t *testing.T) {
	snap := fixture(t, DefaultRules())
	body, _ := snap.Lookup("cbsa_carrier", "8080")
	st := status(t, body)
	if st.Standing != Active || st.Name != `Northern Haul <&> "Trucking"` || len(st.Programs) != 2 ||
		!st.Programs[0].Since.Equal(since) || st.Programs[0].Sectors[0] != "highway_carrier" {
		t.Errorf("status %+v", st)
	}
	if len(st.Eligibility) != 2 || !st.Eligibility[0].Carrier || st.Eligibility[0].Importer {
		t.Errorf("eligibility %+v", st.Eligibility)
	}
	if st.Identifiers[1] != (StatusIdentifier{"partner:CTPAT", "CT-99"}) {
		t.Errorf("identifiers %+v", st.Identifiers)
	}
	body, _ = snap.Lookup("us_ein", "123456789")
	if st := status(t, body); st.Identifiers[0].Value != "12-3456789" {
		t.Errorf("EIN shown as %q, want ident's canonical form", st.Identifiers[0].Value)
	}
	body, _ = snap.Lookup("scac", "SUSP")
	if st := status(t, body); st.Standing != Suspended || st.Eligibility[1].Importer || st.Eligibility[1].Carrier {
		t.Errorf("suspended party %s", body)
	}
}

func TestWith(t *testing.T) {
	parties, cards := fixtureParties(t), fixtureCards()
	old := Build(parties, cards, DefaultRules(), now)
	changed := parties[0] // imp-ca loses its member number and gets suspended
	changed.Identifiers = changed.Identifiers[:1]
	changed.Programs = []ProgramStanding{ps("pip", Suspended, "importer")}
	added := Party{Key: "new", Name: "New Co.", Identifiers: []Identifier{{"scac", "NEWC"}}}
	renewed := Card{Number: "EXP0001", Kind: CardFAST, ValidUntil: now.AddDate(5, 0, 0)}
	snap := old.With([]Party{changed, added}, []string{"imp-us", "absent"},
		[]Card{renewed, {Number: "NEW1", Kind: CardCDRP, ValidUntil: now.AddDate(1, 0, 0)}}, []string{"rev-0001"})

	checks := []struct {
		name    string
		got     bool
		wantNew bool
	}{
		{"member number released", found(snap, KindMember, member(t, 1234)), false},
		{"bn15 kept", found(snap, "bn15", "123026635RM0001"), true},
		{"removed party gone", found(snap, "us_ein", "12-3456789"), false},
		{"added party", found(snap, "scac", "NEWC"), true},
		{"untouched party", found(snap, "cbsa_carrier", "8080"), true},
	}
	for _, c := range checks {
		if c.got != c.wantNew {
			t.Errorf("%s: found %v in new snapshot", c.name, c.got)
		}
	}
	body, _ := snap.Lookup("bn15", "123026635RM0001")
	if status(t, body).Standing != Suspended {
		t.Errorf("changed party body not re-encoded: %s", body)
	}
	if c, _ := snap.Card("EXP0001"); !c.ValidUntil.After(now) {
		t.Error("replaced card kept its old expiry")
	}
	if _, ok := snap.Card("NEW1"); !ok {
		t.Error("added card missing")
	}
	if _, ok := snap.Card("REV0001"); ok {
		t.Error("removed card still present")
	}
	if snap.Len() != old.Len() {
		t.Errorf("Len %d, want %d (one added, one removed)", snap.Len(), old.Len())
	}
	// The old snapshot is untouched.
	if !found(old, KindMember, member(t, 1234)) || !found(old, "us_ein", "12-3456789") || found(old, "scac", "NEWC") {
		t.Error("With modified the old snapshot's identifiers")
	}
	if _, ok := old.Card("REV0001"); !ok {
		t.Error("With modified the old snapshot's cards")
	}
}

func found(s *Snapshot, kind, value string) bool {
	_, ok := s.Lookup(kind, value)
	return ok
}

// TestIndexConcurrent reads while snapshots are swapped; run with -race.
func TestIndexConcurrent(t *testing.T) {
	base := fixture(t, DefaultRules())
	x := NewIndex(base)
	done := make(chan struct{})
	go func() {
		defer close(done)
		snap := base
		for i := range 200 {
			p := Party{Key: "p", Identifiers: []Identifier{{"scac", "ZZZ"}}, Name: string(rune('a' + i%26))}
			snap = snap.With([]Party{p}, nil, nil, nil)
			x.Swap(snap)
		}
	}()
	for range 2000 {
		s := x.Load()
		if _, ok := s.Lookup("cbsa_carrier", "8080"); !ok {
			t.Fatal("a swap lost an untouched party")
		}
		s.Screen(baseShipment(), now)
	}
	<-done
	if p, ok := x.Load().LookupParty("scac", "ZZZ"); !ok || p.Name == "" {
		t.Fatal("last swap not visible")
	}
}
