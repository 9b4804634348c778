package policy

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"trustlane/internal/border"
)

// The FAST rules written in default.yaml are the facts' rules, which the
// border package also states as its defaults; a policy file may accept
// Customs Self Assessment into Canada, as the sources disagree.
func TestFASTRulesComeFromThePolicy(t *testing.T) {
	_, rules, err := LoadAll("")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(rules, border.DefaultRules()) {
		t.Errorf("default.yaml's fast section = %+v\nwant border.DefaultRules() = %+v", rules, border.DefaultRules())
	}
	src, _ := files.ReadFile("default.yaml")
	withCSA := strings.Replace(string(src), "importer_programs: [pip]", "importer_programs: [pip, csa]", 1)
	_, rules, err = ParseAll([]byte(withCSA))
	if err != nil || !slices.Equal(rules.IntoCA.ImporterPrograms, []string{"pip", "csa"}) {
		t.Fatalf("CSA accepted into Canada: %v, %v", rules.IntoCA.ImporterPrograms, err)
	}
	noFAST := string(src)[:strings.Index(string(src), "\nfast:")]
	if _, rules, err = ParseAll([]byte(noFAST)); err != nil || !reflect.DeepEqual(rules, border.DefaultRules()) {
		t.Fatalf("a policy without a fast section: %v, %v", rules, err)
	}
}

func TestDefaultPolicyLoadsAndHasItsMemorandum(t *testing.T) {
	p, err := Load("")
	if err != nil {
		t.Fatal(err)
	}
	if p.Windows.CancellationAppeal != 30 || p.Windows.Revalidation != 1461 || !p.Duties.AppealByAnother {
		t.Errorf("default windows/duties = %+v %+v", p.Windows, p.Duties)
	}
	en, _ := MOU(p.MOUVersion, "en")
	fr, _ := MOU(p.MOUVersion, "fr")
	if !strings.Contains(en, "suspend") || !strings.Contains(fr, "suspendre") || Hash(en) == Hash(fr) {
		t.Error("the memorandum texts are wrong")
	}
}

func TestBadPoliciesSayWhatToFix(t *testing.T) {
	good, _ := files.ReadFile("default.yaml")
	cases := map[string]struct{ old, new, want string }{
		"unknown field":        {"windows:", "windowz:", "windowz"},
		"negative window":      {"informal_review: 30", "informal_review: -1", "windows.informal_review"},
		"missing reasons":      {"  reinstatement:\n", "  reinstatement_x:\n", "unknown decision kind"},
		"label without French": {`{code: RE-PLAN, label: {en: "Corrective actions verified", fr: "Mesures correctives vérifiées"}}`, `{code: RE-PLAN, label: {en: "Corrective actions verified", fr: ""}}`, "needs English and French"},
		"duplicate code":       {"DN-MSR", "DN-ELIG", "listed twice"},
		"no memorandum":        {`mou_version: "2026-1"`, `mou_version: "1999-9"`, "no memorandum"},
		"reminder after due":   {"reminder: 7 ", "reminder: 45 ", "reminders must come before"},
		"unknown FAST card":    {"card_kinds: [fast, cdrp]", "card_kinds: [fast, nexus]", "into_ca.card_kinds"},
		"unknown FAST field":   {"fast_modes: [highway]\n  into_ca", "fast_mode: [highway]\n  into_ca", "fast_mode"},
	}
	for name, c := range cases {
		src := string(good)
		if !strings.Contains(src, c.old) {
			t.Fatalf("%s: default.yaml lacks %q", name, c.old)
		}
		_, err := Parse([]byte(strings.Replace(src, c.old, c.new, 1)))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want it to mention %q", name, err, c.want)
		}
	}
}

// TestPartnerValidationRecency: the default is a year; a file written
// before the window existed gets the default; a wrong value is refused.
func TestPartnerValidationRecency(t *testing.T) {
	good, _ := files.ReadFile("default.yaml")
	p, err := Parse(good)
	if err != nil || p.Windows.PartnerValidationRecency != 365 {
		t.Fatalf("default: %d %v", p.Windows.PartnerValidationRecency, err)
	}
	line := "  partner_validation_recency: 365"
	if !strings.Contains(string(good), line) {
		t.Fatalf("default.yaml lacks %q", line)
	}
	for value, want := range map[string]int{"180": 180, "": 365} {
		src := strings.Replace(string(good), line, "", 1)
		if value != "" {
			src = strings.Replace(string(good), line, "  partner_validation_recency: "+value, 1)
		}
		p, err := Parse([]byte(src))
		if err != nil || int(p.Windows.PartnerValidationRecency) != want {
			t.Errorf("%q: got %d %v, want %d", value, p.Windows.PartnerValidationRecency, err, want)
		}
	}
	_, err = Parse([]byte(strings.Replace(string(good), line, "  partner_validation_recency: 0", 1)))
	if err == nil || !strings.Contains(err.Error(), "windows.partner_validation_recency") {
		t.Errorf("zero window: %v", err)
	}
}
