package border

import (
	"errors"
	"fmt"
	"slices"

	"trustlane/internal/program"
)

// Rules is the FAST eligibility policy, one set per direction. It is
// configuration rather than code because the sources disagree (facts §5):
// CBSA's D23-3-1 accepts PIP members, or CSA and PIP members, into Canada,
// while a 2017 announcement also admitted CSA-only members at some ports.
// The YAML form is what policy files hold.
type Rules struct {
	IntoUS DirectionRules `yaml:"into_us"`
	IntoCA DirectionRules `yaml:"into_ca"`
}

// DirectionRules is what FAST requires for shipments going one way.
// Program lists are any-of: membership in good standing of one listed
// program suffices, and suspension or cancellation in any listed program
// disqualifies (fail closed).
type DirectionRules struct {
	// ImporterPrograms admit an importer ("ctpat" into the US, "pip" into
	// Canada; add "csa" to follow the 2017 CSA-only announcement).
	ImporterPrograms []string `yaml:"importer_programs"`
	// ImporterSectors, when not empty, are the sectors an admitting
	// membership must cover for the importer ("importer"); a member
	// carrier is not thereby a member importer. Empty skips the check, for
	// partner lists that carry no sectors.
	ImporterSectors []string `yaml:"importer_sectors"`
	// CarrierPrograms admit a carrier, which must also hold one of
	// CarrierSectors in an admitting program.
	CarrierPrograms []string `yaml:"carrier_programs"`
	// CarrierSectors are the sectors that make a membership a carrier
	// membership ("highway_carrier" for the highway lanes).
	CarrierSectors []string `yaml:"carrier_sectors"`
	// ImporterFASTApproval and CarrierFASTApproval require a separate FAST
	// approval for this direction on top of membership.
	ImporterFASTApproval bool `yaml:"importer_fast_approval"`
	CarrierFASTApproval  bool `yaml:"carrier_fast_approval"`
	// CardKinds are the driver cards accepted ("fast"; "cdrp" into Canada).
	// Everyone in the cab must hold one.
	CardKinds []string `yaml:"card_kinds"`
	// AcceptFASTSouth admits FAST South cards, which are valid only on the
	// southern border; both directions here cross the northern one.
	AcceptFASTSouth bool `yaml:"accept_fast_south"`
	// ContainerRequired demands a container number; ContainerCheck
	// verifies any given number against ISO 6346.
	ContainerRequired bool `yaml:"container_required"`
	ContainerCheck    bool `yaml:"container_check"`
	// SealClass is the least ISO 17712 class accepted: "I", "S", "H", or ""
	// when no seal is required.
	SealClass string `yaml:"seal_class"`
	// FASTModes are the modes of transport with FAST lanes ("highway").
	FASTModes []string `yaml:"fast_modes"`
	// FASTDestinations, when not empty, are the ports of entry with a FAST
	// lane; a shipment bound elsewhere is expedited at best.
	FASTDestinations []string `yaml:"fast_destinations"`
}

// DefaultRules returns the rules as the facts state them: C-TPAT importer
// and highway carrier, FAST card and an ISO 17712 "H" seal into the US;
// PIP importer and highway carrier, FAST or CDRP card and an "H" seal into
// Canada. Carriers hold a FAST approval per direction; importers need
// membership only. Container numbers are optional (trailers carry none)
// but checked when given.
func DefaultRules() Rules {
	dir := func(prog string, cards ...string) DirectionRules {
		return DirectionRules{
			ImporterPrograms:    []string{prog},
			ImporterSectors:     []string{string(program.Importer)},
			CarrierPrograms:     []string{prog},
			CarrierSectors:      []string{string(program.HighwayCarrier)},
			CarrierFASTApproval: true,
			CardKinds:           cards,
			ContainerCheck:      true,
			SealClass:           "H",
			FASTModes:           []string{"highway"},
		}
	}
	return Rules{IntoUS: dir("ctpat", CardFAST), IntoCA: dir("pip", CardFAST, CardCDRP)}
}

