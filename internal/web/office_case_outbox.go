package web

import (
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"trustlane/internal/notify"
	"trustlane/internal/store"
)

// The outbox: mail not sent yet, because no relay is configured or the
// relay refuses it. Administrators read each message as its recipient
// would, in the recipient's language, with its links, so they can pass on
// a link by other means while the relay is down.

// ocOutboxSize is how many messages one page shows.
const ocOutboxSize = 20

// ocSegment is a piece of a message's text: plain text, or a link.
type ocSegment struct{ Text, URL string }

// ocMail is one waiting message, rendered.
type ocMail struct {
	Row         store.OutboxRow
	To, Subject string
	Lines       [][]ocSegment // the text, line by line
	Template    string
	Broken      bool // the message could not be rendered (its template is gone)
}

type ocOutboxData struct {
	Mail               []ocMail
	Total, Page, Pages int
	PrevURL, NextURL   string
}

// ocLinkRE finds the links in a message's text; only web addresses become
// links on the page.
var ocLinkRE = regexp.MustCompile(`https?://[^\s<>"]+`)

// ocSegments splits text around its links.
func ocSegments(text string) []ocSegment {
	var out []ocSegment
	last := 0
	for _, m := range ocLinkRE.FindAllStringIndex(text, -1) {
		if m[0] > last {
			out = append(out, ocSegment{Text: text[last:m[0]]})
		}
		out = append(out, ocSegment{Text: text[m[0]:m[1]], URL: text[m[0]:m[1]]})
		last = m[1]
	}
	if last < len(text) {
		out = append(out, ocSegment{Text: text[last:]})
	}
	return out
}

func ocOutboxURL(page int) string {
	if page <= 1 {
		return "/office/outbox"
	}
	return "/office/outbox?page=" + strconv.Itoa(page)
}

// ocOutbox lists the waiting mail, newest first, for administrators.
func (h *Handler) ocOutbox(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := ocRequireStaff(rq); err != nil {
		return err
	}
	page := ocPage(r.URL.Query().Get("page"))
	rows, total, err := h.off.PendingMail(r.Context(), rq.Actor(), ocOutboxSize, (page-1)*ocOutboxSize)
	if err != nil {
		return err
	}
	pages := max(1, (total+ocOutboxSize-1)/ocOutboxSize)
	if page > pages {
		return redirect(ocOutboxURL(pages))
	}
	d := ocOutboxData{Total: total, Page: page, Pages: pages}
	if page > 1 {
		d.PrevURL = ocOutboxURL(page - 1)
	}
	if page < pages {
		d.NextURL = ocOutboxURL(page + 1)
	}
	for _, q := range rows {
		m := ocMail{Row: q.Row, To: q.Job.To, Template: q.Job.Template}
		msg, err := notify.Render(h.i18n, q.Job)
		if err != nil {
			m.Broken = true
		} else {
			m.Subject = msg.Subject
			for _, line := range strings.Split(msg.Text, "\n") {
				m.Lines = append(m.Lines, ocSegments(line))
			}
		}
		d.Mail = append(d.Mail, m)
	}
	v := h.ocView(r, rq, "staffcase.outbox.title")
	v.Data = d
	return h.render(w, http.StatusOK, "staff-outbox", v)
}
