package api

import (
	"encoding/json"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/i18n"
	"trustlane/internal/program"
	"trustlane/internal/store"
)

// The bodies of casework: applications, memberships and what happens to
// them. Labels (reasons, timeline actions, criteria) are in the language
// Accept-Language asks for; codes stay as the domain names them.

// applicationSummary is an application as lists show it.
type applicationSummary struct {
	ID                string    `json:"id"`
	OrgID             string    `json:"org_id"`
	Sector            sector    `json:"sector"`
	Kind              appKind   `json:"kind"`
	State             appState  `json:"state"`
	MembershipID      string    `json:"membership_id,omitempty" doc:"The membership it created (approved) or revalidates."`
	InfoDueAt         time.Time `json:"info_due_at,omitzero" doc:"While information is requested: when the answer is due."`
	DenialEffectiveAt time.Time `json:"denial_effective_at,omitzero" doc:"While a denial is announced: when it takes effect unless an informal review is asked for."`
	ReviewRequested   bool      `json:"review_requested" doc:"An informal review of the announced denial is waiting for a reviewer."`
	SubmittedAt       time.Time `json:"submitted_at,omitzero"`
	DecidedAt         time.Time `json:"decided_at,omitzero"`
	CreatedAt         time.Time `json:"created_at"`
	UpdatedAt         time.Time `json:"updated_at"`
}

func appSummaryOut(a program.Application) applicationSummary {
	return applicationSummary{ID: a.ID, OrgID: a.OrgID, Sector: sector(a.Sector), Kind: appKind(a.Kind), State: appState(a.State),
		MembershipID: a.MembershipID, InfoDueAt: utc(a.InfoDueAt), DenialEffectiveAt: utc(a.DenialEffectiveAt),
		ReviewRequested: a.ReviewRequested, SubmittedAt: utc(a.SubmittedAt), DecidedAt: utc(a.DecidedAt),
		CreatedAt: utc(a.CreatedAt), UpdatedAt: utc(a.UpdatedAt)}
}

// eligibility is what the company declared and what the officer verified.
type eligibility struct {
	Declared     []eligibilityItem `json:"declared" nullable:"false"`
	DeclaredAt   time.Time         `json:"declared_at,omitzero"`
	LastMovement date              `json:"last_movement,omitempty" doc:"The latest cross-border movement, as declared."`
	Checked      bool              `json:"checked" doc:"An officer has checked the declaration."`
	Verified     []eligibilityItem `json:"verified" nullable:"false" doc:"The requirements the officer verified."`
	Complete     bool              `json:"complete" doc:"Every requirement verified: the site validation can be scheduled."`
	Notes        string            `json:"notes,omitempty" doc:"The officer's notes."`
}

func eligibilityOut(e program.Eligibility) eligibility {
	out := eligibility{Declared: conv[eligibilityItem](e.Declared), DeclaredAt: utc(e.DeclaredAt),
		LastMovement: dateOf(e.LastMovement), Checked: e.CheckedBy != "", Verified: []eligibilityItem{},
		Complete: e.Verified(), Notes: e.CheckNotes}
	for _, it := range program.EligibilityItems() {
		if e.Checks[it] {
			out.Verified = append(out.Verified, eligibilityItem(it))
		}
	}
	return out
}

// snapshotInfo is the frozen Security Profile an application is judged on.
type snapshotInfo struct {
	ID              string    `json:"id"`
	SHA256          string    `json:"sha256" doc:"Hex SHA-256 of the frozen answers and evidence list."`
	CatalogVersion  string    `json:"catalog_version"`
	ProfileRevision int64     `json:"profile_revision" doc:"The profile's revision when it was frozen."`
	Completeness    int       `json:"completeness" minimum:"0" maximum:"100"`
	Ready           bool      `json:"ready"`
	Gaps            int       `json:"gaps" doc:"Must-criteria not met when it was frozen."`
	Answers         int       `json:"answers"`
	EvidenceFiles   int       `json:"evidence_files"`
	CreatedAt       time.Time `json:"created_at"`
}

