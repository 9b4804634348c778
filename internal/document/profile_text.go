package document

import (
	"fmt"
	"strconv"
	"strings"

	"trustlane/internal/catalog"
	"trustlane/internal/i18n"
)

// allowed tells, in the reader's language, what the answer cell takes. Choice
// questions list their values with labels: the cell takes the value, which
// stays the same in both languages.
func allowed(l *i18n.Localizer, q *catalog.Question) string {
	switch q.Type {
	case catalog.YesNo:
		return l.T("document.allowed.yes_no")
	case catalog.Single, catalog.Multi:
		lines := []string{l.T("document.allowed.choice")}
		if q.Type == catalog.Multi {
			lines[0] = l.T("document.allowed.multi")
		}
		for _, o := range q.Options {
			lines = append(lines, fmt.Sprintf("%s = %s", o.Value, o.Label.In(l.Lang())))
		}
		return strings.Join(lines, "\n")
	case catalog.Free:
		return l.T("document.allowed.text")
	case catalog.Date:
		return l.T("document.allowed.date")
	case catalog.Number:
		return numberRange(l, q)
	case catalog.File:
		return l.T("document.allowed.file")
	}
	return ""
}

func numberRange(l *i18n.Localizer, q *catalog.Question) string {
	num := func(f *float64) string { return strconv.FormatFloat(*f, 'f', -1, 64) }
	switch {
	case q.Min != nil && q.Max != nil:
		return l.T("document.allowed.number_range", map[string]string{"Min": num(q.Min), "Max": num(q.Max)})
	case q.Min != nil:
		return l.T("document.allowed.number_min", map[string]string{"Min": num(q.Min)})
	case q.Max != nil:
		return l.T("document.allowed.number_max", map[string]string{"Max": num(q.Max)})
	}
	return l.T("document.allowed.number")
}

// condition tells when a conditional question applies: "Answer only if
// A-01-Q1 is: yes". Values are shown as typed in the answer cell, with
// their label when it says more.
func condition(l *i18n.Localizer, v *catalog.Version, q *catalog.Question) string {
	if q.ShowIf == nil {
		return ""
	}
	dep, _ := v.Question(q.ShowIf.Question)
	vals := make([]string, len(q.ShowIf.In))
	for i, val := range q.ShowIf.In {
		vals[i] = val
		if lbl := answerLabel(l, dep, val); lbl != "" && lbl != val {
			vals[i] += " (" + lbl + ")"
		}
	}
	return l.T("document.condition", map[string]string{"Question": q.ShowIf.Question, "Values": strings.Join(vals, ", ")})
}

// answerLabel is a value's label in the reader's language: an option's
// label, or Yes/No.
func answerLabel(l *i18n.Localizer, q *catalog.Question, val string) string {
	if q == nil {
		return ""
	}
	if q.Type == catalog.YesNo && (val == "yes" || val == "no") {
		return l.T("document." + val)
	}
	return q.Label(val, l.Lang())
}
