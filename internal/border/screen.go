package border

import (
	"errors"
	"slices"
	"strings"
	"time"

	"trustlane/internal/ident"
)

// Shipment is what a border system knows about a crossing when it asks for
// a lane. Values are taken as typed: Screen normalizes them.
type Shipment struct {
	Direction   Direction
	Mode        string // "highway", "rail", ...
	Importer    Identifier
	Carrier     Identifier
	DriverCards []string // everyone in the cab
	Container   string
	Seal        string
	SealClass   string // ISO 17712: "I", "S" or "H"
	Destination string // port of entry
	Ref         string // the caller's reference, echoed back
}

// Decision is the lane for a shipment and every finding behind it, so an
// officer sees why, not only what.
// The JSON tags give the shape AppendDecisionJSON writes.
type Decision struct {
	Ref     string   `json:"ref"`
	Lane    Lane     `json:"lane"`
	Reasons []Reason `json:"reasons"`
}

// Screen decides the lane of sh at time now (card expiry). Reasons hold one
// code per check, in a fixed order: direction, mode, importer (membership,
// then approval), carrier (the same), one per driver card in the order
// given, container, seal, destination. A check the rules do not ask for
// yields no reason. An unknown direction yields direction.unknown alone.
func (s *Snapshot) Screen(sh Shipment, now time.Time) Decision {
	return s.screen(&sh, now, make([]Reason, 0, 8+len(sh.DriverCards)))
}

// screen is Screen appending to a caller's reason buffer, so the stream
// reuses one buffer for every line. Each check notes whether its finding
// passes as it appends it, so the lane needs no second look at the codes.
func (s *Snapshot) screen(sh *Shipment, now time.Time, reasons []Reason) Decision {
	d := Decision{Ref: sh.Ref, Lane: LaneStandard}
	di := sh.Direction.index()
	if di < 0 {
		d.Reasons = append(reasons, DirectionUnknown)
		return d
	}
	dr := &s.rules.IntoUS
	if di == 1 {
		dr = &s.rules.IntoCA
	}
	fast := containsFold(dr.FASTModes, sh.Mode)
	if fast {
		reasons = append(reasons, ModeFAST)
	} else {
		reasons = append(reasons, ModeNotFAST)
	}
	imp := s.role(sh.Importer, di, true)
	reasons = appendRole(reasons, imp, ImporterMissing, ImporterUnknown, ImporterAmbiguous)
	car := s.role(sh.Carrier, di, false)
	reasons = appendRole(reasons, car, CarrierMissing, CarrierUnknown, CarrierAmbiguous)
	var ok bool
	reasons, ok = s.appendDrivers(reasons, sh.DriverCards, dr, now)
	fast = fast && ok && imp.approvalOK && car.approvalOK
	reasons, ok = appendContainer(reasons, sh.Container, dr)
	fast = fast && ok
	reasons, ok = appendSeal(reasons, sh.Seal, sh.SealClass, dr)
	fast = fast && ok
	if len(dr.FASTDestinations) > 0 {
		if containsFold(dr.FASTDestinations, sh.Destination) {
			reasons = append(reasons, DestinationFAST)
		} else {
			reasons = append(reasons, DestinationNoFAST)
			fast = false
		}
	}
	d.Reasons = reasons
	switch {
	case !imp.memberOK || !car.memberOK:
		d.Lane = LaneStandard
	case fast:
		d.Lane = LaneFAST
	default:
		d.Lane = LaneExpedited
	}
	return d
}

// roleResult is one party's findings in a shipment. memberOK and
// approvalOK say whether they pass; both are false unless found.
type roleResult struct {
	missing, found, ambiguous bool
	member, approval          Reason
	memberOK, approvalOK      bool
}

// role looks up id and returns the precomputed verdict for direction di.
func (s *Snapshot) role(id Identifier, di int, importer bool) roleResult {
	if strings.TrimSpace(id.Value) == "" {
		return roleResult{missing: true}
	}
	e := s.find(id.Kind, id.Value)
	switch e {
	case nil:
		return roleResult{}
	case ambiguous:
		return roleResult{ambiguous: true}
	}
	r, p := &e.roles[di], &e.pass[di]
	if importer {
		return roleResult{found: true, member: r.importer, approval: r.importerApproval,
			memberOK: p.importer, approvalOK: p.importerApproval}
	}
	return roleResult{found: true, member: r.carrier, approval: r.carrierApproval,
		memberOK: p.carrier, approvalOK: p.carrierApproval}
}

