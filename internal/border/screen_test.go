package border

import (
	"slices"
	"testing"
)

// screenCase is one row of the screening table.
type screenCase struct {
	name    string
	rules   string // key into screenRules
	mod     func(*Shipment)
	lane    Lane
	reasons []Reason
}

// screenRules are the rule variants the table uses.
func screenRules() map[string]Rules {
	csa := DefaultRules()
	csa.IntoCA.ImporterPrograms = []string{"pip", "csa"}
	strict := DefaultRules()
	strict.IntoCA.ContainerRequired = true
	strict.IntoCA.ImporterFASTApproval = true
	strict.IntoCA.FASTDestinations = []string{"Sarnia", "Windsor"}
	return map[string]Rules{"": DefaultRules(), "csa": csa, "strict": strict}
}

// fastCA is the reason list of baseShipment under the default rules.
var fastCA = []Reason{ModeFAST, ImporterActive, CarrierActive, CarrierFASTApproved, DriverCardValid, ContainerValid, SealValid}

// with returns fastCA with the reason at index i replaced.
func with(i int, r ...Reason) []Reason {
	return slices.Concat(fastCA[:i], r, fastCA[i+1:])
}

func importer(kind, v string) func(*Shipment) {
	return func(s *Shipment) { s.Importer = Identifier{kind, v} }
}
func carrier(kind, v string) func(*Shipment) {
	return func(s *Shipment) { s.Carrier = Identifier{kind, v} }
}
func cards(n ...string) func(*Shipment) { return func(s *Shipment) { s.DriverCards = n } }

