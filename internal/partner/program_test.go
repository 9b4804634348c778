package partner_test

import (
	"testing"
	"time"

	"trustlane/internal/errs"
	"trustlane/internal/ident"
	"trustlane/internal/partner"
)

func TestProgramNormalizeChecksEveryField(t *testing.T) {
	good := partner.Program{Code: " ctpat ", Name: partner.Text{EN: "C-TPAT", FR: "C-TPAT"},
		Administration: partner.Text{EN: "CBP", FR: "CBP"}, Country: "us", Status: partner.Active,
		ArrangedOn: time.Date(2008, 6, 1, 0, 0, 0, 0, time.UTC), Framework: "ctpat", IDKinds: []ident.Kind{ident.SCAC}}
	p, err := good.Normalize()
	if err != nil || p.Code != "CTPAT" || p.Country != "US" {
		t.Fatalf("Normalize(good) = %+v, %v", p, err)
	}
	cases := []struct {
		field  string
		change func(*partner.Program)
	}{
		{"code", func(p *partner.Program) { p.Code = "1X" }},
		{"code", func(p *partner.Program) { p.Code = "C TPAT" }},
		{"name", func(p *partner.Program) { p.Name.FR = " " }},
		{"administration", func(p *partner.Program) { p.Administration.EN = "" }},
		{"country", func(p *partner.Program) { p.Country = "USA" }},
		{"status", func(p *partner.Program) { p.Status = "open" }},
		{"arranged_on", func(p *partner.Program) { p.ArrangedOn = time.Time{} }},
		{"framework", func(p *partner.Program) { p.Framework = "iso28000" }},
		{"id_kinds", func(p *partner.Program) { p.IDKinds = []ident.Kind{"ssn"} }},
	}
	for _, c := range cases {
		p := good
		c.change(&p)
		_, err := p.Normalize()
		fe, ok := errs.As(err)
		if !ok || len(fe.Fields) != 1 || fe.Fields[0].Field != c.field {
			t.Errorf("%s: Normalize = %v, want one error on %s", c.field, err, c.field)
		}
	}
	planned := good
	planned.Status, planned.ArrangedOn = partner.Planned, time.Time{}
	if _, err := planned.Normalize(); err != nil {
		t.Errorf("a planned arrangement needs no date: %v", err)
	}
}

func TestKindsRoundTrip(t *testing.T) {
	ks := []ident.Kind{ident.SCAC, ident.EIN, ident.MID}
	got := partner.SplitKinds(partner.JoinKinds(ks))
	if len(got) != 3 || got[0] != ident.SCAC || got[2] != ident.MID || len(partner.SplitKinds("")) != 0 {
		t.Fatalf("round trip = %v", got)
	}
}
