package border

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"testing"
)

// TestWithMatchesBuild applies random batches of changes with With and
// compares every answer with a snapshot built from scratch on the same
// parties and cards. Identifiers are drawn from a small pool so that
// contests arise and resolve often.
func TestWithMatchesBuild(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	parties := map[string]Party{}
	cards := map[string]Card{}
	snap := Build(nil, nil, DefaultRules(), now)
	for round := range 200 {
		var changed []Party
		var removed, removedCards []string
		var newCards []Card
		for range rng.IntN(6) {
			p := randomParty(rng)
			changed = append(changed, p)
		}
		for range rng.IntN(3) {
			removed = append(removed, fmt.Sprintf("p%d", rng.IntN(30)))
		}
		for range rng.IntN(3) {
			newCards = append(newCards, Card{Number: fmt.Sprintf("c%d", rng.IntN(20)), Kind: CardFAST,
				ValidUntil: now.AddDate(0, 0, rng.IntN(10)-5)})
		}
		for range rng.IntN(2) {
			removedCards = append(removedCards, fmt.Sprintf("C-%d", rng.IntN(20)))
		}
		snap = snap.With(changed, removed, newCards, removedCards)
		applyModel(parties, cards, changed, removed, newCards, removedCards)
		compareSnapshots(t, round, snap, buildModel(parties, cards))
	}
}

func randomParty(rng *rand.Rand) Party {
	p := Party{Key: fmt.Sprintf("p%d", rng.IntN(30)), Name: fmt.Sprint("name ", rng.IntN(5))}
	for range rng.IntN(3) {
		p.Identifiers = append(p.Identifiers, Identifier{"scac", fmt.Sprintf("S%c", 'A'+rng.IntN(12))})
	}
	st := []Standing{Active, Suspended, Cancelled}[rng.IntN(3)]
	p.Programs = []ProgramStanding{ps("pip", st, "importer", "highway_carrier")}
	return p
}

func applyModel(parties map[string]Party, cards map[string]Card, changed []Party, removed []string, newCards []Card, removedCards []string) {
	gone := map[string]bool{}
	for _, k := range removed {
		gone[k] = true
		delete(parties, k)
	}
	for _, p := range changed {
		if !gone[p.Key] {
			parties[p.Key] = p
		}
	}
	goneCards := map[string]bool{}
	for _, n := range removedCards {
		k := string(cardKey(nil, n))
		goneCards[k] = true
		delete(cards, k)
	}
	for _, c := range newCards {
		if k := string(cardKey(nil, c.Number)); !goneCards[k] {
			cards[k] = c
		}
	}
}

func buildModel(parties map[string]Party, cards map[string]Card) *Snapshot {
	var ps []Party
	for _, p := range parties {
		ps = append(ps, p)
	}
	var cs []Card
	for _, c := range cards {
		cs = append(cs, c)
	}
	return Build(ps, cs, DefaultRules(), now)
}

func compareSnapshots(t *testing.T, round int, got, want *Snapshot) {
	t.Helper()
	if got.Len() != want.Len() || got.ids.len() != want.ids.len() || len(got.claims) != len(want.claims) {
		t.Fatalf("round %d: sizes %d/%d/%d, want %d/%d/%d", round,
			got.Len(), got.ids.len(), len(got.claims), want.Len(), want.ids.len(), len(want.claims))
	}
	for c := 'A'; c < 'A'+12; c++ {
		id := fmt.Sprintf("S%c", c)
		g, gok := got.Lookup("scac", id)
		w, wok := want.Lookup("scac", id)
		if gok != wok || !bytes.Equal(g, w) {
			t.Fatalf("round %d: %s answers %s (%v), want %s (%v)", round, id, g, gok, w, wok)
		}
	}
	for i := range 20 {
		g, gok := got.Card(fmt.Sprint("c", i))
		w, wok := want.Card(fmt.Sprint("c", i))
		if gok != wok || g != w {
			t.Fatalf("round %d: card c%d = %+v %v, want %+v %v", round, i, g, gok, w, wok)
		}
	}
}
