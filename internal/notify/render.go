package notify

import (
	"fmt"
	"strings"
	"time"

	"trustlane/internal/i18n"
)

// Render turns a Job into a Message in the job's language, from the catalog
// entries mail.<template>.subject and mail.<template>.body.
func Render(b *i18n.Bundle, j Job) (Message, error) {
	subjectKey, bodyKey := "mail."+j.Template+".subject", "mail."+j.Template+".body"
	if !b.Has(subjectKey) || !b.Has(bodyKey) {
		return Message{}, fmt.Errorf("%w: no mail template %q", ErrInvalidMessage, j.Template)
	}
	l := b.For(j.Lang)
	data := map[string]any{}
	for k, v := range j.Data {
		data[k] = localize(l, v)
	}
	if r, ok := j.Data["Role"]; ok {
		data["RoleName"] = l.T("role." + r)
	}
	body := l.T(bodyKey, data) + "\n\n-- \n" + l.T("mail.signature")
	return Message{To: j.To, Subject: l.T(subjectKey, data), Text: body}, nil
}

// localize renders a data value for the recipient: "key:error.x" becomes
// that message in their language, "date:2026-11-25T…" a date written their
// way; anything else is taken as it is.
func localize(l *i18n.Localizer, v string) string {
	switch {
	case strings.HasPrefix(v, "key:"):
		return l.T(strings.TrimPrefix(v, "key:"))
	case strings.HasPrefix(v, "date:"):
		t, err := time.Parse(time.RFC3339, strings.TrimPrefix(v, "date:"))
		if err != nil {
			return v
		}
		// The offset written by DateValue keeps the program's calendar day.
		return l.Date(t)
	}
	return v
}

// Key marks a data value as a message key to translate for the recipient.
func Key(k string) string { return "key:" + k }

// DateValue marks a data value as a date to write in the recipient's way,
// on the calendar of the program's time zone loc.
func DateValue(t time.Time, loc *time.Location) string {
	return "date:" + t.In(loc).Format(time.RFC3339)
}
