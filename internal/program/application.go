package program

import (
	"slices"
	"time"

	"trustlane/internal/errs"
)

// AppState is where an application stands.
type AppState string

// The application states. Approved, denied and withdrawn are final.
const (
	AppDraft               AppState = "draft"
	AppSubmitted           AppState = "submitted"
	AppInReview            AppState = "in_review"
	AppInfoRequested       AppState = "info_requested"
	AppValidationScheduled AppState = "validation_scheduled"
	AppValidated           AppState = "validated"
	AppDenialProposed      AppState = "denial_proposed"
	AppApproved            AppState = "approved"
	AppDenied              AppState = "denied"
	AppWithdrawn           AppState = "withdrawn"
)

// AppStates lists every state in the order a case moves through them.
func AppStates() []AppState {
	return []AppState{AppDraft, AppSubmitted, AppInReview, AppInfoRequested, AppValidationScheduled, AppValidated,
		AppDenialProposed, AppApproved, AppDenied, AppWithdrawn}
}

// Final reports whether nothing more can happen to the application.
func (s AppState) Final() bool { return s == AppApproved || s == AppDenied || s == AppWithdrawn }

// Open reports whether the program office is reviewing the application:
// the company may edit its profile's drafts but not submit changes.
func (s AppState) Open() bool { return !s.Final() && s != AppDraft }

// AppKind tells a first application from a revalidation of a membership.
type AppKind string

// The application kinds.
const (
	Initial      AppKind = "initial"
	Revalidation AppKind = "revalidation"
)

// Application is a company's application for membership in one sector.
type Application struct {
	ID           string
	OrgID        string
	Sector       Sector
	Kind         AppKind
	MembershipID string // for a revalidation
	State        AppState
	Eligibility  Eligibility
	SnapshotID   string
	OfficerID    string // the officer who took the case
	InfoDueAt    time.Time
	// DenialEffectiveAt is when a proposed denial takes effect unless an
	// informal review changes it; ReviewRequested stops it meanwhile.
	DenialEffectiveAt time.Time
	ReviewRequested   bool
	SubmittedAt       time.Time
	DecidedAt         time.Time
	CreatedAt         time.Time
	UpdatedAt         time.Time
}

// AppCommand is something done to an application.
type AppCommand string

// The application commands.
const (
	CmdSubmit             AppCommand = "submit"
	CmdStartReview        AppCommand = "start_review"
	CmdRequestInfo        AppCommand = "request_info"
	CmdAnswerInfo         AppCommand = "answer_info"
	CmdScheduleValidation AppCommand = "schedule_validation"
	CmdCancelValidation   AppCommand = "cancel_validation"
	CmdCompleteValidation AppCommand = "complete_validation"
	CmdApprove            AppCommand = "approve"
	CmdProposeDenial      AppCommand = "propose_denial"
	CmdRequestReview      AppCommand = "request_review"
	CmdReviewUpheld       AppCommand = "review_upheld"
	CmdReviewOverturned   AppCommand = "review_overturned"
	CmdDenialTakesEffect  AppCommand = "denial_takes_effect"
	CmdWithdraw           AppCommand = "withdraw"
)

// AppCommands lists every command.
func AppCommands() []AppCommand {
	return []AppCommand{CmdSubmit, CmdStartReview, CmdRequestInfo, CmdAnswerInfo, CmdScheduleValidation, CmdCancelValidation,
		CmdCompleteValidation, CmdApprove, CmdProposeDenial, CmdRequestReview, CmdReviewUpheld, CmdReviewOverturned,
		CmdDenialTakesEffect, CmdWithdraw}
}

// appFlow is the application's state machine: the states each command
// starts from and the state it leads to.
var appFlow = map[AppCommand]struct {
	from []AppState
	to   AppState
}{
	CmdSubmit:             {[]AppState{AppDraft}, AppSubmitted},
	CmdStartReview:        {[]AppState{AppSubmitted}, AppInReview},
	CmdRequestInfo:        {[]AppState{AppInReview, AppValidated}, AppInfoRequested},
	CmdAnswerInfo:         {[]AppState{AppInfoRequested}, AppInReview},
	CmdScheduleValidation: {[]AppState{AppInReview}, AppValidationScheduled},
	CmdCancelValidation:   {[]AppState{AppValidationScheduled}, AppInReview},
	CmdCompleteValidation: {[]AppState{AppValidationScheduled}, AppValidated},
	CmdApprove:            {[]AppState{AppValidated}, AppApproved},
	CmdProposeDenial:      {[]AppState{AppInReview, AppInfoRequested, AppValidationScheduled, AppValidated}, AppDenialProposed},
	CmdRequestReview:      {[]AppState{AppDenialProposed}, AppDenialProposed},
	CmdReviewUpheld:       {[]AppState{AppDenialProposed}, AppDenied},
	CmdReviewOverturned:   {[]AppState{AppDenialProposed}, AppInReview},
	CmdDenialTakesEffect:  {[]AppState{AppDenialProposed}, AppDenied},
	CmdWithdraw: {[]AppState{AppDraft, AppSubmitted, AppInReview, AppInfoRequested, AppValidationScheduled,
		AppValidated}, AppWithdrawn},
}

