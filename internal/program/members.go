package program

import (
	"net/mail"
	"strings"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
)

// Member is a person's place in one organization.
type Member struct {
	OrgID     string
	UserID    string
	Email     string
	Name      string
	Role      auth.Role
	CreatedAt time.Time
	// LastSignInAt and Disabled tell whether the person still uses the
	// account; a proxy may take over ownership from an owner who does not.
	LastSignInAt time.Time
	Disabled     bool
}

// InvitationTTL is how long an invitation link stays valid.
const InvitationTTL = 14 * 24 * time.Hour

// NormalizeEmail trims and lower-cases an address after checking its form;
// accounts are keyed by it.
func NormalizeEmail(s string) (string, error) {
	s = strings.TrimSpace(s)
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || !strings.Contains(s[strings.LastIndexByte(s, '@')+1:], ".") || len(s) > 254 {
		return "", errs.Fields(errs.F("email", "error.email", "enter an e-mail address such as name@example.com"))
	}
	return strings.ToLower(s), nil
}

// CheckInvite decides whether a member holding by may invite someone with
// role. Only a transfer makes an account owner.
func CheckInvite(by, role auth.Role) error {
	if !role.IsCompany() {
		return errs.Fields(errs.F("role", "error.choose_option", "choose a role from the list"))
	}
	if role == auth.AccountOwner {
		return errs.Fields(errs.F("role", "error.owner_by_transfer", "the account owner is changed by a transfer of ownership, not an invitation"))
	}
	if !auth.Assignable(by, role) {
		return errs.E(errs.Forbidden, "error.role_not_assignable", "your role cannot give that role")
	}
	return nil
}

// CheckSetRole decides whether by may change target's role to role.
func CheckSetRole(by auth.Role, byUserID string, target Member, role auth.Role) error {
	if target.Role == auth.AccountOwner {
		return errs.E(errs.Conflict, "error.owner_role_fixed", "the account owner's role changes only by a transfer of ownership")
	}
	if target.UserID == byUserID {
		return errs.E(errs.Conflict, "error.own_role", "you cannot change your own role")
	}
	if by != auth.AccountOwner && by != auth.ProxyOwner {
		return errs.E(errs.Forbidden, "error.forbidden", "your role does not allow this")
	}
	// A proxy cannot demote another proxy: that would open the way to
	// removing them, which only the account owner may do.
	if by == auth.ProxyOwner && target.Role == auth.ProxyOwner {
		return errs.E(errs.Forbidden, "error.proxy_removes_proxy", "only the account owner can change a proxy owner's role")
	}
	return CheckInvite(by, role)
}

// CheckRemove decides whether by may remove target. The owner is never
// removed, only replaced, so the company always has one.
func CheckRemove(by auth.Role, byUserID string, target Member) error {
	if target.Role == auth.AccountOwner {
		return errs.E(errs.Conflict, "error.owner_not_removable", "transfer ownership before removing the account owner")
	}
	if target.UserID == byUserID {
		return nil // anyone but the owner may leave
	}
	if by != auth.AccountOwner && by != auth.ProxyOwner {
		return errs.E(errs.Forbidden, "error.forbidden", "your role does not allow this")
	}
	if by == auth.ProxyOwner && target.Role == auth.ProxyOwner {
		return errs.E(errs.Forbidden, "error.proxy_removes_proxy", "only the account owner can remove a proxy owner")
	}
	return nil
}

// Transfer is the outcome of a transfer of ownership: two role changes.
type Transfer struct {
	From, To        string    // user IDs
	FormerOwnerRole auth.Role // what the former owner keeps
}

// PlanTransfer decides a transfer of ownership within members. The owner may
// hand over to anyone; a proxy owner may too, which is what keeps a company
// from being locked out when its owner leaves. The former owner keeps the
// role asked for (full access by default) and can be removed afterwards.
func PlanTransfer(members []Member, by auth.Role, toUserID string, formerRole auth.Role) (Transfer, error) {
	if by != auth.AccountOwner && by != auth.ProxyOwner {
		return Transfer{}, errs.E(errs.Forbidden, "error.forbidden", "your role does not allow this")
	}
	if formerRole == "" {
		formerRole = auth.FullAccess
	}
	if !formerRole.IsCompany() || formerRole == auth.AccountOwner {
		return Transfer{}, errs.Fields(errs.F("former_owner_role", "error.choose_option", "choose a role from the list"))
	}
	var t Transfer
	t.FormerOwnerRole = formerRole
	for _, m := range members {
		switch {
		case m.Role == auth.AccountOwner:
			t.From = m.UserID
		case m.UserID == toUserID:
			if m.Disabled {
				return Transfer{}, errs.E(errs.Conflict, "error.transfer_disabled", "that account is disabled")
			}
			t.To = m.UserID
		}
	}
	if t.To == "" {
		if t.From == toUserID && t.From != "" {
			return Transfer{}, errs.E(errs.Conflict, "error.already_owner", "that person is already the account owner")
		}
		return Transfer{}, errs.Fields(errs.F("user_id", "error.transfer_target", "choose a member of the company"))
	}
	return t, nil
}
