package api

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"trustlane/internal/catalog"
	"trustlane/internal/errs"
	"trustlane/internal/i18n"
	"trustlane/internal/office"
)

// The Security Profile: a company's answers to the criteria of its parts
// (generic, and one per sector), with its gap assessment.

const profilePath = "/organizations/{orgID}/profile"

func (h *handler) registerProfile() {
	huma.Register(h.api, h.operation("getProfile", http.MethodGet, profilePath, "profile",
		"Get the Security Profile",
		"The organization's Security Profile: the catalog version it is answered against, its revision "+
			"(bumped by every save), the progress of each part and section, every answer and the metadata of "+
			"every evidence file (never their content). A profile nobody has saved yet has revision 0. Titles "+
			"are in the language Accept-Language asks for."), h.getProfile)
	huma.Register(h.api, h.operation("getProfileGaps", http.MethodGet, profilePath+"/gaps", "profile",
		"Get the Security Profile's gaps",
		"The gap assessment: every must-criterion not met (gaps; they block submission), every "+
			"should-criterion not met (recommendations), with the questions that cause each, and whether the "+
			"profile is ready to submit."), h.getProfileGaps)
	op := h.operation("saveProfileAnswers", http.MethodPut, profilePath+"/parts/{part}/answers", "profile",
		"Save answers to a part",
		"Saves answers to questions of one part (generic, or one of the organization's sectors), as a "+
			"draft: the profile can be saved at any time, complete or not. Answers are keyed by question ID; "+
			"an empty string clears an answer, and questions left out keep theirs. Multiple choices are "+
			"separated by semicolons (\"a; b\"), dates are YYYY-MM-DD. Every answer is checked first: if any is "+
			"wrong, nothing is saved and each one is listed in errors at body.answers.<question ID>; a part the "+
			"organization does not have is an error at path.part. The answer is the profile's new state "+
			"without its answers (getProfile has them); a save that changes nothing keeps the revision. Files "+
			"are attached with uploadEvidence.")
	// A part's answers, free text included, can exceed the usual limit.
	op.MaxBodyBytes = max(h.maxBody, maxAnswersBody)
	huma.Register(h.api, op, h.saveProfileAnswers)
}

// maxAnswersBody bounds a save of answers: about a hundred long answers.
const maxAnswersBody = 512 << 10

type profileIn struct {
	OrgID string `path:"orgID" maxLength:"64" doc:"The organization's ID."`
	Lang  string `header:"Accept-Language" maxLength:"200" doc:"The language of titles: en or fr."`
}

// profileSummary is a profile's state without its answers.
type profileSummary struct {
	OrgID          string        `json:"org_id"`
	CatalogVersion string        `json:"catalog_version" doc:"The catalog version the profile is answered against."`
	Revision       int64         `json:"revision" doc:"Bumped by every save; 0 until the first."`
	UpdatedAt      time.Time     `json:"updated_at,omitzero" doc:"When it was last saved; absent until the first save."`
	Ready          bool          `json:"ready" doc:"Every required answer given and no must-criterion unmet: the profile may be submitted."`
	Completeness   int           `json:"completeness" minimum:"0" maximum:"100" doc:"Required answers and evidence given, in percent."`
	Required       int           `json:"required" doc:"Required answers and evidence, over the visible questions."`
	Done           int           `json:"done" doc:"Of which given."`
	Parts          []profilePart `json:"parts" nullable:"false" doc:"Generic first, then one per sector of the organization."`
}

// profile is a whole profile: its summary, answers and evidence files.
type profile struct {
	OrgID          string         `json:"org_id"`
	CatalogVersion string         `json:"catalog_version" doc:"The catalog version the profile is answered against."`
	Revision       int64          `json:"revision" doc:"Bumped by every save; 0 until the first."`
	UpdatedAt      time.Time      `json:"updated_at,omitzero" doc:"When it was last saved; absent until the first save."`
	Ready          bool           `json:"ready" doc:"Every required answer given and no must-criterion unmet: the profile may be submitted."`
	Completeness   int            `json:"completeness" minimum:"0" maximum:"100" doc:"Required answers and evidence given, in percent."`
	Required       int            `json:"required"`
	Done           int            `json:"done"`
	Parts          []profilePart  `json:"parts" nullable:"false"`
	Answers        []answer       `json:"answers" nullable:"false" doc:"In the catalog's order."`
	Evidence       []evidenceFile `json:"evidence" nullable:"false" doc:"Oldest first."`
}

