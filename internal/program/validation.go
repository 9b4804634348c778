package program

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"trustlane/internal/errs"
)

// ValidationState is where a site validation stands.
type ValidationState string

// The site validation states.
const (
	ValScheduled ValidationState = "scheduled"
	ValCompleted ValidationState = "completed"
	ValCancelled ValidationState = "cancelled"
)

// Outcome is a validator's finding on one checklist item.
type Outcome string

// The outcomes.
const (
	OutcomeNone           Outcome = ""
	OutcomeMet            Outcome = "met"
	OutcomeNotMet         Outcome = "not_met"
	OutcomeNotApplicable  Outcome = "not_applicable"
	OutcomeRecommendation Outcome = "recommendation"
)

// ValidationResult is the validation's overall result.
type ValidationResult string

// The results.
const (
	ResultSatisfactory   ValidationResult = "satisfactory"
	ResultActionPlan     ValidationResult = "action_plan_required"
	ResultUnsatisfactory ValidationResult = "unsatisfactory"
)

// CheckItem is one criterion on the validation's checklist.
type CheckItem struct {
	CriterionID string   `json:"criterion_id"`
	Level       string   `json:"level"`
	Outcome     Outcome  `json:"outcome,omitempty"`
	Notes       string   `json:"notes,omitempty"`
	EvidenceIDs []string `json:"evidence_ids,omitempty"`
	RecordedBy  string   `json:"recorded_by,omitempty"`
	// Prefill is set when a partner's result filled the item in; a
	// validator confirms it by recording a finding on the item.
	Prefill *Prefill `json:"prefill,omitempty"`
	// PartlyFrom lists the partner targets that carry to the criterion
	// only partly: a pointer for the validator, the item stays open.
	PartlyFrom []string `json:"partly_from,omitempty"`
}

// Validation is the mandatory visit of the applicant's sites.
type Validation struct {
	ID            string
	OrgID         string
	ApplicationID string
	State         ValidationState
	ScheduledFor  time.Time // the day of the visit
	Sites         []string
	Validators    []string // user IDs
	Items         []CheckItem
	Result        ValidationResult
	Summary       string
	CompletedBy   string
	CompletedAt   time.Time
	CreatedBy     string
	CreatedAt     time.Time
	// Sharing says whether the visit is our own, joint with a partner
	// program or relies on a partner's validation.
	Sharing Sharing
}

// NewValidation schedules a validation of the criteria on the checklist.
func NewValidation(app Application, when time.Time, sites, validators []string, checklist []CheckItem, by string, now time.Time) (Validation, error) {
	var fe []errs.FieldError
	// Today is today in the time zone the date was given in (the
	// program's on the portal), not in UTC: an evening in Toronto is
	// already tomorrow in UTC.
	if calendarDay(when).Before(calendarDay(now.In(when.Location()))) {
		fe = append(fe, errs.F("date", "error.case.date_past", "choose a date from today on"))
	}
	var cleanSites []string
	for _, s := range sites {
		if s = strings.TrimSpace(s); s != "" {
			cleanSites = append(cleanSites, s)
		}
	}
	if len(cleanSites) == 0 {
		fe = append(fe, errs.F("sites", "error.case.sites_required", "name at least one site to visit"))
	}
	if len(validators) == 0 {
		fe = append(fe, errs.F("validators", "error.case.validators_required", "choose at least one validator"))
	}
	if len(fe) > 0 {
		return Validation{}, errs.Fields(fe...)
	}
	return Validation{OrgID: app.OrgID, ApplicationID: app.ID, State: ValScheduled, ScheduledFor: when, Sites: cleanSites,
		Validators: slices.Compact(slices.Sorted(slices.Values(validators))), Items: checklist, CreatedBy: by, CreatedAt: now,
		Sharing: Sharing{Mode: ModeOwn}}, nil
}

// Record sets one item's finding. Only the validation's validators record.
// Recording on a pre-filled item confirms it: the validator has looked at
// what the partner found and made the finding ours.
func (v Validation) Record(criterionID string, outcome Outcome, notes, by string) (Validation, error) {
	if v.State != ValScheduled {
		return v, ErrWrongState
	}
	if !slices.Contains(v.Validators, by) {
		return v, errs.E(errs.Forbidden, "error.case.not_validator", "only this validation's validators record findings")
	}
	switch outcome {
	case OutcomeMet, OutcomeNotMet, OutcomeNotApplicable, OutcomeRecommendation, OutcomeNone:
	default:
		return v, errs.Fields(errs.F("outcome", "error.choose_option", "choose a finding"))
	}
	if utf8.RuneCountInString(notes) > maxNarrative {
		return v, errs.Fields(errs.F("notes", "error.too_long", "the notes are too long"))
	}
	i := slices.IndexFunc(v.Items, func(it CheckItem) bool { return it.CriterionID == criterionID })
	if i < 0 {
		return v, errs.Fields(errs.F("criterion", "error.case.not_on_checklist", "that criterion is not on the checklist"))
	}
	items := slices.Clone(v.Items)
	items[i].Outcome, items[i].Notes, items[i].RecordedBy = outcome, strings.TrimSpace(notes), by
	if p := items[i].Prefill; p != nil {
		confirmed := *p
		confirmed.ConfirmedBy = by
		items[i].Prefill = &confirmed
	}
	v.Items = items
	return v, nil
}

// Complete closes the validation with its result. Every item needs a
// finding, and the result must follow from them: a must-criterion not met
// cannot be satisfactory. Every pre-filled item must have been confirmed.
func (v Validation) Complete(result ValidationResult, summary, by string, now time.Time) (Validation, error) {
	if v.State != ValScheduled {
		return v, ErrWrongState
	}
	if !slices.Contains(v.Validators, by) {
		return v, errs.E(errs.Forbidden, "error.case.not_validator", "only this validation's validators complete it")
	}
	if len(v.Unconfirmed()) > 0 {
		return v, errs.E(errs.Conflict, "error.crosswalk.prefill_unconfirmed", "confirm every item pre-filled from the partner's validation first")
	}
	mustNotMet := false
	for _, it := range v.Items {
		if it.Outcome == OutcomeNone {
			return v, errs.E(errs.Conflict, "error.case.checklist_incomplete", "record a finding for every item first")
		}
		if it.Outcome == OutcomeNotMet && it.Level == "must" {
			mustNotMet = true
		}
	}
	switch result {
	case ResultSatisfactory:
		if mustNotMet {
			return v, errs.Fields(errs.F("result", "error.case.result_contradicts", "a requirement is not met: choose action plan or unsatisfactory"))
		}
	case ResultActionPlan, ResultUnsatisfactory:
	default:
		return v, errs.Fields(errs.F("result", "error.choose_option", "choose a result"))
	}
	v.State, v.Result, v.Summary, v.CompletedBy, v.CompletedAt = ValCompleted, result, strings.TrimSpace(summary), by, now
	return v, nil
}

// Cancel calls off a scheduled validation.
func (v Validation) Cancel() (Validation, error) {
	if v.State != ValScheduled {
		return v, ErrWrongState
	}
	v.State = ValCancelled
	return v, nil
}

// NotMet lists the items not met, the basis of an action plan.
func (v Validation) NotMet() []CheckItem {
	var out []CheckItem
	for _, it := range v.Items {
		if it.Outcome == OutcomeNotMet {
			out = append(out, it)
		}
	}
	return out
}
