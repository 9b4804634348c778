package program_test

import (
	"slices"
	"strings"
	"testing"

	"trustlane/internal/program"
)

// withAddress is a valid organization that files nothing at the border (an
// associate), so only the address decides.
func withAddress(a program.Address) program.OrgInput {
	return program.OrgInput{LegalName: "Port Association", Category: "associate", Sectors: []string{"shipping_agent"}, Address: a}
}

func TestNewOrganizationAddress(t *testing.T) {
	ca := func(region, postal string) program.Address {
		return program.Address{Line1: "1 Main St", City: "Ottawa", Region: region, PostalCode: postal, Country: "CA"}
	}
	us := func(region, zip string) program.Address {
		return program.Address{Line1: "1 Main St", City: "Buffalo", Region: region, PostalCode: zip, Country: "US"}
	}
	tests := []struct {
		name       string
		addr       program.Address
		want       []string
		wantPostal string
	}{
		{"CA postal with space", ca("ON", "K1A 0A9"), nil, "K1A 0A9"},
		{"CA postal lower case without space", ca("on", "k1a0a9"), nil, "K1A 0A9"},
		{"CA postal with inner spaces", ca("QC", " h2x  1y4 "), nil, "H2X 1Y4"},
		{"CA postal with hyphen", ca("ON", "K1A-0A9"), []string{"address.postal_code error.postal_code"}, ""},
		{"CA postal starting with D", ca("ON", "D1A 0A9"), []string{"address.postal_code error.postal_code"}, ""},
		{"CA postal starting with W", ca("ON", "W1A 0A9"), []string{"address.postal_code error.postal_code"}, ""},
		{"CA postal with O in third place", ca("ON", "K1O 0A9"), []string{"address.postal_code error.postal_code"}, ""},
		{"CA postal too short", ca("ON", "K1A 0A"), []string{"address.postal_code error.postal_code"}, ""},
		{"CA US ZIP", ca("ON", "20229"), []string{"address.postal_code error.postal_code"}, ""},
		{"CA territory", ca("NU", "X0A 0H0"), nil, "X0A 0H0"},
		{"CA unknown province", ca("PQ", "H2X 1Y4"), []string{"address.region error.province"}, ""},
		{"CA US state", ca("NY", "K1A 0A9"), []string{"address.region error.province"}, ""},
		{"CA no region", ca("", "K1A 0A9"), []string{"address.region error.province"}, ""},
		{"US ZIP", us("NY", "14201"), nil, "14201"},
		{"US ZIP+4", us("ny", "14201-1234"), nil, "14201-1234"},
		{"US ZIP short", us("NY", "1420"), []string{"address.postal_code error.zip_code"}, ""},
		{"US ZIP+4 without hyphen", us("NY", "142011234"), []string{"address.postal_code error.zip_code"}, ""},
		{"US Canadian postal code", us("NY", "K1A 0A9"), []string{"address.postal_code error.zip_code"}, ""},
		{"US Puerto Rico", us("PR", "00901"), nil, "00901"},
		{"US province", us("ON", "14201"), []string{"address.region error.state"}, ""},
		{"US both wrong", us("XX", "x"), []string{"address.postal_code error.zip_code", "address.region error.state"}, ""},
		{"country lower case", program.Address{Line1: "1 Main St", City: "Ottawa", Region: "ON", PostalCode: "K1A 0A9", Country: "ca"}, nil, "K1A 0A9"},
		{"Mexico refused", program.Address{Line1: "Av. Reforma 1", City: "CDMX", Region: "CMX", PostalCode: "06600", Country: "MX"}, []string{"address.country error.country"}, ""},
		{"United Kingdom refused", program.Address{Line1: "1 High St", City: "Dover", PostalCode: "CT16 1JA", Country: "GB"}, []string{"address.country error.country"}, ""},
		{"country name refused", program.Address{Line1: "1 Main St", City: "Ottawa", Region: "ON", PostalCode: "K1A 0A9", Country: "Canada"}, []string{"address.country error.country"}, ""},
		{"no country", program.Address{Line1: "1 Main St", City: "Ottawa"}, []string{"address.country error.country"}, ""},
		{"line and city missing", lines(ca("ON", "K1A 0A9"), "", "", ""), []string{"address.city error.required", "address.line1 error.required"}, ""},
		{"line 1 too long", lines(ca("ON", "K1A 0A9"), strings.Repeat("x", 201), "", "Ottawa"), []string{"address.line1 error.too_long"}, ""},
		{"line 2 too long", lines(ca("ON", "K1A 0A9"), "1 Main St", strings.Repeat("x", 201), "Ottawa"), []string{"address.line2 error.too_long"}, ""},
		{"city too long", lines(ca("ON", "K1A 0A9"), "1 Main St", "", strings.Repeat("é", 201)), []string{"address.city error.too_long"}, ""},
		{"200 runes fit", lines(ca("ON", "K1A 0A9"), strings.Repeat("é", 200), strings.Repeat("é", 200), strings.Repeat("é", 200)), nil, "K1A 0A9"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, err := program.NewOrganization(withAddress(tt.addr))
			if got := fieldErrors(t, err); !slices.Equal(got, tt.want) {
				t.Fatalf("field errors = %q, want %q", got, tt.want)
			}
			if err == nil && o.Address.PostalCode != tt.wantPostal {
				t.Errorf("postal code = %q, want %q", o.Address.PostalCode, tt.wantPostal)
			}
			if err == nil && (o.Address.Region != strings.ToUpper(strings.TrimSpace(tt.addr.Region)) || len(o.Address.Country) != 2) {
				t.Errorf("region, country = %q, %q", o.Address.Region, o.Address.Country)
			}
		})
	}
}

// lines replaces an address's street lines and city.
func lines(a program.Address, line1, line2, city string) program.Address {
	a.Line1, a.Line2, a.City = line1, line2, city
	return a
}

func TestEveryProvinceAndTerritoryIsAccepted(t *testing.T) {
	for _, p := range []string{"AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"} {
		a := program.Address{Line1: "1 Main St", City: "Town", Region: p, PostalCode: "K1A 0A9", Country: "CA"}
		if _, err := program.NewOrganization(withAddress(a)); err != nil {
			t.Errorf("province %s: %v", p, err)
		}
	}
}
