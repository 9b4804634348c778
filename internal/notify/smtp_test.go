package notify_test

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-smtp"

	"trustlane/internal/notify"
)

const sender = "Trustlane <noreply@trustlane.example>"

func resetMessage() notify.Message {
	return notify.Message{
		To:        "Émilie Durand <emilie@example.fr>",
		Subject:   "Réinitialisation du mot de passe",
		Text:      "Bonjour Émilie,\n\nSuivez ce lien : https://trustlane.example/reset?token=Zx9\n.\n. ligne qui commence par un point\n",
		HTML:      `<p>Bonjour Émilie,</p><p><a href="https://trustlane.example/reset?token=Zx9">Réinitialiser</a></p>`,
		MessageID: "outbox-42",
	}
}

func loopback(port int) notify.Config {
	return notify.Config{Host: "127.0.0.1", Port: port, From: sender, TLS: notify.TLSNone, Timeout: 10 * time.Second}
}

// onlyDelivery fails unless the relay received exactly one message.
func onlyDelivery(t *testing.T, be *backend) delivery {
	t.Helper()
	got := be.received()
	if len(got) != 1 {
		t.Fatalf("relay received %d messages, want 1", len(got))
	}
	return got[0]
}

func TestSendPlainLoopback(t *testing.T) {
	be := &backend{}
	mailer := notify.NewSMTP(loopback(startRelay(t, be, nil, nil)))
	want := resetMessage()
	if err := mailer.Send(context.Background(), want); err != nil {
		t.Fatalf("Send: %v", err)
	}
	d := onlyDelivery(t, be)
	if d.from != "noreply@trustlane.example" || len(d.to) != 1 || d.to[0] != "emilie@example.fr" {
		t.Errorf("envelope = %q -> %q", d.from, d.to)
	}

	msg, err := mail.ReadMessage(bytes.NewReader(d.data))
	if err != nil {
		t.Fatalf("ReadMessage: %v", err)
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if err != nil || subject != want.Subject {
		t.Errorf("Subject = %q, %v; want %q", subject, err, want.Subject)
	}
	if got := msg.Header.Get("Message-ID"); got != "<outbox-42@trustlane.example>" {
		t.Errorf("Message-ID = %q", got)
	}
	to, err := msg.Header.AddressList("To")
	if err != nil || len(to) != 1 || to[0].Name != "Émilie Durand" || to[0].Address != "emilie@example.fr" {
		t.Errorf("To = %v, %v", to, err)
	}

	mediaType, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil || mediaType != "multipart/alternative" {
		t.Fatalf("Content-Type = %q, %v", msg.Header.Get("Content-Type"), err)
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for i, wantPart := range []struct{ ctype, body string }{
		{"text/plain", want.Text},
		{"text/html", want.HTML},
	} {
		p, err := mr.NextRawPart()
		if err != nil {
			t.Fatalf("part %d: %v", i, err)
		}
		ct, ctParams, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
		if ct != wantPart.ctype || ctParams["charset"] != "utf-8" {
			t.Errorf("part %d Content-Type = %q", i, p.Header.Get("Content-Type"))
		}
		if cte := p.Header.Get("Content-Transfer-Encoding"); cte != "quoted-printable" {
			t.Errorf("part %d Content-Transfer-Encoding = %q", i, cte)
		}
		body, err := io.ReadAll(quotedprintable.NewReader(p))
		if err != nil {
			t.Fatalf("part %d: %v", i, err)
		}
		if got := strings.ReplaceAll(string(body), "\r\n", "\n"); strings.TrimSuffix(got, "\n") != strings.TrimSuffix(wantPart.body, "\n") {
			t.Errorf("part %d body = %q, want %q", i, got, wantPart.body)
		}
	}
	if _, err := mr.NextRawPart(); err != io.EOF {
		t.Errorf("after two parts: %v, want io.EOF", err)
	}

	// A retry of the same outbox row carries the same Message-ID.
	if err := mailer.Send(context.Background(), want); err != nil {
		t.Fatalf("second Send: %v", err)
	}
	again, _ := mail.ReadMessage(bytes.NewReader(be.received()[1].data))
	if again.Header.Get("Message-ID") != msg.Header.Get("Message-ID") {
		t.Errorf("retry Message-ID %q != %q", again.Header.Get("Message-ID"), msg.Header.Get("Message-ID"))
	}
}

func TestSendStartTLSWithAuth(t *testing.T) {
	serverTLS, pool := selfSigned(t)
	be := &backend{user: "portal", pass: "s3cret"}
	port := startRelay(t, be, func(s *smtp.Server) { s.TLSConfig = serverTLS }, nil)
	cfg := notify.Config{
		Host: "127.0.0.1", Port: port, From: sender, TLS: notify.TLSStartTLS,
		Username: "portal", Password: "s3cret", HelloName: "portal.trustlane.example",
		TLSConfig: &tls.Config{RootCAs: pool}, Timeout: 10 * time.Second,
	}
	if err := notify.NewSMTP(cfg).Send(context.Background(), resetMessage()); err != nil {
		t.Fatalf("Send: %v", err)
	}
	d := onlyDelivery(t, be)
	if !d.tls || d.user != "portal" || d.hello != "portal.trustlane.example" {
		t.Errorf("delivery tls=%v user=%q hello=%q", d.tls, d.user, d.hello)
	}

	t.Run("untrusted certificate", func(t *testing.T) {
		cfg := cfg
		cfg.TLSConfig = nil
		err := notify.NewSMTP(cfg).Send(context.Background(), resetMessage())
		var certErr *tls.CertificateVerificationError
		if !errors.As(err, &certErr) || notify.Permanent(err) {
			t.Errorf("Send = %v, want a temporary certificate error", err)
		}
	})
	t.Run("relay without STARTTLS", func(t *testing.T) {
		plain := &backend{}
		cfg := cfg
		cfg.Port, cfg.Username, cfg.Password = startRelay(t, plain, nil, nil), "", ""
		err := notify.NewSMTP(cfg).Send(context.Background(), resetMessage())
		if err == nil || !strings.Contains(err.Error(), "STARTTLS") || len(plain.received()) != 0 {
			t.Errorf("Send = %v, want refusal to continue in cleartext", err)
		}
	})
	if n := len(be.received()); n != 1 {
		t.Errorf("relay received %d messages after failed sends, want 1", n)
	}
}

func TestSendImplicitTLS(t *testing.T) {
	serverTLS, pool := selfSigned(t)
	be := &backend{}
	port := startRelay(t, be, nil, serverTLS)
	cfg := notify.Config{Host: "127.0.0.1", Port: port, From: sender, TLS: notify.TLSImplicit,
		TLSConfig: &tls.Config{RootCAs: pool}}
	if err := notify.NewSMTP(cfg).Send(context.Background(), resetMessage()); err != nil {
		t.Fatalf("Send: %v", err)
	}
	if d := onlyDelivery(t, be); !d.tls {
		t.Error("delivery did not use TLS")
	}
}

func TestSendAuthPlainLoopback(t *testing.T) {
	be := &backend{user: "portal", pass: "s3cret"}
	port := startRelay(t, be, func(s *smtp.Server) { s.AllowInsecureAuth = true }, nil)
	cfg := loopback(port)
	cfg.Username, cfg.Password = "portal", "s3cret"
	if err := notify.NewSMTP(cfg).Send(context.Background(), resetMessage()); err != nil {
		t.Fatalf("Send: %v", err)
	}
	if d := onlyDelivery(t, be); d.user != "portal" {
		t.Errorf("authenticated user = %q", d.user)
	}

	// A wrong password is an operator problem: it hits every message and
	// must stay retryable until the configuration is fixed.
	cfg.Password = "wrong"
	err := notify.NewSMTP(cfg).Send(context.Background(), resetMessage())
	var smtpErr *smtp.SMTPError
	if !errors.As(err, &smtpErr) || smtpErr.Code != 535 || notify.Permanent(err) {
		t.Errorf("Send with wrong password = %v, want temporary 535", err)
	}
}

func TestSendRefusesCredentialsWithoutTLS(t *testing.T) {
	cfg := notify.Config{Host: "relay.example.org", From: sender, TLS: notify.TLSNone, Username: "portal", Password: "s3cret"}
	err := notify.NewSMTP(cfg).Send(context.Background(), resetMessage())
	if !errors.Is(err, notify.ErrInsecureAuth) || notify.Permanent(err) {
		t.Errorf("Send = %v, want temporary ErrInsecureAuth", err)
	}
}

func TestSendRelayReplies(t *testing.T) {
	for _, tc := range []struct {
		name      string
		be        *backend
		code      int
		permanent bool
	}{
		{"RCPT 550", &backend{rcptErr: &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "No such user"}}, 550, true},
		{"RCPT 451", &backend{rcptErr: &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "Try again later"}}, 451, false},
		{"DATA 554", &backend{dataErr: &smtp.SMTPError{Code: 554, EnhancedCode: smtp.EnhancedCode{5, 7, 1}, Message: "Rejected as spam"}}, 554, true},
		{"DATA 452", &backend{dataErr: &smtp.SMTPError{Code: 452, EnhancedCode: smtp.EnhancedCode{4, 3, 1}, Message: "Mailbox full"}}, 452, false},
		{"MAIL 553 is a sender setup problem", &backend{mailErr: &smtp.SMTPError{Code: 553, EnhancedCode: smtp.EnhancedCode{5, 7, 1}, Message: "Sender not owned"}}, 553, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := notify.NewSMTP(loopback(startRelay(t, tc.be, nil, nil))).Send(context.Background(), resetMessage())
			var smtpErr *smtp.SMTPError
			if !errors.As(err, &smtpErr) || smtpErr.Code != tc.code {
				t.Fatalf("Send = %v, want SMTP %d", err, tc.code)
			}
			if got := notify.Permanent(err); got != tc.permanent {
				t.Errorf("Permanent(%v) = %v, want %v", err, got, tc.permanent)
			}
			if n := len(tc.be.received()); n != 0 {
				t.Errorf("relay stored %d messages", n)
			}
		})
	}
}