// infoRequest is a request for information and its answer.
type infoRequest struct {
	ID         string    `json:"id"`
	Questions  string    `json:"questions"`
	AskedAt    time.Time `json:"asked_at"`
	DueAt      time.Time `json:"due_at"`
	Answer     string    `json:"answer,omitempty"`
	AnsweredAt time.Time `json:"answered_at,omitzero"`
	SnapshotID string    `json:"snapshot_id,omitempty" doc:"The snapshot refreshed with the answer, if any."`
}

// person is someone named in a case.
type person struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// siteValidation is a site validation with its checklist.
type siteValidation struct {
	ID            string           `json:"id"`
	ApplicationID string           `json:"application_id"`
	State         validationState  `json:"state"`
	Date          date             `json:"date" doc:"The day of the visit."`
	Sites         []string         `json:"sites" nullable:"false"`
	Validators    []person         `json:"validators" nullable:"false"`
	Result        validationResult `json:"result,omitempty"`
	Summary       string           `json:"summary,omitempty"`
	CompletedAt   time.Time        `json:"completed_at,omitzero"`
	Findings      []finding        `json:"findings" nullable:"false" doc:"The checklist: one item per criterion of the snapshot's parts."`
}

// finding is one checklist item.
type finding struct {
	CriterionID string  `json:"criterion_id"`
	Title       string  `json:"title,omitempty" doc:"The criterion's title, in the language asked for."`
	Level       string  `json:"level" enum:"must,should"`
	Outcome     outcome `json:"outcome,omitempty" doc:"Absent until recorded."`
	Notes       string  `json:"notes,omitempty"`
}

// actionPlan lists corrective actions.
type actionPlan struct {
	ID          string       `json:"id"`
	SubjectType string       `json:"subject_type" enum:"application,membership"`
	SubjectID   string       `json:"subject_id"`
	State       planState    `json:"state"`
	CreatedAt   time.Time    `json:"created_at"`
	Actions     []actionItem `json:"actions" nullable:"false"`
}

type actionItem struct {
	ID          string    `json:"id"`
	CriterionID string    `json:"criterion_id,omitempty"`
	Description string    `json:"description"`
	DueAt       time.Time `json:"due_at"`
	Response    string    `json:"response,omitempty"`
	RespondedAt time.Time `json:"responded_at,omitzero"`
	Verdict     verdict   `json:"verdict,omitempty" doc:"Absent until an officer checks the response."`
	VerdictNote string    `json:"verdict_note,omitempty"`
	VerifiedAt  time.Time `json:"verified_at,omitzero"`
}

func planOut(p program.ActionPlan) actionPlan {
	out := actionPlan{ID: p.ID, SubjectType: p.SubjectType, SubjectID: p.SubjectID, State: planState(p.State),
		CreatedAt: utc(p.CreatedAt), Actions: []actionItem{}}
	for _, it := range p.Items {
		out.Actions = append(out.Actions, actionItem{ID: it.ID, CriterionID: it.CriterionID, Description: it.Description,
			DueAt: utc(it.DueAt), Response: it.Response, RespondedAt: utc(it.RespondedAt), Verdict: verdict(it.Verdict),
			VerdictNote: it.VerdictNote, VerifiedAt: utc(it.VerifiedAt)})
	}
	return out
}

// decision is a decision of the program office, never changed.
type decision struct {
	ID             string       `json:"id"`
	Kind           decisionKind `json:"kind"`
	Reasons        []reason     `json:"reasons" nullable:"false"`
	Narrative      string       `json:"narrative,omitempty"`
	DecidedAt      time.Time    `json:"decided_at"`
	EffectiveAt    time.Time    `json:"effective_at"`
	AppealDeadline time.Time    `json:"appeal_deadline,omitzero" doc:"The last moment to appeal (for a denial notice, to ask for the informal review); absent when it cannot be appealed."`
	LetterID       string       `json:"letter_id" doc:"The decision letter (PDF): downloadLetter."`
}