// For returns the rules of direction d, or false when d is not a direction.
func (r *Rules) For(d Direction) (*DirectionRules, bool) {
	switch d.index() {
	case 0:
		return &r.IntoUS, true
	case 1:
		return &r.IntoCA, true
	}
	return nil, false
}

// knownModes are the modes of transport a rule may name.
var knownModes = []string{"highway", "rail", "marine", "air"}

// Validate reports every problem in r at once, so whoever edits a policy
// file fixes it in one pass. Each error names its direction and field.
func (r *Rules) Validate() error {
	var errs []error
	for _, d := range Directions() {
		dr, _ := r.For(d)
		for _, err := range dr.validate() {
			errs = append(errs, fmt.Errorf("%s.%w", d, err))
		}
	}
	// CDRP is Canadian-only and valid only into Canada (facts §5): a fact,
	// not a policy choice, so no file may accept it into the US.
	if slices.Contains(r.IntoUS.CardKinds, CardCDRP) {
		errs = append(errs, fmt.Errorf("%s.card_kinds: cdrp cards are valid only into Canada", IntoUS))
	}
	if err := errors.Join(errs...); err != nil {
		return fmt.Errorf("border rules: %w", err)
	}
	return nil
}

// validate returns the problems of one direction's rules, each prefixed with
// the YAML field it concerns.
func (dr *DirectionRules) validate() []error {
	var errs []error
	bad := func(field, format string, args ...any) {
		errs = append(errs, fmt.Errorf(field+": "+format, args...))
	}
	checkPrograms := func(field string, list []string) {
		if len(list) == 0 {
			bad(field, "at least one program is required")
		}
		for _, p := range list {
			if !isProgramKey(p) {
				bad(field, "program %q is not a lower-case key", p)
			}
		}
	}
	checkPrograms("importer_programs", dr.ImporterPrograms)
	checkPrograms("carrier_programs", dr.CarrierPrograms)
	for _, s := range dr.ImporterSectors {
		if !program.Sector(s).Valid() {
			bad("importer_sectors", "unknown sector %q", s)
		}
	}
	if len(dr.CarrierSectors) == 0 {
		bad("carrier_sectors", "at least one carrier sector is required")
	}
	for _, s := range dr.CarrierSectors {
		if !program.Sector(s).IsCarrier() {
			bad("carrier_sectors", "%q is not a carrier sector", s)
		}
	}
	if len(dr.CardKinds) == 0 {
		bad("card_kinds", "at least one card kind is required")
	}
	for _, k := range dr.CardKinds {
		if k != CardFAST && k != CardCDRP {
			bad("card_kinds", "unknown card kind %q (want fast or cdrp)", k)
		}
	}
	if sealRank(dr.SealClass) < 0 && dr.SealClass != "" {
		bad("seal_class", "unknown ISO 17712 class %q (want I, S, H or empty)", dr.SealClass)
	}
	if len(dr.FASTModes) == 0 {
		bad("fast_modes", "at least one mode is required")
	}
	for _, m := range dr.FASTModes {
		if !slices.Contains(knownModes, m) {
			bad("fast_modes", "unknown mode %q (want one of %v)", m, knownModes)
		}
	}
	for _, p := range dr.FASTDestinations {
		if p == "" {
			bad("fast_destinations", "empty destination")
		}
	}
	return errs
}

// isProgramKey reports whether p is a program key such as "pip" or "ctpat":
// lower-case letters, digits and underscores, as status answers spell them.
func isProgramKey(p string) bool {
	if p == "" {
		return false
	}
	for i := 0; i < len(p); i++ {
		c := p[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// sealRank orders the ISO 17712 classes (I < S < H), or returns -1 for
// anything else. Case and surrounding spaces are ignored.
func sealRank(class string) int {
	c := trimASCII(class)
	if len(c) != 1 {
		return -1
	}
	switch c[0] | 0x20 {
	case 'i':
		return 0
	case 's':
		return 1
	case 'h':
		return 2
	}
	return -1
}
