package program_test

import (
	"slices"
	"testing"

	"trustlane/internal/ident"
	"trustlane/internal/program"
)

// org builds an input for a business in country with sectors, category and
// identifiers; the rest is valid.
func org(country, category string, sectors []string, ids map[string]string) program.OrgInput {
	a := program.Address{Line1: "1 Main St", City: "Ottawa", Region: "ON", PostalCode: "K1A 0L5", Country: "CA"}
	if country == "US" {
		a = program.Address{Line1: "1 Main St", City: "Buffalo", Region: "NY", PostalCode: "14201", Country: "US"}
	}
	return program.OrgInput{LegalName: "Test Co", Category: category, Address: a, Sectors: sectors, Identifiers: ids}
}

type ids = map[string]string

func TestNewOrganizationIdentifierRules(t *testing.T) {
	imp, broker, hwy := []string{"importer"}, []string{"customs_broker"}, []string{"highway_carrier"}
	tests := []struct {
		name string
		in   program.OrgInput
		want []string              // field errors, sorted
		ids  map[ident.Kind]string // when valid: every identifier kept
	}{
		{"CA broker with BN9", org("CA", "member", broker, ids{"bn9": "123 026 635"}), nil,
			map[ident.Kind]string{ident.BN9: "123026635"}},
		{"CA broker without BN9", org("CA", "member", broker, nil), []string{"identifiers.bn9 error.bn9_required"}, nil},
		{"US broker needs no BN", org("US", "member", broker, nil), nil, map[ident.Kind]string{}},
		{"BN9 checksum", org("CA", "member", broker, ids{"bn9": "123456783"}), []string{"identifiers.bn9 error.identifier.checksum"}, nil},
		{"BN9 length", org("CA", "member", broker, ids{"bn9": "12345"}), []string{"identifiers.bn9 error.identifier.bn9"}, nil},
		{"BN9 reserved", org("CA", "member", broker, ids{"bn9": "000000000"}), []string{"identifiers.bn9 error.identifier.bn9"}, nil},
		{"BN15 derives BN9", org("CA", "member", imp, ids{"bn15": "123026635-rm-0001"}), nil,
			map[ident.Kind]string{ident.BN9: "123026635", ident.BN15: "123026635RM0001"}},
		{"BN15 and matching BN9", org("CA", "member", imp, ids{"bn9": "123026635", "bn15": "123026635RM0002"}), nil,
			map[ident.Kind]string{ident.BN9: "123026635", ident.BN15: "123026635RM0002"}},
		{"BN15 and another BN9", org("CA", "member", imp, ids{"bn9": "123456782", "bn15": "123026635RM0001"}),
			[]string{"identifiers.bn15 error.bn15_mismatch"}, nil},
		{"BN15 program unknown", org("CA", "member", imp, ids{"bn15": "123026635RX0001"}),
			[]string{"identifiers.bn15 error.identifier.bn15"}, nil},
		{"BN15 bad checksum, reported once", org("CA", "member", imp, ids{"bn15": "123456783RM0001"}),
			[]string{"identifiers.bn15 error.identifier.checksum"}, nil},
		{"importer with BN9 only", org("CA", "member", imp, ids{"bn9": "123026635"}), []string{"identifiers.bn15 error.bn15_rm_required"}, nil},
		{"exporter needs RM", org("CA", "member", []string{"exporter"}, nil), []string{"identifiers.bn15 error.bn15_rm_required"}, nil},
		{"US importer needs RM", org("US", "member", imp, ids{"us_ein": "12-3456789"}), []string{"identifiers.bn15 error.bn15_rm_required"}, nil},
		{"US importer with RM", org("US", "member", imp, ids{"bn15": "123026635RM0001", "us_ein": "123456789"}), nil,
			map[ident.Kind]string{ident.BN9: "123026635", ident.BN15: "123026635RM0001", ident.EIN: "12-3456789"}},
		{"CA carrier without carrier code", org("CA", "member", hwy, ids{"bn9": "123026635"}),
			[]string{"identifiers.cbsa_carrier error.carrier_code_required"}, nil},
		{"US carrier without carrier code", org("US", "member", hwy, ids{"scac": "abcd"}),
			[]string{"identifiers.cbsa_carrier error.carrier_code_required"}, nil},
		{"courier is a carrier", org("US", "member", []string{"courier"}, nil),
			[]string{"identifiers.cbsa_carrier error.carrier_code_required"}, nil},
		{"every carrier sector", org("US", "member", []string{"rail_carrier", "marine_carrier", "air_carrier"}, ids{"cbsa_carrier": "9a9b"}), nil,
			map[ident.Kind]string{ident.CarrierCode: "9A9B"}},
		{"carrier code malformed", org("US", "member", hwy, ids{"cbsa_carrier": "AB"}),
			[]string{"identifiers.cbsa_carrier error.identifier.cbsa_carrier"}, nil},
		{"CA importer carrier with nothing", org("CA", "member", []string{"importer", "highway_carrier"}, nil),
			[]string{"identifiers.bn15 error.bn15_rm_required", "identifiers.cbsa_carrier error.carrier_code_required"}, nil},
		{"associate importer carrier files nothing", org("CA", "associate", []string{"importer", "highway_carrier"}, nil), nil,
			map[ident.Kind]string{}},
		{"associate identifiers still checked", org("CA", "associate", imp, ids{"bn9": "123456783"}),
			[]string{"identifiers.bn9 error.identifier.checksum"}, nil},
		{"one kind given twice", org("CA", "member", broker, ids{"bn9": "123456782", "BN9": "123456782"}), []string{"identifiers.bn9 error.identifier_twice"}, nil},
		{"unknown identifier kind", org("US", "member", broker, ids{"duns": "123456789"}), []string{"identifiers error.identifier_kind"}, nil},
		{"blank identifiers ignored", org("US", "member", broker, ids{"scac": "  ", "mid": ""}), nil, map[ident.Kind]string{}},
		{"several bad identifiers", org("US", "member", broker, ids{"scac": "AB12", "us_ein": "00-1234567", "eori": "XX"}), []string{
			"identifiers.eori error.identifier.eori", "identifiers.scac error.identifier.scac", "identifiers.us_ein error.identifier.us_ein",
		}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, err := program.NewOrganization(tt.in)
			if got := fieldErrors(t, err); !slices.Equal(got, tt.want) {
				t.Fatalf("field errors = %q, want %q", got, tt.want)
			}
			if err != nil {
				return
			}
			if len(o.Identifiers) != len(tt.ids) {
				t.Errorf("identifiers = %v, want %v", o.Identifiers, tt.ids)
			}
			for k, v := range tt.ids {
				if o.Identifiers[k] != v {
					t.Errorf("identifier %s = %q, want %q", k, o.Identifiers[k], v)
				}
			}
		})
	}
}

func TestImporterNeedsAnRMAccount(t *testing.T) {
	// A GST (RT) account is present but is not the import-export account
	// that declarations are filed under. (Regression: it once passed.)
	for _, sector := range []string{"importer", "exporter"} {
		_, err := program.NewOrganization(org("CA", "member", []string{sector}, ids{"bn15": "123026635RT0001"}))
		if got := fieldErrors(t, err); !slices.Equal(got, []string{"identifiers.bn15 error.bn15_rm_required"}) {
			t.Errorf("%s with an RT account: field errors = %q", sector, got)
		}
	}
}

func TestIdentifierKindsIgnoreCase(t *testing.T) {
	// ParseKind folds case, so "SCAC" is a known kind; its value must be kept.
	// (Regression: it was once accepted and silently dropped.)
	o, err := program.NewOrganization(org("US", "member", []string{"customs_broker"}, ids{"SCAC": "ABCD"}))
	if err != nil || o.Identifiers[ident.SCAC] != "ABCD" {
		t.Errorf("identifier SCAC=ABCD accepted and dropped: identifiers = %v", o.Identifiers)
	}
}
