package demo

import (
	"fmt"
	"slices"
	"time"

	"trustlane/internal/fast"
	"trustlane/internal/program"
	"trustlane/internal/store"
)

var (
	firstNames = []string{"Jean", "Marie", "Sarah", "Daniel", "Lucie", "Omar", "Grace", "Ken", "Aisha", "Hugo", "Emily", "Raj", "Sofia",
		"Mike", "Nora", "Pierre", "Chloé", "Liam", "Olivia", "Mateo", "Ava", "Noah", "Isabelle", "Tom"}
	lastNames = []string{"Tremblay", "Gagnon", "Roy", "Côté", "Bouchard", "Smith", "Brown", "Wilson", "Martin", "Singh", "Nguyen", "Chen",
		"Kowalski", "Garcia", "Lopez", "Patel", "MacDonald", "Okafor", "Haddad", "Novak"}
)

// stamp is one audit event before its place in the chain is known.
type stamp struct {
	at              time.Time
	action, subject string
	subjectID, data string
}

// makeEvents writes each organization's history into its own chain, in
// time order: its creation, each case's creation, submission and decision,
// each membership, then profile work up to the organization's share of
// the events asked for.
func (g *gen) makeEvents() {
	byOrg := map[string][]stamp{}
	for _, a := range g.apps {
		byOrg[a.OrgID] = append(byOrg[a.OrgID], stamp{a.CreatedAt, "application.created", "application", a.ID, fmt.Sprintf(`{"sector":%q}`, a.Sector)})
		if !a.SubmittedAt.IsZero() {
			byOrg[a.OrgID] = append(byOrg[a.OrgID], stamp{a.SubmittedAt, "application.submitted", "application", a.ID, "{}"})
		}
		switch a.State {
		case program.AppApproved, program.AppDenied:
			byOrg[a.OrgID] = append(byOrg[a.OrgID], stamp{a.DecidedAt, "decision." + map[bool]string{true: "approve", false: "deny"}[a.State == program.AppApproved],
				"application", a.ID, "{}"})
		}
	}
	for _, m := range g.members {
		byOrg[m.OrgID] = append(byOrg[m.OrgID], stamp{m.ApprovedAt, "membership.created", "membership", m.ID, fmt.Sprintf(`{"number":%q}`, m.Number)})
	}
	for _, a := range g.approv {
		if a.Direction == fast.IntoCA {
			byOrg[a.OrgID] = append(byOrg[a.OrgID], stamp{a.GrantedAt, "fast.approval_granted", "fast_approval", a.OrgID, `{"direction":"into_ca"}`})
		}
	}
	n := len(g.orgs)
	for i, o := range g.orgs {
		quota := g.size.Events / n
		if i < g.size.Events%n {
			quota++
		}
		list := append([]stamp{{o.CreatedAt, "organization.created", "organization", o.ID, fmt.Sprintf(`{"legal_name":%q}`, o.LegalName)}}, byOrg[o.ID]...)
		span := int64(Anchor.Sub(o.CreatedAt))
		for len(list) < quota {
			at := o.CreatedAt.Add(time.Duration(g.rng.Int64N(span)))
			list = append(list, stamp{at, "profile.answers_saved", "profile", o.ID, fmt.Sprintf(`{"part":"general","answers":%d}`, 1+g.rng.IntN(12))})
		}
		slices.SortStableFunc(list[1:], func(a, b stamp) int { return a.at.Compare(b.at) })
		for _, s := range list {
			g.events = append(g.events, store.AuditEvent{Chain: o.ID, At: s.at, ActorID: "demo", ActorLabel: "trustlane demo", OrgID: o.ID,
				SubjectType: s.subject, SubjectID: s.subjectID, Action: s.action, Data: s.data})
		}
	}
}

// makeCards writes FAST cards: about 8% CDRP, 5% FAST South, 3% revoked,
// and expiry dates from two years ago to five years ahead (some expired).
func (g *gen) makeCards() {
	for i := range g.size.Cards {
		kind := fast.KindFAST
		r := g.rng.IntN(100)
		if r < 8 {
			kind = fast.KindCDRP
		}
		c := fast.Card{Number: fmt.Sprintf("%09d", 300_000_000+i*37), Holder: pick(g, firstNames) + " " + pick(g, lastNames),
			Kind: kind, SouthOnly: r >= 8 && r < 13,
			ValidUntil: Anchor.Add(time.Duration(g.rng.IntN(7*365)-2*365) * day), UpdatedAt: Anchor.Add(-time.Duration(g.rng.IntN(365)) * day)}
		if g.rng.IntN(100) < 3 {
			c.RevokedAt, c.RevokedReason = c.UpdatedAt, pick(g, []string{"lost", "reported stolen", "risk assessment", "holder deceased"})
		}
		g.cards = append(g.cards, c)
	}
}