type profilePart struct {
	Part     string           `json:"part" doc:"generic, or a sector."`
	Required int              `json:"required"`
	Done     int              `json:"done"`
	Percent  int              `json:"percent" minimum:"0" maximum:"100"`
	Sections []profileSection `json:"sections" nullable:"false"`
}

// profileSection is the progress of one area of one part.
type profileSection struct {
	Area            string        `json:"area"`
	Title           string        `json:"title" doc:"The area's title, in the language asked for."`
	Status          sectionStatus `json:"status"`
	Required        int           `json:"required"`
	Done            int           `json:"done"`
	Percent         int           `json:"percent" minimum:"0" maximum:"100"`
	Gaps            int           `json:"gaps" doc:"Must-criteria not met."`
	Recommendations int           `json:"recommendations" doc:"Should-criteria not met."`
}

// answer is one stored answer.
type answer struct {
	Part       string    `json:"part"`
	QuestionID string    `json:"question_id"`
	Value      string    `json:"value" doc:"As saveProfileAnswers takes it: multiple choices as \"a; b\"."`
	UpdatedAt  time.Time `json:"updated_at"`
	UpdatedBy  string    `json:"updated_by" doc:"The user ID of who gave it."`
}

type sectionStatus string

func (sectionStatus) Schema(huma.Registry) *huma.Schema {
	return enumSchema("not_started, in_progress, needs_attention (answered, with must-criteria unmet) or complete.",
		"not_started", "in_progress", "needs_attention", "complete")
}

func (h *handler) getProfile(ctx context.Context, in *profileIn) (*bodyOut[profile], error) {
	p, err := h.office.Profile(ctx, actorOf(ctx), in.OrgID)
	if err != nil {
		return nil, err
	}
	s := summaryOut(p, i18n.Match(in.Lang))
	out := profile{OrgID: s.OrgID, CatalogVersion: s.CatalogVersion, Revision: s.Revision, UpdatedAt: s.UpdatedAt,
		Ready: s.Ready, Completeness: s.Completeness, Required: s.Required, Done: s.Done, Parts: s.Parts,
		Answers: answersOut(p), Evidence: []evidenceFile{}}
	for _, files := range p.Evidence {
		for _, f := range files {
			out.Evidence = append(out.Evidence, evidenceOut(f))
		}
	}
	// Oldest first, as listEvidence lists them.
	slices.SortFunc(out.Evidence, func(a, b evidenceFile) int {
		if c := a.UploadedAt.Compare(b.UploadedAt); c != 0 {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})
	return &bodyOut[profile]{Body: out}, nil
}

// summaryOut renders a profile's state with titles in lang.
func summaryOut(p *office.ProfileView, lang string) profileSummary {
	a := p.Assessment
	out := profileSummary{OrgID: p.Org.ID, CatalogVersion: p.Version.ID, Revision: p.Record.Revision,
		UpdatedAt: utc(p.Record.UpdatedAt), Ready: a.Ready(), Completeness: a.Percent(), Required: a.Required,
		Done: a.Done, Parts: []profilePart{}}
	for _, part := range catalog.Parts(p.Sectors()) {
		pp := profilePart{Part: part, Sections: []profileSection{}}
		for _, s := range a.Sections {
			if s.Part != part {
				continue
			}
			area, _ := p.Version.Area(s.Area)
			pp.Sections = append(pp.Sections, profileSection{Area: s.Area, Title: area.Title.In(lang),
				Status: sectionStatus(s.Status()), Required: s.Required, Done: s.Done, Percent: s.Percent(),
				Gaps: s.Gaps, Recommendations: s.Advice})
			pp.Required += s.Required
			pp.Done += s.Done
		}
		pp.Percent = catalog.SectionResult{Required: pp.Required, Done: pp.Done}.Percent()
		out.Parts = append(out.Parts, pp)
	}
	return out
}

func answersOut(p *office.ProfileView) []answer {
	out := []answer{}
	for _, k := range answerKeys(p) {
		a := p.Answers[k]
		out = append(out, answer{Part: k.Part, QuestionID: k.Question, Value: a.Value.String(),
			UpdatedAt: a.UpdatedAt.UTC(), UpdatedBy: a.UpdatedBy})
	}
	return out
}

// answerKeys lists the answers' keys in the order the profile asks its
// questions: by part, then as the catalog lists them. Answers the catalog
// no longer places come last, by name.
func answerKeys(p *office.ProfileView) []catalog.Key {
	order := map[catalog.Key]int{}
	for _, s := range p.Version.Sections(p.Sectors()) {
		for _, q := range s.Questions {
			k := catalog.Key{Part: s.Part, Question: q.ID}
			if _, ok := order[k]; !ok {
				order[k] = len(order)
			}
		}
	}
	keys := make([]catalog.Key, 0, len(p.Answers))
	for k := range p.Answers {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b catalog.Key) int {
		oa, okA := order[a]
		ob, okB := order[b]
		switch {
		case okA && okB:
			return oa - ob
		case okA != okB:
			if okA {
				return -1
			}
			return 1
		}
		return strings.Compare(a.String(), b.String())
	})
	return keys
}

