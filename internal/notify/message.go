// Package notify sends trustlane's outgoing e-mail: invitations, password
// resets, decision notices and deadline reminders.
//
// Mail leaves the portal through a background dispatcher that drains an
// outbox, never from inside a web request, so a relay that is slow or down
// cannot stall a page. That shapes this package: a Mailer sends exactly one
// already-rendered Message per call, every send is bounded by a context and a
// timeout, a retried send carries the same Message-ID so receivers can drop
// duplicates, and Permanent tells the dispatcher whether a failure is worth
// retrying. Messages are built here with the standard library so that the
// bytes on the wire (RFC 5322 headers, RFC 2047 subjects for French accents,
// quoted-printable bodies) are fully under our control and testable.
package notify

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"strings"
	"time"
)

// Message is one e-mail, already rendered in the recipient's language.
type Message struct {
	To      string // one address, optionally with a display name
	Subject string
	Text    string // plain-text body (required)
	HTML    string // optional HTML alternative
	// MessageID is stable for one outbox row, so a retried send carries the
	// same Message-ID header and receivers can de-duplicate. Angle brackets
	// are optional; an ID without "@" gets the sender's domain appended.
	// When empty, a random ID is generated on every send.
	MessageID string
}

// Mailer sends one message. Implementations are safe for concurrent use.
type Mailer interface {
	Send(ctx context.Context, m Message) error
}

// ErrInvalidMessage is wrapped by every error caused by the message itself
// (bad or missing address, header injection, empty body). Such a message
// can never be sent as given, so Permanent reports true for it.
var ErrInvalidMessage = errors.New("invalid message")

// maxHeaderLine is the line length RFC 5322 section 2.1.1 asks us to stay under.
const maxHeaderLine = 78

// Build renders m as an RFC 5322 message from the given sender, dated now.
// The result uses CRLF line endings and only 7-bit characters. It is what
// SMTP.Send transmits, exposed so tests can inspect it.
func Build(from string, m Message, now time.Time) ([]byte, error) {
	raw, _, _, err := build(from, m, now)
	return raw, err
}

// build returns the message bytes and the bare envelope sender and recipient.
func build(from string, m Message, now time.Time) (raw []byte, envFrom, envTo string, err error) {
	fromAddr, err := parseAddress("from", from)
	if err != nil {
		return nil, "", "", fmt.Errorf("notify: build: %w: %w", ErrInvalidMessage, err)
	}
	toAddr, err := checkMessage(m)
	if err != nil {
		return nil, "", "", fmt.Errorf("notify: build: %w", err)
	}
	_, domain, _ := strings.Cut(fromAddr.Address, "@")
	id, err := messageID(m.MessageID, strings.ToLower(domain))
	if err != nil {
		return nil, "", "", fmt.Errorf("notify: build: %w", err)
	}

	var b bytes.Buffer
	writeHeader(&b, "Date", now.Format(time.RFC1123Z))
	writeHeader(&b, "From", fromAddr.String())
	writeHeader(&b, "To", toAddr.String())
	writeHeader(&b, "Subject", mime.QEncoding.Encode("utf-8", m.Subject))
	writeHeader(&b, "Message-ID", id)
	writeHeader(&b, "MIME-Version", "1.0")
	// RFC 3834: tells vacation responders not to answer a robot.
	writeHeader(&b, "Auto-Submitted", "auto-generated")

	if m.HTML == "" {
		writeHeader(&b, "Content-Type", "text/plain; charset=utf-8")
		writeHeader(&b, "Content-Transfer-Encoding", "quoted-printable")
		b.WriteString("\r\n")
		writeQP(&b, m.Text)
		return b.Bytes(), fromAddr.Address, toAddr.Address, nil
	}

	mw := multipart.NewWriter(&b)
	writeHeader(&b, "Content-Type", mime.FormatMediaType("multipart/alternative",
		map[string]string{"boundary": mw.Boundary()}))
	b.WriteString("\r\n")
	for _, p := range []struct{ ctype, body string }{
		{"text/plain; charset=utf-8", m.Text}, // least preferred first (RFC 2046)
		{"text/html; charset=utf-8", m.HTML},
	} {
		w, err := mw.CreatePart(textproto.MIMEHeader{
			"Content-Type":              {p.ctype},
			"Content-Transfer-Encoding": {"quoted-printable"},
		})
		if err != nil {
			return nil, "", "", fmt.Errorf("notify: build: %w", err)
		}
		writeQP(w, p.body)
	}
	if err := mw.Close(); err != nil {
		return nil, "", "", fmt.Errorf("notify: build: %w", err)
	}
	return b.Bytes(), fromAddr.Address, toAddr.Address, nil
}

