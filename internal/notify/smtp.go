package notify

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"strconv"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// SMTP is a Mailer that submits each message to one relay over a fresh
// connection. It holds no connection between sends and is safe for
// concurrent use.
type SMTP struct {
	cfg Config
	err error // configuration problem, reported by every Send
}

var _ Mailer = (*SMTP)(nil)

// NewSMTP returns a Mailer for the relay in cfg, with defaults applied. An
// invalid cfg is not fatal here; every Send reports the problem instead.
// Validate early with ParseURL.
func NewSMTP(cfg Config) *SMTP {
	cfg = cfg.withDefaults()
	return &SMTP{cfg: cfg, err: cfg.validate()}
}

// opError names the SMTP step that failed. perMessage marks the steps whose
// 5xx replies are about this message (RCPT, DATA); a 5xx anywhere else is a
// relay or configuration problem that also hits every other message, so it
// stays retryable until an operator fixes it.
type opError struct {
	op         string
	perMessage bool
	err        error
}

func (e *opError) Error() string { return "notify: smtp " + e.op + ": " + e.err.Error() }
func (e *opError) Unwrap() error { return e.err }

// Permanent reports whether err should not be retried: a 5xx reply to RCPT or
// DATA (or any bare *smtp.SMTPError with a 5xx code) and an invalid message.
// 4xx replies, network errors, timeouts and relay setup failures (connect,
// STARTTLS, AUTH, MAIL FROM, configuration) are temporary.
func Permanent(err error) bool {
	if err == nil {
		return false
	}
	var oe *opError
	if errors.As(err, &oe) && !oe.perMessage {
		return false
	}
	if errors.Is(err, ErrInvalidMessage) {
		return true
	}
	var se *smtp.SMTPError
	return errors.As(err, &se) && se.Code >= 500 && se.Code <= 599
}

// Send builds m and submits it. It returns once the relay has accepted the
// message (250 after DATA) or on the first failure; ctx and Config.Timeout
// bound the whole exchange, including a relay that never answers.
func (s *SMTP) Send(ctx context.Context, m Message) error {
	if s.err != nil {
		return &opError{op: "config", err: s.err}
	}
	raw, envFrom, envTo, err := build(s.cfg.From, m, time.Now())
	if err != nil {
		return &opError{op: "build", perMessage: true, err: err}
	}
	ctx, cancel := context.WithTimeout(ctx, s.cfg.Timeout)
	defer cancel()

	c, err := s.connect(ctx)
	if err != nil {
		return fail(ctx, "connect", false, err)
	}
	defer c.Close()
	if s.cfg.Username != "" {
		if err := c.Auth(sasl.NewPlainClient("", s.cfg.Username, s.cfg.Password)); err != nil {
			return fail(ctx, "auth", false, err)
		}
	}
	if err := c.Mail(envFrom, nil); err != nil {
		return fail(ctx, "mail from", false, err)
	}
	if err := c.Rcpt(envTo, nil); err != nil {
		return fail(ctx, "rcpt to", true, err)
	}
	w, err := c.Data()
	if err != nil {
		return fail(ctx, "data", true, err)
	}
	if _, err := w.Write(raw); err != nil {
		return fail(ctx, "data", true, err)
	}
	if err := w.Close(); err != nil {
		return fail(ctx, "data", true, err)
	}
	// The relay owns the message now. A failed QUIT must not make the
	// dispatcher send it again.
	_ = c.Quit()
	return nil
}

// connect dials the relay and secures the connection as configured (the
// greeting and EHLO happen here for STARTTLS or a HelloName, otherwise on the
// first command). go-smtp's Dial helpers take no context and wait up to 30 s to
// connect and 5 min for a greeting, so the connection is dialled here and
// closed as soon as ctx ends, which unblocks any read or write in progress.
func (s *SMTP) connect(ctx context.Context) (*smtp.Client, error) {
	addr := net.JoinHostPort(s.cfg.Host, strconv.Itoa(s.cfg.Port))
	dialer := &net.Dialer{}
	tlsConfig := s.tlsConfig()
	var conn net.Conn
	var err error
	if s.cfg.TLS == TLSImplicit {
		conn, err = (&tls.Dialer{NetDialer: dialer, Config: tlsConfig}).DialContext(ctx, "tcp", addr)
	} else {
		conn, err = dialer.DialContext(ctx, "tcp", addr)
	}
	if err != nil {
		return nil, err
	}
	// Not stopped: Send's own cancel runs after the client is closed anyway.
	context.AfterFunc(ctx, func() { _ = conn.Close() })

	var c *smtp.Client
	if s.cfg.TLS == TLSStartTLS {
		// Fails rather than continuing in cleartext if STARTTLS is not offered.
		if c, err = smtp.NewClientStartTLS(conn, tlsConfig); err != nil {
			return nil, err
		}
	} else {
		c = smtp.NewClient(conn)
	}
	// go-smtp's own per-command timeouts (5 and 12 min) are left alone: ctx
	// is always the earlier bound, so a timeout reports context.DeadlineExceeded.
	if s.cfg.HelloName != "" {
		if err := c.Hello(s.cfg.HelloName); err != nil {
			_ = c.Close()
			return nil, err
		}
	}
	return c, nil
}

// tlsConfig returns the configured TLS settings with ServerName set, which
// go-smtp only does itself when it dials.
func (s *SMTP) tlsConfig() *tls.Config {
	cfg := &tls.Config{}
	if s.cfg.TLSConfig != nil {
		cfg = s.cfg.TLSConfig.Clone()
	}
	if cfg.ServerName == "" {
		cfg.ServerName = s.cfg.Host
	}
	return cfg
}

// fail wraps err with its step, adding the context's cause when the deadline
// or a cancellation is what broke the connection.
func fail(ctx context.Context, op string, perMessage bool, err error) error {
	if cause := context.Cause(ctx); cause != nil {
		err = fmt.Errorf("%w: %w", cause, err)
	}
	return &opError{op: op, perMessage: perMessage, err: err}
}
