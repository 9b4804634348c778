package partner

import "time"

// Consent is a company's own level of consent (facts §1.9: two levels, one
// between the programs and one between the member and the programs): its
// agreement that its standing be shared with one partner program. Nothing
// is shared unless both the program-level arrangement (Program.Sharing) and
// the company's consent are in force, and a withdrawal takes effect at once.
type Consent struct {
	OrgID       string
	PartnerCode string
	Granted     bool
	ChangedBy   string
	ChangedAt   time.Time
}

// Shares reports whether a company's standing may go to p under consent c.
func Shares(p Program, c Consent) bool {
	return p.Sharing && c.Granted && c.PartnerCode == p.Code
}

// Standing is what the status exchange tells a partner about a member.
type Standing string

// The standings the exchange reports; none covers a membership not yet in
// force (pending its MOU) and a company without one.
const (
	StandingActive    Standing = "active"
	StandingSuspended Standing = "suspended"
	StandingCancelled Standing = "cancelled"
	StandingNone      Standing = "none"
)

// StandingOf maps a program membership state to the exchange's standing:
// cancelled and withdrawn memberships both read cancelled, since a partner
// needs to know benefits ended, not why.
func StandingOf(memberState string) Standing {
	switch memberState {
	case "active":
		return StandingActive
	case "suspended":
		return StandingSuspended
	case "cancelled", "withdrawn":
		return StandingCancelled
	}
	return StandingNone
}

// Held is one of our program memberships as the exchange shows it.
type Held struct {
	Number   string    `json:"number"`
	Sector   string    `json:"sector"`
	Standing Standing  `json:"standing"`
	Since    time.Time `json:"since"`
}

// Summarize gives a company's overall standing from its memberships (one per
// sector): active if any is active, else suspended if any is, else
// cancelled if any ended, else none; since is the latest date among the
// memberships in that standing.
func Summarize(held []Held) (Standing, time.Time) {
	for _, s := range []Standing{StandingActive, StandingSuspended, StandingCancelled} {
		var since time.Time
		found := false
		for _, h := range held {
			if h.Standing == s {
				found = true
				if h.Since.After(since) {
					since = h.Since
				}
			}
		}
		if found {
			return s, since
		}
	}
	return StandingNone, time.Time{}
}