// checkMessage validates the parts of m that do not depend on the sender and
// returns the parsed recipient. Errors wrap ErrInvalidMessage.
func checkMessage(m Message) (*mail.Address, error) {
	to, err := parseAddress("to", m.To)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidMessage, err)
	}
	if strings.ContainsAny(m.Subject, "\r\n") {
		return nil, fmt.Errorf("%w: subject contains CR or LF (header injection)", ErrInvalidMessage)
	}
	if strings.TrimSpace(m.Text) == "" {
		return nil, fmt.Errorf("%w: plain-text body is required", ErrInvalidMessage)
	}
	return to, nil
}

// parseAddress accepts exactly one ASCII address, with or without a display
// name. Its errors do not wrap ErrInvalidMessage: From is configuration.
func parseAddress(field, s string) (*mail.Address, error) {
	if strings.ContainsAny(s, "\r\n") {
		return nil, fmt.Errorf("%s address contains CR or LF (header injection)", field)
	}
	if strings.TrimSpace(s) == "" {
		return nil, fmt.Errorf("%s address is empty", field)
	}
	a, err := mail.ParseAddress(s)
	if err != nil {
		return nil, fmt.Errorf("%s address %q: %w", field, s, err)
	}
	for i := 0; i < len(a.Address); i++ {
		if a.Address[i] >= 0x80 {
			// SMTPUTF8 is not universally supported; punycode the domain upstream.
			return nil, fmt.Errorf("%s address %q is not ASCII", field, a.Address)
		}
	}
	return a, nil
}

// messageID returns the Message-ID header value for given, or a random one.
func messageID(given, domain string) (string, error) {
	id := strings.TrimSpace(given)
	if id == "" {
		return "<" + strings.ToLower(rand.Text()) + "@" + domain + ">", nil
	}
	id = strings.TrimSuffix(strings.TrimPrefix(id, "<"), ">")
	if strings.ContainsAny(id, "\r\n") {
		return "", fmt.Errorf("%w: message ID contains CR or LF (header injection)", ErrInvalidMessage)
	}
	if id == "" || len(id) > 200 {
		return "", fmt.Errorf("%w: message ID must be 1 to 200 characters", ErrInvalidMessage)
	}
	for _, r := range id {
		if r <= ' ' || r > '~' || r == '<' || r == '>' {
			return "", fmt.Errorf("%w: message ID %q has a character not allowed in a msg-id", ErrInvalidMessage, id)
		}
	}
	if !strings.Contains(id, "@") {
		id += "@" + domain
	}
	return "<" + id + ">", nil
}

// writeHeader writes "Name: value" folded at spaces to stay under
// maxHeaderLine where possible. Unfolding restores value exactly. A first word
// too long for the "Name:" line (a 75-character RFC 2047 encoded-word after
// "Subject: ") goes to a continuation line of its own, as RFC 2047 section 2
// limits lines holding encoded-words to 76 characters.
func writeHeader(b *bytes.Buffer, name, value string) {
	b.WriteString(name)
	b.WriteByte(':')
	n := len(name) + 1
	for i, word := range strings.Split(value, " ") {
		fits := n+1+len(word) <= maxHeaderLine
		if word != "" && !fits && (i > 0 || 1+len(word) <= maxHeaderLine) {
			b.WriteString("\r\n")
			n = 0
		}
		b.WriteByte(' ')
		b.WriteString(word)
		n += 1 + len(word)
	}
	b.WriteString("\r\n")
}

// writeQP writes body quoted-printable encoded with CRLF line endings. Writes
// go to an in-memory buffer and cannot fail.
func writeQP(w io.Writer, body string) {
	body = strings.ReplaceAll(body, "\r\n", "\n")
	body = strings.ReplaceAll(body, "\r", "\n")
	if !strings.HasSuffix(body, "\n") {
		body += "\n"
	}
	qp := quotedprintable.NewWriter(w)
	_, _ = qp.Write([]byte(body))
	_ = qp.Close()
}
