package demo

import (
	"math/rand/v2"
	"testing"
	"time"
)

// TestLargeNothingHappensAfterAnchor: Anchor is the data set's today, so
// no membership is activated or ended, no FAST approval granted or
// revoked and no audit event recorded after it, even for the cases
// decided in the last days before it.
func TestLargeNothingHappensAfterAnchor(t *testing.T) {
	g := &gen{rng: rand.New(rand.NewPCG(seed, seed>>3)), size: Size{Orgs: 300, Apps: 1500, Events: 6000, Cards: 10, Partners: 10}}
	g.makeOrgs()
	g.makeCases()
	g.makeEvents()
	late := func(what string, at time.Time) {
		t.Helper()
		if at.After(Anchor) {
			t.Errorf("%s at %s, after the anchor %s", what, at, Anchor)
		}
	}
	for _, m := range g.members {
		for what, at := range map[string]time.Time{"activated": m.ActivatedAt, "ended": m.EndedAt, "updated": m.UpdatedAt,
			"MOU signed": m.MOU.SignedAt} {
			late("membership "+m.Number+" "+string(m.State)+" "+what, at)
		}
		if !m.EndedAt.IsZero() && m.EndedAt.Before(m.ActivatedAt) {
			t.Errorf("membership %s ended %s before its activation %s", m.Number, m.EndedAt, m.ActivatedAt)
		}
	}
	for _, a := range g.approv {
		late("FAST approval of "+a.OrgID+" granted", a.GrantedAt)
		late("FAST approval of "+a.OrgID+" revoked", a.RevokedAt)
	}
	for _, e := range g.events {
		late("audit event "+e.Action, e.At)
	}
}
