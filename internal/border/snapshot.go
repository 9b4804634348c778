package border

import (
	"slices"
	"sync/atomic"
	"time"
)

// Snapshot is an immutable view of every party and driver card under one
// set of rules. Readers never lock: a change produces a new Snapshot (see
// With) that shares the unchanged shards with this one.
type Snapshot struct {
	rules   Rules
	at      time.Time
	parties shardMap[*entry] // by party key
	ids     shardMap[*entry] // by identifier key; ambiguous when contested
	claims  map[string][]string
	cards   shardMap[Card] // by card key
}

// Build indexes parties and cards under rules. at is when the data was read
// (reported by At, for freshness headers). Parties without a Key and
// identifiers of unknown kinds are skipped; a party key given twice keeps
// the last. Rules should have passed Validate: broken rules make nothing
// eligible rather than everything.
func Build(parties []Party, cards []Card, rules Rules, at time.Time) *Snapshot {
	s := &Snapshot{rules: cloneRules(rules), at: at}
	return s.with(parties, nil, cards, nil, len(parties))
}

// With returns a snapshot with changed parties added or replaced, the
// parties of removedKeys removed, cards added or replaced and the cards
// numbered removedCards removed; s itself is unchanged. Only the shards a
// change touches are copied, so the cost follows the size of the change,
// not of the index. A key that is both changed and removed is removed.
func (s *Snapshot) With(changed []Party, removedKeys []string, cards []Card, removedCards []string) *Snapshot {
	return s.with(changed, removedKeys, cards, removedCards, 0)
}

// At returns the time the snapshot's data was read.
func (s *Snapshot) At() time.Time { return s.at }

// Rules returns a copy of the rules the snapshot was built with.
func (s *Snapshot) Rules() Rules { return cloneRules(s.rules) }

// Len returns the number of parties, for metrics and readiness checks.
func (s *Snapshot) Len() int { return s.parties.len() }

// Lookup returns the pre-encoded status answer of the party identified by
// (kind, value). Unknown kinds and values, and identifiers several parties
// claim, answer a shared "none" body with ok false. The bytes are shared:
// write them, never modify them. Lookup does not allocate for identifiers
// shorter than about 90 bytes.
func (s *Snapshot) Lookup(kind, value string) (body []byte, ok bool) {
	e := s.find(kind, value)
	switch e {
	case nil:
		return noneBody, false
	case ambiguous:
		return ambiguousBody, false
	}
	return e.body, true
}

// LookupParty returns the party identified by (kind, value), for callers
// that need more than the status answer. The slices inside are shared with
// the snapshot and must not be modified.
func (s *Snapshot) LookupParty(kind, value string) (Party, bool) {
	e := s.find(kind, value)
	if e == nil || e == ambiguous {
		return Party{}, false
	}
	return e.party, true
}

// PartyByKey returns the party with the given Key.
func (s *Snapshot) PartyByKey(key string) (Party, bool) {
	e, ok := s.parties.get(key)
	if !ok {
		return Party{}, false
	}
	return e.party, true
}

// Card returns the driver card with the given number, typed with or
// without spaces and hyphens.
func (s *Snapshot) Card(number string) (Card, bool) {
	var buf [keyBufSize]byte
	return s.cards.getBytes(cardKey(buf[:0], number))
}

// find returns the entry of (kind, value), ambiguous, or nil.
func (s *Snapshot) find(kind, value string) *entry {
	var buf [keyBufSize]byte
	k, ok := appendKey(buf[:0], kind, value)
	if !ok {
		return nil
	}
	e, _ := s.ids.getBytes(k)
	return e
}

// cloneRules deep-copies r so a caller changing its slices later cannot
// change a built snapshot.
func cloneRules(r Rules) Rules {
	c := func(d DirectionRules) DirectionRules {
		d.ImporterPrograms = slices.Clone(d.ImporterPrograms)
		d.ImporterSectors = slices.Clone(d.ImporterSectors)
		d.CarrierPrograms = slices.Clone(d.CarrierPrograms)
		d.CarrierSectors = slices.Clone(d.CarrierSectors)
		d.CardKinds = slices.Clone(d.CardKinds)
		d.FASTModes = slices.Clone(d.FASTModes)
		d.FASTDestinations = slices.Clone(d.FASTDestinations)
		return d
	}
	return Rules{IntoUS: c(r.IntoUS), IntoCA: c(r.IntoCA)}
}

// Index holds the current snapshot for concurrent readers. The feeder
// builds a new snapshot off to the side and swaps it in; readers Load once
// per request and use that snapshot throughout, so an answer never mixes
// two versions.
type Index struct {
	p atomic.Pointer[Snapshot]
}

// NewIndex returns an index serving initial.
func NewIndex(initial *Snapshot) *Index {
	x := &Index{}
	x.p.Store(initial)
	return x
}

// Load returns the current snapshot; nil only for a zero Index never
// swapped.
func (x *Index) Load() *Snapshot { return x.p.Load() }

// Swap installs s and returns the snapshot it replaces.
func (x *Index) Swap(s *Snapshot) *Snapshot { return x.p.Swap(s) }
