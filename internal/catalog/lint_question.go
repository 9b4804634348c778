package catalog

import (
	"fmt"
	"slices"
)

func (l *linter) question(v *Version, cr *Criterion, q *Question) {
	at := fmt.Sprintf("version %s: question %s", v.ID, q.ID)
	if q.ID == "" {
		l.add("version %s: criterion %s has a question without ID", v.ID, cr.ID)
	}
	l.text(at+" text", q.Text, false)
	l.text(at+" help", q.Help, true)
	switch q.Type {
	case YesNo, Free, Date, Number, File:
		if len(q.Options) > 0 {
			l.add("%s: a %s question has no options", at, q.Type)
		}
	case Single, Multi:
		if len(q.Options) < 2 {
			l.add("%s: a choice needs at least two options", at)
		}
	default:
		l.add("%s: unknown type %q", at, q.Type)
	}
	seen := map[string]bool{}
	for _, o := range q.Options {
		if o.Value == "" || seen[o.Value] {
			l.add("%s: option values must be present and unique (%q)", at, o.Value)
		}
		seen[o.Value] = true
		l.text(at+" option "+o.Value, o.Label, false)
	}
	for _, e := range q.Expect {
		if !l.validValue(q, e) {
			l.add("%s: expects %q, which is not a possible answer", at, e)
		}
	}
	if q.MaxAgeDays != 0 && q.Type != Date {
		l.add("%s: max_age_days is for dates", at)
	}
	if (q.Min != nil || q.Max != nil) && q.Type != Number {
		l.add("%s: min and max are for numbers", at)
	}
	switch q.Evidence {
	case EvidenceNone, EvidenceOptional, EvidenceRequired:
	default:
		l.add("%s: evidence must be optional or required, not %q", at, q.Evidence)
	}
	if q.ShowIf != nil {
		l.condition(v, cr, q, at)
	}
	for _, id := range q.Also {
		other, ok := v.byID[id]
		switch {
		case !ok:
			l.add("%s: also serves unknown criterion %s", at, id)
		case !slices.Equal(other.Sectors, cr.Sectors):
			l.add("%s: also serves %s, which applies to other sectors", at, id)
		}
	}
}

func (l *linter) validValue(q *Question, val string) bool {
	switch q.Type {
	case YesNo:
		return val == "yes" || val == "no"
	case Single, Multi:
		return q.hasOption(val)
	}
	return false
}

// condition checks that show_if names an earlier choice question of the
// same part, with possible answers.
func (l *linter) condition(v *Version, cr *Criterion, q *Question, at string) {
	dep, ok := v.questions[q.ShowIf.Question]
	if !ok {
		l.add("%s: shown if unknown question %s", at, q.ShowIf.Question)
		return
	}
	if v.qOrder[dep.ID] >= v.qOrder[q.ID] {
		l.add("%s: shown if %s, which does not come before it", at, dep.ID)
	}
	if dep.Type != YesNo && dep.Type != Single && dep.Type != Multi {
		l.add("%s: shown if %s, which is not a yes/no or choice question", at, dep.ID)
	}
	if len(dep.criteria) > 0 && !slices.Equal(dep.criteria[0].Sectors, cr.Sectors) {
		l.add("%s: shown if %s, which belongs to another part of the profile", at, dep.ID)
	}
	if len(q.ShowIf.In) == 0 {
		l.add("%s: show_if needs the answers that show it", at)
	}
	for _, val := range q.ShowIf.In {
		if !l.validValue(dep, val) {
			l.add("%s: shown if %s is %q, which is not a possible answer", at, dep.ID, val)
		}
	}
}
