package api

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"trustlane/internal/catalog"
	"trustlane/internal/errs"
)

// The criteria catalog: every version, as data. Any valid token may read
// it; the criteria are public.

func (h *handler) registerCatalog() {
	huma.Register(h.api, h.operation("listCatalogVersions", http.MethodGet, "/catalog/versions", "catalog",
		"List catalog versions",
		"Every version of the minimum security criteria, oldest first. default marks the version new "+
			"Security Profiles are answered against; a profile keeps the version it was started with."),
		h.listCatalogVersions)
	h.registerCatalogVersion()
}

// bilingual is a text in both official languages.
type bilingual struct {
	EN string `json:"en"`
	FR string `json:"fr"`
}

func textOut(t catalog.Text) bilingual { return bilingual{EN: t.EN, FR: t.FR} }

// catalogVersionSummary names a version.
type catalogVersionSummary struct {
	ID        string    `json:"id" doc:"The version's ID, e.g. 2008."`
	Title     bilingual `json:"title"`
	Effective string    `json:"effective" format:"date" doc:"The day the version took effect."`
	Base      string    `json:"base,omitempty" doc:"The earlier version this one regroups, if any."`
	Default   bool      `json:"default" doc:"Whether new Security Profiles are answered against this version."`
}

// catalogVersion is a whole version: its areas and criteria with their
// crosswalk and questions, and the partner frameworks the crosswalk names.
type catalogVersion struct {
	ID             string                  `json:"id"`
	Title          bilingual               `json:"title"`
	Effective      string                  `json:"effective" format:"date"`
	Base           string                  `json:"base,omitempty"`
	Default        bool                    `json:"default"`
	Areas          []catalogArea           `json:"areas" nullable:"false"`
	Criteria       []catalogCriterion      `json:"criteria" nullable:"false" doc:"In the order of their areas."`
	Correspondence []catalogCorrespondence `json:"correspondence,omitempty" doc:"For a version with a base: what became of each criterion of the base."`
	Frameworks     []catalogFramework      `json:"frameworks" nullable:"false" doc:"The partner frameworks that refs point to."`
}

type catalogArea struct {
	ID    string    `json:"id"`
	Title bilingual `json:"title"`
	Intro bilingual `json:"intro"`
}

type catalogCriterion struct {
	ID          string            `json:"id"`
	Area        string            `json:"area"`
	Level       criterionLevel    `json:"level"`
	Sectors     []sector          `json:"sectors" nullable:"false" doc:"The sectors it applies to; empty for every applicant (the generic part)."`
	Title       bilingual         `json:"title"`
	Requirement bilingual         `json:"requirement"`
	Guidance    bilingual         `json:"guidance"`
	Evidence    bilingual         `json:"evidence" doc:"The evidence expected."`
	Refs        []catalogRef      `json:"refs" nullable:"false"`
	Questions   []catalogQuestion `json:"questions" nullable:"false"`
}

type catalogRef struct {
	Framework    string       `json:"framework"`
	Target       string       `json:"target"`
	Relationship relationship `json:"relationship"`
}

type catalogQuestion struct {
	ID         string         `json:"id"`
	Type       answerType     `json:"type"`
	Text       bilingual      `json:"text"`
	Help       *bilingual     `json:"help,omitempty"`
	Optional   bool           `json:"optional"`
	Options    []answerOption `json:"options,omitempty" doc:"The choices of a single or multiple choice; answers use their values."`
	ShowIf     *showIf        `json:"show_if,omitempty"`
	Evidence   evidenceRule   `json:"evidence,omitempty" doc:"Whether documents or pictures are wanted."`
	Expect     []string       `json:"expect,omitempty" doc:"The compliant answers: one of them (yes/no, single), or all of them (multiple)."`
	MaxAgeDays int            `json:"max_age_days,omitempty" doc:"How old a date may be to comply."`
	Min        *float64       `json:"min,omitempty"`
	Max        *float64       `json:"max,omitempty"`
	Also       []string       `json:"also,omitempty" doc:"Other criteria the question serves."`
}

type answerOption struct {
	Value string    `json:"value"`
	Label bilingual `json:"label"`
}

// showIf shows a question only when an earlier answer of its part is one of in.
type showIf struct {
	Question string   `json:"question"`
	In       []string `json:"in" nullable:"false"`
}

type catalogCorrespondence struct {
	From         string       `json:"from" doc:"The base version's criterion."`
	Area         string       `json:"area,omitempty" doc:"Its area here, when carried over under its own ID."`
	To           string       `json:"to,omitempty" doc:"The criterion that replaces it, if any."`
	Relationship relationship `json:"relationship,omitempty"`
}

type catalogFramework struct {
	ID      string            `json:"id"`
	Name    bilingual         `json:"name"`
	Targets []frameworkTarget `json:"targets" nullable:"false"`
}

type frameworkTarget struct {
	ID   string    `json:"id"`
	Name bilingual `json:"name"`
}

// The catalog's enumerations.
type (
	criterionLevel string
	answerType     string
	evidenceRule   string
	relationship   string
)

