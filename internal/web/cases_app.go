package web

import (
	"strings"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/office"
	"trustlane/internal/program"
	"trustlane/internal/store"
)

// caseRequest is a request for information; Open marks the one the viewer
// may answer now.
type caseRequest struct {
	store.InfoRequest
	Open bool
}

// caseValidation is a site validation with its validators' names and, once
// completed, its findings per criterion.
type caseValidation struct {
	program.Validation
	Validators []string
	Findings   []caseFinding
}

// caseFinding is one checklist item with its criterion's title.
type caseFinding struct {
	program.CheckItem
	Title string
}

// caseSnapshot sums up the frozen copy of the profile the office reviews.
type caseSnapshot struct {
	ID, SHA256   string
	VersionID    string
	VersionTitle string
	FrozenAt     time.Time
	Percent      int
	Gaps         int
	Ready        bool
	Answers      int
	Files        []office.SnapshotEvidence
}

// fillApplication lays out what only applications have: eligibility,
// requests for information, site validations and the snapshot.
func (h *Handler) fillApplication(rq *request, d *casePage) {
	v := d.App
	for _, it := range program.EligibilityItems() {
		d.Eligibility = append(d.Eligibility, option{Value: string(it), Label: "case.eligibility." + string(it)})
	}
	apply := d.Can(string(auth.CaseApply))
	for i, req := range v.InfoRequests {
		open := apply && i == len(v.InfoRequests)-1 && req.AnsweredAt.IsZero() && v.App.State == program.AppInfoRequested
		d.Requests = append(d.Requests, caseRequest{InfoRequest: req, Open: open})
	}
	lang := rq.L.Lang()
	for _, val := range v.Validations {
		cv := caseValidation{Validation: val}
		for _, id := range val.Validators {
			cv.Validators = append(cv.Validators, d.Names[id])
		}
		if val.State == program.ValCompleted {
			for _, it := range val.Items {
				f := caseFinding{CheckItem: it, Title: it.CriterionID}
				if v.Version != nil {
					if cr, ok := v.Version.Criterion(it.CriterionID); ok {
						f.Title = cr.Title.In(lang)
					}
				}
				cv.Findings = append(cv.Findings, f)
			}
		}
		d.Validations = append(d.Validations, cv)
	}
	if v.Snapshot != nil {
		s := &caseSnapshot{ID: v.Snapshot.ID, SHA256: v.Snapshot.SHA256, VersionID: v.Snapshot.CatalogVersion,
			FrozenAt: v.Snapshot.CreatedAt, Percent: v.Body.Percent, Gaps: v.Body.Gaps, Ready: v.Body.Ready,
			Answers: len(v.Body.Answers), Files: v.Body.Evidence}
		if v.Version != nil {
			s.VersionTitle = v.Version.Title.In(lang)
		}
		d.Snapshot = s
	}
}

// Draft reports whether the application is still being prepared.
func (d casePage) Draft() bool { return d.App != nil && d.App.App.State == program.AppDraft }

// Declared reports whether the eligibility declaration is complete.
func (d casePage) Declared() bool { return d.App != nil && d.App.App.Eligibility.Complete() == nil }

// RefreshOptions is the box that sends the current profile with an answer.
func (d casePage) RefreshOptions() []option {
	return []option{{Value: "yes", Label: "casepage.info.refresh", Hint: "casepage.info.refresh_hint"}}
}

// Paras splits text written in a form into its lines, one paragraph each.
func (d casePage) Paras(s string) []string { return paragraphs(s) }

// KB is a file size in kilobytes, rounded up.
func (d casePage) KB(n int64) int { return int((n + 1023) / 1024) }

func paragraphs(s string) []string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		if line = strings.TrimSpace(line); line != "" {
			out = append(out, line)
		}
	}
	return out
}
