package program

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"trustlane/internal/errs"
)

// PlanState is where an action plan stands.
type PlanState string

// The action plan states.
const (
	PlanOpen      PlanState = "open"
	PlanCompleted PlanState = "completed"
	// PlanWithdrawn: the decision that required the plan was reversed.
	PlanWithdrawn PlanState = "withdrawn"
)

// PlanStates lists every state of an action plan.
func PlanStates() []PlanState { return []PlanState{PlanOpen, PlanCompleted, PlanWithdrawn} }

// Verdict is an officer's check of a corrective action.
type Verdict string

// The verdicts.
const (
	VerdictNone     Verdict = ""
	VerdictAccepted Verdict = "accepted"
	VerdictRejected Verdict = "rejected"
)

// ActionItem is one corrective action.
type ActionItem struct {
	ID          string    `json:"id"`
	CriterionID string    `json:"criterion_id,omitempty"`
	Description string    `json:"description"`
	DueAt       time.Time `json:"due_at"`
	Response    string    `json:"response,omitempty"`
	RespondedBy string    `json:"responded_by,omitempty"`
	RespondedAt time.Time `json:"responded_at,omitzero"`
	Verdict     Verdict   `json:"verdict,omitempty"`
	VerdictNote string    `json:"verdict_note,omitempty"`
	VerifiedBy  string    `json:"verified_by,omitempty"`
	VerifiedAt  time.Time `json:"verified_at,omitzero"`
}

// ActionPlan lists corrective actions with due dates: after a validation
// that found gaps, or to lift a suspension.
type ActionPlan struct {
	ID          string
	OrgID       string
	SubjectType string // "application" or "membership"
	SubjectID   string
	State       PlanState
	Items       []ActionItem
	CreatedBy   string
	CreatedAt   time.Time
	// EscalatedAt is when the plan was reported overdue to the officer.
	EscalatedAt time.Time
}

// DueAt is the latest due date of the items still to verify.
func (p ActionPlan) DueAt() time.Time {
	var due time.Time
	for _, it := range p.Items {
		if it.Verdict != VerdictAccepted && it.DueAt.After(due) {
			due = it.DueAt
		}
	}
	return due
}

// Overdue reports whether an item is past due without an accepted verdict.
func (p ActionPlan) Overdue(now time.Time) bool {
	return p.State == PlanOpen && slices.ContainsFunc(p.Items, func(it ActionItem) bool {
		return it.Verdict != VerdictAccepted && !now.Before(it.DueAt) // the due instant itself is late
	})
}

// Respond records the company's answer to one action.
func (p ActionPlan) Respond(itemID, response, by string, now time.Time) (ActionPlan, error) {
	if p.State != PlanOpen {
		return p, ErrWrongState
	}
	response = strings.TrimSpace(response)
	if n := utf8.RuneCountInString(response); n < 5 || n > maxNarrative {
		return p, errs.Fields(errs.F("response", "error.case.response_required", "describe what was done"))
	}
	i := slices.IndexFunc(p.Items, func(it ActionItem) bool { return it.ID == itemID })
	if i < 0 {
		return p, errs.E(errs.NotFound, "error.not_found", "no such action")
	}
	if p.Items[i].Verdict == VerdictAccepted {
		return p, ErrWrongState
	}
	items := slices.Clone(p.Items)
	items[i].Response, items[i].RespondedBy, items[i].RespondedAt = response, by, now
	items[i].Verdict, items[i].VerdictNote = VerdictNone, ""
	p.Items = items
	return p, nil
}

// Verify records the officer's check of one answered action; the plan is
// completed when every action is accepted.
func (p ActionPlan) Verify(itemID string, verdict Verdict, note, by string, now time.Time) (ActionPlan, error) {
	if p.State != PlanOpen {
		return p, ErrWrongState
	}
	i := slices.IndexFunc(p.Items, func(it ActionItem) bool { return it.ID == itemID })
	if i < 0 {
		return p, errs.E(errs.NotFound, "error.not_found", "no such action")
	}
	if p.Items[i].Response == "" {
		return p, errs.E(errs.Conflict, "error.case.no_response", "the company has not answered this action yet")
	}
	if verdict != VerdictAccepted && verdict != VerdictRejected {
		return p, errs.Fields(errs.F("verdict", "error.choose_option", "accept or reject the action"))
	}
	items := slices.Clone(p.Items)
	items[i].Verdict, items[i].VerdictNote, items[i].VerifiedBy, items[i].VerifiedAt = verdict, strings.TrimSpace(note), by, now
	p.Items = items
	if !slices.ContainsFunc(p.Items, func(it ActionItem) bool { return it.Verdict != VerdictAccepted }) {
		p.State = PlanCompleted
	}
	return p, nil
}

// NewActionPlan builds a plan from corrective actions, each due by due.
func NewActionPlan(orgID, subjectType, subjectID string, actions []ActionItem, by string, now time.Time) (ActionPlan, error) {
	if len(actions) == 0 {
		return ActionPlan{}, errs.Fields(errs.F("actions", "error.case.actions_required", "list at least one corrective action"))
	}
	for _, a := range actions {
		if strings.TrimSpace(a.Description) == "" || !a.DueAt.After(now) {
			return ActionPlan{}, errs.Fields(errs.F("actions", "error.case.action_invalid", "each action needs a description and a future due date"))
		}
	}
	return ActionPlan{OrgID: orgID, SubjectType: subjectType, SubjectID: subjectID, State: PlanOpen, Items: actions,
		CreatedBy: by, CreatedAt: now}, nil
}

// Withdraw closes an open plan whose decision was reversed on appeal.
func (p ActionPlan) Withdraw() (ActionPlan, error) {
	if p.State != PlanOpen {
		return p, ErrWrongState
	}
	p.State = PlanWithdrawn
	return p, nil
}
