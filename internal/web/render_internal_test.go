package web

import (
	"testing"
	"time"

	"trustlane/internal/i18n"
)

// TestDaysLeftOnProgramCalendar checks that the days left beside a date
// are counted on the calendar the date is shown in, not on UTC's: in the
// evening, a deadline the next morning is "in 1 day", though both fall on
// the same UTC day.
func TestDaysLeftOnProgramCalendar(t *testing.T) {
	b, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	east := time.FixedZone("EST", -5*60*60)
	now := time.Date(2026, 11, 25, 1, 0, 0, 0, time.UTC) // November 24, 20:00 in EST
	rq := &request{L: b.For("en"), Now: now, loc: east}
	v := &view{L: rq.L, rq: rq}
	due := time.Date(2026, 11, 25, 15, 0, 0, 0, time.UTC) // November 25, 10:00 in EST
	if got := v.Date(due); got != "November 25, 2026" {
		t.Errorf("date = %q", got)
	}
	if got := v.DaysLeft(due); got != "in 1 day" {
		t.Errorf("days left = %q, want in 1 day", got)
	}
	if got := v.DaysLeft(now.Add(2 * time.Hour)); got != "today" {
		t.Errorf("days left later the same evening = %q, want today", got)
	}
}
