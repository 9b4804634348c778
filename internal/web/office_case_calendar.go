package web

import (
	"net/http"
	"net/url"
	"time"

	"trustlane/internal/office"
)

// The calendar of site validations: a month as a table of weeks, each day
// listing its validations, and the same validations as a plain list for
// reading in order.

// ocCalEntry is one validation on the calendar.
type ocCalEntry struct {
	office.CalendarEntry
	Tag string
}

// ocCalDay is one cell of the month's grid.
type ocCalDay struct {
	Date    time.Time
	InMonth bool
	Today   bool
	Entries []ocCalEntry
}

// ocDayName is a weekday's name, short for the grid's head and long for
// its abbreviation.
type ocDayName struct{ Short, Long string }

type ocCalData struct {
	Title            string // the month and year in the reader's language
	Weeks            [][]ocCalDay
	Days             []ocDayName
	List             []ocCalDay // the days that have validations
	PrevURL, NextURL string
	ThisMonthURL     string
	Count            int
}

var (
	ocWeekdays = []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}
	ocMonths   = []string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}
)

// ocMonthOf reads ?month=YYYY-MM as the first day of that month in the
// program's time zone; anything else is the current month.
func ocMonthOf(s string, now time.Time, loc *time.Location) time.Time {
	if t, err := time.ParseInLocation("2006-01", s, loc); err == nil && t.Year() >= 2000 && t.Year() <= 2100 {
		return t
	}
	n := now.In(loc)
	return time.Date(n.Year(), n.Month(), 1, 0, 0, 0, 0, loc)
}

func ocMonthURL(t time.Time) string {
	return "/office/calendar?" + url.Values{"month": {t.Format("2006-01")}}.Encode()
}

// ocCalendar shows a month of validations.
func (h *Handler) ocCalendar(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := ocRequireStaff(rq); err != nil {
		return err
	}
	loc := h.cfg.Location
	first := ocMonthOf(r.URL.Query().Get("month"), rq.Now, loc)
	next := first.AddDate(0, 1, 0)
	entries, err := h.off.StaffCalendar(r.Context(), rq.Actor(), first, next)
	if err != nil {
		return err
	}
	byDay := map[string][]ocCalEntry{}
	for _, e := range entries {
		key := e.Validation.ScheduledFor.In(loc).Format(time.DateOnly)
		byDay[key] = append(byDay[key], ocCalEntry{CalendarEntry: e, Tag: ocValTag(e.Validation.State)})
	}
	d := ocCalData{Count: len(entries), PrevURL: ocMonthURL(first.AddDate(0, -1, 0)), NextURL: ocMonthURL(next),
		Title: rq.L.T("staffcase.calendar.month_title", map[string]any{"Month": rq.L.T("staffcase.calendar.month." + ocMonths[first.Month()-1]),
			"Year": first.Year()})}
	if now := ocMonthOf("", rq.Now, loc); !now.Equal(first) {
		d.ThisMonthURL = ocMonthURL(now)
	}
	for _, wd := range ocWeekdays {
		d.Days = append(d.Days, ocDayName{Short: rq.L.T("staffcase.calendar.day_short." + wd), Long: rq.L.T("staffcase.calendar.day." + wd)})
	}
	today := rq.Now.In(loc).Format(time.DateOnly)
	day := first.AddDate(0, 0, -int(first.Weekday()))
	for day.Before(next) {
		week := make([]ocCalDay, 7)
		for i := range week {
			key := day.Format(time.DateOnly)
			week[i] = ocCalDay{Date: day, InMonth: day.Month() == first.Month(), Today: key == today}
			if week[i].InMonth {
				week[i].Entries = byDay[key]
				if len(week[i].Entries) > 0 {
					d.List = append(d.List, week[i])
				}
			}
			day = day.AddDate(0, 0, 1)
		}
		d.Weeks = append(d.Weeks, week)
	}
	v := h.ocView(r, rq, "staffcase.calendar.title")
	v.Data = d
	return h.render(w, http.StatusOK, "staff-calendar", v)
}
