// Package auth is the identity domain: who an actor is, which roles exist,
// which role may take which action, and the primitives that prove identity
// (password hashes, TOTP codes, opaque tokens). It does no I/O; the store
// keeps what it produces and the office enforces what it decides.
package auth

import "fmt"

// Role is a company role (held per organization) or a staff role (held by a
// program employee). The two sets never overlap.
type Role string

// Company roles, from most to least powerful. Every organization has exactly
// one account owner; proxies exist so the company is never locked out when
// the owner is away or leaves.
const (
	AccountOwner Role = "account_owner"
	ProxyOwner   Role = "proxy_owner"
	FullAccess   Role = "full_access"
	ReadOnly     Role = "read_only"
)

// Staff roles of the program office.
const (
	Officer         Role = "officer"
	Validator       Role = "validator"
	Manager         Role = "manager"
	AppealsReviewer Role = "appeals_reviewer"
	Administrator   Role = "admin"
)

// CompanyRoles lists the company roles in order of authority.
func CompanyRoles() []Role { return []Role{AccountOwner, ProxyOwner, FullAccess, ReadOnly} }

// StaffRoles lists the staff roles.
func StaffRoles() []Role {
	return []Role{Officer, Validator, Manager, AppealsReviewer, Administrator}
}

// AllRoles lists every role, company first.
func AllRoles() []Role { return append(CompanyRoles(), StaffRoles()...) }

// IsStaff reports whether r is a staff role.
func (r Role) IsStaff() bool {
	switch r {
	case Officer, Validator, Manager, AppealsReviewer, Administrator:
		return true
	}
	return false
}

// IsCompany reports whether r is a company role.
func (r Role) IsCompany() bool {
	switch r {
	case AccountOwner, ProxyOwner, FullAccess, ReadOnly:
		return true
	}
	return false
}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return r.IsStaff() || r.IsCompany() }

// ParseRole accepts a role's machine name.
func ParseRole(s string) (Role, error) {
	r := Role(s)
	if !r.Valid() {
		return "", fmt.Errorf("unknown role %q", s)
	}
	return r, nil
}

// Assignable reports whether a member holding by may give role to someone
// else in the same company. Nobody hands out account ownership this way:
// that goes through a transfer, so there is always exactly one owner.
func Assignable(by, role Role) bool {
	switch by {
	case AccountOwner, ProxyOwner:
		return role == ProxyOwner || role == FullAccess || role == ReadOnly
	case FullAccess:
		return role == FullAccess || role == ReadOnly
	}
	return false
}
