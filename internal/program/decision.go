package program

import (
	"strings"
	"time"
	"unicode/utf8"

	"trustlane/internal/errs"
)

// DecisionKind is what a decision does.
type DecisionKind string

// The decisions of the program. A denial is announced first (DenialNotice)
// and takes effect later (Denial) unless the informal review changes it.
const (
	Approval         DecisionKind = "approval"
	DenialNotice     DecisionKind = "denial_notice"
	Denial           DecisionKind = "denial"
	Suspension       DecisionKind = "suspension"
	Reinstatement    DecisionKind = "reinstatement"
	Cancellation     DecisionKind = "cancellation"
	AppealUpheld     DecisionKind = "appeal_upheld"
	AppealOverturned DecisionKind = "appeal_overturned"
)

// DecisionKinds lists every kind.
func DecisionKinds() []DecisionKind {
	return []DecisionKind{Approval, DenialNotice, Denial, Suspension, Reinstatement, Cancellation, AppealUpheld, AppealOverturned}
}

// Decision is a decision of the program office about an application or a
// membership. It is never changed: a correction is a new decision.
type Decision struct {
	ID          string
	OrgID       string
	SubjectType string // "application" or "membership"
	SubjectID   string
	Kind        DecisionKind
	Reasons     []string
	Narrative   string
	DecidedBy   string
	DecidedAt   time.Time
	EffectiveAt time.Time
	// AppealDeadline is the last moment to appeal (or, for a denial
	// notice, to ask for the informal review); zero when none applies.
	AppealDeadline time.Time
	LetterID       string
}

// Appealable reports whether the decision can be appealed at now.
func (d Decision) Appealable(now time.Time) bool {
	return !d.AppealDeadline.IsZero() && now.Before(d.AppealDeadline)
}

// maxNarrative bounds a decision's narrative.
const maxNarrative = 8000

// NewDecision checks a decision's reasons against the policy and fills its
// dates: effective at once unless effective is later, with the appeal
// window the policy gives that kind.
func NewDecision(p Policy, kind DecisionKind, reasons []string, narrative, by string, now, effective time.Time) (Decision, error) {
	d := Decision{Kind: kind, Narrative: strings.TrimSpace(narrative), DecidedBy: by, DecidedAt: now, EffectiveAt: effective}
	if d.EffectiveAt.IsZero() {
		d.EffectiveAt = now
	}
	var fe []errs.FieldError
	needReason := len(p.Reasons[kind]) > 0
	if needReason && len(reasons) == 0 {
		fe = append(fe, errs.F("reasons", "error.case.reason_required", "choose at least one reason"))
	}
	for _, r := range reasons {
		if _, ok := p.Reason(kind, r); !ok {
			fe = append(fe, errs.F("reasons", "error.case.reason_unknown", "choose reasons from the list"))
			break
		}
		d.Reasons = append(d.Reasons, r)
	}
	switch n := utf8.RuneCountInString(d.Narrative); {
	case n < 10 && kind != Approval && kind != Denial:
		fe = append(fe, errs.F("narrative", "error.case.narrative_required", "explain the decision in a few sentences"))
	case n > maxNarrative:
		fe = append(fe, errs.F("narrative", "error.too_long", "the explanation is too long"))
	}
	if len(fe) > 0 {
		return d, errs.Fields(fe...)
	}
	switch kind {
	case DenialNotice:
		d.AppealDeadline = d.EffectiveAt // the informal review must be asked before it takes effect
	case Suspension:
		d.AppealDeadline = now.Add(p.Windows.SuspensionAppeal.Duration())
	case Cancellation:
		d.AppealDeadline = now.Add(p.Windows.CancellationAppeal.Duration())
	}
	return d, nil
}

// Errors every case transition may return; the edge shows them in the
// reader's language.
var (
	ErrWrongState   = errs.E(errs.Conflict, "error.case.wrong_state", "the case is not at a stage where this can be done")
	ErrWindowClosed = errs.E(errs.Conflict, "error.case.window_closed", "the time allowed for this has passed")
	ErrSamePerson   = errs.E(errs.Forbidden, "error.case.same_person", "someone who did not take the decision must do this")
	ErrNotReady     = errs.E(errs.Conflict, "error.case.profile_not_ready", "the Security Profile has unmet requirements or unanswered questions")
)
