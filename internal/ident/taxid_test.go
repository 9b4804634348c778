package ident

import (
	"fmt"
	"testing"
)

func TestBN9(t *testing.T) {
	runTable(t, BN9, CheckBN9, []tcase{
		{"123026635", "123026635", ""},
		{" 123 026 635 ", "123026635", ""},
		{"123-026-635", "123026635", ""},
		{"123456782", "123456782", ""},
		{"123456783", "", "checksum"},
		{"123026636", "", "checksum"},
		{"000000000", "", "reserved"},
		{"000 000 000", "", "reserved"},
		{"", "", "empty"},
		{"  ", "", "empty"},
		{"-", "", "empty"},
		{"12302663", "", "length"},
		{"1230266350", "", "length"},
		{"12302663A", "", "charset"},
		{"123026635RM0001", "", "charset"},
		{"１２３０２６６３５", "", "charset"}, // full-width digits
		{"123\t026635", "", "charset"},
	})
}

func TestBN15(t *testing.T) {
	cases := []tcase{
		{"123026635RM0001", "123026635RM0001", ""},
		{"123026635 RM 0001", "123026635RM0001", ""},
		{"123026635-rm-0001", "123026635RM0001", ""},
		{" 123026635rm0001\n", "123026635RM0001", ""},
		{"123026635RM9999", "123026635RM9999", ""},
		{"123026635RM0000", "", "reference"},
		{"123456783RM0001", "", "checksum"},
		{"000000000RM0001", "", "reserved"},
		{"123026635RM001", "", "length"},
		{"123026635RM00001", "", "length"},
		{"123026635", "", "length"},
		{"123026635R10001", "", "charset"},
		{"1230266351M0001", "", "charset"},
		{"123026635RM000A", "", "charset"},
		{"12302663ARM0001", "", "charset"},
		{"123026635RM.0001", "", "charset"},
		{"", "", "empty"},
	}
	for _, p := range []string{"RC", "RM", "RP", "RT"} {
		cases = append(cases, tcase{"123026635" + p + "0001", "123026635" + p + "0001", ""})
	}
	// Real CRA programs outside the accepted set, and nonsense codes.
	for _, p := range []string{"RR", "RZ", "RD", "RG", "XX", "MR", "TR"} {
		cases = append(cases, tcase{"123026635" + p + "0001", "", "program"})
	}
	runTable(t, BN15, CheckBN15, cases)
}

// validEINPrefix transcribes the IRS campus prefix ranges independently of
// the package's gap table.
func validEINPrefix(p int) bool {
	ranges := [][2]int{{1, 6}, {10, 16}, {20, 27}, {30, 48}, {50, 68}, {71, 77}, {80, 88}, {90, 95}, {98, 99}}
	for _, r := range ranges {
		if r[0] <= p && p <= r[1] {
			return true
		}
	}
	return false
}

func TestEIN(t *testing.T) {
	cases := []tcase{
		{"12-3456789", "12-3456789", ""},
		{"123456789", "12-3456789", ""},
		{" 12 3456789 ", "12-3456789", ""},
		{"12-3456789AB", "12-3456789AB", ""},
		{"12-3456789ab", "12-3456789AB", ""},
		{"12-3456789-a1", "12-3456789A1", ""},
		{"12345678900", "12-345678900", ""},
		{"07-1144442", "", "prefix"},
		{"12-3456789AO", "", "suffix"},
		{"12-3456789IA", "", "suffix"},
		{"12-3456789ZZ", "", "suffix"},
		{"12-3456789A", "", "length"},
		{"12-345678", "", "length"},
		{"12-34567890123", "", "length"},
		{"12-345678A", "", "charset"},
		{"AB-3456789", "", "charset"},
		{"12-3456789A!", "", "charset"},
		{"12_3456789", "", "charset"},
		{"", "", "empty"},
		{" - ", "", "empty"},
	}
	for p := 0; p <= 99; p++ {
		in := fmt.Sprintf("%02d-1144442", p)
		if validEINPrefix(p) {
			cases = append(cases, tcase{in, in, ""}, tcase{in + "A1", in + "A1", ""})
		} else {
			cases = append(cases, tcase{in, "", "prefix"}, tcase{in + "A1", "", "prefix"})
		}
	}
	runTable(t, EIN, CheckEIN, cases)
}

func TestEINInvalidPrefixesListed(t *testing.T) {
	// The brief's list of prefixes the IRS never assigned, verbatim.
	invalid := []int{0, 7, 8, 9, 17, 18, 19, 28, 29, 49, 69, 70, 78, 79, 89, 96, 97}
	for _, p := range invalid {
		if validEINPrefix(p) {
			t.Errorf("prefix %02d in a valid range", p)
		}
		if _, err := CheckEIN(fmt.Sprintf("%02d3456789", p)); err == nil {
			t.Errorf("prefix %02d accepted", p)
		}
	}
	if n := len(einInvalidPrefix); n != len(invalid) {
		t.Errorf("einInvalidPrefix has %d entries, want %d", n, len(invalid))
	}
}
