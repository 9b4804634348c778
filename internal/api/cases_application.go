package api

import (
	"time"

	"trustlane/internal/i18n"
	"trustlane/internal/office"
)

// application is everything about one application: what the case page of
// the company and of the program office shows.
type application struct {
	ID                string           `json:"id"`
	OrgID             string           `json:"org_id"`
	Sector            sector           `json:"sector"`
	Kind              appKind          `json:"kind"`
	State             appState         `json:"state"`
	InfoDueAt         time.Time        `json:"info_due_at,omitzero" doc:"While information is requested: when the answer is due."`
	DenialEffectiveAt time.Time        `json:"denial_effective_at,omitzero" doc:"While a denial is announced: when it takes effect unless an informal review is asked for."`
	ReviewRequested   bool             `json:"review_requested" doc:"An informal review of the announced denial is waiting for a reviewer."`
	SubmittedAt       time.Time        `json:"submitted_at,omitzero"`
	DecidedAt         time.Time        `json:"decided_at,omitzero"`
	CreatedAt         time.Time        `json:"created_at"`
	UpdatedAt         time.Time        `json:"updated_at"`
	Officer           *person          `json:"officer,omitempty" doc:"The program officer who took the case."`
	Eligibility       eligibility      `json:"eligibility"`
	Snapshot          *snapshotInfo    `json:"snapshot,omitempty" doc:"The Security Profile as frozen at submission (or refreshed with an answer); absent on a draft."`
	InfoRequests      []infoRequest    `json:"info_requests" nullable:"false" doc:"Oldest first; the last one is open while the state is info_requested."`
	Validations       []siteValidation `json:"validations" nullable:"false" doc:"Oldest first."`
	ActionPlans       []actionPlan     `json:"action_plans" nullable:"false"`
	Decisions         []decision       `json:"decisions" nullable:"false" doc:"Oldest first."`
	Appeals           []appeal         `json:"appeals" nullable:"false" doc:"Informal reviews of an announced denial."`
	MembershipID      string           `json:"membership_id,omitempty" doc:"The membership it created (approved) or revalidates."`
	MembershipNumber  string           `json:"membership_number,omitempty"`
	Timeline          []timelineEvent  `json:"timeline" nullable:"false" doc:"The case's history from the audit trail, oldest first."`
}

// applicationOut renders an application's view in lang.
func (h *handler) applicationOut(v *office.ApplicationView, lang string) application {
	a := v.App
	l := h.i18n.For(lang)
	out := application{ID: a.ID, OrgID: a.OrgID, Sector: sector(a.Sector), Kind: appKind(a.Kind), State: appState(a.State),
		InfoDueAt: utc(a.InfoDueAt), DenialEffectiveAt: utc(a.DenialEffectiveAt), ReviewRequested: a.ReviewRequested,
		SubmittedAt: utc(a.SubmittedAt), DecidedAt: utc(a.DecidedAt), CreatedAt: utc(a.CreatedAt), UpdatedAt: utc(a.UpdatedAt),
		Eligibility: eligibilityOut(a.Eligibility), InfoRequests: []infoRequest{}, Validations: []siteValidation{},
		ActionPlans: plansOut(v.Plans), Decisions: h.decisionsOut(v.Decisions, lang), Appeals: appealsOut(v.Appeals),
		MembershipID: a.MembershipID, Timeline: h.timelineOut(v.Timeline, v.Names, l)}
	if a.OfficerID != "" {
		out.Officer = &person{ID: a.OfficerID, Name: v.Names[a.OfficerID]}
	}
	if v.Snapshot != nil {
		s := v.Snapshot
		out.Snapshot = &snapshotInfo{ID: s.ID, SHA256: s.SHA256, CatalogVersion: s.CatalogVersion, ProfileRevision: s.ProfileRevision,
			Completeness: v.Body.Percent, Ready: v.Body.Ready, Gaps: v.Body.Gaps, Answers: len(v.Body.Answers),
			EvidenceFiles: len(v.Body.Evidence), CreatedAt: utc(s.CreatedAt)}
	}
	for _, r := range v.InfoRequests {
		out.InfoRequests = append(out.InfoRequests, infoRequest{ID: r.ID, Questions: r.Questions, AskedAt: utc(r.AskedAt),
			DueAt: utc(r.DueAt), Answer: r.Answer, AnsweredAt: utc(r.AnsweredAt), SnapshotID: r.SnapshotID})
	}
	for _, val := range v.Validations {
		vo := siteValidation{ID: val.ID, ApplicationID: val.ApplicationID, State: validationState(val.State), Date: dateOf(val.ScheduledFor),
			Sites: append([]string{}, val.Sites...), Validators: people(val.Validators, v.Names), Result: validationResult(val.Result),
			Summary: val.Summary, CompletedAt: utc(val.CompletedAt), Findings: []finding{}}
		for _, it := range val.Items {
			f := finding{CriterionID: it.CriterionID, Level: it.Level, Outcome: outcome(it.Outcome), Notes: it.Notes}
			if v.Version != nil {
				if cr, ok := v.Version.Criterion(it.CriterionID); ok {
					f.Title = cr.Title.In(lang)
				}
			}
			vo.Findings = append(vo.Findings, f)
		}
		out.Validations = append(out.Validations, vo)
	}
	if v.Membership != nil {
		out.MembershipNumber = v.Membership.Number
	}
	return out
}

// langOf is the language of labels for a request's Accept-Language.
func langOf(header string) string { return i18n.Match(header) }
