package document

import (
	"fmt"

	"github.com/xuri/excelize/v2"
)

// workbook wraps an excelize file with the few styles every export uses,
// so each sheet reads the same: a bold frozen header, wrapped text, and
// grey cells for what the reader is not meant to change.
type workbook struct {
	f                    *excelize.File
	header, wrap, locked int // style IDs
	text                 int // wrapped text cells that keep what is typed as text
	used                 map[string]bool
	renamed              bool // whether the default first sheet has been taken
}

func newWorkbook() (*workbook, error) {
	w := &workbook{f: excelize.NewFile(), used: map[string]bool{}}
	var err error
	grey := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E7E6E6"}}
	top := &excelize.Alignment{Vertical: "top", WrapText: true}
	textFmt := "@" // keeps "2026-03-31" and "007" as typed instead of converting them
	styles := []struct {
		id *int
		s  excelize.Style
	}{
		{&w.header, excelize.Style{Font: &excelize.Font{Bold: true}, Fill: grey, Alignment: top}},
		{&w.wrap, excelize.Style{Alignment: top}},
		{&w.locked, excelize.Style{Alignment: top, Fill: grey}},
		{&w.text, excelize.Style{Alignment: top, CustomNumFmt: &textFmt}},
	}
	for _, st := range styles {
		if *st.id, err = w.f.NewStyle(&st.s); err != nil {
			return nil, fmt.Errorf("new style: %w", err)
		}
	}
	return w, nil
}

// sheet adds a sheet named after title (made valid and unique), or renames
// the default first sheet when it is the first one asked for.
func (w *workbook) sheet(title string) (string, error) {
	name := sheetName(title, w.used)
	if !w.renamed {
		w.renamed = true
		return name, w.f.SetSheetName(w.f.GetSheetName(0), name)
	}
	_, err := w.f.NewSheet(name)
	return name, err
}

// row writes values from column A of row r.
func (w *workbook) row(sheet string, r int, values ...any) error {
	cell, err := excelize.CoordinatesToCellName(1, r)
	if err != nil {
		return err
	}
	return w.f.SetSheetRow(sheet, cell, &values)
}

// headerRow writes a bold header of n columns at row r.
func (w *workbook) headerRow(sheet string, r int, values ...any) error {
	if err := w.row(sheet, r, values...); err != nil {
		return err
	}
	return w.style(sheet, r, 1, len(values), w.header)
}

// style applies a style to columns c1..c2 of row r.
func (w *workbook) style(sheet string, r, c1, c2, style int) error {
	from, err := excelize.CoordinatesToCellName(c1, r)
	if err != nil {
		return err
	}
	to, err := excelize.CoordinatesToCellName(c2, r)
	if err != nil {
		return err
	}
	return w.f.SetCellStyle(sheet, from, to, style)
}

// freeze keeps the first row in view while the reader scrolls.
func (w *workbook) freeze(sheet string) error {
	return w.f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
		Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}}})
}

// widths sets the width of each column from A, in characters.
func (w *workbook) widths(sheet string, widths ...float64) error {
	for i, wd := range widths {
		col, err := excelize.ColumnNumberToName(i + 1)
		if err != nil {
			return err
		}
		if err := w.f.SetColWidth(sheet, col, col, wd); err != nil {
			return err
		}
	}
	return nil
}

// bytes writes the workbook out and releases it.
func (w *workbook) bytes() ([]byte, error) {
	defer w.f.Close()
	w.f.SetActiveSheet(0)
	buf, err := w.f.WriteToBuffer()
	if err != nil {
		return nil, fmt.Errorf("write workbook: %w", err)
	}
	return buf.Bytes(), nil
}
