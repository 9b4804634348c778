package program

import (
	"strings"
	"time"
	"unicode/utf8"

	"trustlane/internal/errs"
)

// AppealState is where an appeal stands.
type AppealState string

// The appeal states.
const (
	AppealFiled    AppealState = "filed"
	AppealStands   AppealState = "upheld"     // the decision stands
	AppealReverses AppealState = "overturned" // the decision is reversed
)

// Appeal asks a reviewer who did not take a decision to look at it again:
// the informal review of a denial, or the appeal of a suspension or a
// cancellation.
type Appeal struct {
	ID          string
	OrgID       string
	DecisionID  string
	Kind        DecisionKind // the decision appealed
	SubjectType string
	SubjectID   string
	State       AppealState
	Grounds     string
	FiledBy     string
	FiledAt     time.Time
	ReviewerID  string
	DecidedAt   time.Time
	Outcome     string
}

// appealable decisions and how the program names their appeal.
var appealable = map[DecisionKind]bool{DenialNotice: true, Suspension: true, Cancellation: true}

// FileAppeal checks that a decision can be appealed at now and returns the
// appeal.
func FileAppeal(d Decision, grounds, by string, now time.Time) (Appeal, error) {
	if !appealable[d.Kind] {
		return Appeal{}, errs.E(errs.Conflict, "error.case.not_appealable", "this decision cannot be appealed")
	}
	if !d.Appealable(now) {
		return Appeal{}, ErrWindowClosed
	}
	grounds = strings.TrimSpace(grounds)
	if n := utf8.RuneCountInString(grounds); n < 20 || n > maxNarrative {
		return Appeal{}, errs.Fields(errs.F("grounds", "error.case.grounds_required", "explain why the decision should change"))
	}
	return Appeal{OrgID: d.OrgID, DecisionID: d.ID, Kind: d.Kind, SubjectType: d.SubjectType, SubjectID: d.SubjectID,
		State: AppealFiled, Grounds: grounds, FiledBy: by, FiledAt: now}, nil
}

// Decide records the reviewer's outcome. The reviewer must not be who took
// the decision under appeal, when the policy says so.
func (a Appeal) Decide(d Decision, overturn bool, reviewer, outcome string, p Policy, now time.Time) (Appeal, error) {
	if a.State != AppealFiled {
		return a, ErrWrongState
	}
	if p.Duties.AppealByAnother && reviewer == d.DecidedBy {
		return a, ErrSamePerson
	}
	outcome = strings.TrimSpace(outcome)
	if n := utf8.RuneCountInString(outcome); n < 10 || n > maxNarrative {
		return a, errs.Fields(errs.F("narrative", "error.case.narrative_required", "explain the outcome"))
	}
	a.ReviewerID, a.DecidedAt, a.Outcome = reviewer, now, outcome
	a.State = AppealStands
	if overturn {
		a.State = AppealReverses
	}
	return a, nil
}
