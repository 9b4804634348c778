package border

import (
	"slices"
	"time"
)

// Status is the body of a status answer, the JSON a border system gets for
// an identifier. The type documents the shape (and lets the HTTP layer
// describe it in OpenAPI); the bytes themselves are encoded at build time.
type Status struct {
	// Standing summarizes the programs, failing closed: "suspended" if any
	// program is suspended, else "active" if any is active, else
	// "cancelled" if any is cancelled, else "none".
	Standing Standing `json:"standing"`
	// Ambiguous marks an identifier that several parties claim: the index
	// answers none of them rather than guess.
	Ambiguous   bool                `json:"ambiguous,omitempty"`
	Key         string              `json:"key,omitempty"`
	Name        string              `json:"name,omitempty"`
	Identifiers []StatusIdentifier  `json:"identifiers,omitempty"`
	Programs    []StatusProgram     `json:"programs,omitempty"`
	FAST        []Direction         `json:"fast,omitempty"`
	Eligibility []StatusEligibility `json:"eligibility,omitempty"`
}

// StatusIdentifier is one identifier in its display form.
type StatusIdentifier struct {
	Kind  string `json:"kind"`
	Value string `json:"value"`
}

// StatusProgram is one program membership as reported.
type StatusProgram struct {
	Program  string    `json:"program"`
	Standing Standing  `json:"standing"`
	Since    time.Time `json:"since"`
	Sectors  []string  `json:"sectors"`
}

// StatusEligibility says whether the party may act as FAST importer and as
// FAST carrier in one direction, with the reasons screening would give.
// Driver, seal and container are per shipment and not included.
type StatusEligibility struct {
	Direction Direction `json:"direction"`
	Importer  bool      `json:"importer"`
	Carrier   bool      `json:"carrier"`
	Reasons   []Reason  `json:"reasons"`
}

// roleEval is the precomputed verdict on a party in one direction: its
// membership reason and, when the rules require one, its FAST approval
// reason, for each role. An empty approval means none is required.
type roleEval struct {
	importer, importerApproval Reason
	carrier, carrierApproval   Reason
}

// roleCodes are the reasons of one role, so importer and carrier share the
// evaluation code.
type roleCodes struct {
	active, notMember, suspended, cancelled, notSector Reason
}

var (
	importerCodes = roleCodes{ImporterActive, ImporterNotMember, ImporterSuspended, ImporterCancelled, ImporterNotImporterSector}
	carrierCodes  = roleCodes{CarrierActive, CarrierNotMember, CarrierSuspended, CarrierCancelled, CarrierNotCarrierSector}
)

// evalMembership applies an any-of program list to p. Cancellation or
// suspension in any listed program wins over activity in another, so a
// party under sanction never counts as eligible. When sectors is not nil,
// an active membership must also cover one of them.
func evalMembership(p *Party, programs, sectors []string, c roleCodes) Reason {
	var cancelled, suspended, active, activeSector bool
	for i := range p.Programs {
		ps := &p.Programs[i]
		if !slices.Contains(programs, ps.Program) {
			continue
		}
		switch ps.Standing {
		case Cancelled:
			cancelled = true
		case Suspended:
			suspended = true
		case Active:
			active = true
			if sectors == nil || slices.ContainsFunc(ps.Sectors, func(s string) bool { return slices.Contains(sectors, s) }) {
				activeSector = true
			}
		}
	}
	switch {
	case cancelled:
		return c.cancelled
	case suspended:
		return c.suspended
	case activeSector:
		return c.active
	case active:
		return c.notSector
	}
	return c.notMember
}

// evalApproval returns the approval reason for direction d, or "" when the
// rules require no approval.
func evalApproval(p *Party, d Direction, required bool, ok, missing Reason) Reason {
	if !required {
		return ""
	}
	if slices.Contains(p.FAST, d) {
		return ok
	}
	return missing
}

// evalRoles computes the verdicts of p in direction d under dr.
func evalRoles(p *Party, d Direction, dr *DirectionRules) roleEval {
	return roleEval{
		importer:         evalMembership(p, dr.ImporterPrograms, emptyIsNil(dr.ImporterSectors), importerCodes),
		importerApproval: evalApproval(p, d, dr.ImporterFASTApproval, ImporterFASTApproved, ImporterNoFASTApproval),
		carrier:          evalMembership(p, dr.CarrierPrograms, nonNil(dr.CarrierSectors), carrierCodes),
		carrierApproval:  evalApproval(p, d, dr.CarrierFASTApproval, CarrierFASTApproved, CarrierNoFASTApproval),
	}
}

// emptyIsNil makes an empty importer sector list skip the sector check.
func emptyIsNil(s []string) []string {
	if len(s) == 0 {
		return nil
	}
	return s
}

// nonNil makes an empty sector list mean "a sector is required and none
// qualifies" rather than "no sector check".
func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// summarize computes Status.Standing from the program standings.
func summarize(programs []ProgramStanding) Standing {
	var active, cancelled bool
	for _, ps := range programs {
		switch ps.Standing {
		case Suspended:
			return Suspended
		case Active:
			active = true
		case Cancelled:
			cancelled = true
		}
	}
	switch {
	case active:
		return Active
	case cancelled:
		return Cancelled
	}
	return None
}
