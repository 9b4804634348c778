package catalog

import (
	"fmt"
	"slices"
)

// Lint checks the catalog's data and returns every problem found, in a
// stable order. An empty result means every version is complete in both
// languages, every criterion has a question, every reference points to a
// known target, IDs are unique within a version and stable across them, and
// every area is covered for every sector.
func (c *Catalog) Lint(sectors []string) []string {
	l := &linter{c: c, sectors: sectors, problems: slices.Clone(c.problems)}
	for _, v := range c.versions {
		l.version(v)
	}
	return l.problems
}

type linter struct {
	c        *Catalog
	sectors  []string
	problems []string
}

func (l *linter) add(format string, args ...any) {
	l.problems = append(l.problems, fmt.Sprintf(format, args...))
}

func (l *linter) text(where string, t Text, optional bool) {
	if optional && t.empty() {
		return
	}
	if !t.complete() {
		l.add("%s: needs both English and French", where)
	}
}

func (l *linter) version(v *Version) {
	at := "version " + v.ID
	l.text(at+" title", v.Title, false)
	areas := map[string]bool{}
	for _, a := range v.Areas {
		if areas[a.ID] {
			l.add("%s: area %s is listed twice", at, a.ID)
		}
		areas[a.ID] = true
		l.text(at+" area "+a.ID+" title", a.Title, false)
		l.text(at+" area "+a.ID+" intro", a.Intro, false)
	}
	seenC, seenQ := map[string]bool{}, map[string]bool{}
	for _, cr := range v.Criteria {
		if seenC[cr.ID] {
			l.add("%s: criterion ID %s is used twice", at, cr.ID)
		}
		seenC[cr.ID] = true
		if !areas[cr.Area] {
			l.add("%s: criterion %s is in unknown area %q", at, cr.ID, cr.Area)
		}
		l.criterion(v, cr, seenQ)
	}
	l.coverage(v)
	if v.Base != "" {
		l.stability(v)
	}
}

func (l *linter) criterion(v *Version, cr *Criterion, seenQ map[string]bool) {
	at := fmt.Sprintf("version %s: criterion %s", v.ID, cr.ID)
	if cr.ID == "" {
		l.add("version %s: a criterion has no ID", v.ID)
	}
	if cr.Level != Must && cr.Level != Should {
		l.add("%s: level must be must or should, not %q", at, cr.Level)
	}
	for _, s := range cr.Sectors {
		if !slices.Contains(l.sectors, s) {
			l.add("%s: unknown sector %q", at, s)
		}
	}
	l.text(at+" title", cr.Title, false)
	l.text(at+" requirement", cr.Requirement, false)
	l.text(at+" guidance", cr.Guidance, false)
	l.text(at+" evidence", cr.EvidenceExp, false)
	l.refs(at, cr.Refs)
	required := 0
	for i := range cr.Questions {
		q := &cr.Questions[i]
		if seenQ[q.ID] {
			l.add("%s: question ID %s is used twice", at, q.ID)
		}
		seenQ[q.ID] = true
		l.question(v, cr, q)
		if !q.Optional {
			required++
		}
	}
	if len(cr.Questions) == 0 && len(v.also[cr.ID]) == 0 {
		l.add("%s: has no question", at)
	} else if required == 0 && len(v.also[cr.ID]) == 0 {
		l.add("%s: every question is optional, so it can never be assessed", at)
	}
}

func (l *linter) refs(at string, refs []Ref) {
	seen := map[string]bool{}
	for _, r := range refs {
		fw := l.framework(r.Framework)
		switch {
		case fw == nil:
			l.add("%s: reference to unknown framework %q", at, r.Framework)
		case !slices.ContainsFunc(fw.Targets, func(t Target) bool { return t.ID == r.Target }):
			l.add("%s: reference to unknown %s target %q", at, r.Framework, r.Target)
		}
		switch r.Relationship {
		case Equal, Subset, Superset, Intersect:
		default:
			l.add("%s: reference %s %s: relationship must be equal, subset, superset or intersect", at, r.Framework, r.Target)
		}
		seen[r.Framework] = true
	}
	for _, fw := range l.c.Frameworks {
		if !seen[fw.ID] {
			l.add("%s: no reference to %s", at, fw.ID)
		}
	}
}

func (l *linter) framework(id string) *Framework {
	for i := range l.c.Frameworks {
		if l.c.Frameworks[i].ID == id {
			return &l.c.Frameworks[i]
		}
	}
	return nil
}

// coverage checks that every area has at least one criterion that applies
// to every sector (a generic one, or one naming the sector).
func (l *linter) coverage(v *Version) {
	for _, a := range v.Areas {
		for _, s := range l.sectors {
			if !slices.ContainsFunc(v.Criteria, func(cr *Criterion) bool {
				return cr.Area == a.ID && (cr.Generic() || slices.Contains(cr.Sectors, s))
			}) {
				l.add("version %s: area %s has no criterion for sector %s", v.ID, a.ID, s)
			}
		}
	}
}

// Coverage counts, for a version, the criteria that apply to each area and
// sector: generic ones plus the sector's own.
func (v *Version) Coverage(sectors []string) map[string]map[string]int {
	out := map[string]map[string]int{}
	for _, a := range v.Areas {
		out[a.ID] = map[string]int{}
		for _, s := range sectors {
			for _, cr := range v.Criteria {
				if cr.Area == a.ID && (cr.Generic() || slices.Contains(cr.Sectors, s)) {
					out[a.ID][s]++
				}
			}
		}
	}
	return out
}

// stability checks a version against its base: every base criterion is
// carried over once or replaced, carried-over criteria keep their ID, and a
// new ID never reuses an old one.
func (l *linter) stability(v *Version) {
	base, err := l.c.Version(v.Base)
	if err != nil {
		l.add("version %s: %v", v.ID, err)
		return
	}
	at := "version " + v.ID
	mapped := map[string]int{}
	for _, corr := range v.Correspondence {
		mapped[corr.From]++
		if _, ok := base.byID[corr.From]; !ok {
			l.add("%s: correspondence from %s, which is not a criterion of %s", at, corr.From, base.ID)
		}
		switch {
		case corr.To == "" && corr.Area == "":
			l.add("%s: correspondence for %s needs an area (carried over) or a to (replaced)", at, corr.From)
		case corr.To != "":
			if _, ok := v.byID[corr.To]; !ok {
				l.add("%s: %s is replaced by %s, which this version does not define", at, corr.From, corr.To)
			}
			if corr.Relationship == "" {
				l.add("%s: the replacement of %s needs a relationship", at, corr.From)
			}
		}
	}
	for _, cr := range base.Criteria {
		if n := mapped[cr.ID]; n != 1 {
			l.add("%s: criterion %s of %s appears %d times in the correspondence (want once)", at, cr.ID, base.ID, n)
		}
	}
	for _, cr := range v.own {
		if _, old := base.byID[cr.ID]; old {
			l.add("%s: new criterion %s reuses an ID of %s", at, cr.ID, base.ID)
		}
		for _, q := range cr.Questions {
			if _, old := base.questions[q.ID]; old {
				l.add("%s: new question %s reuses an ID of %s", at, q.ID, base.ID)
			}
		}
	}
}
