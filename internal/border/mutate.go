package border

import (
	"maps"
	"slices"
)

// mutation applies one batch of changes to a copy of a snapshot.
type mutation struct {
	s       *Snapshot
	parties *shardWriter[*entry]
	ids     *shardWriter[*entry]
	cards   *shardWriter[Card]
	claimed bool                // s.claims is already a private copy
	touched map[string]struct{} // contested identifier keys to resolve
}

// with is Build and With: it copies s (sharing every shard) and applies
// the changes in an order that keeps contested identifiers right.
func (s *Snapshot) with(changed []Party, removedKeys []string, cards []Card, removedCards []string, hint int) *Snapshot {
	n := *s
	m := &mutation{
		s:       &n,
		parties: newWriter(&n.parties, hint),
		ids:     newWriter(&n.ids, hint*3),
		cards:   newWriter(&n.cards, len(cards)),
		touched: map[string]struct{}{},
	}
	removed := make(map[string]bool, len(removedKeys))
	for _, k := range removedKeys {
		removed[k] = true
	}
	changed = latestByKey(changed, removed)
	// 1. Release the identifiers of every party leaving or changing.
	for _, k := range removedKeys {
		m.releaseParty(s, k)
	}
	for i := range changed {
		m.releaseParty(s, changed[i].Key)
	}
	// 2. Replace the parties, 3. claim their identifiers, 4. settle contests.
	for _, k := range removedKeys {
		m.parties.del(k)
	}
	for _, p := range changed {
		e := newEntry(p, &n.rules)
		m.parties.set(p.Key, e)
		m.claimParty(e)
	}
	for k := range m.touched {
		m.resolve(k)
	}
	m.applyCards(cards, removedCards)
	return &n
}

// latestByKey drops parties without a key or with a removed key, and keeps
// the last of each key, in input order.
func latestByKey(parties []Party, removed map[string]bool) []Party {
	last := make(map[string]int, len(parties))
	for i, p := range parties {
		last[p.Key] = i
	}
	out := make([]Party, 0, len(last))
	for i, p := range parties {
		if p.Key != "" && !removed[p.Key] && last[p.Key] == i {
			out = append(out, p)
		}
	}
	return out
}

// releaseParty gives up the identifiers the old version of party key held.
func (m *mutation) releaseParty(old *Snapshot, key string) {
	e, ok := old.parties.get(key)
	if !ok {
		return
	}
	for _, id := range e.party.Identifiers {
		k, ok := appendKey(nil, id.Kind, id.Value)
		if !ok {
			continue
		}
		switch cur, _ := m.s.ids.get(string(k)); {
		case cur == ambiguous:
			m.setClaimants(string(k), slices.DeleteFunc(slices.Clone(m.s.claims[string(k)]),
				func(c string) bool { return c == key }))
		case cur != nil && cur.party.Key == key:
			m.ids.del(string(k))
		}
	}
}

// claimParty indexes every identifier of e; an identifier another party
// already holds becomes contested.
func (m *mutation) claimParty(e *entry) {
	key := e.party.Key
	for _, id := range e.party.Identifiers {
		kb, ok := appendKey(nil, id.Kind, id.Value)
		if !ok {
			continue
		}
		k := string(kb)
		switch cur, found := m.s.ids.get(k); {
		case !found || cur.party.Key == key:
			m.ids.set(k, e)
		case cur == ambiguous:
			if !slices.Contains(m.s.claims[k], key) {
				m.setClaimants(k, append(slices.Clone(m.s.claims[k]), key))
			}
		default:
			m.ids.set(k, ambiguous)
			m.setClaimants(k, []string{cur.party.Key, key})
		}
	}
}

// setClaimants records who contests identifier key k and marks it for
// resolution.
func (m *mutation) setClaimants(k string, keys []string) {
	if !m.claimed {
		m.s.claims = maps.Clone(m.s.claims)
		if m.s.claims == nil {
			m.s.claims = map[string][]string{}
		}
		m.claimed = true
	}
	slices.Sort(keys)
	m.s.claims[k] = keys
	m.touched[k] = struct{}{}
}

// resolve settles a contested identifier once the batch is applied: with
// one claimant left it is that party's again, with none it is gone.
func (m *mutation) resolve(k string) {
	keys := m.s.claims[k]
	if len(keys) > 1 {
		return
	}
	delete(m.s.claims, k)
	if len(keys) == 1 {
		if e, ok := m.s.parties.get(keys[0]); ok {
			m.ids.set(k, e)
			return
		}
	}
	m.ids.del(k)
}

// applyCards removes then adds driver cards; a number in both is removed.
func (m *mutation) applyCards(cards []Card, removedCards []string) {
	removed := make(map[string]bool, len(removedCards))
	for _, num := range removedCards {
		k := string(cardKey(nil, num))
		removed[k] = true
		m.cards.del(k)
	}
	for _, c := range cards {
		k := string(cardKey(nil, c.Number))
		if k != "" && !removed[k] {
			m.cards.set(k, c)
		}
	}
}
