package border

import (
	"testing"
	"time"

	"trustlane/internal/ident"
)

// now is the fixed screening time of the tests.
var now = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

var since = time.Date(2020, 1, 2, 0, 0, 0, 0, time.UTC)

// member returns a valid membership number for sequence n.
func member(tb testing.TB, n int) string {
	tb.Helper()
	m, err := ident.MemberNumber(n)
	if err != nil {
		tb.Fatal(err)
	}
	return m
}

func ps(program string, st Standing, sectors ...string) ProgramStanding {
	return ProgramStanding{Program: program, Standing: st, Since: since, Sectors: sectors}
}

// fixtureParties covers every standing a screening can meet.
func fixtureParties(tb testing.TB) []Party {
	tb.Helper()
	return []Party{
		{Key: "imp-ca", Name: "Maple Imports Ltd.", Identifiers: []Identifier{
			{"bn15", "123026635RM0001"}, {KindMember, member(tb, 1234)}},
			Programs: []ProgramStanding{ps("pip", Active, "importer")}},
		{Key: "imp-us", Name: "Eagle Imports Inc.", Identifiers: []Identifier{{"us_ein", "12-3456789"}},
			Programs: []ProgramStanding{ps("ctpat", Active, "importer")}},
		{Key: "imp-csa", Name: "CSA Only Co.", Identifiers: []Identifier{{"scac", "CSAO"}},
			Programs: []ProgramStanding{ps("csa", Active, "importer")}},
		{Key: "imp-mixed", Name: "Mixed Standing Co.", Identifiers: []Identifier{{"scac", "MIXD"}},
			Programs: []ProgramStanding{ps("pip", Suspended, "importer"), ps("csa", Active, "importer")}},
		{Key: "susp", Name: "Suspended Co.", Identifiers: []Identifier{{"scac", "SUSP"}},
			Programs: []ProgramStanding{ps("pip", Suspended, "importer", "highway_carrier")}, FAST: []Direction{IntoCA}},
		{Key: "canc", Name: "Cancelled Co.", Identifiers: []Identifier{{"scac", "CANC"}},
			Programs: []ProgramStanding{ps("pip", Cancelled, "importer", "highway_carrier")}, FAST: []Direction{IntoCA}},
		{Key: "car", Name: "Northern Haul <&> \"Trucking\"", Identifiers: []Identifier{
			{"cbsa_carrier", "8080"}, {PartnerKind("ctpat"), "ct-99"}},
			Programs: []ProgramStanding{ps("pip", Active, "highway_carrier"), ps("ctpat", Active, "highway_carrier")},
			FAST:     []Direction{IntoCA, IntoUS}},
		{Key: "car-nofast", Name: "Slow Haul", Identifiers: []Identifier{{"cbsa_carrier", "NFST"}},
			Programs: []ProgramStanding{ps("pip", Active, "highway_carrier")}},
		{Key: "car-rail", Name: "Rail Only", Identifiers: []Identifier{{"cbsa_carrier", "RAIL"}},
			Programs: []ProgramStanding{ps("pip", Active, "rail_carrier", "importer")}, FAST: []Direction{IntoCA}},
		{Key: "amb-1", Name: "Twin One", Identifiers: []Identifier{{"scac", "AMBG"}},
			Programs: []ProgramStanding{ps("pip", Active, "importer")}},
		{Key: "amb-2", Name: "Twin Two", Identifiers: []Identifier{{"scac", "ambg"}},
			Programs: []ProgramStanding{ps("pip", Active, "importer")}},
	}
}

// fixtureCards are the drivers' cards, one per card finding.
func fixtureCards() []Card {
	valid := now.AddDate(2, 0, 0)
	return []Card{
		{Number: "FAST0001", Holder: "A. Driver", Kind: CardFAST, ValidUntil: valid},
		{Number: "FAST0002", Holder: "B. Driver", Kind: CardFAST, ValidUntil: valid},
		{Number: "CDRP0001", Holder: "C. Driver", Kind: CardCDRP, ValidUntil: valid},
		{Number: "EXP0001", Holder: "D. Driver", Kind: CardFAST, ValidUntil: now},
		{Number: "REV0001", Holder: "E. Driver", Kind: CardFAST, ValidUntil: valid, Revoked: true},
		{Number: "STH0001", Holder: "F. Driver", Kind: CardFAST, ValidUntil: valid, South: true},
	}
}

// fixture builds the test snapshot under rules.
func fixture(tb testing.TB, rules Rules) *Snapshot {
	tb.Helper()
	if err := rules.Validate(); err != nil {
		tb.Fatal(err)
	}
	return Build(fixtureParties(tb), fixtureCards(), rules, now)
}

// baseShipment is a shipment that qualifies for FAST into Canada.
func baseShipment() Shipment {
	return Shipment{
		Direction: IntoCA, Mode: "highway",
		Importer:    Identifier{"bn15", "123026635 rm 0001"},
		Carrier:     Identifier{"cbsa_carrier", "8080"},
		DriverCards: []string{"fast-0001"},
		Container:   "CSQU 305438-3", Seal: "SEAL1", SealClass: "H",
		Destination: "Sarnia", Ref: "ref-1",
	}
}
