package document

import (
	"bytes"
	"fmt"

	"codeberg.org/go-pdf/fpdf"
)

// SamplePDF renders a one-page document with a title and a few lines, in
// cp1252 text: the demonstration data attaches these as evidence, and tests
// use them as real PDF files.
func SamplePDF(title string, lines ...string) ([]byte, error) {
	pdf := fpdf.New("P", "mm", "Letter", "")
	tr := pdf.UnicodeTranslatorFromDescriptor("cp1252")
	pdf.SetTitle(tr(title), false)
	pdf.AddPage()
	pdf.SetFont("Helvetica", "B", 14)
	pdf.MultiCell(0, 7, tr(title), "", "L", false)
	pdf.Ln(3)
	pdf.SetFont("Helvetica", "", 11)
	for _, l := range lines {
		pdf.MultiCell(0, 5.5, tr(l), "", "L", false)
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return nil, fmt.Errorf("sample pdf: %w", err)
	}
	return buf.Bytes(), nil
}