func (criterionLevel) Schema(huma.Registry) *huma.Schema {
	return enumSchema("must: required for membership; should: recommended.", string(catalog.Must), string(catalog.Should))
}

func (answerType) Schema(huma.Registry) *huma.Schema {
	return enumSchema("The kind of answer a question takes.", string(catalog.YesNo), string(catalog.Single),
		string(catalog.Multi), string(catalog.Free), string(catalog.Date), string(catalog.Number), string(catalog.File))
}

func (evidenceRule) Schema(huma.Registry) *huma.Schema {
	return enumSchema("Whether documents or pictures are wanted.", string(catalog.EvidenceOptional), string(catalog.EvidenceRequired))
}

func (relationship) Schema(huma.Registry) *huma.Schema {
	return enumSchema("How a criterion relates to another (NIST crosswalk terms).", string(catalog.Equal),
		string(catalog.Subset), string(catalog.Superset), string(catalog.Intersect))
}

var errVersionNotFound = errs.E(errs.NotFound, "error.not_found", "no such catalog version")

func (h *handler) listCatalogVersions(_ context.Context, _ *struct{}) (*bodyOut[list[catalogVersionSummary]], error) {
	out := list[catalogVersionSummary]{Items: []catalogVersionSummary{}}
	for _, v := range h.office.Catalog().Versions() {
		out.Items = append(out.Items, h.versionSummary(v))
	}
	return &bodyOut[list[catalogVersionSummary]]{Body: out}, nil
}

func (h *handler) versionSummary(v *catalog.Version) catalogVersionSummary {
	return catalogVersionSummary{ID: v.ID, Title: textOut(v.Title), Effective: v.Effective, Base: v.Base,
		Default: v.ID == h.office.DefaultCatalogVersion()}
}

// version finds a catalog version by ID, or answers 404.
func (h *handler) version(id string) (*catalog.Version, error) {
	v, err := h.office.Catalog().Version(id)
	if err != nil {
		return nil, errVersionNotFound
	}
	return v, nil
}

// versionOut renders a whole version.
func (h *handler) versionOut(v *catalog.Version) catalogVersion {
	s := h.versionSummary(v)
	out := catalogVersion{ID: s.ID, Title: s.Title, Effective: s.Effective, Base: s.Base, Default: s.Default,
		Areas: []catalogArea{}, Criteria: []catalogCriterion{}, Frameworks: []catalogFramework{}}
	for _, a := range v.Areas {
		out.Areas = append(out.Areas, catalogArea{ID: a.ID, Title: textOut(a.Title), Intro: textOut(a.Intro)})
	}
	for _, cr := range v.Criteria {
		out.Criteria = append(out.Criteria, criterionOut(cr))
	}
	for _, c := range v.Correspondence {
		out.Correspondence = append(out.Correspondence, catalogCorrespondence{From: c.From, Area: c.Area, To: c.To,
			Relationship: relationship(c.Relationship)})
	}
	for _, f := range h.office.Catalog().Frameworks {
		cf := catalogFramework{ID: f.ID, Name: textOut(f.Name), Targets: []frameworkTarget{}}
		for _, t := range f.Targets {
			cf.Targets = append(cf.Targets, frameworkTarget{ID: t.ID, Name: textOut(t.Name)})
		}
		out.Frameworks = append(out.Frameworks, cf)
	}
	return out
}

func criterionOut(cr *catalog.Criterion) catalogCriterion {
	c := catalogCriterion{ID: cr.ID, Area: cr.Area, Level: criterionLevel(cr.Level),
		Sectors: conv[sector](cr.Sectors), Title: textOut(cr.Title), Requirement: textOut(cr.Requirement),
		Guidance: textOut(cr.Guidance), Evidence: textOut(cr.EvidenceExp), Refs: []catalogRef{}, Questions: []catalogQuestion{}}
	for _, r := range cr.Refs {
		c.Refs = append(c.Refs, catalogRef{Framework: r.Framework, Target: r.Target, Relationship: relationship(r.Relationship)})
	}
	for i := range cr.Questions {
		c.Questions = append(c.Questions, questionOut(&cr.Questions[i]))
	}
	return c
}

func questionOut(q *catalog.Question) catalogQuestion {
	out := catalogQuestion{ID: q.ID, Type: answerType(q.Type), Text: textOut(q.Text), Optional: q.Optional,
		Evidence: evidenceRule(q.Evidence), Expect: q.Expect, MaxAgeDays: q.MaxAgeDays, Min: q.Min, Max: q.Max, Also: q.Also}
	if q.Help != (catalog.Text{}) {
		help := textOut(q.Help)
		out.Help = &help
	}
	for _, o := range q.Options {
		out.Options = append(out.Options, answerOption{Value: o.Value, Label: textOut(o.Label)})
	}
	if q.ShowIf != nil {
		out.ShowIf = &showIf{Question: q.ShowIf.Question, In: q.ShowIf.In}
	}
	return out
}
