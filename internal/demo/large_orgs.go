package demo

import (
	"fmt"
	"strings"
	"time"

	"trustlane/internal/ident"
	"trustlane/internal/program"
)

var (
	nameWords = []string{"Maple", "Northern", "Atlantic", "Pacific", "Prairie", "Laurentian", "Great Lakes", "Boreal", "Summit", "Harbour",
		"Frontier", "Cascade", "Granite", "Evergreen", "Polar", "Riverbend", "Keystone", "Lakeshore", "Timberline", "Aurora"}
	nameKinds = []string{"Freight", "Logistics", "Trading", "Imports", "Transport", "Distribution", "Supply", "Cargo", "Foods", "Industries"}
	suffixCA  = []string{"Inc.", "Ltd.", "Corp.", "ltée", "inc."}
	suffixUS  = []string{"LLC", "Inc.", "Corp.", "Co."}
	citiesCA  = [][3]string{{"Windsor", "ON", "N8W 5B4"}, {"Montréal", "QC", "H3C 1K9"}, {"Vancouver", "BC", "V6C 1S4"}, {"Winnipeg", "MB", "R2X 2V6"},
		{"Halifax", "NS", "B3H 4R5"}, {"Calgary", "AB", "T2P 1J9"}, {"Sarnia", "ON", "N7T 7H5"}, {"Fort Erie", "ON", "L2A 5N1"}}
	citiesUS = [][3]string{{"Detroit", "MI", "48216"}, {"Buffalo", "NY", "14202"}, {"Blaine", "WA", "98230"}, {"Chicago", "IL", "60607"},
		{"Pembina", "ND", "58271"}, {"Champlain", "NY", "12919"}}
	// einPrefixes are IRS campus prefixes (facts §6).
	einPrefixes = []string{"01", "10", "20", "27", "33", "41", "52", "61", "75", "83", "91", "98"}
	base36      = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
)

// otherSectors are the sectors besides importer and highway carrier.
var otherSectors = []program.Sector{program.Exporter, program.RailCarrier, program.MarineCarrier, program.AirCarrier,
	program.WarehouseOperator, program.FreightForwarder, program.ShippingAgent, program.CustomsBroker}

// luhnComplete appends the Luhn check digit to an 8-digit base.
func luhnComplete(base string) string {
	for d := 0; d <= 9; d++ {
		s := base + fmt.Sprint(d)
		if _, err := ident.CheckBN9(s); err == nil {
			return s
		}
	}
	panic("no Luhn digit for " + base) // one of ten digits always completes it
}

// code4 spells n in four characters of alphabet after the first, for
// carrier codes and SCACs that cannot meet the small demo's.
func code4(first byte, alphabet string, n int) string {
	b := []byte{first, 0, 0, 0}
	for i := 3; i >= 1; i-- {
		b[i] = alphabet[n%len(alphabet)]
		n /= len(alphabet)
	}
	return string(b)
}

// makeOrgs writes organizations: about 30% highway carriers, about half
// importers, a quarter in the US; every identifier passes its check.
func (g *gen) makeOrgs() {
	for i := range g.size.Orgs {
		created := Anchor.AddDate(0, 0, -30-g.rng.IntN(6*365)).Add(time.Duration(g.rng.IntN(86400)) * time.Second)
		us := g.rng.IntN(4) == 0
		var sectors []program.Sector
		if g.rng.IntN(100) < 30 {
			sectors = append(sectors, program.HighwayCarrier)
		}
		if g.rng.IntN(100) < 55 || len(sectors) == 0 && g.rng.IntN(2) == 0 {
			sectors = append(sectors, program.Importer)
		}
		if len(sectors) == 0 || g.rng.IntN(4) == 0 {
			sectors = append(sectors, pick(g, otherSectors))
		}
		name := pick(g, nameWords) + " " + pick(g, nameKinds)
		city, suffix, country, lang := pick(g, citiesCA), pick(g, suffixCA), "CA", "en"
		if us {
			city, suffix, country = pick(g, citiesUS), pick(g, suffixUS), "US"
		} else if city[1] == "QC" {
			lang = "fr"
		}
		o := program.Organization{ID: g.id(created), LegalName: fmt.Sprintf("%s %s %d", name, suffix, i+1), Category: program.CategoryMember,
			Address: program.Address{Line1: fmt.Sprintf("%d Commerce Way", 10+g.rng.IntN(9000)), City: city[0], Region: city[1],
				PostalCode: city[2], Country: country},
			Lang: lang, Sectors: sectors, Identifiers: map[ident.Kind]string{}, CreatedAt: created, UpdatedAt: created}
		g.identify(&o, i, us)
		g.orgs = append(g.orgs, o)
	}
}

// identify gives organization i its identifiers: a BN9 or BN15 (Luhn) in
// Canada, an EIN in the US, a CBSA carrier code and a SCAC for carriers.
// Each is unique by construction, and none can equal the small demo's.
func (g *gen) identify(o *program.Organization, i int, us bool) {
	if us {
		o.Identifiers[ident.EIN] = fmt.Sprintf("%s-%07d", einPrefixes[i%len(einPrefixes)], 5_000_000+i)
	} else {
		bn := luhnComplete(fmt.Sprintf("%08d", 20_000_000+i))
		if strings.Contains(fmt.Sprint(o.Sectors), "importer") {
			o.Identifiers[ident.BN15] = bn + "RM0001"
		} else {
			o.Identifiers[ident.BN9] = bn
		}
	}
	for _, s := range o.Sectors {
		if s == program.HighwayCarrier || s == program.RailCarrier || s == program.MarineCarrier || s == program.AirCarrier {
			o.Identifiers[ident.CarrierCode] = code4("WXYZ"[i/46656%4], base36, i%46656)
			o.Identifiers[ident.SCAC] = code4("QV"[i/17576%2], "ABCDEFGHIJKLMNOPQRSTUVWXYZ", i%17576)
			break
		}
	}
}
