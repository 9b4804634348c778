package program_test

import (
	"slices"
	"strings"
	"testing"

	"trustlane/internal/errs"
	"trustlane/internal/ident"
	"trustlane/internal/program"
)

// validInput is a Canadian importer that also runs trucks, with every
// identifier the program requires of it.
func validInput() program.OrgInput {
	return program.OrgInput{
		LegalName: "Maple Freight Inc.", Category: "member",
		Address: program.Address{Line1: "1 Main St", City: "Ottawa", Region: "ON", PostalCode: "K1A 0L5", Country: "CA"},
		Sectors: []string{"importer", "highway_carrier"},
		Identifiers: map[string]string{
			"bn9": "123026635", "bn15": "123026635RM0001", "cbsa_carrier": "8080",
		},
	}
}

// fieldErrors lists an error's field errors as "field key", sorted, or
// fails the test when err is not an Invalid error.
func fieldErrors(t *testing.T, err error) []string {
	t.Helper()
	if err == nil {
		return nil
	}
	e, ok := errs.As(err)
	if !ok || e.Code != errs.Invalid {
		t.Fatalf("error %v is not an Invalid error", err)
	}
	var out []string
	for _, f := range e.Fields {
		out = append(out, f.Field+" "+f.Key)
	}
	slices.Sort(out)
	return out
}

func TestNewOrganizationFields(t *testing.T) {
	tests := []struct {
		name string
		edit func(in *program.OrgInput)
		want []string // "field key", sorted; nil means valid
	}{
		{"valid", func(in *program.OrgInput) {}, nil},
		{"legal name missing", func(in *program.OrgInput) { in.LegalName = " \t " }, []string{"legal_name error.required"}},
		{"legal name 200 runes", func(in *program.OrgInput) { in.LegalName = strings.Repeat("é", 200) }, nil},
		{"legal name 201 runes", func(in *program.OrgInput) { in.LegalName = strings.Repeat("é", 201) }, []string{"legal_name error.too_long"}},
		{"operating name too long", func(in *program.OrgInput) { in.OperatingName = strings.Repeat("x", 201) }, []string{"operating_name error.too_long"}},
		{"category empty means member", func(in *program.OrgInput) { in.Category = "" }, nil},
		{"category unknown", func(in *program.OrgInput) { in.Category = "partner" }, []string{"category error.choose_option"}},
		{"phone", func(in *program.OrgInput) { in.Phone = "+1 (613) 555-0100" }, nil},
		{"phone with letters", func(in *program.OrgInput) { in.Phone = "call reception" }, []string{"phone error.phone"}},
		{"phone too short", func(in *program.OrgInput) { in.Phone = "55501" }, []string{"phone error.phone"}},
		{"website", func(in *program.OrgInput) { in.Website = "https://maple.example" }, nil},
		{"website http", func(in *program.OrgInput) { in.Website = "http://maple.example/about" }, nil},
		{"website without scheme", func(in *program.OrgInput) { in.Website = "maple.example" }, []string{"website error.url"}},
		{"website ftp", func(in *program.OrgInput) { in.Website = "ftp://maple.example" }, []string{"website error.url"}},
		{"website without host", func(in *program.OrgInput) { in.Website = "https://" }, []string{"website error.url"}},
		{"javascript URL", func(in *program.OrgInput) { in.Website = "javascript:alert(1)" }, []string{"website error.url"}},
		{"no sectors", func(in *program.OrgInput) { in.Sectors = nil }, []string{"sectors error.sector_required"}},
		{"blank sectors", func(in *program.OrgInput) { in.Sectors = []string{} }, []string{"sectors error.sector_required"}},
		{"unknown sector", func(in *program.OrgInput) { in.Sectors = []string{"importer", "smuggler"} }, []string{"sectors error.sector_unknown"}},
		{"every field wrong at once", func(in *program.OrgInput) {
			*in = program.OrgInput{Category: "x", Phone: "?", Website: "x", Address: program.Address{Country: "MX"}}
		}, []string{
			"address.city error.required", "address.country error.country", "address.line1 error.required",
			"category error.choose_option", "legal_name error.required", "phone error.phone",
			"sectors error.sector_required", "website error.url",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := validInput()
			tt.edit(&in)
			o, err := program.NewOrganization(in)
			if got := fieldErrors(t, err); !slices.Equal(got, tt.want) {
				t.Fatalf("field errors = %q, want %q", got, tt.want)
			}
			if err == nil && (o.ID != "" || o.LegalName == "" || !o.Category.Valid()) {
				t.Errorf("organization = %+v", o)
			}
		})
	}
}

func TestNewOrganizationCleansInput(t *testing.T) {
	in := validInput()
	in.LegalName, in.OperatingName = "  Maple \t Freight\nInc. ", " Maple "
	in.Category, in.Lang = " ", "de"
	in.Address = program.Address{Line1: " 1  Main St ", City: "ottawa", Region: " on ", PostalCode: "k1a0a9", Country: " ca "}
	in.Sectors = []string{"customs_broker", " highway_carrier ", "importer", "highway_carrier"}
	in.Identifiers = map[string]string{"bn15": "123026635 rm 0001", "cbsa_carrier": " ab12 "}
	o, err := program.NewOrganization(in)
	if err != nil {
		t.Fatal(err)
	}
	if o.LegalName != "Maple Freight Inc." || o.OperatingName != "Maple" || o.Category != program.CategoryMember || o.Lang != "en" {
		t.Errorf("names, category, lang = %q %q %q %q", o.LegalName, o.OperatingName, o.Category, o.Lang)
	}
	want := program.Address{Line1: "1 Main St", City: "ottawa", Region: "ON", PostalCode: "K1A 0A9", Country: "CA"}
	if o.Address != want {
		t.Errorf("address = %+v, want %+v", o.Address, want)
	}
	if ws := []program.Sector{program.Importer, program.HighwayCarrier, program.CustomsBroker}; !slices.Equal(o.Sectors, ws) {
		t.Errorf("sectors = %v, want %v (deduplicated, in display order)", o.Sectors, ws)
	}
	wantIDs := map[ident.Kind]string{ident.BN15: "123026635RM0001", ident.BN9: "123026635", ident.CarrierCode: "AB12"}
	if len(o.Identifiers) != len(wantIDs) {
		t.Errorf("identifiers = %v, want %v", o.Identifiers, wantIDs)
	}
	for k, v := range wantIDs {
		if o.Identifiers[k] != v {
			t.Errorf("identifier %s = %q, want %q", k, o.Identifiers[k], v)
		}
	}
	in.Lang = "fr"
	if o, _ := program.NewOrganization(in); o.Lang != "fr" {
		t.Errorf("lang fr kept as %q", o.Lang)
	}
}

func TestNewOrganizationSectorOrderFollowsTheList(t *testing.T) {
	all := program.Sectors()
	var in []string
	for i := len(all) - 1; i >= 0; i-- {
		in = append(in, string(all[i]))
	}
	o, err := program.NewOrganization(program.OrgInput{
		LegalName: "All Trades Ltd", Category: "associate", Sectors: in,
		Address: program.Address{Line1: "1 Main St", City: "Ottawa", Region: "ON", PostalCode: "K1A 0L5", Country: "CA"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(o.Sectors, all) {
		t.Errorf("sectors = %v, want %v", o.Sectors, all)
	}
}
