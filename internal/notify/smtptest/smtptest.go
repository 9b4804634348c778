// Package smtptest runs a real SMTP relay in process (github.com/emersion/
// go-smtp's server) that keeps what it receives, so tests of the whole
// program send mail over the real protocol and read it back.
package smtptest

import (
	"io"
	"log"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
)

// Mail is one received message, decoded.
type Mail struct {
	From, To string
	Subject  string
	Text     string
	Header   mail.Header
}

// Relay is a running SMTP server.
type Relay struct {
	URL string // smtp://127.0.0.1:PORT?from=…&tls=none, for the server's --smtp

	mu      sync.Mutex
	mail    []Mail
	cond    *sync.Cond
	refusal *smtp.SMTPError
}

// Refuse makes the relay answer every recipient with code (such as 451, a
// temporary failure, or 550, a permanent one) until Refuse(0).
func (r *Relay) Refuse(code int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.refusal = nil
	if code != 0 {
		r.refusal = &smtp.SMTPError{Code: code, Message: "refused by the test relay"}
	}
}

// Start serves a relay on loopback until the test ends.
func Start(tb testing.TB) *Relay {
	tb.Helper()
	r := &Relay{}
	r.cond = sync.NewCond(&r.mu)
	srv := smtp.NewServer(r)
	srv.Domain = "relay.test"
	srv.ReadTimeout, srv.WriteTimeout = 10*time.Second, 10*time.Second
	srv.ErrorLog = log.New(io.Discard, "", 0)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	go func() { _ = srv.Serve(ln) }()
	tb.Cleanup(func() { _ = srv.Close() })
	r.URL = "smtp://" + ln.Addr().String() + "?from=no-reply%40trustlane.test&tls=none"
	return r
}

// NewSession implements smtp.Backend.
func (r *Relay) NewSession(*smtp.Conn) (smtp.Session, error) { return &session{r: r}, nil }

// All returns every message received so far.
func (r *Relay) All() []Mail {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Mail(nil), r.mail...)
}

// Wait returns the first message to "to" whose subject contains subject,
// waiting up to 15 s for it.
func (r *Relay) Wait(tb testing.TB, to, subject string) Mail {
	tb.Helper()
	deadline := time.Now().Add(15 * time.Second)
	timer := time.AfterFunc(15*time.Second, func() { r.cond.Broadcast() })
	defer timer.Stop()
	r.mu.Lock()
	defer r.mu.Unlock()
	for {
		for _, m := range r.mail {
			if strings.EqualFold(m.To, to) && strings.Contains(m.Subject, subject) {
				return m
			}
		}
		if time.Now().After(deadline) {
			tb.Fatalf("no mail to %s with subject containing %q within 15 s (got %d messages)", to, subject, len(r.mail))
		}
		r.cond.Wait()
	}
}

var linkRE = regexp.MustCompile(`https?://\S+`)

// Link returns the first URL in a message's text.
func (m Mail) Link() string { return linkRE.FindString(m.Text) }

type session struct {
	r        *Relay
	from, to string
}

func (s *session) AuthMechanisms() []string                    { return nil }
func (s *session) Mail(from string, _ *smtp.MailOptions) error { s.from = from; return nil }
func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.r.mu.Lock()
	defer s.r.mu.Unlock()
	if s.r.refusal != nil {
		return s.r.refusal
	}
	s.to = to
	return nil
}
func (s *session) Reset()        {}
func (s *session) Logout() error { return nil }

func (s *session) Data(r io.Reader) error {
	msg, err := mail.ReadMessage(r)
	if err != nil {
		return err
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if err != nil {
		return err
	}
	var body io.Reader = msg.Body
	if strings.EqualFold(msg.Header.Get("Content-Transfer-Encoding"), "quoted-printable") {
		body = quotedprintable.NewReader(msg.Body)
	}
	text, err := io.ReadAll(body)
	if err != nil {
		return err
	}
	m := Mail{From: s.from, To: s.to, Subject: subject, Text: strings.ReplaceAll(string(text), "\r\n", "\n"), Header: msg.Header}
	s.r.mu.Lock()
	s.r.mail = append(s.r.mail, m)
	s.r.mu.Unlock()
	s.r.cond.Broadcast()
	return nil
}