// reason is a reason code of the policy with its label.
type reason struct {
	Code  string `json:"code"`
	Label string `json:"label" doc:"In the language asked for."`
}

func (h *handler) decisionOut(d program.Decision, lang string) decision {
	out := decision{ID: d.ID, Kind: decisionKind(d.Kind), Reasons: []reason{}, Narrative: d.Narrative,
		DecidedAt: utc(d.DecidedAt), EffectiveAt: utc(d.EffectiveAt), AppealDeadline: utc(d.AppealDeadline), LetterID: d.LetterID}
	for _, code := range d.Reasons {
		r := reason{Code: code, Label: code}
		if pr, ok := h.office.Policy().Reason(d.Kind, code); ok {
			r.Label = pr.Label.In(lang)
		}
		out.Reasons = append(out.Reasons, r)
	}
	return out
}

// appeal is an appeal, or the informal review of an announced denial.
type appeal struct {
	ID           string       `json:"id"`
	OrgID        string       `json:"org_id"`
	DecisionID   string       `json:"decision_id"`
	DecisionKind decisionKind `json:"decision_kind" doc:"The decision appealed."`
	SubjectType  string       `json:"subject_type" enum:"application,membership"`
	SubjectID    string       `json:"subject_id"`
	State        appealState  `json:"state"`
	Grounds      string       `json:"grounds"`
	FiledAt      time.Time    `json:"filed_at"`
	DecidedAt    time.Time    `json:"decided_at,omitzero"`
	Outcome      string       `json:"outcome,omitempty" doc:"The reviewer's explanation."`
}

func appealOut(a program.Appeal) appeal {
	return appeal{ID: a.ID, OrgID: a.OrgID, DecisionID: a.DecisionID, DecisionKind: decisionKind(a.Kind),
		SubjectType: a.SubjectType, SubjectID: a.SubjectID, State: appealState(a.State), Grounds: a.Grounds,
		FiledAt: utc(a.FiledAt), DecidedAt: utc(a.DecidedAt), Outcome: a.Outcome}
}

// timelineEvent is one entry of a case's history, from the audit trail.
type timelineEvent struct {
	Action string          `json:"action" doc:"What happened, e.g. application.submitted."`
	Label  string          `json:"label" doc:"The action in words, in the language asked for."`
	Actor  string          `json:"actor" doc:"The name of who acted; trustlane for the program's own deadlines."`
	At     time.Time       `json:"at"`
	Data   json.RawMessage `json:"data" doc:"The facts recorded with the event."`
}

func (h *handler) timelineOut(evs []store.AuditEvent, names map[string]string, l *i18n.Localizer) []timelineEvent {
	out := make([]timelineEvent, 0, len(evs))
	for _, e := range evs {
		label := e.Action
		if key := "audit.action." + e.Action; h.i18n.Has(key) {
			label = l.T(key)
		}
		name := names[e.ActorID]
		if e.ActorID == auth.System.UserID {
			name = auth.System.Name
		}
		data := e.Data
		if data == "" {
			data = "{}"
		}
		out = append(out, timelineEvent{Action: e.Action, Label: label, Actor: name, At: utc(e.At), Data: json.RawMessage(data)})
	}
	return out
}

// decisionsOut renders decisions in lang, oldest first.
func (h *handler) decisionsOut(ds []program.Decision, lang string) []decision {
	out := make([]decision, 0, len(ds))
	for _, d := range ds {
		out = append(out, h.decisionOut(d, lang))
	}
	return out
}

func plansOut(ps []program.ActionPlan) []actionPlan {
	out := make([]actionPlan, 0, len(ps))
	for _, p := range ps {
		out = append(out, planOut(p))
	}
	return out
}

func appealsOut(as []program.Appeal) []appeal {
	out := make([]appeal, 0, len(as))
	for _, a := range as {
		out = append(out, appealOut(a))
	}
	return out
}

// people names user IDs from a case's names, in order.
func people(ids []string, names map[string]string) []person {
	out := make([]person, 0, len(ids))
	for _, id := range ids {
		out = append(out, person{ID: id, Name: names[id]})
	}
	return out
}
