package demo

import (
	"trustlane/internal/auth"
	"trustlane/internal/program"
)

type person struct {
	name, title, email string
	role               auth.Role
}

type companySeed struct {
	org         program.OrgInput
	owner       person
	members     []person
	invitations []person
	// sectionsAnswered is how many Security Profile sections the demo
	// answers, so profiles show every stage of progress.
	sectionsAnswered int
}

func addr(line1, city, region, postal, country string) program.Address {
	return program.Address{Line1: line1, City: city, Region: region, PostalCode: postal, Country: country}
}

// companies covers every sector, both countries and both languages. The
// business numbers pass their check digit; none belongs to a real business.
var companies = []companySeed{
	{
		org: program.OrgInput{LegalName: "Maple Leaf Freightways Inc.", OperatingName: "Maple Freight", Category: "member",
			Address: addr("2200 Industrial Pkwy", "Windsor", "ON", "N8W 5B4", "CA"), Phone: "+1 519 555 0142",
			Sectors: []string{"highway_carrier", "importer"}, Lang: "en",
			Identifiers: map[string]string{"bn15": "871012373RM0001", "cbsa_carrier": "8K4M", "scac": "MLFW"}},
		owner: person{"Sarah Mitchell", "Director of Compliance", "sarah@maplefreight.example", auth.AccountOwner},
		members: []person{
			{"Daniel Okafor", "Security Manager", "daniel@maplefreight.example", auth.ProxyOwner},
			{"Lucie Gagnon", "Customs Analyst", "lucie@maplefreight.example", auth.FullAccess},
			{"Tom Becker", "Auditor", "tom@maplefreight.example", auth.ReadOnly},
		},
		invitations:      []person{{"", "", "newhire@maplefreight.example", auth.FullAccess}},
		sectionsAnswered: 4,
	},
	{
		org: program.OrgInput{LegalName: "Transports Laurentides ltée", Category: "member",
			Address: addr("455 boulevard des Entreprises", "Boisbriand", "QC", "J7G 2T4", "CA"),
			Sectors: []string{"highway_carrier"}, Lang: "fr",
			Identifiers: map[string]string{"bn9": "871024741", "cbsa_carrier": "TL27"}},
		owner:            person{"Jean-François Bélanger", "Président", "jf@laurentides.example", auth.AccountOwner},
		members:          []person{{"Isabelle Côté", "Coordonnatrice sécurité", "isabelle@laurentides.example", auth.FullAccess}},
		sectionsAnswered: 99,
	},
	{
		org: program.OrgInput{LegalName: "Prairie Rail Services Ltd.", Category: "member",
			Address: addr("1 Rail Yard Rd", "Winnipeg", "MB", "R2X 2V6", "CA"),
			Sectors: []string{"rail_carrier"}, Lang: "en",
			Identifiers: map[string]string{"bn9": "871037115", "cbsa_carrier": "PR01", "scac": "PRSL"}},
		owner: person{"Ken Wallace", "VP Operations", "ken@prairierail.example", auth.AccountOwner},
	},
	{
		org: program.OrgInput{LegalName: "Atlantic Coastal Shipping Corp.", Category: "member",
			Address: addr("50 Terminal Rd", "Halifax", "NS", "B3H 4R5", "CA"),
			Sectors: []string{"marine_carrier", "warehouse_operator"}, Lang: "en",
			Identifiers: map[string]string{"bn9": "871049482", "cbsa_carrier": "ACS9"}},
		owner:   person{"Fiona MacDonald", "Chief Security Officer", "fiona@atlanticcoastal.example", auth.AccountOwner},
		members: []person{{"Ravi Patel", "Terminal Manager", "ravi@atlanticcoastal.example", auth.ProxyOwner}},
	},
	{
		org: program.OrgInput{LegalName: "Northern Sky Cargo Inc.", Category: "member",
			Address: addr("6500 Silver Dart Dr", "Mississauga", "ON", "L5P 1B2", "CA"),
			Sectors: []string{"air_carrier", "courier"}, Lang: "en",
			Identifiers: map[string]string{"bn9": "871061859", "cbsa_carrier": "NSC2"}},
		owner: person{"Aisha Rahman", "Director, Cargo Security", "aisha@northernsky.example", auth.AccountOwner},
	},
	{
		org: program.OrgInput{LegalName: "Importations Boréal inc.", Category: "member",
			Address: addr("1200 rue Notre-Dame Ouest", "Montréal", "QC", "H3C 1K9", "CA"),
			Sectors: []string{"importer", "exporter"}, Lang: "fr",
			Identifiers: map[string]string{"bn15": "871074225RM0001", "eori": "FR12345678901"}},
		owner:            person{"Camille Lefebvre", "Directrice de la conformité", "camille@boreal.example", auth.AccountOwner},
		members:          []person{{"Hugo Martin", "Analyste douanier", "hugo@boreal.example", auth.FullAccess}},
		sectionsAnswered: 2,
	},
	{
		org: program.OrgInput{LegalName: "Pacific Gateway Logistics Ltd.", Category: "member",
			Address: addr("8800 River Rd", "Richmond", "BC", "V6X 1Y6", "CA"),
			Sectors: []string{"freight_forwarder", "warehouse_operator"}, Lang: "en",
			Identifiers: map[string]string{"bn9": "871086591"}},
		owner: person{"Kevin Chen", "General Manager", "kevin@pacificgateway.example", auth.AccountOwner},
	},
	{
		org: program.OrgInput{LegalName: "Border Brokers Co.", Category: "member",
			Address: addr("1 Peace Bridge Plaza", "Fort Erie", "ON", "L2A 5N1", "CA"),
			Sectors: []string{"customs_broker"}, Lang: "en",
			Identifiers: map[string]string{"bn9": "871098968"}},
		owner: person{"Emily Novak", "Licensed Customs Broker", "emily@borderbrokers.example", auth.AccountOwner},
	},
	{
		org: program.OrgInput{LegalName: "Great Lakes Trucking LLC", Category: "member",
			Address: addr("3000 W Fort St", "Detroit", "MI", "48216", "US"),
			Sectors: []string{"highway_carrier"}, Lang: "en",
			Identifiers: map[string]string{"cbsa_carrier": "GLT4", "scac": "GLTK", "us_ein": "38-1234567"}},
		owner: person{"Mike Kowalski", "Safety Director", "mike@greatlakestrucking.example", auth.AccountOwner},
	},
	{
		org: program.OrgInput{LegalName: "Harbour Shipping Agencies Ltd.", Category: "member",
			Address: addr("200 Granville St", "Vancouver", "BC", "V6C 1S4", "CA"),
			Sectors: []string{"shipping_agent"}, Lang: "en",
			Identifiers: map[string]string{"bn9": "871111332"}},
		owner: person{"Nora Singh", "Agency Manager", "nora@harbourshipping.example", auth.AccountOwner},
	},
	{
		org: program.OrgInput{LegalName: "Canadian Supply Chain Security Association", Category: "associate",
			Address: addr("99 Bank St", "Ottawa", "ON", "K1P 6B9", "CA"),
			Sectors: []string{"freight_forwarder"}, Lang: "en",
			Identifiers: map[string]string{"bn9": "871123709"}},
		owner: person{"Paul Dubois", "Executive Director", "paul@cscsa.example", auth.AccountOwner},
	},
}