var screenCases = []screenCase{
	{name: "fast into Canada", lane: LaneFAST, reasons: fastCA},
	{name: "fast into US", mod: func(s *Shipment) {
		s.Direction, s.Importer = "INTO_US", Identifier{"US_EIN", "123456789"}
		s.Carrier = Identifier{"partner:ctpat", " CT-99 "}
	}, lane: LaneFAST, reasons: fastCA},
	{name: "cdrp card into Canada", mod: cards("CDRP0001"), lane: LaneFAST, reasons: fastCA},
	{name: "cdrp card into US", mod: func(s *Shipment) {
		s.Direction, s.Importer, s.DriverCards = IntoUS, Identifier{"us_ein", "12-3456789"}, []string{"CDRP0001"}
	}, lane: LaneExpedited, reasons: with(4, DriverCardKind)},
	{name: "expired card", mod: cards("EXP0001"), lane: LaneExpedited, reasons: with(4, DriverCardExpired)},
	{name: "revoked card", mod: cards("REV0001"), lane: LaneExpedited, reasons: with(4, DriverCardRevoked)},
	{name: "unknown card", mod: cards("NOPE"), lane: LaneExpedited, reasons: with(4, DriverCardUnknown)},
	{name: "FAST South card", mod: cards("sth 0001"), lane: LaneExpedited, reasons: with(4, DriverCardSouthOnly)},
	{name: "nobody in the cab", mod: cards(), lane: LaneExpedited, reasons: with(4, DriverNone)},
	{name: "second driver without card", mod: cards("FAST0001", "FAST0002", "EXP0001"), lane: LaneExpedited,
		reasons: with(4, DriverCardValid, DriverCardValid, DriverCardExpired)},
	{name: "container check digit", mod: func(s *Shipment) { s.Container = "CSQU3054384" }, lane: LaneExpedited,
		reasons: with(5, ContainerCheckDigit)},
	{name: "container format", mod: func(s *Shipment) { s.Container = "CSQU30" }, lane: LaneExpedited,
		reasons: with(5, ContainerFormat)},
	{name: "container optional", mod: func(s *Shipment) { s.Container = "" }, lane: LaneFAST,
		reasons: slices.Delete(slices.Clone(fastCA), 5, 6)},
	{name: "seal class S", mod: func(s *Shipment) { s.SealClass = "s" }, lane: LaneExpedited, reasons: with(6, SealClassTooLow)},
	{name: "seal class unknown", mod: func(s *Shipment) { s.SealClass = "X" }, lane: LaneExpedited, reasons: with(6, SealClassUnknown)},
	{name: "seal missing", mod: func(s *Shipment) { s.Seal = " " }, lane: LaneExpedited, reasons: with(6, SealMissing)},
	{name: "rail mode", mod: func(s *Shipment) { s.Mode = "rail" }, lane: LaneExpedited, reasons: with(0, ModeNotFAST)},
	{name: "unknown direction", mod: func(s *Shipment) { s.Direction = "into_mx" }, lane: LaneStandard,
		reasons: []Reason{DirectionUnknown}},
	{name: "importer suspended", mod: importer("scac", "SUSP"), lane: LaneStandard, reasons: with(1, ImporterSuspended)},
	{name: "importer cancelled", mod: importer("scac", "CANC"), lane: LaneStandard, reasons: with(1, ImporterCancelled)},
	{name: "importer in another program", mod: importer("us_ein", "12-3456789"), lane: LaneStandard,
		reasons: with(1, ImporterNotMember)},
	{name: "importer member only as carrier", mod: importer("cbsa_carrier", "8080"), lane: LaneStandard,
		reasons: with(1, ImporterNotImporterSector)},
	{name: "importer unknown", mod: importer("bn9", "123456782"), lane: LaneStandard, reasons: with(1, ImporterUnknown)},
	{name: "importer unknown kind", mod: importer("ssn", "123"), lane: LaneStandard, reasons: with(1, ImporterUnknown)},
	{name: "importer missing", mod: importer("bn9", ""), lane: LaneStandard, reasons: with(1, ImporterMissing)},
	{name: "importer ambiguous", mod: importer("scac", "AMBG"), lane: LaneStandard, reasons: with(1, ImporterAmbiguous)},
	{name: "importer by member number", mod: importer("MEMBER", "pip 0001234"+"-"), lane: LaneStandard,
		reasons: with(1, ImporterUnknown)},
	{name: "carrier without FAST approval", mod: carrier("cbsa_carrier", "nfst"), lane: LaneExpedited,
		reasons: with(3, CarrierNoFASTApproval)},
	{name: "carrier not a highway carrier", mod: carrier("cbsa_carrier", "RAIL"), lane: LaneStandard,
		reasons: with(2, CarrierNotCarrierSector)},
	{name: "carrier suspended", mod: carrier("scac", "SUSP"), lane: LaneStandard, reasons: with(2, CarrierSuspended)},
	{name: "carrier cancelled", mod: carrier("scac", "CANC"), lane: LaneStandard, reasons: with(2, CarrierCancelled)},
	{name: "carrier not member", mod: carrier("us_ein", "123456789"), lane: LaneStandard,
		reasons: slices.Concat(fastCA[:2], []Reason{CarrierNotMember, CarrierNoFASTApproval}, fastCA[4:])},
	{name: "carrier unknown", mod: carrier("scac", "ZZZZ"), lane: LaneStandard,
		reasons: slices.Concat(fastCA[:2], []Reason{CarrierUnknown}, fastCA[4:])},
	{name: "carrier missing", mod: carrier("scac", ""), lane: LaneStandard,
		reasons: slices.Concat(fastCA[:2], []Reason{CarrierMissing}, fastCA[4:])},
	{name: "carrier ambiguous", mod: carrier("scac", "AMBG"), lane: LaneStandard,
		reasons: slices.Concat(fastCA[:2], []Reason{CarrierAmbiguous}, fastCA[4:])},
	{name: "CSA-only importer by default", mod: importer("scac", "CSAO"), lane: LaneStandard,
		reasons: with(1, ImporterNotMember)},
	{name: "CSA-only importer when CSA accepted", rules: "csa", mod: importer("scac", "CSAO"), lane: LaneFAST,
		reasons: fastCA},
	{name: "suspended in PIP, active in CSA", rules: "csa", mod: importer("scac", "MIXD"), lane: LaneStandard,
		reasons: with(1, ImporterSuspended)},
	{name: "strict: suspended importer with approval", rules: "strict", mod: importer("scac", "SUSP"), lane: LaneStandard,
		reasons: slices.Concat([]Reason{ModeFAST, ImporterSuspended, ImporterFASTApproved}, fastCA[2:], []Reason{DestinationFAST})},
	{name: "strict: importer lacks approval, container and destination", rules: "strict",
		mod: func(s *Shipment) { s.Container, s.Destination = "", "Toronto" }, lane: LaneExpedited,
		reasons: slices.Concat([]Reason{ModeFAST, ImporterActive, ImporterNoFASTApproval}, fastCA[2:5],
			[]Reason{ContainerMissing, SealValid, DestinationNoFAST})},
}

