package document

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"codeberg.org/go-pdf/fpdf"
)

// Letter is what a decision letter says, already in the company's language
// except for the message keys the letter translates itself.
type Letter struct {
	Lang        string
	Kind        string // the decision kind: approval, denial_notice, …
	Reference   string // the decision's ID
	Date        time.Time
	OrgName     string
	Address     []string
	Sector      string // the sector's machine name
	Number      string // the membership number, when there is one
	Reasons     []string
	Narrative   string
	EffectiveAt time.Time
	// AppealBy is the last day to appeal (or, for a denial notice, to ask
	// for the informal review); zero when the decision cannot be appealed.
	AppealBy time.Time
	// Loc is the program's time zone for the dates written in the letter.
	Loc *time.Location
}

// DecisionLetter renders a decision letter as a PDF: one page or more in
// the company's language, with the reasons, the narrative, when it takes
// effect and how to appeal. It is a real PDF (text, not an image), so it
// can be searched, read aloud and checked with pdftotext.
func DecisionLetter(l Letter) ([]byte, error) {
	loc, err := localizer(l.Lang)
	if err != nil {
		return nil, err
	}
	if l.Loc == nil {
		l.Loc = time.UTC
	}
	date := func(t time.Time) string { return loc.Date(t.In(l.Loc)) }
	pdf := fpdf.New("P", "mm", "Letter", "")
	tr := pdf.UnicodeTranslatorFromDescriptor("cp1252")
	pdf.SetTitle(tr(loc.T("letter.kind."+l.Kind)), false)
	pdf.SetAuthor(tr(loc.T("program.name")), false)
	pdf.SetCreator("trustlane", false)
	pdf.SetMargins(22, 20, 22)
	pdf.SetAutoPageBreak(true, 20)
	pdf.SetFooterFunc(func() {
		pdf.SetY(-14)
		pdf.SetFont("Helvetica", "", 8)
		pdf.CellFormat(0, 5, tr(fmt.Sprintf("%s · %s %s · %d", loc.T("program.name"), loc.T("letter.reference"), l.Reference, pdf.PageNo())), "", 0, "C", false, 0, "")
	})
	pdf.AddPage()
	pdf.SetFont("Helvetica", "B", 14)
	pdf.CellFormat(0, 8, tr(loc.T("program.name")), "", 1, "L", false, 0, "")
	pdf.SetFont("Helvetica", "", 10)
	pdf.CellFormat(0, 5, tr(loc.T("letter.office")), "", 1, "L", false, 0, "")
	pdf.Ln(6)
	line := func(s string) { pdf.MultiCell(0, 5.5, tr(s), "", "L", false) }
	line(date(l.Date))
	pdf.Ln(3)
	pdf.SetFont("Helvetica", "B", 11)
	line(l.OrgName)
	pdf.SetFont("Helvetica", "", 11)
	for _, a := range l.Address {
		line(a)
	}
	pdf.Ln(5)
	pdf.SetFont("Helvetica", "B", 12)
	subject := loc.T("letter.kind."+l.Kind) + " — " + loc.T("sector."+l.Sector)
	line(subject)
	pdf.SetFont("Helvetica", "", 10)
	line(loc.T("letter.reference") + " " + l.Reference)
	if l.Number != "" {
		line(loc.T("letter.number") + " " + l.Number)
	}
	pdf.Ln(4)
	pdf.SetFont("Helvetica", "", 11)
	line(loc.T("letter.body."+l.Kind, map[string]any{"Org": l.OrgName, "Sector": loc.T("sector." + l.Sector), "Number": l.Number}))
	if len(l.Reasons) > 0 {
		pdf.Ln(3)
		pdf.SetFont("Helvetica", "B", 11)
		line(loc.T("letter.reasons"))
		pdf.SetFont("Helvetica", "", 11)
		for _, r := range l.Reasons {
			line("•  " + r)
		}
	}
	if strings.TrimSpace(l.Narrative) != "" {
		pdf.Ln(3)
		pdf.SetFont("Helvetica", "B", 11)
		line(loc.T("letter.details"))
		pdf.SetFont("Helvetica", "", 11)
		line(l.Narrative)
	}
	pdf.Ln(3)
	line(loc.T("letter.effective", map[string]any{"Date": date(l.EffectiveAt)}))
	if !l.AppealBy.IsZero() {
		pdf.Ln(2)
		line(loc.T("letter.appeal."+l.Kind, map[string]any{"Date": date(l.AppealBy)}))
	}
	pdf.Ln(6)
	line(loc.T("letter.closing"))
	pdf.Ln(2)
	line(loc.T("letter.signature"))
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("decision letter: %w", err)
	}
	return buf.Bytes(), nil
}

// LetterFileName names a letter's file in its language.
func LetterFileName(kind, reference, lang string) string {
	prefix := "letter"
	if lang == "fr" {
		prefix = "lettre"
	}
	return fmt.Sprintf("%s-%s-%s.pdf", prefix, strings.ReplaceAll(kind, "_", "-"), reference)
}
