package partner_test

import (
	"testing"

	"trustlane/internal/ident"
	"trustlane/internal/partner"
)

// register is a partner member list with look-alikes around the true records.
func register() []partner.Member {
	ms := []partner.Member{
		{Ref: "CT-0001", LegalName: "MAPLE FREIGHT INCORPORATED", Country: "CA"},
		{Ref: "CT-0002", LegalName: "Maple Foods Ltd.", Country: "CA"},
		{Ref: "CT-0003", LegalName: "Transportes Nandu SA de CV", Country: "MX", IDs: map[ident.Kind]string{ident.EIN: "12-3456789"}},
		{Ref: "CT-0004", LegalName: "Unrelated Logistics LLC", Country: "US", IDs: map[ident.Kind]string{ident.EIN: "12-3456798"}},
		{Ref: "CT-0005", LegalName: "Société Générale de Fret", Country: "CA"},
		{Ref: "CT-0006", LegalName: "Nordic Shipping GmbH", Country: "DE", IDs: map[ident.Kind]string{ident.EORI: "DE12345678"}},
		{Ref: "CT-0007", LegalName: "Borderline Brokers Inc.", Country: "US", IDs: map[ident.Kind]string{ident.SCAC: "BRDR"}},
		{Ref: "CT-0008", LegalName: "Acme Cartage Co.", Country: "US"},
	}
	for i := range ms {
		ms[i].NameKey = partner.NameKey(ms[i].LegalName)
	}
	return ms
}

func TestMatchFindsKnownPairsFirst(t *testing.T) {
	cases := []struct {
		name string
		c    partner.Company
		ref  string
		want string // the top candidate; "" when none should pass
		not  []string
	}{
		{"case, punctuation and Inc. vs Incorporated", partner.Company{LegalName: "Maple Freight, Inc.", Country: "CA"}, "", "CT-0001", []string{"CT-0002"}},
		{"accents and legal form", partner.Company{LegalName: "Transportes Ñandú, S.A. de C.V.", Country: "MX"}, "", "CT-0003", nil},
		{"accents folded the other way", partner.Company{LegalName: "Societe Generale de Fret Ltee", Country: "CA"}, "", "CT-0005", nil},
		{"declared number with spaces and case", partner.Company{LegalName: "Somebody Else"}, "ct 0008", "CT-0008", nil},
		{"identifier typed with spaces", partner.Company{LegalName: "Nordisk Ship", Identifiers: map[ident.Kind]string{ident.EORI: "de 1234 5678"}}, "", "CT-0006", nil},
		{"identifier typed with a hyphen", partner.Company{LegalName: "Other Name", Identifiers: map[ident.Kind]string{ident.EIN: "123456789"}}, "", "CT-0003", []string{"CT-0004"}},
		{"a typo in the name, same country", partner.Company{LegalName: "Borderlnie Brokers Incorporated", Country: "US"}, "", "CT-0007", nil},
		{"a swapped digit is not the identifier", partner.Company{LegalName: "Zeta Holdings", Identifiers: map[ident.Kind]string{ident.EIN: "12-3456879"}}, "", "", nil},
		{"nothing in common", partner.Company{LegalName: "Pacific Rim Traders", Country: "CA"}, "ZZ-1", "", nil},
	}
	for _, c := range cases {
		got := partner.Match(c.c, c.ref, register())
		if c.want == "" {
			if len(got) != 0 {
				t.Errorf("%s: candidates %+v, want none", c.name, got)
			}
			continue
		}
		if len(got) == 0 || got[0].MemberRef != c.want {
			t.Errorf("%s: candidates %+v, want %s first", c.name, got, c.want)
			continue
		}
		if got[0].Score < partner.Threshold || got[0].Score > 100 || len(got[0].Reasons) == 0 {
			t.Errorf("%s: top = %+v, want a score in [threshold, 100] with reasons", c.name, got[0])
		}
		for _, n := range c.not {
			for _, g := range got {
				if g.MemberRef == n {
					t.Errorf("%s: %s proposed (%+v), want it left out", c.name, n, g)
				}
			}
		}
	}
}

func TestScoreReasonsAndWeights(t *testing.T) {
	m := partner.Member{Ref: "CT-0003", LegalName: "Transportes Nandu SA de CV", Country: "MX",
		IDs: map[ident.Kind]string{ident.EIN: "12-3456789", ident.MID: "MXTRANAN123MEX"}}
	c := partner.Company{LegalName: "Transportes Ñandú S.A. de C.V.", Country: "mx",
		Identifiers: map[ident.Kind]string{ident.EIN: "12-3456789", ident.MID: "mxtranan123mex"}}
	got := partner.Score(c, "ct0003", m)
	codes := map[string]int{}
	for _, r := range got.Reasons {
		codes[r.Code] += r.Points
	}
	if codes["ref"] != partner.WeightRef || codes["identifier"] != 2*partner.WeightIdentifier ||
		codes["name_exact"] != partner.WeightNameExact || codes["country"] != partner.WeightCountry || got.Score != 100 {
		t.Fatalf("Score = %+v; want every reason at its weight and the total capped at 100", got)
	}
	alone := partner.Score(partner.Company{LegalName: "Transportes Nandu"}, "", m)
	if alone.Score != partner.WeightNameExact {
		t.Fatalf("name alone = %d, want %d", alone.Score, partner.WeightNameExact)
	}
}

func TestMatchNeverLinks(t *testing.T) {
	c := partner.Company{LegalName: "Maple Freight Inc.", Country: "CA"}
	got := partner.Match(c, "CT-0001", register())
	if len(got) == 0 || got[0].MemberRef != "CT-0001" || got[0].Score != 90 {
		t.Fatalf("candidates = %+v, want CT-0001 at 90", got)
	}
	// Matching returns proposals; a link exists only once an officer
	// confirms it, and the declared link's state is untouched by matching.
	l := partner.Link{State: partner.LinkDeclared, Candidates: got}
	if l.State != partner.LinkDeclared || l.MemberRef != "" {
		t.Fatalf("link after matching = %+v", l)
	}
}

func TestNameSimilarity(t *testing.T) {
	k := partner.NameKey
	if s := partner.NameSimilarity(k("Borderline Brokers"), k("Borderlnie Brokers")); s < partner.SimilarAt {
		t.Errorf("a transposition: %.2f, want ≥ %.2f", s, partner.SimilarAt)
	}
	if s := partner.NameSimilarity(k("Freight Maple"), k("Maple Freight")); s < 0.99 {
		t.Errorf("reordered words: %.2f, want about 1", s)
	}
	if s := partner.NameSimilarity(k("Maple Freight"), k("Maple Foods")); s >= partner.SimilarAt {
		t.Errorf("different companies sharing a word: %.2f, want < %.2f", s, partner.SimilarAt)
	}
}
