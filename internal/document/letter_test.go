package document_test

import (
	"bytes"
	"os/exec"
	"strings"
	"testing"
	"time"

	"trustlane/internal/document"
	"trustlane/internal/store/storetest"
)

func pdftotext(t *testing.T, pdf []byte) string {
	t.Helper()
	path, err := exec.LookPath("pdftotext")
	if err != nil {
		storetest.Skip(t, "pdftotext is not installed (apt-get install poppler-utils); letters not read back")
	}
	cmd := exec.Command(path, "-enc", "UTF-8", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

func TestDecisionLettersReadBackInTheirLanguage(t *testing.T) {
	base := document.Letter{Kind: "suspension", Reference: "01ab-REF", Date: time.Date(2026, 11, 25, 15, 0, 0, 0, time.UTC),
		OrgName: "Transports Laurentides ltée", Address: []string{"455 boulevard des Entreprises", "Boisbriand QC  J7G 2T4"},
		Sector: "highway_carrier", Number: "PIP-0000042-K", Reasons: []string{"Incident de sécurité dans la chaîne d'approvisionnement"},
		Narrative: "Saisie de stupéfiants le 20 novembre; « mesures » à prendre.", EffectiveAt: time.Date(2026, 11, 25, 15, 0, 0, 0, time.UTC),
		AppealBy: time.Date(2026, 12, 25, 15, 0, 0, 0, time.UTC)}
	fr := base
	fr.Lang = "fr"
	pdf, err := document.DecisionLetter(fr)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatal("not a PDF")
	}
	text := pdftotext(t, pdf)
	for _, want := range []string{"Suspension de votre adhésion", "Transports Laurentides ltée", "PIP-0000042-K",
		"Transporteur routier", "« mesures »", "25 novembre 2026", "25 décembre 2026", "Motifs"} {
		if !strings.Contains(text, want) {
			t.Errorf("French letter lacks %q:\n%s", want, text)
		}
	}
	en := base
	en.Lang, en.Kind, en.AppealBy = "en", "approval", time.Time{}
	text = pdftotext(t, mustLetter(t, en))
	for _, want := range []string{"Approval of your application", "memorandum of understanding", "November 25, 2026"} {
		if !strings.Contains(text, want) {
			t.Errorf("English letter lacks %q:\n%s", want, text)
		}
	}
	if strings.Contains(text, "appeal") {
		t.Error("an approval letter speaks of an appeal")
	}
}

func mustLetter(t *testing.T, l document.Letter) []byte {
	t.Helper()
	b, err := document.DecisionLetter(l)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Dates are written on the program's calendar: a decision taken late in
// the evening in Toronto is dated that day, not the next day in UTC.
func TestDecisionLetterDatesOnTheProgramCalendar(t *testing.T) {
	toronto, err := time.LoadLocation("America/Toronto")
	if err != nil {
		t.Fatal(err)
	}
	evening := time.Date(2026, 11, 26, 3, 30, 0, 0, time.UTC) // 22:30 on the 25th in Toronto
	l := document.Letter{Lang: "en", Kind: "approval", Reference: "01ab-REF", Date: evening, OrgName: "Maple Freight Inc.",
		Sector: "highway_carrier", EffectiveAt: evening}
	if text := pdftotext(t, mustLetter(t, l)); !strings.Contains(text, "November 26, 2026") {
		t.Fatalf("without a time zone the letter is not dated in UTC:\n%s", text)
	}
	l.Loc = toronto
	text := pdftotext(t, mustLetter(t, l))
	if !strings.Contains(text, "November 25, 2026") || strings.Contains(text, "November 26, 2026") {
		t.Errorf("the letter is not dated on the program's calendar (November 25 in Toronto):\n%s", text)
	}
}
