package border

import (
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

func TestDefaultRulesValid(t *testing.T) {
	r := DefaultRules()
	if err := r.Validate(); err != nil {
		t.Fatal(err)
	}
	if got := r.IntoCA.ImporterPrograms; len(got) != 1 || got[0] != "pip" {
		t.Errorf("into_ca importers %v, want PIP only by default", got)
	}
	if got := r.IntoUS.CardKinds; len(got) != 1 || got[0] != CardFAST {
		t.Errorf("into_us cards %v, want fast only (CDRP is Canadian-only)", got)
	}
}

func TestValidateReportsEveryProblem(t *testing.T) {
	r := DefaultRules()
	r.IntoUS.ImporterPrograms = nil
	r.IntoUS.CarrierPrograms = []string{"C-TPAT"}
	r.IntoUS.ImporterSectors = []string{"smuggler"}
	r.IntoUS.CarrierSectors = []string{"importer"}
	r.IntoCA.CarrierSectors = nil
	r.IntoCA.CardKinds = []string{"nexus"}
	r.IntoCA.SealClass = "X"
	r.IntoCA.FASTModes = []string{"teleport"}
	r.IntoCA.FASTDestinations = []string{""}
	err := r.Validate()
	if err == nil {
		t.Fatal("broken rules validated")
	}
	for _, want := range []string{
		"into_us.importer_programs: at least one",
		`into_us.carrier_programs: program "C-TPAT"`,
		`into_us.importer_sectors: unknown sector "smuggler"`,
		`into_us.carrier_sectors: "importer" is not a carrier sector`,
		"into_ca.carrier_sectors: at least one",
		`into_ca.card_kinds: unknown card kind "nexus"`,
		`into_ca.seal_class: unknown ISO 17712 class "X"`,
		`into_ca.fast_modes: unknown mode "teleport"`,
		"into_ca.fast_destinations: empty destination",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	for _, class := range []string{"", "I", "s", " H "} {
		r := DefaultRules()
		r.IntoUS.SealClass = class
		if err := r.Validate(); err != nil {
			t.Errorf("seal class %q: %v", class, err)
		}
	}
}

// TestRulesYAML reads a policy file that accepts CSA members into Canada,
// the documented alternative to the PIP-only default.
func TestRulesYAML(t *testing.T) {
	const doc = `
into_us:
  importer_programs: [ctpat]
  importer_sectors: [importer]
  carrier_programs: [ctpat]
  carrier_sectors: [highway_carrier]
  carrier_fast_approval: true
  card_kinds: [fast]
  container_check: true
  seal_class: H
  fast_modes: [highway]
into_ca:
  importer_programs: [pip, csa]
  importer_sectors: [importer]
  carrier_programs: [pip, csa]
  carrier_sectors: [highway_carrier]
  carrier_fast_approval: true
  card_kinds: [fast, cdrp]
  container_check: true
  seal_class: H
  fast_modes: [highway]
  fast_destinations: [Sarnia, Windsor, Pacific Highway, Fort Erie, Emerson]
`
	var r Rules
	if err := yaml.Unmarshal([]byte(doc), &r); err != nil {
		t.Fatal(err)
	}
	if err := r.Validate(); err != nil {
		t.Fatal(err)
	}
	if len(r.IntoCA.ImporterPrograms) != 2 || len(r.IntoCA.FASTDestinations) != 5 || !r.IntoUS.CarrierFASTApproval {
		t.Errorf("decoded %+v", r)
	}
	out, err := yaml.Marshal(DefaultRules())
	if err != nil {
		t.Fatal(err)
	}
	var back Rules
	if err := yaml.Unmarshal(out, &back); err != nil || back.IntoCA.SealClass != "H" || back.IntoCA.CardKinds[1] != CardCDRP {
		t.Errorf("round trip: %v %+v", err, back)
	}
}

// A CDRP card is valid only into Canada, so a policy accepting it into the
// US is refused rather than letting such a driver into the FAST lane.
func TestValidateRefusesCDRPIntoUS(t *testing.T) {
	r := DefaultRules()
	r.IntoUS.CardKinds = []string{CardFAST, CardCDRP}
	err := r.Validate()
	if err == nil || !strings.Contains(err.Error(), "into_us.card_kinds: cdrp") {
		t.Fatalf("Validate = %v, want the CDRP card refused into the US", err)
	}
}