// silentListener accepts TCP connections in the kernel but never answers.
func silentListener(t *testing.T) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = ln.Close() })
	return ln.Addr().(*net.TCPAddr).Port
}

func TestSendDeadlineWithSilentRelay(t *testing.T) {
	t.Run("context deadline", func(t *testing.T) {
		ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
		defer cancel()
		start := time.Now()
		err := notify.NewSMTP(loopback(silentListener(t))).Send(ctx, resetMessage())
		if !errors.Is(err, context.DeadlineExceeded) || notify.Permanent(err) {
			t.Errorf("Send = %v, want temporary deadline error", err)
		}
		if elapsed := time.Since(start); elapsed > 3*time.Second {
			t.Errorf("Send returned after %v", elapsed)
		}
	})
	t.Run("config timeout", func(t *testing.T) {
		cfg := loopback(silentListener(t))
		cfg.Timeout = 200 * time.Millisecond
		start := time.Now()
		err := notify.NewSMTP(cfg).Send(context.Background(), resetMessage())
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("Send = %v, want deadline error", err)
		}
		if elapsed := time.Since(start); elapsed > 3*time.Second {
			t.Errorf("Send returned after %v", elapsed)
		}
	})
}

func TestSendRefusesHeaderInjection(t *testing.T) {
	be := &backend{}
	mailer := notify.NewSMTP(loopback(startRelay(t, be, nil, nil)))
	for _, m := range []notify.Message{
		{To: "emilie@example.fr", Subject: "Bonjour\r\nBcc: attacker@example.net", Text: "x"},
		{To: "emilie@example.fr\r\nBcc: attacker@example.net", Subject: "Bonjour", Text: "x"},
	} {
		err := mailer.Send(context.Background(), m)
		if !errors.Is(err, notify.ErrInvalidMessage) || !notify.Permanent(err) || !strings.Contains(err.Error(), "header injection") {
			t.Errorf("Send(%q, %q) = %v, want permanent header-injection error", m.To, m.Subject, err)
		}
	}
	if n := len(be.received()); n != 0 {
		t.Errorf("relay received %d messages", n)
	}
}
