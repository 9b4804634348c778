// Package catalog holds the program's minimum security criteria as
// versioned, bilingual data embedded in the binary: areas, criteria with
// their crosswalk to partner frameworks, and the questions a company answers
// in its Security Profile. It also assesses a profile against a version:
// every unmet requirement, missing piece of evidence and recommendation.
// The package is pure: it reads only its embedded files and takes time as
// an argument.
package catalog

// Text is a string in both official languages.
type Text struct {
	EN string `yaml:"en" json:"en"`
	FR string `yaml:"fr" json:"fr"`
}

// In returns the text in lang ("fr" or anything else for English).
func (t Text) In(lang string) string {
	if lang == "fr" {
		return t.FR
	}
	return t.EN
}

// Level says whether a criterion must be met for membership or is
// recommended.
type Level string

// The levels.
const (
	Must   Level = "must"
	Should Level = "should"
)

// AnswerType is the kind of answer a question takes.
type AnswerType string

// The answer types.
const (
	YesNo  AnswerType = "yes_no"
	Single AnswerType = "single"
	Multi  AnswerType = "multi"
	Free   AnswerType = "text"
	Date   AnswerType = "date"
	Number AnswerType = "number"
	File   AnswerType = "file"
)

// EvidenceRule says whether a question wants documents or pictures.
type EvidenceRule string

// The evidence rules.
const (
	EvidenceNone     EvidenceRule = ""
	EvidenceOptional EvidenceRule = "optional"
	EvidenceRequired EvidenceRule = "required"
)

// Relationship is how a criterion relates to a partner framework's
// criterion, in the terms of NIST's crosswalks: equal, subset (ours is
// narrower), superset (ours is broader) or intersect (they overlap).
type Relationship string

// The relationships.
const (
	Equal     Relationship = "equal"
	Subset    Relationship = "subset"
	Superset  Relationship = "superset"
	Intersect Relationship = "intersect"
)

// Ref points from a criterion to a target of a partner framework.
type Ref struct {
	Framework    string       `yaml:"framework" json:"framework"`
	Target       string       `yaml:"target" json:"target"`
	Relationship Relationship `yaml:"relationship" json:"relationship"`
}

// Option is one choice of a single- or multiple-choice question.
type Option struct {
	Value string `yaml:"value" json:"value"`
	Label Text   `yaml:"label" json:"label"`
}

// Condition shows a question only when an earlier answer is one of In.
type Condition struct {
	Question string   `yaml:"question" json:"question"`
	In       []string `yaml:"in" json:"in"`
}

// Question is one thing a company answers.
type Question struct {
	ID       string       `yaml:"id" json:"id"`
	Type     AnswerType   `yaml:"type" json:"type"`
	Text     Text         `yaml:"text" json:"text"`
	Help     Text         `yaml:"help,omitempty" json:"help,omitzero"`
	Optional bool         `yaml:"optional,omitempty" json:"optional,omitempty"`
	Options  []Option     `yaml:"options,omitempty" json:"options,omitempty"`
	ShowIf   *Condition   `yaml:"show_if,omitempty" json:"show_if,omitempty"`
	Evidence EvidenceRule `yaml:"evidence,omitempty" json:"evidence,omitempty"`
	// Expect lists the compliant answers: for yes_no and single, one of
	// them; for multi, all of them. Empty means any answer complies.
	Expect []string `yaml:"expect,omitempty" json:"expect,omitempty"`
	// MaxAgeDays bounds how old a date may be (a risk assessment reviewed
	// within a year: 366).
	MaxAgeDays int `yaml:"max_age_days,omitempty" json:"max_age_days,omitempty"`
	// Min and Max bound a number.
	Min *float64 `yaml:"min,omitempty" json:"min,omitempty"`
	Max *float64 `yaml:"max,omitempty" json:"max,omitempty"`
	// Also links the question to criteria besides the one it is written
	// under.
	Also []string `yaml:"also,omitempty" json:"also,omitempty"`

	criteria []*Criterion // every criterion the question serves
	cond     *Question    // the question ShowIf names
}

// Criterion is one minimum security requirement.
type Criterion struct {
	ID    string `yaml:"id" json:"id"`
	Level Level  `yaml:"level" json:"level"`
	// Sectors lists the sectors the criterion applies to; empty means every
	// applicant (the generic part of the profile).
	Sectors     []string   `yaml:"sectors,omitempty" json:"sectors,omitempty"`
	Title       Text       `yaml:"title" json:"title"`
	Requirement Text       `yaml:"requirement" json:"requirement"`
	Guidance    Text       `yaml:"guidance" json:"guidance"`
	EvidenceExp Text       `yaml:"evidence" json:"evidence"`
	Refs        []Ref      `yaml:"refs" json:"refs"`
	Questions   []Question `yaml:"questions" json:"questions"`

	Area string `yaml:"-" json:"area"` // set from the file or the version's placement
}

// Generic reports whether the criterion applies to every applicant.
func (c *Criterion) Generic() bool { return len(c.Sectors) == 0 }

// Area is a group of criteria, such as physical security.
type Area struct {
	ID    string `yaml:"id" json:"id"`
	Title Text   `yaml:"title" json:"title"`
	Intro Text   `yaml:"intro" json:"intro"`
}
