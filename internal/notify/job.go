package notify

// KindMail is the outbox kind of a mail Job.
const KindMail = "mail"

// Job is a message to render and send later: the template names a pair of
// catalog entries ("mail.<template>.subject" and ".body") rendered in Lang
// with Data at send time.
type Job struct {
	Template string            `json:"template"`
	Lang     string            `json:"lang"`
	To       string            `json:"to"`
	Data     map[string]string `json:"data,omitempty"`
}
