package partner_test

import (
	"testing"

	"trustlane/internal/partner"
)

func TestNameKey(t *testing.T) {
	cases := map[string]string{
		"Maple Freight Inc.":             "maple freight",
		"MAPLE FREIGHT INCORPORATED":     "maple freight",
		"Maple-Freight, Ltd.":            "maple freight",
		"Transportes Ñandú S.A. de C.V.": "transportes nandu",
		"Société Générale de Fret Ltée":  "societe generale fret",
		"O'Neil & Sons Co.":              "oneil and sons",
		"  Großhandel   Müller GmbH ":    "grosshandel muller",
		"Inc.":                           "inc",
		"":                               "",
		"Logistique Québec Incorporée":   "logistique quebec",
		"The Border Brokers Corporation": "border brokers",
	}
	for in, want := range cases {
		if got := partner.NameKey(in); got != want {
			t.Errorf("NameKey(%q) = %q, want %q", in, got, want)
		}
	}
}
