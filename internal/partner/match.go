package partner

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"trustlane/internal/ident"
)

// The weights of the evidence that a partner member record is the
// company's, out of 100. Identifiers and the partner's own member number
// are strong: each alone passes the threshold. A name is weaker (registers
// spell names loosely and names repeat), and a country only confirms. The
// total is capped at 100.
const (
	// WeightRef: the declared member number equals the record's, once
	// case, spaces and hyphens are set aside.
	WeightRef = 50
	// WeightIdentifier: per identifier of one kind with the same
	// normalized value (EIN, SCAC, EORI, MID…).
	WeightIdentifier = 40
	// WeightNameExact: the legal names give the same NameKey.
	WeightNameExact = 35
	// WeightNameSimilar: the NameKeys are close (a typo, a word more or
	// less); scaled by their similarity.
	WeightNameSimilar = 25
	// WeightCountry: the record's country is the company's.
	WeightCountry = 5
	// Threshold is the least score proposed to an officer. An exact name
	// alone passes; a close name needs the country too.
	Threshold = 25
	// SimilarAt is the least name similarity (0–1) that counts at all.
	SimilarAt = 0.75
)

// Company is what matching knows of our side: the organization's names,
// country and identifiers (canonical, as internal/program keeps them).
type Company struct {
	LegalName     string
	OperatingName string
	Country       string
	Identifiers   map[ident.Kind]string
}

// Member is a partner member record as the partner reported it.
type Member struct {
	PartnerCode string
	Ref         string
	LegalName   string
	NameKey     string
	Country     string
	Status      string
	IDs         map[ident.Kind]string
}

// Reason is one piece of evidence behind a score, for the officer to read.
type Reason struct {
	// Code is stable: ref, identifier, name_exact, name_similar, country.
	Code   string `json:"code"`
	Points int    `json:"points"`
	// Detail names what agreed: the identifier kind, the similarity.
	Detail string `json:"detail,omitempty"`
}

// Candidate is a partner member record proposed for a declared link. It is
// a proposal only: an officer's confirmation is what links.
type Candidate struct {
	MemberRef string
	Score     int
	Reasons   []Reason
	// Member is the record, when loaded for display.
	Member Member
}

// Score weighs the evidence that m is the company that declared ref.
func Score(c Company, declaredRef string, m Member) Candidate {
	cand := Candidate{MemberRef: m.Ref, Member: m}
	add := func(code string, pts int, detail string) {
		cand.Reasons = append(cand.Reasons, Reason{Code: code, Points: pts, Detail: detail})
		cand.Score += pts
	}
	if r := NormalizeRef(declaredRef); r != "" && r == NormalizeRef(m.Ref) {
		add("ref", WeightRef, "")
	}
	for _, k := range ident.Kinds() {
		ours, theirs := normID(k, c.Identifiers[k]), normID(k, m.IDs[k])
		if ours != "" && ours == theirs {
			add("identifier", WeightIdentifier, string(k))
		}
	}
	mk := m.NameKey
	if mk == "" {
		mk = NameKey(m.LegalName)
	}
	best := 0.0
	for _, n := range []string{c.LegalName, c.OperatingName} {
		if k := NameKey(n); k != "" && mk != "" {
			best = max(best, NameSimilarity(k, mk))
		}
	}
	switch {
	case best == 1:
		add("name_exact", WeightNameExact, "")
	case best >= SimilarAt:
		add("name_similar", int(float64(WeightNameSimilar)*best+0.5), strconvPercent(best))
	}
	if c.Country != "" && strings.EqualFold(c.Country, m.Country) {
		add("country", WeightCountry, strings.ToUpper(m.Country))
	}
	cand.Score = min(cand.Score, 100)
	return cand
}

// Match scores every record and returns those at or above Threshold, best
// first (ties by member number, so the order is stable).
func Match(c Company, declaredRef string, members []Member) []Candidate {
	var out []Candidate
	seen := map[string]bool{}
	for _, m := range members {
		if seen[m.Ref] {
			continue
		}
		seen[m.Ref] = true
		if cand := Score(c, declaredRef, m); cand.Score >= Threshold {
			out = append(out, cand)
		}
	}
	slices.SortFunc(out, func(a, b Candidate) int {
		return cmp.Or(cmp.Compare(b.Score, a.Score), cmp.Compare(a.MemberRef, b.MemberRef))
	})
	return out
}

// normID is an identifier's canonical form, or for a value its check
// refuses, the value upper-cased without separators: a wrong number can
// still equal a wrong number, but never a right one that differs by a digit.
func normID(k ident.Kind, v string) string {
	if strings.TrimSpace(v) == "" {
		return ""
	}
	if canon, err := ident.Normalize(k, v); err == nil {
		return canon
	}
	return NormalizeRef(v)
}

func strconvPercent(f float64) string { return strconv.Itoa(int(f*100+0.5)) + "%" }
