package demo

import (
	"slices"
	"time"

	"trustlane/internal/fast"
	"trustlane/internal/ident"
	"trustlane/internal/program"
)

const day = 24 * time.Hour

// openStates are the states of a case still under way; a company has at
// most one per sector.
var openStates = []program.AppState{program.AppDraft, program.AppSubmitted, program.AppInReview, program.AppInfoRequested,
	program.AppValidationScheduled, program.AppValidated, program.AppDenialProposed}

// makeCases spreads the applications over the organizations and, per
// sector, gives each company a history: closed cases (denied, withdrawn,
// or approved into a membership since ended) and then one last case that
// is still open or led to a live membership (pending MOU, active or
// suspended), as the database's one-open-case and one-live-membership
// rules require.
func (g *gen) makeCases() {
	n := len(g.orgs)
	for i := range g.orgs {
		o := &g.orgs[i]
		quota := g.size.Apps / n
		if i < g.size.Apps%n {
			quota++
		}
		per := make([]int, len(o.Sectors))
		for j := range quota {
			per[j%len(per)]++
		}
		for s, m := range per {
			g.sectorHistory(o, o.Sectors[s], m)
		}
	}
}

func (g *gen) sectorHistory(o *program.Organization, sector program.Sector, m int) {
	span := Anchor.Add(-2 * day).Sub(o.CreatedAt)
	times := make([]time.Time, m)
	for k := range times {
		times[k] = o.CreatedAt.Add(time.Duration(g.rng.Int64N(int64(span)))).Truncate(time.Second)
	}
	slices.SortFunc(times, func(a, b time.Time) int { return a.Compare(b) })
	for k, at := range times {
		final := k == m-1
		r := g.rng.IntN(100)
		switch {
		case !final && r < 40:
			g.app(o, sector, program.AppDenied, at)
		case !final && r < 70:
			g.app(o, sector, program.AppWithdrawn, at)
		case !final:
			g.member(o, g.app(o, sector, program.AppApproved, at), pick(g, []program.MemberState{program.MemberCancelled, program.MemberWithdrawn}))
		case r < 45:
			g.member(o, g.app(o, sector, program.AppApproved, at), program.MemberActive)
		case r < 53:
			g.member(o, g.app(o, sector, program.AppApproved, at), program.MemberSuspended)
		case r < 58:
			g.member(o, g.app(o, sector, program.AppApproved, at), program.MemberPendingMOU)
		default:
			g.app(o, sector, openStates[r%len(openStates)], at)
		}
	}
}

// app adds an application in state, created at, with the dates that state
// implies.
func (g *gen) app(o *program.Organization, sector program.Sector, state program.AppState, at time.Time) *program.Application {
	a := program.Application{ID: g.id(at), OrgID: o.ID, Sector: sector, Kind: program.Initial, State: state,
		Eligibility: program.Eligibility{Declared: []program.EligibilityItem{}}, CreatedAt: at, UpdatedAt: at}
	if state != program.AppDraft {
		a.SubmittedAt = at.Add(day)
		a.Eligibility = program.Eligibility{Declared: program.EligibilityItems(), DeclaredAt: at, LastMovement: at.Add(-10 * day)}
		a.UpdatedAt = a.SubmittedAt
	}
	switch state {
	case program.AppInfoRequested:
		a.InfoDueAt = Anchor.Add(time.Duration(5+g.rng.IntN(40)) * day)
	case program.AppDenialProposed:
		a.DenialEffectiveAt = Anchor.Add(time.Duration(1+g.rng.IntN(30)) * day)
	case program.AppApproved, program.AppDenied:
		a.DecidedAt = at.Add(time.Duration(30+g.rng.IntN(60)) * day)
		if a.DecidedAt.After(Anchor) {
			a.DecidedAt = Anchor.Add(-day)
		}
		a.UpdatedAt = a.DecidedAt
	}
	g.apps = append(g.apps, a)
	return &g.apps[len(g.apps)-1]
}

// member adds the membership an approved application led to, numbered in
// sequence with the program's check character.
func (g *gen) member(o *program.Organization, a *program.Application, state program.MemberState) {
	g.seq++
	number, err := ident.MemberNumber(g.seq)
	if err != nil {
		panic(err) // the sequence stays far below the format's limit
	}
	approved := a.DecidedAt
	m := program.Membership{ID: g.id(approved), OrgID: o.ID, Sector: a.Sector, Number: number, ApplicationID: a.ID, State: state,
		ApprovedAt: approved, MOUDueAt: approved.Add(30 * day), UpdatedAt: approved}
	if state != program.MemberPendingMOU {
		m.ActivatedAt = notAfterAnchor(approved.Add(7 * day))
		m.MOU = program.MOUSignature{Version: "2008", Lang: o.Lang, TextSHA256: "demo", SignerID: "demo", SignerName: "Demo Signer",
			Title: "Director", SignedAt: m.ActivatedAt}
		m.AnnualDueAt = m.ActivatedAt.AddDate(1, 0, 0)
		for m.AnnualDueAt.Before(Anchor) {
			m.AnnualDueAt = m.AnnualDueAt.AddDate(1, 0, 0)
		}
		m.RevalidationDueAt = m.ActivatedAt.AddDate(4, 0, 0)
		m.UpdatedAt = m.ActivatedAt
	}
	switch state {
	case program.MemberSuspended:
		m.RemedyDueAt = Anchor.Add(time.Duration(10+g.rng.IntN(80)) * day)
	case program.MemberCancelled, program.MemberWithdrawn:
		m.EndedAt = notAfterAnchor(m.ActivatedAt.Add(time.Duration(30+g.rng.IntN(300)) * day))
		m.UpdatedAt = m.EndedAt
	}
	g.members = append(g.members, m)
	if state == program.MemberActive && (a.Sector == program.Importer || a.Sector == program.HighwayCarrier) && g.rng.IntN(10) < 6 {
		g.approve(o.ID, notAfterAnchor(m.ActivatedAt.Add(14*day)))
	}
}

// notAfterAnchor keeps a date that follows from another (an activation
// after an approval, an end after an activation) from passing the data
// set's "today": nothing has happened after Anchor.
func notAfterAnchor(t time.Time) time.Time {
	if t.After(Anchor) {
		return Anchor
	}
	return t
}

// approve grants FAST into Canada (a tenth since revoked) and, for some,
// records CBP's approval into the US as partner data would.
func (g *gen) approve(orgID string, at time.Time) {
	for _, a := range g.approv {
		if a.OrgID == orgID {
			return // one approval per direction: a second sector adds nothing
		}
	}
	ca := fast.Approval{OrgID: orgID, Direction: fast.IntoCA, GrantedAt: at, GrantedBy: "demo"}
	if g.rng.IntN(10) == 0 && !at.Add(90*day).After(Anchor) {
		ca.RevokedAt = at.Add(90 * day)
	}
	g.approv = append(g.approv, ca)
	if g.rng.IntN(10) < 3 {
		g.approv = append(g.approv, fast.Approval{OrgID: orgID, Direction: fast.IntoUS, GrantedAt: at, GrantedBy: "CTPAT"})
	}
}
