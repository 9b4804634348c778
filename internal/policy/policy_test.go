package policy

import (
	"strings"
	"testing"
)

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
