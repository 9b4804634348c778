package fast

import (
	"time"

	"trustlane/internal/errs"
)

// Direction is a direction of travel across the Canada–US border. Each
// country approves carriers and importers separately (facts §5).
type Direction string

// The directions: IntoCA is granted by this program to its members;
// IntoUS is CBP's, and arrives with partner data.
const (
	IntoCA Direction = "into_ca"
	IntoUS Direction = "into_us"
)

// Directions lists the directions in display order.
func Directions() []Direction { return []Direction{IntoCA, IntoUS} }

// Valid reports whether d is a known direction.
func (d Direction) Valid() bool { return d == IntoCA || d == IntoUS }

// Approval is a company's FAST approval for one direction. Revoking keeps
// the row, with its dates; a new grant replaces it.
type Approval struct {
	OrgID     string
	Direction Direction
	GrantedAt time.Time
	GrantedBy string
	RevokedAt time.Time // zero while in force
}

// Active reports whether the approval is in force.
func (a Approval) Active() bool { return !a.GrantedAt.IsZero() && a.RevokedAt.IsZero() }

// Grant approves orgID into Canada at now. eligible says whether the
// company holds an active membership in a sector FAST serves (importer or
// highway carrier); prev is the current approval, zero if none. Only the
// into-Canada approval is ours to grant.
func Grant(orgID string, d Direction, eligible bool, prev Approval, by string, now time.Time) (Approval, error) {
	switch {
	case d != IntoCA:
		return prev, errs.E(errs.Invalid, "error.fast.direction_not_ours", "only FAST approval into Canada is granted by this program")
	case !eligible:
		return prev, errs.E(errs.Conflict, "error.fast.not_eligible",
			"FAST approval needs an active membership as an importer or a highway carrier")
	case prev.Active():
		return prev, errs.E(errs.Conflict, "error.fast.already_granted", "this company already holds FAST approval into Canada")
	}
	return Approval{OrgID: orgID, Direction: d, GrantedAt: now.UTC(), GrantedBy: by}, nil
}

// Revoke ends an approval in force at now.
func (a Approval) Revoke(now time.Time) (Approval, error) {
	if a.Direction != IntoCA {
		return a, errs.E(errs.Invalid, "error.fast.direction_not_ours", "only FAST approval into Canada is granted by this program")
	}
	if !a.Active() {
		return a, errs.E(errs.Conflict, "error.fast.not_granted", "this company holds no FAST approval into Canada")
	}
	a.RevokedAt = now.UTC()
	return a, nil
}

// EligibleSectors are the sectors whose active membership makes a company
// eligible for FAST approval into Canada.
func EligibleSectors() []string { return []string{"importer", "highway_carrier"} }
