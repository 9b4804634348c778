package ident

import (
	"strings"
	"testing"
)

func TestCarrierCode(t *testing.T) {
	runTable(t, CarrierCode, CheckCarrierCode, []tcase{
		{"8080", "8080", ""},
		{"ABCD", "ABCD", ""},
		{"abcd", "ABCD", ""},
		{" a1b2 ", "A1B2", ""},
		{"0000", "0000", ""},
		{"ABC", "", "length"},
		{"ABCDE", "", "length"},
		{"AB C", "", "charset"},
		{"AB-C", "", "charset"},
		{"ÀBCD", "", "charset"},
		{"ſcac", "", "charset"},
		{"", "", "empty"},
	})
}

func TestSCAC(t *testing.T) {
	runTable(t, SCAC, CheckSCAC, []tcase{
		{"UPSN", "UPSN", ""},
		{"ab", "AB", ""},
		{" abc ", "ABC", ""},
		{"A", "", "length"},
		{"ABCDE", "", "length"},
		{"AB12", "", "charset"},
		{"A1", "", "charset"},
		{"AB C", "", "charset"},
		{"ſcac", "", "charset"}, // long s would upper-case to S with Unicode rules
		{"", "", "empty"},
	})
}

func TestMID(t *testing.T) {
	runTable(t, MID, CheckMID, []tcase{
		{"CNACMTOY1234BEI", "CNACMTOY1234BEI", ""},
		{"cnacmtoy1234bei", "CNACMTOY1234BEI", ""},
		{"CAAB", "CAAB", ""},
		{"XX12", "XX12", ""}, // country letters are not checked against ISO
		{"CN1", "", "length"},
		{"CNACMTOY1234BEIJ", "", "length"},
		{"1NABC", "", "country"},
		{"C1ABC", "", "country"},
		{"CN-ABC", "", "charset"},
		{"CN ABC", "", "charset"},
		{"ıtabc", "", "charset"}, // dotless i would upper-case to I
		{"", "", "empty"},
	})
}

func TestEORI(t *testing.T) {
	runTable(t, EORI, CheckEORI, []tcase{
		{"DE123456789012345", "DE123456789012345", ""},
		{"GB123456789000", "GB123456789000", ""},
		{"XI123456789000", "XI123456789000", ""},
		{"EL123456789", "EL123456789", ""},
		{"GR123456789", "GR123456789", ""},
		{"CA123456789RM0001", "CA123456789RM0001", ""},
		{"de 1234 5678", "DE12345678", ""},
		{"FR1", "FR1", ""},
		{"NLABC", "NLABC", ""},
		{"DE", "", "length"},
		{"DE1234567890123456", "", "length"},
		{"XX12345", "", "country"},
		{"UK123456", "", "country"}, // not ISO: the UK uses GB
		{"EU123456", "", "country"},
		{"12345678", "", "country"},
		{"D1234567", "", "country"},
		{"DE-123", "", "charset"},
		{"DE123/45", "", "charset"},
		{"ſe12345", "", "charset"},
		{"", "", "empty"},
	})
}

func TestEORICountryList(t *testing.T) {
	codes := strings.Fields(iso3166Alpha2)
	if len(codes) != 249 {
		t.Errorf("iso3166Alpha2 has %d codes, want 249", len(codes))
	}
	seen := map[string]bool{}
	prev := ""
	for _, c := range codes {
		if len(c) != 2 || !isUpper(c[0]) || !isUpper(c[1]) {
			t.Errorf("malformed code %q", c)
		}
		if seen[c] || c <= prev {
			t.Errorf("code %q duplicated or out of order", c)
		}
		seen[c] = true
		prev = c
	}
	// A few spot checks against the ISO list, including recent changes.
	for _, c := range []string{"CA", "US", "GB", "GR", "SS", "CW", "SX", "BQ", "XI", "EL"} {
		if !eoriCountries[c] {
			t.Errorf("%s missing", c)
		}
	}
	for _, c := range []string{"AN", "UK", "EU", "YU", "CS", "XK"} {
		if eoriCountries[c] {
			t.Errorf("%s should not be accepted", c)
		}
	}
}
