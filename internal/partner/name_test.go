package partner_test

import (
	"testing"

	"trustlane/internal/partner"
)

func TestNameKey(t *testing.T) {
	cases := []struct{ in, want string }{
		{"Maple Freight Inc.", "maple freight"},
		{"MAPLE FREIGHT INC", "maple freight"},
		{"Maple Freight, Incorporated", "maple freight"},
		{"maple   freight", "maple freight"},
		{"Transportes del Norte, S.A. de C.V.", "transportes del norte"},
		{"Transportes del Norte SA de CV", "transportes del norte"},
		{"Transportes del Norte S. de R.L. de C.V.", "transportes del norte"},
		{"Société Générale de Transport Ltée", "societe generale de transport"},
		{"Ébénisterie Québécoise ltee", "ebenisterie quebecoise"},
		{"Smith & Sons Co. Ltd.", "smith and sons"},
		{"Smith and Sons Company Limited", "smith and sons"},
		{"Müller Logistik GmbH", "muller logistik"},
		{"Straße Spedition AG", "strasse spedition"},
		{"Nippon Kaiun K.K.", "nippon kaiun"},
		{"Nippon Kaiun Kabushiki Kaisha", "nippon kaiun"},
		{"Acme Pty Ltd", "acme"},
		{"Van Dijk B.V.", "van dijk"},
		{"O'Brien Trucking LLC", "obrien trucking"},
		{"A B Logistics Corp", "a b logistics"},
		{"Trasporti Rossi S.p.A.", "trasporti rossi"},
		{"Inc.", "inc"},
		{"", ""},
	}
	for _, c := range cases {
		if got := partner.NameKey(c.in); got != c.want {
			t.Errorf("NameKey(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