// runScreenCases screens every row and reports each reason produced.
func runScreenCases(t *testing.T, seen map[Reason]bool) {
	snaps := map[string]*Snapshot{}
	for name, r := range screenRules() {
		snaps[name] = fixture(t, r)
	}
	for _, tc := range screenCases {
		t.Run(tc.name, func(t *testing.T) {
			sh := baseShipment()
			if tc.mod != nil {
				tc.mod(&sh)
			}
			d := snaps[tc.rules].Screen(sh, now)
			if d.Lane != tc.lane || !slices.Equal(d.Reasons, tc.reasons) || d.Ref != sh.Ref {
				t.Errorf("got %s %v (ref %q)\nwant %s %v", d.Lane, d.Reasons, d.Ref, tc.lane, tc.reasons)
			}
			for _, r := range d.Reasons {
				seen[r] = true
			}
		})
	}
}

func TestScreen(t *testing.T) { runScreenCases(t, map[Reason]bool{}) }

// TestEveryReasonProduced keeps the table honest: each code in AllReasons
// must come out of at least one row, and no row may produce an unlisted one.
func TestEveryReasonProduced(t *testing.T) {
	seen := map[Reason]bool{}
	runScreenCases(t, seen)
	all := AllReasons()
	for _, r := range all {
		if !seen[r] {
			t.Errorf("no test row produces %q", r)
		}
	}
	for r := range seen {
		if !slices.Contains(all, r) {
			t.Errorf("%q is produced but missing from AllReasons", r)
		}
	}
}

// TestNoSanctionedPartyGetsABenefit screens every suspended or cancelled
// party as importer and as carrier, under every rule variant.
func TestNoSanctionedPartyGetsABenefit(t *testing.T) {
	for name, rules := range screenRules() {
		snap := fixture(t, rules)
		for _, scac := range []string{"SUSP", "CANC", "MIXD"} {
			for _, asImporter := range []bool{true, false} {
				sh := baseShipment()
				if asImporter {
					sh.Importer = Identifier{"scac", scac}
				} else {
					sh.Carrier = Identifier{"scac", scac}
				}
				if d := snap.Screen(sh, now); d.Lane != LaneStandard {
					t.Errorf("rules %q, %s as importer=%v: lane %s", name, scac, asImporter, d.Lane)
				}
			}
		}
	}
}

func TestScreenBatchMatchesScreen(t *testing.T) {
	snap := fixture(t, DefaultRules())
	var batch []Shipment
	for _, tc := range screenCases {
		sh := baseShipment()
		if tc.mod != nil && tc.rules == "" {
			tc.mod(&sh)
		}
		batch = append(batch, sh)
	}
	for i, d := range snap.ScreenBatch(batch, now) {
		want := snap.Screen(batch[i], now)
		if d.Lane != want.Lane || !slices.Equal(d.Reasons, want.Reasons) {
			t.Errorf("row %d: batch %v, single %v", i, d, want)
		}
	}
}
