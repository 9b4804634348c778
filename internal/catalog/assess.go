package catalog

import (
	"strconv"
	"time"
)

// GapKind says why a criterion is not met.
type GapKind string

// The gap kinds.
const (
	Unanswered      GapKind = "unanswered"       // a required question has no answer
	NotCompliant    GapKind = "not_compliant"    // an answer does not meet the criterion
	EvidenceMissing GapKind = "evidence_missing" // a required document or picture is missing
)

// Gap is one criterion of one part that is not met, with the questions that
// cause it.
type Gap struct {
	Part      string
	Area      string
	Criterion *Criterion
	Kind      GapKind
	Questions []string
}

// SectionResult is the progress of one section.
type SectionResult struct {
	Part, Area string
	Required   int // visible required questions (and required evidence)
	Done       int // of which answered
	Gaps       int // unmet must-criteria
	Advice     int // unmet should-criteria
}

// Percent is the section's completeness, 0–100.
func (s SectionResult) Percent() int { return percent(s.Done, s.Required) }

// Status is the task-list status of a section.
func (s SectionResult) Status() string {
	switch {
	case s.Done == 0 && s.Required > 0:
		return "not_started"
	case s.Done < s.Required:
		return "in_progress"
	case s.Gaps > 0:
		return "needs_attention"
	}
	return "complete"
}

// Assessment is a profile measured against a version.
type Assessment struct {
	Sections        []SectionResult
	Gaps            []Gap // unmet must-criteria: they block submission
	Recommendations []Gap // unmet should-criteria
	Required, Done  int
}

// Percent is the whole profile's completeness, 0–100.
func (a *Assessment) Percent() int { return percent(a.Done, a.Required) }

// Ready reports whether the profile may be submitted: every required answer
// given and no must-criterion unmet.
func (a *Assessment) Ready() bool { return a.Done == a.Required && len(a.Gaps) == 0 }

func percent(done, total int) int {
	if total == 0 {
		return 100
	}
	return done * 100 / total
}

// Assess measures a profile against the version at asOf (dates such as a
// risk assessment's last review are judged against it). It is pure and
// allocates little: it runs on every page view of a profile.
func (v *Version) Assess(p Profile, asOf time.Time) Assessment {
	var a Assessment
	a.Sections = make([]SectionResult, 0, len(v.Areas)*(1+len(p.Sectors)))
	for _, part := range Parts(p.Sectors) {
		v.assessPart(part, p, asOf, &a)
	}
	return a
}

func (v *Version) assessPart(part string, p Profile, asOf time.Time, a *Assessment) {
	for _, s := range v.byPart[part] {
		r := SectionResult{Part: s.Part, Area: s.Area.ID}
		for _, cr := range s.Criteria {
			g := v.assessCriterion(cr, s.Part, p, asOf, &r)
			if g.Kind == "" {
				continue
			}
			if cr.Level == Must {
				r.Gaps++
				a.Gaps = append(a.Gaps, g)
			} else {
				r.Advice++
				a.Recommendations = append(a.Recommendations, g)
			}
		}
		a.Required += r.Required
		a.Done += r.Done
		a.Sections = append(a.Sections, r)
	}
}

// assessCriterion checks every visible question written under cr and every
// question of other criteria that also serves it, counts progress for the
// ones written under cr, and returns the worst gap (unanswered, then not
// compliant, then evidence) or a Gap with no Kind when cr is met.
func (v *Version) assessCriterion(cr *Criterion, part string, p Profile, asOf time.Time, r *SectionResult) Gap {
	g := Gap{Part: part, Area: cr.Area, Criterion: cr}
	check := func(q *Question, own bool) {
		if !q.Visible(part, p.Answers) {
			return
		}
		k := Key{part, q.ID}
		val := p.Answers[k]
		needEvidence := q.Evidence == EvidenceRequired || q.Type == File
		files := 0
		if needEvidence {
			files = p.Evidence[k]
		}
		answered := !val.Empty() || (q.Type == File && files > 0)
		if own && !q.Optional {
			r.Required++
			if answered {
				r.Done++
			}
		}
		if own && needEvidence && q.Type != File {
			r.Required++
			if files > 0 {
				r.Done++
			}
		}
		var kind GapKind
		switch {
		case !answered && !q.Optional:
			kind = Unanswered
		case answered && !q.complies(val, asOf):
			kind = NotCompliant
		case needEvidence && files == 0:
			kind = EvidenceMissing
		}
		if kind != "" {
			if g.Kind == "" || rank(kind) < rank(g.Kind) {
				g.Kind = kind
			}
			g.Questions = append(g.Questions, q.ID)
		}
	}
	for i := range cr.Questions {
		check(&cr.Questions[i], true)
	}
	for _, q := range v.alsoServes(cr) {
		check(q, false)
	}
	return g
}

func rank(k GapKind) int {
	switch k {
	case Unanswered:
		return 0
	case NotCompliant:
		return 1
	}
	return 2
}

// alsoServes lists questions written under other criteria that also serve
// cr (through their Also).
func (v *Version) alsoServes(cr *Criterion) []*Question {
	return v.also[cr.ID]
}

// complies reports whether an answered question meets its expectation.
func (q *Question) complies(val Value, asOf time.Time) bool {
	switch q.Type {
	case YesNo, Single:
		return len(q.Expect) == 0 || contains(q.Expect, val.Text)
	case Multi:
		for _, want := range q.Expect {
			if !contains(val.List, want) {
				return false
			}
		}
		return true
	case Date:
		d, err := time.Parse(time.DateOnly, val.Text)
		if err != nil {
			return false
		}
		if d.After(asOf) {
			return false // a review cannot have happened in the future
		}
		return q.MaxAgeDays == 0 || asOf.Sub(d) <= time.Duration(q.MaxAgeDays)*24*time.Hour
	case Number:
		f, err := strconv.ParseFloat(val.Text, 64)
		if err != nil {
			return false
		}
		return (q.Min == nil || f >= *q.Min) && (q.Max == nil || f <= *q.Max)
	}
	return true
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
