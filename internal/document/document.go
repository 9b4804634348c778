// Package document turns the criteria catalog and a company's Security
// Profile into files people and partner systems use outside the portal: the
// catalog as JSON, as a bilingual workbook and as OSCAL for partner
// administrations, and the profile as a workbook a company fills in offline
// and uploads back; and each decision as the PDF letter sent to the company.
// Every function takes its inputs and returns bytes, so the same code serves
// the portal, the API and the command line.
package document

import (
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"trustlane/internal/errs"
	"trustlane/internal/i18n"
)

// messages is the embedded UI catalog, parsed once: exports translate column
// headers and sheet titles, and parsing translates row errors. It is
// immutable data compiled into the binary, not configuration, so a shared
// lazily loaded copy does not make the package depend on any set-up.
var messages = sync.OnceValues(i18n.Load)

// localizer returns the messages of lang, or an error if the embedded
// catalog is broken (which its own tests rule out).
func localizer(lang string) (*i18n.Localizer, error) {
	b, err := messages()
	if err != nil {
		return nil, fmt.Errorf("document: messages: %w", err)
	}
	return b.For(lang), nil
}

// both renders a message in English and French side by side, for the
// bilingual catalog workbook.
func both(key string) (string, error) {
	en, err := localizer("en")
	if err != nil {
		return "", err
	}
	fr, _ := localizer("fr")
	a, b := en.T(key), fr.T(key)
	if a == b {
		return a, nil
	}
	return a + " / " + b, nil
}

// maxSheetName is Excel's limit on a sheet name's length.
const maxSheetName = 31

// sheetName makes title a valid and unused Excel sheet name: without the
// characters Excel refuses, without a parenthesized tail (sector names carry
// explanations that do not fit), at most 31 characters, and unique without
// regard to case (Excel compares names that way). used records the result.
func sheetName(title string, used map[string]bool) string {
	if i := strings.Index(title, " ("); i > 0 {
		title = title[:i]
	}
	title = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) {
			return '-'
		}
		return r
	}, title)
	title = strings.Trim(strings.TrimSpace(title), "'")
	if title == "" {
		title = "Sheet"
	}
	name := truncate(title, maxSheetName)
	for n := 2; used[strings.ToLower(name)]; n++ {
		suffix := fmt.Sprintf(" %d", n)
		name = truncate(title, maxSheetName-len(suffix)) + suffix
	}
	used[strings.ToLower(name)] = true
	return name
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return strings.TrimSpace(string([]rune(s)[:n]))
}

// invalid builds the error for a file that cannot be read as a profile
// workbook: Invalid, so the edge shows key translated to the person.
func invalid(key, message string) error { return errs.E(errs.Invalid, key, message) }
