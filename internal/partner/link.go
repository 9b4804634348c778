package partner

import (
	"strings"
	"time"
	"unicode/utf8"

	"trustlane/internal/errs"
)

// LinkState is where a company's declared membership of a partner program
// stands. Only an officer's confirmation makes it a link; matching never does.
type LinkState string

// The states: declared by the company and waiting for an officer; confirmed
// (tied to one partner member record); rejected by an officer; withdrawn by
// the company.
const (
	LinkDeclared  LinkState = "declared"
	LinkConfirmed LinkState = "confirmed"
	LinkRejected  LinkState = "rejected"
	LinkWithdrawn LinkState = "withdrawn"
)

// LinkStates lists the states in display order.
func LinkStates() []LinkState {
	return []LinkState{LinkDeclared, LinkConfirmed, LinkRejected, LinkWithdrawn}
}

// Live reports whether the link still counts: a company has at most one
// live link per partner program.
func (s LinkState) Live() bool { return s == LinkDeclared || s == LinkConfirmed }

// Link is a company's declared membership of a partner program: the member
// number it typed and, once an officer confirms it, the partner member
// record it is tied to.
type Link struct {
	ID          string
	OrgID       string
	PartnerCode string
	// DeclaredRef is the member number as the company typed it (trimmed).
	DeclaredRef string
	State       LinkState
	// MemberRef is the partner member record an officer confirmed.
	MemberRef  string
	DeclaredBy string
	DeclaredAt time.Time
	DecidedBy  string
	DecidedAt  time.Time
	// Note is the officer's reason for a rejection, or a remark.
	Note string
	// Candidates are the proposals for an officer, best first (loaded with
	// the link, never decided by it).
	Candidates []Candidate
}

// LinkCommand is what someone asks of a link.
type LinkCommand string

// The commands: an officer confirms or rejects; the company withdraws.
const (
	CmdConfirm  LinkCommand = "confirm"
	CmdReject   LinkCommand = "reject"
	CmdWithdraw LinkCommand = "withdraw"
)

// LinkInput carries a command with who gives it and when.
type LinkInput struct {
	Cmd LinkCommand
	By  string
	// MemberRef is the partner member record confirmed (confirm only).
	MemberRef string
	Note      string
	Now       time.Time
}

// maxRef and maxNote bound what people type.
const (
	maxRef  = 40
	maxNote = 1000
)

var errLinkState = errs.E(errs.Conflict, "error.partner_link.state", "the link is no longer in a state that allows this")

// DeclareLink validates a company's declaration and returns the new link,
// in state declared.
func DeclareLink(orgID, partnerCode, ref, by string, now time.Time) (Link, error) {
	ref = strings.Join(strings.Fields(ref), " ")
	if ref == "" || utf8.RuneCountInString(ref) > maxRef || NormalizeRef(ref) == "" {
		return Link{}, errs.Fields(errs.F("member_ref", "error.partner_link.ref", "give your member number in that program (up to 40 characters)"))
	}
	return Link{OrgID: orgID, PartnerCode: partnerCode, DeclaredRef: ref, State: LinkDeclared, DeclaredBy: by, DeclaredAt: now.UTC()}, nil
}

// Apply returns the link after in, or an error: Conflict when the state does
// not allow the command, Invalid when its input is missing.
func (l Link) Apply(in LinkInput) (Link, error) {
	note := strings.TrimSpace(in.Note)
	if utf8.RuneCountInString(note) > maxNote {
		return l, errs.Fields(errs.F("note", "error.partner_link.note_long", "keep the note under 1000 characters"))
	}
	switch in.Cmd {
	case CmdConfirm:
		if l.State != LinkDeclared {
			return l, errLinkState
		}
		ref := strings.ToUpper(strings.TrimSpace(in.MemberRef))
		if ref == "" {
			return l, errs.Fields(errs.F("member_ref", "error.partner_link.candidate", "choose the partner member record to link"))
		}
		l.State, l.MemberRef = LinkConfirmed, ref
	case CmdReject:
		if l.State != LinkDeclared {
			return l, errLinkState
		}
		if note == "" {
			return l, errs.Fields(errs.F("note", "error.partner_link.note", "say why the declaration is rejected"))
		}
		l.State = LinkRejected
	case CmdWithdraw:
		if !l.State.Live() {
			return l, errLinkState
		}
		l.State = LinkWithdrawn
	default:
		return l, errs.E(errs.Invalid, "error.partner_link.command", "unknown command")
	}
	l.DecidedBy, l.DecidedAt, l.Note = in.By, in.Now.UTC(), note
	return l, nil
}

// NormalizeRef is a member number reduced to what people mean by it: upper
// case, without spaces, hyphens, dots or slashes, so "ab-12 345" and
// "AB12345" are one number.
func NormalizeRef(s string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		switch {
		case r == ' ' || r == '-' || r == '.' || r == '/' || r == '_' || r == '\t':
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
