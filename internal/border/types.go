package border

import (
	"strings"
	"time"
)

// Standing is a party's state in one program. Only "active" carries
// benefits; "suspended" and "cancelled" are kept distinct because the border
// treats a withheld benefit differently from a party it never knew.
type Standing string

// The standings a program membership can be in.
const (
	Active    Standing = "active"
	Suspended Standing = "suspended"
	Cancelled Standing = "cancelled"
	None      Standing = "none"
)

// Direction is the way a shipment crosses the Canada–US border. Each
// country approves importers and carriers separately, so every rule is
// given per direction.
type Direction string

// The two directions across the northern border.
const (
	IntoUS Direction = "into_us"
	IntoCA Direction = "into_ca"
)

// Directions lists the directions in the order status answers report them.
func Directions() []Direction { return []Direction{IntoUS, IntoCA} }

// index maps d to its position in per-direction arrays, or -1 when d is not
// a direction. ASCII case is ignored since values arrive from callers.
func (d Direction) index() int {
	switch d { // the spelling callers nearly always use
	case IntoUS:
		return 0
	case IntoCA:
		return 1
	}
	switch {
	case strings.EqualFold(string(d), string(IntoUS)):
		return 0
	case strings.EqualFold(string(d), string(IntoCA)):
		return 1
	}
	return -1
}

// Identifier kinds this package adds to ident's: our own membership number
// and a partner program's member ID.
const (
	// KindMember is a membership number such as "PIP-0001234-X".
	KindMember = "member"
	// KindPartnerPrefix starts a partner program's member ID kind, as in
	// "partner:CTPAT"; PartnerKind builds one.
	KindPartnerPrefix = "partner:"
)

// PartnerKind returns the identifier kind of a partner program's own member
// ID, so callers do not spell the prefix by hand.
func PartnerKind(code string) string { return KindPartnerPrefix + strings.ToUpper(code) }

// Identifier names a party the way the border knows it. Kind is an
// ident.Kind value ("bn9", "bn15", "cbsa_carrier", "scac", "us_ein",
// "eori", "mid", ...), KindMember, or a partner kind such as
// "partner:CTPAT"; Value is the number as typed or stored.
type Identifier struct {
	Kind  string
	Value string
}

// ProgramStanding is a party's membership in one program. Sectors say what
// the membership covers ("importer", "highway_carrier", ... as in
// internal/program), because a company that is a member as an importer
// is not thereby a member carrier.
type ProgramStanding struct {
	Program  string
	Standing Standing
	Since    time.Time
	Sectors  []string
}

// Party is an organization as the border sees it: how to find it, where it
// stands in each program, and the FAST approvals it holds, which are granted
// separately from membership by each country.
type Party struct {
	Key         string
	Name        string
	Identifiers []Identifier
	Programs    []ProgramStanding
	FAST        []Direction // separate FAST approvals held (importer/carrier)
}

// Card is a driver's FAST or CDRP card. South marks a FAST South card,
// which is valid only on the southern border and so never on the northern
// one unless the rules say otherwise.
type Card struct {
	Number     string
	Holder     string
	Kind       string // "fast" or "cdrp"
	ValidUntil time.Time
	Revoked    bool
	South      bool // FAST South only: valid only on the southern border
}

// The card kinds a driver can hold. CDRP is Canadian-only and valid only
// into Canada.
const (
	CardFAST = "fast"
	CardCDRP = "cdrp"
)
