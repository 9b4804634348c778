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
