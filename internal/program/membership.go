package program

import (
	"slices"
	"time"

	"trustlane/internal/errs"
)

// MemberState is where a membership stands.
type MemberState string

// The membership states. Cancelled and withdrawn are final.
const (
	MemberPendingMOU MemberState = "pending_mou" // approved; the MOU is not signed yet
	MemberActive     MemberState = "active"
	MemberSuspended  MemberState = "suspended"
	MemberCancelled  MemberState = "cancelled"
	MemberWithdrawn  MemberState = "withdrawn"
)

// MemberStates lists every state.
func MemberStates() []MemberState {
	return []MemberState{MemberPendingMOU, MemberActive, MemberSuspended, MemberCancelled, MemberWithdrawn}
}

// GoodStanding reports whether the member gets the program's benefits.
func (s MemberState) GoodStanding() bool { return s == MemberActive }

// Membership is a company's membership in one sector, born of an approved
// application.
type Membership struct {
	ID            string
	OrgID         string
	Sector        Sector
	Number        string
	ApplicationID string
	State         MemberState
	ApprovedAt    time.Time
	MOUDueAt      time.Time
	ActivatedAt   time.Time
	MOU           MOUSignature
	// AnnualDueAt is when the company must next confirm its information;
	// RevalidationDueAt when its four-year revalidation falls due.
	AnnualDueAt       time.Time
	RevalidationDueAt time.Time
	// RemedyDueAt is when what caused a suspension must be corrected.
	RemedyDueAt time.Time
	EndedAt     time.Time
	UpdatedAt   time.Time
}

// MOUSignature records the signature of the program's memorandum of
// understanding: who, as what, when, the exact text (by its hash) and
// that the signer proved a second factor at that moment.
type MOUSignature struct {
	Version    string    `json:"version"`
	Lang       string    `json:"lang"`
	TextSHA256 string    `json:"text_sha256"`
	SignerID   string    `json:"signer_id"`
	SignerName string    `json:"signer_name"`
	Title      string    `json:"title"`
	SignedAt   time.Time `json:"signed_at"`
}

// MemberCommand is something done to a membership.
type MemberCommand string

// The membership commands.
const (
	CmdSignMOU         MemberCommand = "sign_mou"
	CmdSuspend         MemberCommand = "suspend"
	CmdReinstate       MemberCommand = "reinstate"
	CmdCancel          MemberCommand = "cancel"
	CmdWithdrawMember  MemberCommand = "withdraw"
	CmdConfirmAnnual   MemberCommand = "confirm_annual"
	CmdRevalidated     MemberCommand = "revalidated"
	CmdAppealOverturns MemberCommand = "appeal_overturns" // a successful appeal restores the membership
)

// MemberCommands lists every command.
func MemberCommands() []MemberCommand {
	return []MemberCommand{CmdSignMOU, CmdSuspend, CmdReinstate, CmdCancel, CmdWithdrawMember, CmdConfirmAnnual, CmdRevalidated, CmdAppealOverturns}
}

var memberFlow = map[MemberCommand]struct {
	from []MemberState
	to   MemberState // "" keeps the state
}{
	CmdSignMOU:         {[]MemberState{MemberPendingMOU}, MemberActive},
	CmdSuspend:         {[]MemberState{MemberActive}, MemberSuspended},
	CmdReinstate:       {[]MemberState{MemberSuspended}, MemberActive},
	CmdCancel:          {[]MemberState{MemberActive, MemberSuspended}, MemberCancelled},
	CmdWithdrawMember:  {[]MemberState{MemberPendingMOU, MemberActive, MemberSuspended}, MemberWithdrawn},
	CmdConfirmAnnual:   {[]MemberState{MemberActive, MemberSuspended}, ""},
	CmdRevalidated:     {[]MemberState{MemberActive}, ""},
	CmdAppealOverturns: {[]MemberState{MemberSuspended, MemberCancelled}, MemberActive},
}

// Allowed reports whether cmd may start from state, by the state machine
// alone.
func (c MemberCommand) Allowed(from MemberState) bool {
	return slices.Contains(memberFlow[c].from, from)
}

// MemberInput carries what a command needs besides the membership.
type MemberInput struct {
	Now    time.Time
	Policy Policy
	Actor  string
	MOU    MOUSignature // signing
	// SuspendedBy is who imposed the suspension (reinstatement's rule).
	SuspendedBy string
	// RemedyDue overrides the policy's time to correct a suspension.
	RemedyDue time.Time
}

// Apply runs cmd on the membership.
func (m Membership) Apply(cmd MemberCommand, in MemberInput) (Membership, error) {
	step, ok := memberFlow[cmd]
	if !ok || !slices.Contains(step.from, m.State) {
		return m, ErrWrongState
	}
	next := m
	w := in.Policy.Windows
	switch cmd {
	case CmdSignMOU:
		if in.MOU.TextSHA256 == "" || in.MOU.SignerID == "" || in.MOU.Version != in.Policy.MOUVersion {
			return m, errs.E(errs.Invalid, "error.case.mou_invalid", "sign the current version of the memorandum")
		}
		next.MOU = in.MOU
		next.ActivatedAt = in.Now
		next.AnnualDueAt = in.Now.Add(w.AnnualConfirmation.Duration())
		next.RevalidationDueAt = in.Now.Add(w.Revalidation.Duration())
	case CmdSuspend:
		next.RemedyDueAt = in.RemedyDue
		if next.RemedyDueAt.IsZero() {
			next.RemedyDueAt = in.Now.Add(w.SuspensionRemedy.Duration())
		}
	case CmdReinstate:
		if in.Policy.Duties.ReinstateByAnother && in.Actor == in.SuspendedBy {
			return m, ErrSamePerson
		}
		next.RemedyDueAt = time.Time{}
	case CmdCancel, CmdWithdrawMember:
		next.EndedAt = in.Now
	case CmdConfirmAnnual:
		next.AnnualDueAt = in.Now.Add(w.AnnualConfirmation.Duration())
	case CmdRevalidated:
		next.RevalidationDueAt = in.Now.Add(w.Revalidation.Duration())
	case CmdAppealOverturns:
		next.EndedAt, next.RemedyDueAt = time.Time{}, time.Time{}
	}
	if step.to != "" {
		next.State = step.to
	}
	next.UpdatedAt = in.Now
	return next, nil
}

// NewMembership is born of an approved application, awaiting the MOU.
func NewMembership(app Application, number string, p Policy, now time.Time) Membership {
	return Membership{OrgID: app.OrgID, Sector: app.Sector, Number: number, ApplicationID: app.ID, State: MemberPendingMOU,
		ApprovedAt: now, MOUDueAt: now.Add(p.Windows.MOUSignature.Duration()), UpdatedAt: now}
}
