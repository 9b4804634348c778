package office

import (
	"context"
	"strings"
	"unicode/utf8"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/program"
	"trustlane/internal/store"
)

// Read models of the program office's pages. Each loads what one staff page
// shows in one transaction, so a page calls one method and sees one
// consistent moment of the record.

// StaffInvitation is an invitation with where it stands now.
type StaffInvitation struct {
	program.Invitation
	State program.InvitationState
}

// StaffOrgView is one organization as program staff see it: its details,
// its people, its invitations and a page of its audit trail.
type StaffOrgView struct {
	Org         program.Organization
	Members     []program.Member
	Invitations []StaffInvitation
	// Events are newest first; MoreEvents tells whether older ones exist
	// before the last of them.
	Events     []store.AuditEvent
	MoreEvents bool
	// CanReassign tells whether the actor may name a new account owner,
	// so the page offers only what the office would allow.
	CanReassign bool
}

// StaffOrg loads an organization for staff, with at most limit audit events
// older than the event ID before (0 for the newest). Company users are
// refused even for their own organization: the office pages are for staff.
func (o *Office) StaffOrg(ctx context.Context, a auth.Actor, orgID string, before int64, limit int) (StaffOrgView, error) {
	var v StaffOrgView
	if !a.IsStaff() {
		return v, errForbidden
	}
	limit = min(max(limit, 1), 200)
	err := o.view(ctx, func(tx *store.Tx) error {
		if _, err := authorizeOrg(tx, a, orgID, auth.OrgView); err != nil {
			return err
		}
		var err error
		if v.Org, err = tx.Org(orgID); err != nil {
			return err
		}
		if v.Members, err = tx.Members(orgID); err != nil {
			return err
		}
		invs, err := tx.Invitations(orgID)
		if err != nil {
			return err
		}
		for _, inv := range invs {
			v.Invitations = append(v.Invitations, StaffInvitation{inv, inv.State(tx.Now())})
		}
		if v.Events, err = tx.OrgEvents(orgID, before, limit+1); err != nil {
			return err
		}
		if len(v.Events) > limit {
			v.Events, v.MoreEvents = v.Events[:limit], true
		}
		return nil
	})
	v.CanReassign = err == nil && a.Allows(a.Staff, auth.OwnershipReassign)
	return v, err
}

// Reassignment is a proposed change of account owner by program staff: the
// organization, its people, and (once planned) who gives way to whom.
type Reassignment struct {
	Org     program.Organization
	Members []program.Member
	// Owner is the current account owner; To the member chosen to replace
	// them. Both are zero until known.
	Owner, To  program.Member
	FormerRole auth.Role
	Reason     string
}

// Candidates are the members who could become account owner.
func (r Reassignment) Candidates() []program.Member {
	var out []program.Member
	for _, m := range r.Members {
		if m.Role != auth.AccountOwner && !m.Disabled {
			out = append(out, m)
		}
	}
	return out
}

// maxReasonLen bounds the reason kept in the audit trail.
const maxReasonLen = 2000

// checkReason is the rule for the reason a staff decision records: it says
// what was asked and how it was verified, in at least 10 characters.
func checkReason(reason string) error {
	switch n := utf8.RuneCountInString(strings.TrimSpace(reason)); {
	case n < 10:
		return errs.Fields(errs.F("reason", "error.reason_required", "explain the request and how it was verified"))
	case n > maxReasonLen:
		return errs.Fields(errs.F("reason", "error.too_long", "the reason is too long"))
	}
	return nil
}

// ReassignmentCase loads what the reassignment form needs, for staff who may
// reassign ownership.
func (o *Office) ReassignmentCase(ctx context.Context, a auth.Actor, orgID string) (Reassignment, error) {
	var r Reassignment
	if err := authorizeStaff(a, auth.OwnershipReassign); err != nil {
		return r, err
	}
	err := o.view(ctx, func(tx *store.Tx) error { return loadReassignment(tx, orgID, &r) })
	return r, err
}

// PlanReassignment checks a proposed reassignment without making it, for
// the check-your-answers step: the same rules as ReassignOwnership, every
// field error at once. The case is returned even when the answers need
// correcting, so the form can be shown again.
func (o *Office) PlanReassignment(ctx context.Context, a auth.Actor, orgID, toUserID string, formerRole auth.Role, reason string) (Reassignment, error) {
	r := Reassignment{FormerRole: formerRole, Reason: strings.TrimSpace(reason)}
	if err := authorizeStaff(a, auth.OwnershipReassign); err != nil {
		return r, err
	}
	err := o.view(ctx, func(tx *store.Tx) error { return loadReassignment(tx, orgID, &r) })
	if err != nil {
		return r, err
	}
	reasonErr := checkReason(r.Reason)
	t, planErr := program.PlanTransfer(r.Members, auth.AccountOwner, toUserID, formerRole)
	if err := joinFieldErrors(planErr, reasonErr); err != nil {
		return r, err
	}
	r.FormerRole = t.FormerOwnerRole
	for _, m := range r.Members {
		if m.UserID == t.To {
			r.To = m
		}
	}
	return r, nil
}

func loadReassignment(tx *store.Tx, orgID string, r *Reassignment) error {
	var err error
	if r.Org, err = tx.Org(orgID); err != nil {
		return err
	}
	if r.Members, err = tx.Members(orgID); err != nil {
		return err
	}
	for _, m := range r.Members {
		if m.Role == auth.AccountOwner {
			r.Owner = m
		}
	}
	return nil
}

// StaffAccounts lists the staff accounts for the administrators who manage
// them: unlike StaffUsers (a directory every staff member may read), the
// page shows who has set up two-step verification and when each last signed
// in.
func (o *Office) StaffAccounts(ctx context.Context, a auth.Actor) ([]auth.User, error) {
	return o.staffList(ctx, a, auth.StaffManage)
}
