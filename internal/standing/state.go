package standing

import (
	"cmp"
	"slices"

	"trustlane/internal/border"
	"trustlane/internal/store"
)

// state is the raw data behind the index, kept so a change to one
// organization recomputes only the parties it touches. Only the keeper's
// goroutine uses it.
type state struct {
	ours     string // our program's key in the rules
	orgs     map[string]*store.BorderOrg
	partners map[pkey]*store.BorderPartnerMember
	orgIDs   map[idkey][]string // identifier → organizations holding it
	partIDs  map[idkey][]pkey   // identifier → partner members holding it
	linked   map[pkey][]string  // partner member → organizations with a confirmed link to it
	into     map[pkey]string    // partner member → the organization it is merged into
}

func newState(ours string, orgs []store.BorderOrg, partners []store.BorderPartnerMember) *state {
	s := &state{ours: ours, orgs: map[string]*store.BorderOrg{}, partners: map[pkey]*store.BorderPartnerMember{},
		orgIDs: map[idkey][]string{}, partIDs: map[idkey][]pkey{}, linked: map[pkey][]string{}, into: map[pkey]string{}}
	for i := range orgs {
		s.putOrg(&orgs[i])
	}
	for i := range partners {
		m := &partners[i]
		k := pkey{m.Code, m.Ref}
		s.partners[k] = m
		for kind, v := range m.Identifiers {
			s.partIDs[idkey{kind, v}] = append(s.partIDs[idkey{kind, v}], k)
		}
	}
	for k := range s.partners {
		if o := s.target(k); o != "" {
			s.into[k] = o
		}
	}
	return s
}

func (s *state) putOrg(o *store.BorderOrg) {
	s.orgs[o.ID] = o
	for kind, v := range o.Identifiers {
		s.orgIDs[idkey{kind, v}] = append(s.orgIDs[idkey{kind, v}], o.ID)
	}
	for _, l := range o.Links {
		k := pkey{l.Code, l.Ref}
		s.linked[k] = append(s.linked[k], o.ID)
	}
}

func (s *state) dropOrg(id string) {
	o := s.orgs[id]
	if o == nil {
		return
	}
	delete(s.orgs, id)
	for kind, v := range o.Identifiers {
		s.orgIDs[idkey{kind, v}] = without(s.orgIDs[idkey{kind, v}], id)
	}
	for _, l := range o.Links {
		k := pkey{l.Code, l.Ref}
		s.linked[k] = without(s.linked[k], id)
	}
}

// target is the organization a partner member merges into: the one with a
// confirmed link to it, or else the only organization holding one of its
// identifiers. A record two organizations could claim merges into none and
// stands alone, so the border's lookup of the shared identifier fails closed.
func (s *state) target(k pkey) string {
	if ls := s.linked[k]; len(ls) > 0 {
		if len(ls) == 1 {
			return ls[0]
		}
		return ""
	}
	m := s.partners[k]
	found := ""
	for kind, v := range m.Identifiers {
		for _, id := range s.orgIDs[idkey{kind, v}] {
			if found != "" && found != id {
				return ""
			}
			found = id
		}
	}
	return found
}

// parties computes every party of the index.
func (s *state) parties() []border.Party {
	merged := map[string][]*store.BorderPartnerMember{}
	out := make([]border.Party, 0, len(s.orgs)+len(s.partners))
	for k, m := range s.partners {
		if o := s.into[k]; o != "" {
			merged[o] = append(merged[o], m)
		} else {
			out = append(out, partnerParty(m))
		}
	}
	for id, o := range s.orgs {
		out = append(out, orgParty(o, sortMembers(merged[id]), s.ours))
	}
	return out
}

// updateOrgs replaces the organizations ids with fresh (an ID missing from
// fresh was deleted) and returns the parties that changed: those
// organizations, any organization a partner record moved to or from, and
// the partner records that now stand alone or no longer do.
func (s *state) updateOrgs(ids []string, fresh []store.BorderOrg) (changed []border.Party, removed []string) {
	touched := map[pkey]bool{}
	orgs := map[string]bool{}
	mark := func(o *store.BorderOrg) {
		for kind, v := range o.Identifiers {
			for _, k := range s.partIDs[idkey{kind, v}] {
				touched[k] = true
			}
		}
		for _, l := range o.Links {
			touched[pkey{l.Code, l.Ref}] = true
		}
	}
	for _, id := range ids {
		orgs[id] = true
		if o := s.orgs[id]; o != nil {
			mark(o)
			s.dropOrg(id)
		}
	}
	for i := range fresh {
		mark(&fresh[i])
		s.putOrg(&fresh[i])
	}
	// A record merged into a changed organization is reached through the
	// identifiers or links just marked: no scan of every record is needed.
	for k := range touched {
		if s.partners[k] == nil {
			continue
		}
		before, after := s.into[k], s.target(k)
		orgs[before], orgs[after] = true, true
		if after == "" {
			delete(s.into, k)
			changed = append(changed, partnerParty(s.partners[k]))
		} else {
			s.into[k] = after
			removed = append(removed, partnerKey(k))
		}
	}
	delete(orgs, "")
	for id := range orgs {
		if o := s.orgs[id]; o != nil {
			changed = append(changed, orgParty(o, s.mergedOf(o), s.ours))
		} else {
			removed = append(removed, orgKey(id))
		}
	}
	return changed, removed
}

// mergedOf lists the partner records merged into o, found through its own
// identifiers and links (a record merges by one or the other).
func (s *state) mergedOf(o *store.BorderOrg) []*store.BorderPartnerMember {
	seen := map[pkey]bool{}
	var out []*store.BorderPartnerMember
	add := func(k pkey) {
		if !seen[k] && s.into[k] == o.ID {
			seen[k] = true
			out = append(out, s.partners[k])
		}
	}
	for kind, v := range o.Identifiers {
		for _, k := range s.partIDs[idkey{kind, v}] {
			add(k)
		}
	}
	for _, l := range o.Links {
		add(pkey{l.Code, l.Ref})
	}
	return sortMembers(out)
}

func sortMembers(ms []*store.BorderPartnerMember) []*store.BorderPartnerMember {
	slices.SortFunc(ms, func(a, b *store.BorderPartnerMember) int {
		return cmp.Or(cmp.Compare(a.Code, b.Code), cmp.Compare(a.Ref, b.Ref))
	})
	return ms
}

func without[T comparable](xs []T, x T) []T {
	out := xs[:0:0]
	for _, y := range xs {
		if y != x {
			out = append(out, y)
		}
	}
	return out
}
