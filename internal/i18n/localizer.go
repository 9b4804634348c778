package i18n

import (
	"fmt"
	"time"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
)

// Localizer renders messages and dates in one language.
type Localizer struct {
	lang   string
	l      *goi18n.Localizer
	bundle *Bundle
	plain  map[string]string // fixed-text messages, read-only after Load
}

func newLocalizer(b *goi18n.Bundle, bd *Bundle, lang string, plain map[string]string) *Localizer {
	return &Localizer{lang: lang, l: goi18n.NewLocalizer(b, lang), bundle: bd, plain: plain}
}

// Lang is the localizer's language code.
func (l *Localizer) Lang() string { return l.lang }

// Other is the other official language, for the language toggle.
func (l *Localizer) Other() string {
	if l.lang == "fr" {
		return "en"
	}
	return "fr"
}

// T renders the message key with optional template data (a map or struct).
// A missing key renders as the key itself, so a gap shows on the page
// instead of breaking it; tests and the start-up check catch gaps first.
func (l *Localizer) T(key string, data ...any) string {
	if s, ok := l.plain[key]; ok {
		return s
	}
	cfg := &goi18n.LocalizeConfig{MessageID: key}
	if len(data) > 0 {
		cfg.TemplateData = data[0]
	}
	s, err := l.l.Localize(cfg)
	if err != nil {
		return key
	}
	return s
}

// N renders a message with plural forms for count (the message's "one"
// and "other" forms), with .Count available to the template.
func (l *Localizer) N(key string, count int, data ...map[string]any) string {
	td := map[string]any{"Count": count}
	if len(data) > 0 {
		for k, v := range data[0] {
			td[k] = v
		}
	}
	s, err := l.l.Localize(&goi18n.LocalizeConfig{MessageID: key, PluralCount: count, TemplateData: td})
	if err != nil {
		return key
	}
	return s
}

var (
	monthsEN = [...]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	monthsFR = [...]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}
)

// Date renders a date the way each language writes it in prose:
// "November 25, 2026" or "25 novembre 2026" (1er for the first of a month).
// Dates are stored in UTC and shown in the program's time zone by the caller.
func (l *Localizer) Date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	if l.lang == "fr" {
		day := fmt.Sprint(t.Day())
		if t.Day() == 1 {
			day = "1er"
		}
		return fmt.Sprintf("%s %s %d", day, monthsFR[t.Month()-1], t.Year())
	}
	return fmt.Sprintf("%s %d, %d", monthsEN[t.Month()-1], t.Day(), t.Year())
}

// DateTime renders a date and a 24-hour time (French style "14 h 30").
func (l *Localizer) DateTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	if l.lang == "fr" {
		return fmt.Sprintf("%s à %d h %02d", l.Date(t), t.Hour(), t.Minute())
	}
	return fmt.Sprintf("%s at %02d:%02d", l.Date(t), t.Hour(), t.Minute())
}

// DaysLeft renders how many days remain until t from now ("in 3 days",
// "today", "2 days ago").
//
// It counts calendar days (in t's time zone): due tomorrow is "in 1 day"
// whatever the hour, and a deadline at the end of a day counts that day.
func (l *Localizer) DaysLeft(t, now time.Time) string {
	now = now.In(t.Location())
	y1, m1, d1 := t.Date()
	y0, m0, d0 := now.Date()
	d := int(time.Date(y1, m1, d1, 12, 0, 0, 0, time.UTC).Sub(time.Date(y0, m0, d0, 12, 0, 0, 0, time.UTC)).Hours() / 24)
	switch {
	case d == 0:
		return l.T("time.today")
	case d > 0:
		return l.N("time.in_days", d)
	default:
		return l.N("time.days_ago", -d)
	}
}
