package catalog

import (
	"fmt"
	"slices"
)

// The crosswalk is the catalog's references read the other way round: for
// each partner framework, every (our criterion, their target, relationship)
// pair of a version, and for each of their targets how well our criteria
// cover it. Partner administrations and program staff read it to judge what
// a mutual recognition arrangement rests on; the office reads it to pre-fill
// a site validation's checklist from a partner's validation.

// Coverage says how much of a partner's target our criteria cover.
type Coverage string

// The coverage levels. A target is covered fully when at least one of our
// criteria maps to it as equal or superset (ours is as broad or broader);
// partly when only subset or intersect mappings exist; not at all when no
// criterion maps to it.
const (
	CoveredFully  Coverage = "fully"
	CoveredPartly Coverage = "partly"
	NotCovered    Coverage = "not"
)

// Coverages lists the levels in display order.
func Coverages() []Coverage { return []Coverage{CoveredFully, CoveredPartly, NotCovered} }

// Mapping is one pair of the crosswalk: our criterion, their target, and
// the relationship stated from our criterion's side.
type Mapping struct {
	Criterion    string       `json:"criterion"`
	Area         string       `json:"area"`
	Level        Level        `json:"level"`
	Title        Text         `json:"title"`
	Framework    string       `json:"framework"`
	Target       string       `json:"target"`
	Relationship Relationship `json:"relationship"`
}

// TargetCoverage is one target of a partner framework with the criteria
// behind its coverage.
type TargetCoverage struct {
	Target   Target    `json:"target"`
	Coverage Coverage  `json:"coverage"`
	Mappings []Mapping `json:"mappings"`
}

// Summary counts a framework's crosswalk, for the headline of a coverage
// page and for a quick comparison of versions.
type Summary struct {
	Targets        int                  `json:"targets"`
	Fully          int                  `json:"fully"`
	Partly         int                  `json:"partly"`
	Not            int                  `json:"not"`
	Mappings       int                  `json:"mappings"`
	Criteria       int                  `json:"criteria"` // distinct criteria with at least one mapping
	ByRelationship map[Relationship]int `json:"by_relationship"`
}

// FrameworkCrosswalk is the crosswalk of one version to one framework.
type FrameworkCrosswalk struct {
	Framework Framework        `json:"framework"`
	Mappings  []Mapping        `json:"mappings"` // in the order of the version's criteria
	Targets   []TargetCoverage `json:"targets"`  // in the order of the framework's targets
	Summary   Summary          `json:"summary"`
}

// Crosswalk is a version's mapping to every partner framework (or one).
type Crosswalk struct {
	Version    string               `json:"version"`
	Frameworks []FrameworkCrosswalk `json:"frameworks"`
}

// Framework returns one of the catalog's frameworks by ID.
func (c *Catalog) Framework(id string) (Framework, bool) {
	for _, f := range c.Frameworks {
		if f.ID == id {
			return f, true
		}
	}
	return Framework{}, false
}

// Crosswalk builds the version's crosswalk to the frameworks, or to the one
// only names ("" for all). An unknown framework is an error.
func (v *Version) Crosswalk(frameworks []Framework, only string) (Crosswalk, error) {
	cw := Crosswalk{Version: v.ID}
	for _, fw := range frameworks {
		if only != "" && fw.ID != only {
			continue
		}
		cw.Frameworks = append(cw.Frameworks, v.frameworkCrosswalk(fw))
	}
	if only != "" && len(cw.Frameworks) == 0 {
		return cw, fmt.Errorf("catalog: crosswalk of %s: no framework %q", v.ID, only)
	}
	return cw, nil
}

func (v *Version) frameworkCrosswalk(fw Framework) FrameworkCrosswalk {
	fc := FrameworkCrosswalk{Framework: fw, Mappings: []Mapping{}}
	byTarget := map[string][]Mapping{}
	criteria := map[string]bool{}
	for _, cr := range v.Criteria {
		for _, r := range cr.Refs {
			if r.Framework != fw.ID {
				continue
			}
			m := Mapping{Criterion: cr.ID, Area: cr.Area, Level: cr.Level, Title: cr.Title, Framework: fw.ID,
				Target: r.Target, Relationship: r.Relationship}
			fc.Mappings = append(fc.Mappings, m)
			byTarget[r.Target] = append(byTarget[r.Target], m)
			criteria[cr.ID] = true
		}
	}
	s := Summary{Targets: len(fw.Targets), Mappings: len(fc.Mappings), Criteria: len(criteria), ByRelationship: map[Relationship]int{}}
	for _, m := range fc.Mappings {
		s.ByRelationship[m.Relationship]++
	}
	for _, t := range fw.Targets {
		ms := byTarget[t.ID]
		tc := TargetCoverage{Target: t, Coverage: coverageOf(ms), Mappings: slices.Clone(ms)}
		if tc.Mappings == nil {
			tc.Mappings = []Mapping{}
		}
		switch tc.Coverage {
		case CoveredFully:
			s.Fully++
		case CoveredPartly:
			s.Partly++
		default:
			s.Not++
		}
		fc.Targets = append(fc.Targets, tc)
	}
	fc.Summary = s
	return fc
}

// coverageOf judges a target by the mappings to it: one that carries our
// result fully to it is enough.
func coverageOf(ms []Mapping) Coverage {
	if len(ms) == 0 {
		return NotCovered
	}
	for _, m := range ms {
		if Carries(m.Relationship, OursToTheirs) == CarryFull {
			return CoveredFully
		}
	}
	return CoveredPartly
}

// Target returns one target's coverage.
func (fc FrameworkCrosswalk) Target(id string) (TargetCoverage, bool) {
	for _, t := range fc.Targets {
		if t.Target.ID == id {
			return t, true
		}
	}
	return TargetCoverage{}, false
}
