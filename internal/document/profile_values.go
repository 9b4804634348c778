package document

import (
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"trustlane/internal/catalog"
)

// take checks one answer the way the portal's form does
// (Question.CheckValue) and keeps its normalized text. A file question
// takes no typed answer: its files go through the portal.
func (p *parser) take(k catalog.Key, q *catalog.Question, ans string, fail func(key string)) {
	if q.Type == catalog.File {
		if ans != "" {
			fail("error.answer.file_only")
		}
		return
	}
	val, key := q.CheckValue(q.ParseValue(normalize(q, ans)))
	if key != "" {
		fail(key)
		return
	}
	if p.answers[k.Part] == nil {
		p.answers[k.Part] = map[string]string{}
	}
	p.answers[k.Part][k.Question] = val.String()
}

// normalize maps what a person is likely to have typed onto the values the
// catalog knows, so a French speaker's "Oui" or a choice's label is not
// refused: yes/no and option labels in either language, any case; and a
// date Excel stored as a day number (when the cell lost its text format).
// Anything else is left for CheckValue to judge.
func normalize(q *catalog.Question, s string) string {
	switch q.Type {
	case catalog.YesNo:
		return yesNo(s)
	case catalog.Single:
		return optionValue(q, s)
	case catalog.Multi:
		parts := strings.Split(s, ";")
		for i, x := range parts {
			parts[i] = optionValue(q, strings.TrimSpace(x))
		}
		return strings.Join(parts, ";")
	case catalog.Date:
		if n, err := strconv.ParseFloat(s, 64); err == nil && !strings.Contains(s, "-") {
			if t, err := excelize.ExcelDateToTime(n, false); err == nil {
				return t.Format(time.DateOnly)
			}
		}
	}
	return s
}

func yesNo(s string) string {
	for _, val := range []string{"yes", "no"} {
		if strings.EqualFold(s, val) {
			return val
		}
		for _, lang := range []string{"en", "fr"} {
			if l, err := localizer(lang); err == nil && strings.EqualFold(s, l.T("document."+val)) {
				return val
			}
		}
	}
	return s
}

// optionValue returns the value of the option s names by value or by label
// (either language, any case), or s unchanged.
func optionValue(q *catalog.Question, s string) string {
	for _, o := range q.Options {
		if o.Value == s {
			return s
		}
	}
	for _, o := range q.Options {
		if strings.EqualFold(s, o.Value) || strings.EqualFold(s, o.Label.EN) || strings.EqualFold(s, o.Label.FR) {
			return o.Value
		}
	}
	return s
}