// appendRole appends the findings of one role.
func appendRole(dst []Reason, r roleResult, missing, unknown, ambig Reason) []Reason {
	switch {
	case r.missing:
		return append(dst, missing)
	case r.ambiguous:
		return append(dst, ambig)
	case !r.found:
		return append(dst, unknown)
	}
	dst = append(dst, r.member)
	if r.approval != "" {
		dst = append(dst, r.approval)
	}
	return dst
}

// appendDrivers appends one finding per card, or driver.none for an empty
// cab list: everyone in the cab must hold an accepted card. It reports
// whether every finding passes.
func (s *Snapshot) appendDrivers(dst []Reason, numbers []string, dr *DirectionRules, now time.Time) ([]Reason, bool) {
	if len(numbers) == 0 {
		return append(dst, DriverNone), false
	}
	all := true
	for _, num := range numbers {
		r := s.cardReason(num, dr, now)
		all = all && r == DriverCardValid
		dst = append(dst, r)
	}
	return dst, all
}

// cardReason is the finding on one driver card.
func (s *Snapshot) cardReason(num string, dr *DirectionRules, now time.Time) Reason {
	var buf [keyBufSize]byte
	c, ok := s.cards.getBytes(cardKey(buf[:0], num))
	switch {
	case !ok:
		return DriverCardUnknown
	case c.Revoked:
		return DriverCardRevoked
	case !now.Before(c.ValidUntil):
		return DriverCardExpired
	case !slices.Contains(dr.CardKinds, c.Kind):
		return DriverCardKind
	case c.South && !dr.AcceptFASTSouth:
		return DriverCardSouthOnly
	}
	return DriverCardValid
}

// appendContainer appends the container finding, if the rules ask for one,
// and reports whether it passes (no finding passes).
func appendContainer(dst []Reason, container string, dr *DirectionRules) ([]Reason, bool) {
	if strings.TrimSpace(container) == "" {
		if dr.ContainerRequired {
			return append(dst, ContainerMissing), false
		}
		return dst, true
	}
	if !dr.ContainerCheck {
		return dst, true
	}
	r := containerReason(container)
	return append(dst, r), r == ContainerValid
}

// containerFailure maps ident's reason onto ours. It is a function of its
// own so the errors.As target is allocated only when a check fails.
func containerFailure(err error) Reason {
	var ie *ident.Error
	if errors.As(err, &ie) && ie.Reason == "checksum" {
		return ContainerCheckDigit
	}
	return ContainerFormat
}

// appendSeal appends the seal finding when the rules require a class, and
// reports whether it passes (no finding passes).
func appendSeal(dst []Reason, seal, class string, dr *DirectionRules) ([]Reason, bool) {
	if dr.SealClass == "" {
		return dst, true
	}
	got := sealRank(class)
	switch {
	case strings.TrimSpace(seal) == "":
		return append(dst, SealMissing), false
	case got < 0:
		return append(dst, SealClassUnknown), false
	case got < sealRank(dr.SealClass):
		return append(dst, SealClassTooLow), false
	}
	return append(dst, SealValid), true
}

// containsFold reports whether list holds s, ignoring ASCII case and
// surrounding space.
func containsFold(list []string, s string) bool {
	s = strings.TrimSpace(s)
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}

// ScreenBatch screens many shipments at one time. The decisions' reasons
// are carved from one shared array, so a batch costs a few allocations
// rather than one per shipment.
func (s *Snapshot) ScreenBatch(shipments []Shipment, now time.Time) []Decision {
	out := make([]Decision, len(shipments))
	arena := make([]Reason, 12*len(shipments))
	for i := range shipments {
		if len(arena) < 16+len(shipments[i].DriverCards) {
			arena = make([]Reason, 12*(len(shipments)-i)+len(shipments[i].DriverCards)+16)
		}
		d := s.screen(&shipments[i], now, arena[:0])
		if len(d.Reasons) > 0 && &d.Reasons[0] == &arena[0] {
			arena = arena[len(d.Reasons):]
		}
		out[i] = d
	}
	return out
}
