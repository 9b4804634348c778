package program

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"trustlane/internal/errs"
)

// A site validation can be shared with a partner program under a mutual
// recognition arrangement: done jointly with the partner's validators, or
// resting on the partner's own recent validation of the same site. Either
// way the checklist items whose criterion a partner's result carries to are
// pre-filled as met, and a validator of ours confirms each one before the
// validation can be completed: the partner's finding informs ours, it never
// replaces it.

// ValidationMode says whose visit a validation is.
type ValidationMode string

// The modes.
const (
	ModeOwn    ValidationMode = "own"    // our validators alone
	ModeJoint  ValidationMode = "joint"  // with the partner program's validators
	ModeRelied ValidationMode = "relied" // on the partner's recent validation of the site
)

// ValidationModes lists the modes in display order.
func ValidationModes() []ValidationMode { return []ValidationMode{ModeOwn, ModeJoint, ModeRelied} }

// Shared reports whether the mode involves a partner program.
func (m ValidationMode) Shared() bool { return m == ModeJoint || m == ModeRelied }

// Sharing is what a shared validation records of the partner.
type Sharing struct {
	Mode ValidationMode
	// PartnerCode is the partner program's code (partner.Program.Code).
	PartnerCode string
	// PartnerRef is the partner's reference of its validation or of the
	// joint visit, so either administration can find the other's file.
	PartnerRef string
	// PartnerValidators are the names of the partner's validators of a
	// joint visit (they have no account here).
	PartnerValidators []string
	// PartnerValidatedOn is the day of the partner's validation a relied
	// validation rests on.
	PartnerValidatedOn time.Time
}

// Prefill marks a checklist item filled in from a partner's result: the
// partner target it came from, and whether a validator has confirmed it.
type Prefill struct {
	Partner      string `json:"partner"`      // partner program code
	Framework    string `json:"framework"`    // catalog framework, e.g. ctpat
	Target       string `json:"target"`       // the framework's target, e.g. "5"
	Relationship string `json:"relationship"` // stated from our criterion's side
	ConfirmedBy  string `json:"confirmed_by,omitempty"`
}

// Confirmed reports whether a validator has confirmed the pre-filled item.
func (p *Prefill) Confirmed() bool { return p != nil && p.ConfirmedBy != "" }

// maxPartnerValidators bounds the partner validators named on a joint visit.
const maxPartnerValidators = 20

// SharingPartner is what scheduling a shared validation needs to know of
// the partner program named: nil when it is not on the registry, and
// whether its arrangement is in force.
type SharingPartner struct {
	Code       string
	Recognized bool
}

// checkSharing cleans the sharing and checks it against the partner program
// (nil when the code names none) and the policy's recency window.
func checkSharing(s Sharing, p *SharingPartner, recency Days, now time.Time) (Sharing, []errs.FieldError) {
	if s.Mode == "" {
		s.Mode = ModeOwn
	}
	if !slices.Contains(ValidationModes(), s.Mode) {
		return s, []errs.FieldError{errs.F("mode", "error.choose_option", "choose how the validation is done")}
	}
	if s.Mode == ModeOwn {
		return Sharing{Mode: ModeOwn}, nil
	}
	var fe []errs.FieldError
	s.PartnerCode = strings.ToUpper(strings.TrimSpace(s.PartnerCode))
	s.PartnerRef = strings.TrimSpace(s.PartnerRef)
	switch {
	case s.PartnerCode == "" || p == nil:
		fe = append(fe, errs.F("partner", "error.crosswalk.partner_required", "choose the partner program"))
	case !p.Recognized:
		fe = append(fe, errs.F("partner", "error.crosswalk.partner_not_recognized", "choose a partner program whose arrangement is in force"))
	}
	if s.PartnerRef == "" || utf8.RuneCountInString(s.PartnerRef) > 100 {
		fe = append(fe, errs.F("partner_ref", "error.crosswalk.partner_ref", "give the partner's reference of its validation (up to 100 characters)"))
	}
	switch s.Mode {
	case ModeJoint:
		s.PartnerValidatedOn = time.Time{}
		var names []string
		for _, n := range s.PartnerValidators {
			if n = strings.TrimSpace(n); n != "" {
				names = append(names, n)
			}
		}
		s.PartnerValidators = names
		if len(names) == 0 || len(names) > maxPartnerValidators ||
			slices.ContainsFunc(names, func(n string) bool { return utf8.RuneCountInString(n) > 200 }) {
			fe = append(fe, errs.F("partner_validators", "error.crosswalk.partner_validators", "name the partner's validators, one per line"))
		}
	case ModeRelied:
		s.PartnerValidators = nil
		fe = append(fe, checkRecency(s.PartnerValidatedOn, recency, now)...)
	}
	return s, fe
}

// checkRecency allows a partner validation from today back to exactly the
// window's number of days, counted in whole calendar days of the time zone
// the date was given in (the program's on the portal, UTC on the API), so
// that "today" is the same day for the date and for now.
func checkRecency(on time.Time, recency Days, now time.Time) []errs.FieldError {
	if on.IsZero() {
		return []errs.FieldError{errs.F("partner_validated_on", "error.crosswalk.partner_date", "give the date of the partner's validation")}
	}
	age := calendarDay(now.In(on.Location())).Sub(calendarDay(on))
	switch {
	case age < 0:
		return []errs.FieldError{errs.F("partner_validated_on", "error.crosswalk.partner_date_future", "the partner's validation cannot be in the future")}
	case age > recency.Duration():
		return []errs.FieldError{errs.F("partner_validated_on", "error.crosswalk.partner_date_old", "the partner's validation is older than the policy allows: schedule a validation of our own or a joint one")}
	}
	return nil
}

// calendarDay is t's date as midnight UTC, so that subtracting two of them
// counts whole days whatever the time zone and its daylight saving.
func calendarDay(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// NewSharedValidation schedules a validation in any mode: own (as
// NewValidation), joint with a partner program or relying on a partner's
// recent validation. The partner program p (nil if the code names none)
// must be recognized; a relied-on validation must be within the policy's
// recency window. The checklist comes pre-filled by the caller, who knows
// the crosswalk; an own validation may not carry pre-filled items.
func NewSharedValidation(app Application, when time.Time, sites, validators []string, checklist []CheckItem, s Sharing,
	p *SharingPartner, pol Policy, by string, now time.Time) (Validation, error) {
	share, sfe := checkSharing(s, p, pol.Windows.PartnerValidationRecency, now)
	v, err := NewValidation(app, when, sites, validators, checklist, by, now)
	if err != nil {
		if e, ok := errs.As(err); ok && len(sfe) > 0 {
			return Validation{}, errs.Fields(append(e.Fields, sfe...)...)
		}
		return Validation{}, err
	}
	if len(sfe) > 0 {
		return Validation{}, errs.Fields(sfe...)
	}
	if share.Mode == ModeOwn && slices.ContainsFunc(checklist, func(it CheckItem) bool { return it.Prefill != nil || len(it.PartlyFrom) > 0 }) {
		return Validation{}, errs.E(errs.Invalid, "error.crosswalk.prefill_own", "only a shared validation carries pre-filled items")
	}
	v.Sharing = share
	return v, nil
}

// Unconfirmed lists the pre-filled items no validator has confirmed yet.
func (v Validation) Unconfirmed() []CheckItem {
	var out []CheckItem
	for _, it := range v.Items {
		if it.Prefill != nil && !it.Prefill.Confirmed() {
			out = append(out, it)
		}
	}
	return out
}
