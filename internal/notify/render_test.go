package notify_test

import (
	"strings"
	"testing"
	"time"

	"trustlane/internal/i18n"
	"trustlane/internal/notify"
)

// A date in mail falls on the program's calendar, not UTC's: 03:00 UTC on
// 1 December is still 30 November in Toronto, and already 1 December in
// Paris.
func TestRenderWritesDatesOnTheProgramCalendar(t *testing.T) {
	b, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	due := time.Date(2026, 12, 1, 3, 0, 0, 0, time.UTC)
	zone := func(name string) *time.Location {
		loc, err := time.LoadLocation(name)
		if err != nil {
			t.Fatal(err)
		}
		return loc
	}
	for _, tc := range []struct {
		zone, lang, want string
	}{
		{"America/Toronto", "en", "November 30, 2026"},
		{"America/Toronto", "fr", "30 novembre 2026"},
		{"Europe/Paris", "en", "December 1, 2026"},
		{"Europe/Paris", "fr", "1er décembre 2026"},
	} {
		m, err := notify.Render(b, notify.Job{Template: "reminder", Lang: tc.lang, To: "a@example.org",
			Data: map[string]string{"Org": "Acme", "What": notify.Key("deadline.what.info"), "Due": notify.DateValue(due, zone(tc.zone)), "Link": "x"}})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(m.Subject, tc.want) || !strings.Contains(m.Text, tc.want) {
			t.Errorf("%s in %s: subject %q, want the date %q", tc.zone, tc.lang, m.Subject, tc.want)
		}
	}
}
