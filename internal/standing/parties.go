package standing

import (
	"slices"
	"strings"
	"time"

	"trustlane/internal/border"
	"trustlane/internal/program"
	"trustlane/internal/store"
)

// pkey names one partner member record.
type pkey struct{ code, ref string }

// idkey is one identifier value of one kind.
type idkey struct{ kind, value string }

func orgKey(id string) string  { return "org:" + id }
func partnerKey(k pkey) string { return "partner:" + k.code + ":" + k.ref }

// programKey is a partner program's key in the FAST rules ("CTPAT" →
// "ctpat").
func programKey(code string) string { return strings.ToLower(code) }

// orgParty is an organization as the border sees it: its own identifiers
// and membership numbers, its standing in the program, its FAST approvals,
// and the partner member records merged into it.
func orgParty(o *store.BorderOrg, merged []*store.BorderPartnerMember, ours string) border.Party {
	p := border.Party{Key: orgKey(o.ID), Name: o.Name}
	seen := map[idkey]bool{}
	add := func(kind, value string) {
		if k := (idkey{kind, value}); value != "" && !seen[k] {
			seen[k] = true
			p.Identifiers = append(p.Identifiers, border.Identifier{Kind: kind, Value: value})
		}
	}
	for _, kind := range sortedKeys(o.Identifiers) {
		add(kind, o.Identifiers[kind])
	}
	for _, m := range o.Memberships {
		add(border.KindMember, m.Number)
	}
	if ps, ok := membershipStanding(o.Memberships, ours); ok {
		p.Programs = append(p.Programs, ps)
	}
	for _, d := range o.FAST {
		p.FAST = appendDirection(p.FAST, d)
	}
	for _, m := range merged {
		add(border.PartnerKind(m.Code), m.Ref)
		for _, kind := range sortedKeys(m.Identifiers) {
			add(kind, m.Identifiers[kind])
		}
		ps := partnerStanding(m)
		p.Programs = append(p.Programs, ps)
		p.FAST = appendPartnerFAST(p.FAST, m, ps)
	}
	return p
}

// partnerParty is a partner member not merged into any organization.
func partnerParty(m *store.BorderPartnerMember) border.Party {
	p := border.Party{Key: partnerKey(pkey{m.Code, m.Ref}), Name: m.Name,
		Identifiers: []border.Identifier{{Kind: border.PartnerKind(m.Code), Value: m.Ref}},
		Programs:    []border.ProgramStanding{partnerStanding(m)}}
	for _, kind := range sortedKeys(m.Identifiers) {
		p.Identifiers = append(p.Identifiers, border.Identifier{Kind: kind, Value: m.Identifiers[kind]})
	}
	p.FAST = appendPartnerFAST(p.FAST, m, p.Programs[0])
	return p
}

// partnerStanding is a partner record's standing. A program whose
// arrangement is not in force (planned, suspended, ended) is not
// recognized, so its records confer none, whatever they say.
func partnerStanding(m *store.BorderPartnerMember) border.ProgramStanding {
	st := border.Standing(m.Status)
	switch st {
	case border.Active, border.Suspended, border.Cancelled:
	default:
		st = border.None
	}
	if !m.Recognized {
		st = border.None
	}
	return border.ProgramStanding{Program: programKey(m.Code), Standing: st, Since: m.Since, Sectors: m.Sectors}
}

// membershipStanding sums up an organization's memberships, one per sector,
// into its standing in our program. It fails closed: a suspension in any
// sector suspends the whole standing, since benefits are withheld from the
// company; otherwise it is active in the sectors whose membership is
// active, or cancelled when every ended membership was cancelled. Pending
// and withdrawn memberships carry no standing.
func membershipStanding(ms []store.BorderMembership, ours string) (border.ProgramStanding, bool) {
	ps := border.ProgramStanding{Program: ours}
	var active, suspended, cancelled []store.BorderMembership
	for _, m := range ms {
		switch program.MemberState(m.State) {
		case program.MemberActive:
			active = append(active, m)
		case program.MemberSuspended:
			suspended = append(suspended, m)
		case program.MemberCancelled:
			cancelled = append(cancelled, m)
		}
	}
	pick := active
	switch {
	case len(suspended) > 0:
		ps.Standing, pick = border.Suspended, suspended
	case len(active) > 0:
		ps.Standing = border.Active
	case len(cancelled) > 0:
		ps.Standing, pick = border.Cancelled, cancelled
	default:
		return ps, false
	}
	var since time.Time
	for _, m := range pick {
		ps.Sectors = append(ps.Sectors, m.Sector)
		if m.Since.After(since) {
			since = m.Since
		}
	}
	slices.Sort(ps.Sectors)
	ps.Since = since
	return ps, true
}

// appendPartnerFAST adds the FAST approvals a partner record lists, which
// are in force only while the member is: a suspended or cancelled member
// (or one of a program we no longer recognize) holds no approval, and
// merged into a company it must not lend one to the company's other
// memberships.
func appendPartnerFAST(ds []border.Direction, m *store.BorderPartnerMember, ps border.ProgramStanding) []border.Direction {
	if ps.Standing != border.Active {
		return ds
	}
	for _, d := range m.FAST {
		ds = appendDirection(ds, d)
	}
	return ds
}

func appendDirection(ds []border.Direction, d string) []border.Direction {
	dir := border.Direction(d)
	if dir != border.IntoUS && dir != border.IntoCA || slices.Contains(ds, dir) {
		return ds
	}
	return append(ds, dir)
}

func sortedKeys(m map[string]string) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}
