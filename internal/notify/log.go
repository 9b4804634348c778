package notify

import (
	"context"
	"fmt"
	"log/slog"
	"time"
)

// LogMailer is the Mailer of a server with no SMTP relay configured: it
// writes each message to a *slog.Logger at Info instead of sending it, so a
// developer can still follow invitation and password-reset links. It is the
// documented behaviour of such a server, not a test double.
//
// The logged body contains live secrets (reset and invitation tokens), so a
// log fed by a LogMailer must be treated as sensitive. It is safe for
// concurrent use.
type LogMailer struct {
	log *slog.Logger
}

var _ Mailer = (*LogMailer)(nil)

// NewLogMailer returns a LogMailer writing to l, or to slog.Default() when l
// is nil.
func NewLogMailer(l *slog.Logger) *LogMailer {
	if l == nil {
		l = slog.Default()
	}
	return &LogMailer{log: l}
}

// Send validates m with the same rules as SMTP.Send, so mistakes show up in
// development too, then logs its headers and plain-text body. The HTML
// alternative is only noted, as it repeats the text.
func (l *LogMailer) Send(ctx context.Context, m Message) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("notify: log send: %w", err)
	}
	to, err := checkMessage(m)
	if err != nil {
		return fmt.Errorf("notify: log send: %w", err)
	}
	id, err := messageID(m.MessageID, "localhost")
	if err != nil {
		return fmt.Errorf("notify: log send: %w", err)
	}
	l.log.LogAttrs(ctx, slog.LevelInfo, "mail not sent: no SMTP relay configured",
		slog.String("to", to.String()),
		slog.String("subject", m.Subject),
		slog.String("message_id", id),
		slog.String("date", time.Now().Format(time.RFC1123Z)),
		slog.Bool("has_html", m.HTML != ""),
		slog.String("text", m.Text),
	)
	return nil
}
