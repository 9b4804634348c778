// Package partner is the domain of mutual recognition: the partner programs
// the program has arrangements with (C-TPAT, the AEO programs and others),
// their members as the partner administrations report them, and the rules
// for linking a company to its partner memberships and sharing its standing.
// It is pure: no I/O, time is passed in.
package partner

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"trustlane/internal/errs"
	"trustlane/internal/ident"
)

// Text is a name in both official languages.
type Text struct {
	EN string `json:"en"`
	FR string `json:"fr"`
}

// In returns the text in lang.
func (t Text) In(lang string) string {
	if lang == "fr" {
		return t.FR
	}
	return t.EN
}

// Status is where the arrangement with a partner program stands.
type Status string

// The statuses: an arrangement in force; one being negotiated (its criteria
// are mapped, nothing is recognized yet); one suspended or ended.
const (
	Active    Status = "active"
	Planned   Status = "planned"
	Suspended Status = "suspended"
	Ended     Status = "ended"
)

// Statuses lists the statuses in display order.
func Statuses() []Status { return []Status{Active, Planned, Suspended, Ended} }

// Program is a partner program: another administration's trusted-trader
// program whose members we recognize under a mutual recognition arrangement.
type Program struct {
	Code           string // stable key, e.g. "CTPAT"
	Name           Text
	Administration Text
	Country        string    // ISO 3166 alpha-2, or "EU"
	ArrangedOn     time.Time // the arrangement's date; zero while planned
	Status         Status
	// IDKinds are the identifier types the partner's member records carry
	// besides its own member number, checked with internal/ident.
	IDKinds []ident.Kind
	// Framework is the catalog framework our criteria are mapped to for
	// this program (ctpat, eu_aeo or safe).
	Framework string
	// Sharing is the program-to-program level of consent: an
	// information-sharing arrangement is in force. Nothing is exchanged
	// without it, whatever a company consents to.
	Sharing   bool
	UpdatedAt time.Time
}

// Recognized reports whether the program's members are recognized now.
func (p Program) Recognized() bool { return p.Status == Active }

var codeRE = regexp.MustCompile(`^[A-Z][A-Z0-9-]{1,19}$`)

// Frameworks are the catalog frameworks a program may map to.
var Frameworks = []string{"ctpat", "eu_aeo", "safe"}

// Normalize trims the program's fields and checks them, returning every
// problem as a field error.
func (p Program) Normalize() (Program, error) {
	p.Code = strings.ToUpper(strings.TrimSpace(p.Code))
	p.Name.EN, p.Name.FR = strings.TrimSpace(p.Name.EN), strings.TrimSpace(p.Name.FR)
	p.Administration.EN, p.Administration.FR = strings.TrimSpace(p.Administration.EN), strings.TrimSpace(p.Administration.FR)
	p.Country = strings.ToUpper(strings.TrimSpace(p.Country))
	var fe []errs.FieldError
	if !codeRE.MatchString(p.Code) {
		fe = append(fe, errs.F("code", "error.partner.code", "use 2 to 20 capital letters, digits or hyphens, starting with a letter"))
	}
	if p.Name.EN == "" || p.Name.FR == "" {
		fe = append(fe, errs.F("name", "error.partner.name", "give the program's name in English and French"))
	}
	if p.Administration.EN == "" || p.Administration.FR == "" {
		fe = append(fe, errs.F("administration", "error.partner.administration", "give the administration's name in English and French"))
	}
	if len(p.Country) != 2 {
		fe = append(fe, errs.F("country", "error.partner.country", "give the two-letter country code (EU for the European Union)"))
	}
	if !slices.Contains(Statuses(), p.Status) {
		fe = append(fe, errs.F("status", "error.partner.status", "choose a status from the list"))
	}
	if p.Status == Active && p.ArrangedOn.IsZero() {
		fe = append(fe, errs.F("arranged_on", "error.partner.arranged_on", "give the date of the arrangement in force"))
	}
	if !slices.Contains(Frameworks, p.Framework) {
		fe = append(fe, errs.F("framework", "error.partner.framework", "choose the criteria framework the program is mapped to"))
	}
	for _, k := range p.IDKinds {
		if _, err := ident.ParseKind(string(k)); err != nil {
			fe = append(fe, errs.F("id_kinds", "error.partner.id_kind", "choose identifier types from the list"))
			break
		}
	}
	if len(fe) > 0 {
		return p, errs.Fields(fe...)
	}
	return p, nil
}

// JoinKinds and SplitKinds store identifier kinds as a comma list.
func JoinKinds(ks []ident.Kind) string {
	ss := make([]string, len(ks))
	for i, k := range ks {
		ss[i] = string(k)
	}
	return strings.Join(ss, ",")
}

// SplitKinds parses what JoinKinds stored.
func SplitKinds(s string) []ident.Kind {
	var out []ident.Kind
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, ident.Kind(f))
		}
	}
	return out
}

// String names the program for logs.
func (p Program) String() string { return fmt.Sprintf("%s (%s)", p.Code, p.Name.EN) }
