package auth

import "time"

// Actor is whoever makes a request: a signed-in person, or a system holding
// an API token on behalf of the person who created it. The office decides
// every request from the Actor alone, so the portal and the API agree.
type Actor struct {
	UserID string
	Email  string
	Name   string
	// Staff is the staff role, empty for company users.
	Staff Role
	// Scopes restricts a token; nil means a browser session with the full
	// authority of the user's roles.
	Scopes []Scope
	// TokenID names the API token used, for the audit trail;
	// TokenExpires is when that token stops working.
	TokenID      string
	TokenExpires time.Time
	// OrgID binds a company token to its one organization; every other
	// organization is invisible to it.
	OrgID string
	// Partner binds a status-exchange token to one partner program: the
	// actor sees only members who consented to share with that program.
	Partner string
	// MFA is true when the person proved a second factor in this session.
	// Staff actions require it; tokens are exempt (they are issued by
	// staff who did).
	MFA bool
	// Lang is the actor's language ("en" or "fr") for messages.
	Lang string
}

// System is the actor for work the program does by itself (deadlines,
// seeding), recorded in the audit trail as such.
var System = Actor{UserID: "system", Name: "trustlane"}

// IsStaff reports whether the actor is program staff.
func (a Actor) IsStaff() bool { return a.Staff.IsStaff() }

// HasScope reports whether the actor's token (if any) grants s.
func (a Actor) HasScope(s Scope) bool {
	if a.Scopes == nil {
		return true
	}
	for _, x := range a.Scopes {
		if x == s {
			return true
		}
	}
	return false
}

// Allows reports whether the actor, holding role for the matter at hand
// (its company role, or its staff role), may take action: the role must allow
// it and a token must carry its scope.
func (a Actor) Allows(role Role, action Action) bool {
	return Can(role, action) && a.HasScope(ScopeOf(action))
}

// Label is how the actor appears in the audit trail.
func (a Actor) Label() string {
	if a.TokenID != "" {
		return a.Email + " (token " + a.TokenID + ")"
	}
	if a.Email != "" {
		return a.Email
	}
	return a.Name
}