// Allowed reports whether cmd may start from state, by the state machine
// alone (guards aside).
func (c AppCommand) Allowed(from AppState) bool { return slices.Contains(appFlow[c].from, from) }

// AppInput carries what a command needs besides the application.
type AppInput struct {
	Now    time.Time
	Policy Policy
	Actor  string // user ID
	// ProfileReady: the Security Profile has every answer and no unmet
	// must-criterion (submission and answering with a new snapshot).
	ProfileReady bool
	// ValidationOK: the site validation is satisfactory, or its action
	// plan is verified complete (approval).
	ValidationOK bool
	// Validators of the case's validation (approval's segregation rule).
	Validators []string
	// DenialBy is who proposed the denial (the informal review's rule).
	DenialBy string
}

// Apply runs cmd on the application and returns the new application, or a
// typed error and the application unchanged.
func (a Application) Apply(cmd AppCommand, in AppInput) (Application, error) {
	step, ok := appFlow[cmd]
	if !ok || !slices.Contains(step.from, a.State) {
		return a, ErrWrongState
	}
	next := a
	switch cmd {
	case CmdSubmit:
		if err := a.Eligibility.Complete(); err != nil {
			return a, err
		}
		if in.Now.Sub(a.Eligibility.LastMovement) > 90*24*time.Hour {
			// Declared long ago: the movement must still be recent at submission.
			return a, errs.Fields(errs.F("last_movement", "error.case.movement_old", "the program needs a movement within the last 90 days"))
		}
		if !in.ProfileReady {
			return a, ErrNotReady
		}
		next.SubmittedAt = in.Now
	case CmdStartReview:
		next.OfficerID = in.Actor
	case CmdRequestInfo:
		next.InfoDueAt = in.Now.Add(in.Policy.Windows.InfoRequest.Duration())
	case CmdAnswerInfo:
		next.InfoDueAt = time.Time{}
	case CmdScheduleValidation:
		if !a.Eligibility.Verified() {
			return a, errs.E(errs.Conflict, "error.case.eligibility_unverified", "verify every eligibility requirement first")
		}
	case CmdApprove:
		if !in.ValidationOK {
			return a, errs.E(errs.Conflict, "error.case.validation_not_ok", "the site validation is not satisfactory, or its action plan is not complete")
		}
		if in.Policy.Duties.ValidatorNotApprover && slices.Contains(in.Validators, in.Actor) {
			return a, errs.E(errs.Forbidden, "error.case.validator_approves", "a validator of this case cannot approve it")
		}
		next.DecidedAt = in.Now
	case CmdProposeDenial:
		next.DenialEffectiveAt = in.Now.Add(in.Policy.Windows.InformalReview.Duration())
		next.ReviewRequested = false
	case CmdRequestReview:
		if !in.Now.Before(a.DenialEffectiveAt) {
			return a, ErrWindowClosed
		}
		if a.ReviewRequested {
			return a, errs.E(errs.Conflict, "error.case.review_already", "an informal review has already been asked for")
		}
		next.ReviewRequested = true
	case CmdReviewUpheld, CmdReviewOverturned:
		if !a.ReviewRequested {
			return a, errs.E(errs.Conflict, "error.case.no_review", "no informal review was asked for")
		}
		if in.Policy.Duties.AppealByAnother && in.Actor == in.DenialBy {
			return a, ErrSamePerson
		}
		next.ReviewRequested = false
		if cmd == CmdReviewUpheld {
			next.DecidedAt = in.Now
		} else {
			next.DenialEffectiveAt = time.Time{}
		}
	case CmdDenialTakesEffect:
		if a.ReviewRequested || in.Now.Before(a.DenialEffectiveAt) {
			return a, ErrWrongState
		}
		next.DecidedAt = in.Now
	case CmdWithdraw:
		next.DecidedAt = in.Now
	}
	next.State = step.to
	next.UpdatedAt = in.Now
	return next, nil
}
