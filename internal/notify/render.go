package notify

import (
	"fmt"

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
		data[k] = v
	}
	if r, ok := j.Data["Role"]; ok {
		data["RoleName"] = l.T("role." + r)
	}
	body := l.T(bodyKey, data) + "\n\n-- \n" + l.T("mail.signature")
	return Message{To: j.To, Subject: l.T(subjectKey, data), Text: body}, nil
}
