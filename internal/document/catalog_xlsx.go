package document

import (
	"fmt"
	"strings"

	"trustlane/internal/catalog"
)

// CatalogXLSX exports one version as a workbook for the people who review
// the criteria (program staff, translators, partner administrations): an
// "About" sheet with the version and the partner frameworks' targets, one
// sheet per area with every criterion in English and French side by side and
// then its questions, and a "Correspondence" sheet when the version regroups
// an earlier one.
func CatalogXLSX(v *catalog.Version, frameworks []catalog.Framework) (out []byte, err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf("catalog xlsx %s: %w", v.ID, err)
		}
	}()
	w, err := newWorkbook()
	if err != nil {
		return nil, err
	}
	if err := catalogAbout(w, v, frameworks); err != nil {
		return nil, err
	}
	for _, a := range v.Areas {
		if err := catalogArea(w, v, a, frameworks); err != nil {
			return nil, fmt.Errorf("area %s: %w", a.ID, err)
		}
	}
	if v.Base != "" {
		if err := catalogCorrespondence(w, v); err != nil {
			return nil, err
		}
	}
	return w.bytes()
}

// label renders a message in both languages; the catalog workbook is
// bilingual throughout, its headers too.
func label(key string) string {
	s, err := both(key)
	if err != nil {
		return key
	}
	return s
}

// inLang renders a message in one language with the language's code, for
// the headers of the side-by-side columns: "Title (EN)", "Titre (FR)".
func inLang(key, lang string) string {
	l, err := localizer(lang)
	if err != nil {
		return key
	}
	return fmt.Sprintf("%s (%s)", l.T(key), strings.ToUpper(lang))
}

func catalogAbout(w *workbook, v *catalog.Version, frameworks []catalog.Framework) error {
	sh, err := w.sheet("About")
	if err != nil {
		return err
	}
	rows := [][]any{
		{label("document.catalog.version"), v.ID},
		{label("document.catalog.title"), v.Title.EN, v.Title.FR},
		{label("document.catalog.effective"), v.Effective},
	}
	if v.Base != "" {
		rows = append(rows, []any{label("document.catalog.base"), v.Base})
	}
	r := 1
	for _, row := range rows {
		if err := w.row(sh, r, row...); err != nil {
			return err
		}
		if err := w.style(sh, r, 1, 1, w.header); err != nil {
			return err
		}
		r++
	}
	for _, fw := range frameworks {
		r++
		if err := w.headerRow(sh, r, label("document.catalog.framework"), fw.ID, fw.Name.EN, fw.Name.FR); err != nil {
			return err
		}
		r++
		if err := w.headerRow(sh, r, label("document.catalog.target"), "", inLang("document.catalog.name", "en"),
			inLang("document.catalog.name", "fr")); err != nil {
			return err
		}
		for _, t := range fw.Targets {
			r++
			if err := w.row(sh, r, t.ID, "", t.Name.EN, t.Name.FR); err != nil {
				return err
			}
		}
		r++
	}
	return w.widths(sh, 24, 12, 60, 60)
}

func catalogCorrespondence(w *workbook, v *catalog.Version) error {
	sh, err := w.sheet("Correspondence")
	if err != nil {
		return err
	}
	if err := w.headerRow(sh, 1, label("document.catalog.from"), label("document.catalog.area"),
		label("document.catalog.to"), label("document.catalog.relationship")); err != nil {
		return err
	}
	for i, corr := range v.Correspondence {
		if err := w.row(sh, i+2, corr.From, corr.Area, corr.To, string(corr.Relationship)); err != nil {
			return err
		}
	}
	if err := w.freeze(sh); err != nil {
		return err
	}
	return w.widths(sh, 22, 30, 22, 22)
}
