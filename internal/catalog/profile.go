package catalog

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// GenericPart names the part of a profile every applicant answers; the
// other parts are named by their sector.
const GenericPart = "generic"

// Section is one area of one part of a profile: the unit a company fills in
// on one page.
type Section struct {
	Part      string
	Area      Area
	Criteria  []*Criterion
	Questions []*Question
}

// Key names one answer: a question in a part.
type Key struct {
	Part     string
	Question string
}

// Value is one answer. Text holds yes/no ("yes" or "no"), a choice's value,
// free text, a date (YYYY-MM-DD) or a number; List holds the values of a
// multiple choice.
type Value struct {
	Text string   `json:"text,omitempty"`
	List []string `json:"list,omitempty"`
}

// Empty reports whether nothing is answered.
func (v Value) Empty() bool { return strings.TrimSpace(v.Text) == "" && len(v.List) == 0 }

// Profile is what the assessment reads: the answers and how many evidence
// files each answer has.
type Profile struct {
	Sectors  []string
	Answers  map[Key]Value
	Evidence map[Key]int
}

// Parts lists the parts of a profile for sectors: generic first.
func Parts(sectors []string) []string { return append([]string{GenericPart}, sectors...) }

// Sections returns the sections of a profile for sectors, in the order a
// company fills them in: the generic part's areas, then each sector's.
func (v *Version) Sections(sectors []string) []Section {
	var out []Section
	for _, part := range Parts(sectors) {
		out = append(out, v.byPart[part]...)
	}
	return out
}

// Section returns one section of a part, if the part has that area.
func (v *Version) Section(part, area string) (Section, bool) {
	for _, s := range v.byPart[part] {
		if s.Area.ID == area {
			return s, true
		}
	}
	return Section{}, false
}

func (v *Version) partSections(part string) []Section {
	var out []Section
	for _, a := range v.Areas {
		s := Section{Part: part, Area: a}
		for _, cr := range v.Criteria {
			if cr.Area != a.ID || !cr.appliesTo(part) {
				continue
			}
			s.Criteria = append(s.Criteria, cr)
			for i := range cr.Questions {
				s.Questions = append(s.Questions, &cr.Questions[i])
			}
		}
		if len(s.Criteria) > 0 {
			out = append(out, s)
		}
	}
	return out
}

// Visible reports whether a question is shown given the answers of its
// part: a conditional question appears only when its condition holds.
//
// Conditions chain: a question whose condition rests on a hidden question is
// hidden too, whatever that hidden question's stale answer says.
func (q *Question) Visible(part string, answers map[Key]Value) bool {
	if q.ShowIf == nil {
		return true
	}
	if q.cond != nil && !q.cond.Visible(part, answers) {
		return false
	}
	a := answers[Key{part, q.ShowIf.Question}]
	if a.Text != "" && slices.Contains(q.ShowIf.In, a.Text) {
		return true
	}
	for _, x := range a.List {
		if slices.Contains(q.ShowIf.In, x) {
			return true
		}
	}
	return false
}

// MaxTextLen bounds a free-text answer.
const MaxTextLen = 4000

// CheckValue validates an answer's form for the question and returns it
// normalized, or the message key of what is wrong. It says nothing about
// compliance: a "no" is a valid answer.
func (q *Question) CheckValue(v Value) (Value, string) {
	v.Text = strings.TrimSpace(v.Text)
	if v.Empty() {
		return Value{}, ""
	}
	switch q.Type {
	case YesNo:
		if v.Text != "yes" && v.Text != "no" || len(v.List) > 0 {
			return v, "error.answer.yes_no"
		}
	case Single:
		if !q.hasOption(v.Text) || len(v.List) > 0 {
			return v, "error.answer.choice"
		}
	case Multi:
		if v.Text != "" {
			v.List, v.Text = append(v.List, v.Text), ""
		}
		seen := map[string]bool{}
		for _, x := range v.List {
			if !q.hasOption(x) || seen[x] {
				return v, "error.answer.choice"
			}
			seen[x] = true
		}
		slices.SortFunc(v.List, func(a, b string) int { return q.optionIndex(a) - q.optionIndex(b) })
	case Free:
		if utf8.RuneCountInString(v.Text) > MaxTextLen || len(v.List) > 0 {
			return v, "error.answer.text_long"
		}
	case Date:
		if _, err := time.Parse(time.DateOnly, v.Text); err != nil || len(v.List) > 0 {
			return v, "error.answer.date"
		}
	case Number:
		f, err := strconv.ParseFloat(strings.ReplaceAll(v.Text, ",", "."), 64)
		if err != nil || len(v.List) > 0 || f != f {
			return v, "error.answer.number"
		}
		v.Text = strconv.FormatFloat(f, 'f', -1, 64)
	case File:
		return v, "error.answer.file_only"
	default:
		return v, "error.answer.type"
	}
	return v, ""
}

func (q *Question) hasOption(val string) bool { return q.optionIndex(val) >= 0 }

func (q *Question) optionIndex(val string) int {
	return slices.IndexFunc(q.Options, func(o Option) bool { return o.Value == val })
}

// Label returns the label of an answer's value in lang, for display and
// export: an option's label, else the value itself (callers translate
// yes/no through their message catalog).
func (q *Question) Label(val, lang string) string {
	if i := q.optionIndex(val); i >= 0 {
		return q.Options[i].Label.In(lang)
	}
	return val
}

// ParseValue reads a typed answer from its text form: multiple choices are
// separated by semicolons. Used by forms and spreadsheets.
func (q *Question) ParseValue(s string) Value {
	if q.Type == Multi {
		var list []string
		for _, p := range strings.Split(s, ";") {
			if p = strings.TrimSpace(p); p != "" {
				list = append(list, p)
			}
		}
		return Value{List: list}
	}
	return Value{Text: s}
}

// String renders an answer in its text form (see ParseValue).
func (v Value) String() string {
	if len(v.List) > 0 {
		return strings.Join(v.List, "; ")
	}
	return v.Text
}

func (k Key) String() string { return fmt.Sprintf("%s/%s", k.Part, k.Question) }