// gaps is the gap assessment.
type gaps struct {
	Ready           bool  `json:"ready" doc:"Every required answer given and no must-criterion unmet."`
	Completeness    int   `json:"completeness" minimum:"0" maximum:"100" doc:"Required answers and evidence given, in percent."`
	Gaps            []gap `json:"gaps" nullable:"false" doc:"Must-criteria not met: they block submission."`
	Recommendations []gap `json:"recommendations" nullable:"false" doc:"Should-criteria not met."`
}

// gap is one criterion of one part that is not met.
type gap struct {
	Part        string         `json:"part"`
	Area        string         `json:"area"`
	CriterionID string         `json:"criterion_id"`
	Title       string         `json:"title" doc:"The criterion's title, in the language asked for."`
	Level       criterionLevel `json:"level"`
	Kind        gapKind        `json:"kind"`
	QuestionIDs []string       `json:"question_ids" nullable:"false" doc:"The questions that cause it."`
}

type gapKind string

func (gapKind) Schema(huma.Registry) *huma.Schema {
	return enumSchema("Why the criterion is not met: a required question unanswered, an answer that does not "+
		"comply, or required evidence missing.", string(catalog.Unanswered), string(catalog.NotCompliant),
		string(catalog.EvidenceMissing))
}

func (h *handler) getProfileGaps(ctx context.Context, in *profileIn) (*bodyOut[gaps], error) {
	p, err := h.office.Profile(ctx, actorOf(ctx), in.OrgID)
	if err != nil {
		return nil, err
	}
	lang := i18n.Match(in.Lang)
	a := p.Assessment
	out := gaps{Ready: a.Ready(), Completeness: a.Percent(), Gaps: gapsOut(a.Gaps, lang),
		Recommendations: gapsOut(a.Recommendations, lang)}
	return &bodyOut[gaps]{Body: out}, nil
}

func gapsOut(in []catalog.Gap, lang string) []gap {
	out := make([]gap, 0, len(in))
	for _, g := range in {
		out = append(out, gap{Part: g.Part, Area: g.Area, CriterionID: g.Criterion.ID, Title: g.Criterion.Title.In(lang),
			Level: criterionLevel(g.Criterion.Level), Kind: gapKind(g.Kind), QuestionIDs: append([]string{}, g.Questions...)})
	}
	return out
}

// answersInput is answers to questions of one part.
type answersInput struct {
	Answers map[string]string `json:"answers" nullable:"false" maxProperties:"500" doc:"Answers by question ID; an empty string clears an answer."`
}

type saveAnswersIn struct {
	OrgID string `path:"orgID" maxLength:"64" doc:"The organization's ID."`
	Part  string `path:"part" maxLength:"64" doc:"generic, or one of the organization's sectors."`
	Lang  string `header:"Accept-Language" maxLength:"200" doc:"The language of titles: en or fr."`
	Body  answersInput
}

func (h *handler) saveProfileAnswers(ctx context.Context, in *saveAnswersIn) (*bodyOut[profileSummary], error) {
	p, err := h.office.SaveAnswers(ctx, actorOf(ctx), in.OrgID, in.Part, in.Body.Answers)
	if err != nil {
		return nil, answerFields(err)
	}
	return &bodyOut[profileSummary]{Body: summaryOut(p, i18n.Match(in.Lang))}, nil
}

// answerFields places the office's field errors in the request: a question
// ID names its answer in the body; an unknown part is the path parameter.
func answerFields(err error) error {
	return relocate(err, func(f errs.FieldError) string {
		if f.Key == "error.answer.unknown_part" {
			return "path.part"
		}
		return "answers." + f.Field
	})
}
