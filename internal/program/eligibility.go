package program

import (
	"slices"
	"time"

	"trustlane/internal/errs"
)

// EligibilityItem is one requirement every applicant declares it meets.
type EligibilityItem string

// The eligibility requirements of the program.
const (
	EligFacilities     EligibilityItem = "facilities"      // facilities in Canada or the US moving goods across the border
	EligTradeHistory   EligibilityItem = "trade_history"   // 12 months of cross-border trade
	EligRecentMovement EligibilityItem = "recent_movement" // a movement in the last 90 days
	EligSolvent        EligibilityItem = "solvent"         // no debts to the Crown, no undischarged bankruptcy
	EligNoConvictions  EligibilityItem = "no_convictions"  // none without a record suspension
	EligCustomsAccount EligibilityItem = "customs_account" // registered with customs (CARM Client Portal)
)

// EligibilityItems lists them in display order.
func EligibilityItems() []EligibilityItem {
	return []EligibilityItem{EligFacilities, EligTradeHistory, EligRecentMovement, EligSolvent, EligNoConvictions, EligCustomsAccount}
}

// Eligibility is what the company declared and what the officer verified.
type Eligibility struct {
	Declared   []EligibilityItem `json:"declared"`
	DeclaredBy string            `json:"declared_by,omitempty"`
	DeclaredAt time.Time         `json:"declared_at,omitzero"`
	// LastMovement is the date of the latest cross-border movement, which
	// must be within 90 days of submission.
	LastMovement time.Time `json:"last_movement,omitzero"`
	// Checks are the officer's findings per item: true verified, false not.
	Checks     map[EligibilityItem]bool `json:"checks,omitempty"`
	CheckNotes string                   `json:"check_notes,omitempty"`
	CheckedBy  string                   `json:"checked_by,omitempty"`
}

// Complete returns an Invalid error naming every requirement not declared.
func (e Eligibility) Complete() error {
	var fe []errs.FieldError
	for _, it := range EligibilityItems() {
		if !slices.Contains(e.Declared, it) {
			fe = append(fe, errs.F("eligibility."+string(it), "error.case.eligibility_missing", "confirm this requirement"))
		}
	}
	if e.LastMovement.IsZero() {
		fe = append(fe, errs.F("last_movement", "error.case.last_movement", "give the date of your latest cross-border movement"))
	}
	if len(fe) > 0 {
		return errs.Fields(fe...)
	}
	return nil
}

// Declare records a company's declaration at now, checking that the latest
// movement is real and recent.
func (e Eligibility) Declare(items []EligibilityItem, lastMovement time.Time, by string, now time.Time) (Eligibility, error) {
	e.Declared, e.DeclaredBy, e.DeclaredAt, e.LastMovement = nil, by, now, lastMovement
	for _, it := range items {
		if slices.Contains(EligibilityItems(), it) && !slices.Contains(e.Declared, it) {
			e.Declared = append(e.Declared, it)
		}
	}
	if err := e.Complete(); err != nil {
		return e, err
	}
	age := now.Sub(lastMovement)
	if age < -24*time.Hour || age > 90*24*time.Hour {
		return e, errs.Fields(errs.F("last_movement", "error.case.movement_old", "the program needs a movement within the last 90 days"))
	}
	return e, nil
}

// Verified reports whether the officer verified every requirement.
func (e Eligibility) Verified() bool {
	for _, it := range EligibilityItems() {
		if !e.Checks[it] {
			return false
		}
	}
	return true
}
