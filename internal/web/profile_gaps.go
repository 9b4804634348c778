package web

import (
	"net/http"

	"trustlane/internal/catalog"
)

// gapItem is one unmet criterion: what, why, and where to fix it.
type gapItem struct {
	CriterionID, Title string
	Kind               string // catalog.GapKind
	Question           string // the first question that causes it
	URL                string // the question on its section's page
}

// gapArea is the unmet criteria of one area of one part.
type gapArea struct {
	Title string
	Items []gapItem
}

// gapPart is the unmet criteria of one part, by area.
type gapPart struct {
	ID, Title string
	Areas     []gapArea
}

// gapsData is the gap list: the must-criteria that block submission, then
// the recommendations.
type gapsData struct {
	profileHead
	Blocking, Advice []gapPart
	Gaps, Advices    int
	Ready            bool
	Unanswered       int // required answers still missing
}

// profileGaps shows the gap list, assessed live on every view.
func (h *Handler) profileGaps(w http.ResponseWriter, r *http.Request, rq *request) error {
	head, err := h.loadProfile(r, rq)
	if err != nil {
		return err
	}
	a := &head.P.Assessment
	d := gapsData{profileHead: head, Gaps: len(a.Gaps), Advices: len(a.Recommendations), Ready: a.Ready(),
		Unanswered: a.Required - a.Done,
		Blocking:   groupGaps(rq, head, a.Gaps), Advice: groupGaps(rq, head, a.Recommendations)}
	v := h.companyView(r, rq, "profile.gaps.title")
	v.Data = d
	return h.render(w, http.StatusOK, "profile-gaps", v)
}

// groupGaps groups gaps by part, then area, keeping the assessment's order
// (the order of the task list).
func groupGaps(rq *request, head profileHead, gaps []catalog.Gap) []gapPart {
	var parts []gapPart
	lang := rq.L.Lang()
	for _, g := range gaps {
		if len(parts) == 0 || parts[len(parts)-1].ID != g.Part {
			parts = append(parts, gapPart{ID: g.Part, Title: partTitle(rq, g.Part)})
		}
		p := &parts[len(parts)-1]
		area, _ := head.P.Version.Area(g.Area)
		if len(p.Areas) == 0 || p.Areas[len(p.Areas)-1].Title != area.Title.In(lang) {
			p.Areas = append(p.Areas, gapArea{Title: area.Title.In(lang)})
		}
		item := gapItem{CriterionID: g.Criterion.ID, Title: g.Criterion.Title.In(lang), Kind: string(g.Kind),
			URL: head.sectionURL(g.Part, g.Area)}
		if len(g.Questions) > 0 {
			item.Question = g.Questions[0]
			item.URL = head.questionURL(g.Part, item.Question)
		}
		areas := p.Areas
		areas[len(areas)-1].Items = append(areas[len(areas)-1].Items, item)
	}
	return parts
}
