package program

import (
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
)

// Invitation asks a person, by e-mail, to join an organization with a role.
// The link sent to them carries a secret; only its hash is kept.
type Invitation struct {
	ID         string
	OrgID      string
	Email      string
	Role       auth.Role
	InvitedBy  string
	CreatedAt  time.Time
	ExpiresAt  time.Time
	AcceptedAt time.Time
	AcceptedBy string
	RevokedAt  time.Time
}

// InvitationState is where an invitation stands.
type InvitationState string

// The invitation states.
const (
	InvitationPending  InvitationState = "pending"
	InvitationAccepted InvitationState = "accepted"
	InvitationRevoked  InvitationState = "revoked"
	InvitationExpired  InvitationState = "expired"
)

// State reports where the invitation stands at now.
func (i Invitation) State(now time.Time) InvitationState {
	switch {
	case !i.AcceptedAt.IsZero():
		return InvitationAccepted
	case !i.RevokedAt.IsZero():
		return InvitationRevoked
	case !now.Before(i.ExpiresAt):
		return InvitationExpired
	}
	return InvitationPending
}

// CheckAccept decides whether the person signed in as email may accept the
// invitation at now. The e-mail must match: the link proves access to that
// mailbox, and the account it joins must be that person's.
func (i Invitation) CheckAccept(email string, now time.Time) error {
	switch i.State(now) {
	case InvitationAccepted:
		return errs.E(errs.Conflict, "error.invitation_used", "this invitation has already been accepted")
	case InvitationRevoked:
		return errs.E(errs.Conflict, "error.invitation_revoked", "this invitation was withdrawn; ask for a new one")
	case InvitationExpired:
		return errs.E(errs.Conflict, "error.invitation_expired", "this invitation has expired; ask for a new one")
	}
	if email != i.Email {
		return errs.E(errs.Forbidden, "error.invitation_other_email", "this invitation was sent to another e-mail address; sign in with that address")
	}
	return nil
}
