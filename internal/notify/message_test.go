package notify_test

import (
	"bytes"
	"errors"
	"io"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"regexp"
	"strings"
	"testing"
	"time"

	"trustlane/internal/notify"
)

var buildTime = time.Date(2026, time.March, 2, 9, 30, 0, 0, time.FixedZone("CET", 3600))

// checkWireFormat fails unless raw is 7-bit, CRLF-terminated and has no
// header line over 78 characters nor any line over 998.
func checkWireFormat(t *testing.T, raw []byte) {
	t.Helper()
	if !bytes.HasSuffix(raw, []byte("\r\n")) {
		t.Error("message does not end with CRLF")
	}
	inHeader := true
	for i, line := range strings.Split(strings.TrimSuffix(string(raw), "\r\n"), "\r\n") {
		if strings.ContainsAny(line, "\r\n") {
			t.Errorf("line %d has a bare CR or LF: %q", i, line)
		}
		for _, c := range []byte(line) {
			if c >= 0x80 {
				t.Errorf("line %d is not 7-bit: %q", i, line)
				break
			}
		}
		if line == "" {
			inHeader = false
		}
		if (inHeader && len(line) > 78) || len(line) > 998 {
			t.Errorf("line %d is %d characters long: %q", i, len(line), line)
		}
	}
}

func TestBuildTextOnly(t *testing.T) {
	m := notify.Message{
		To:        "emilie@example.fr",
		Subject:   "Invitation au programme Opérateur de confiance",
		Text:      "Bonjour,\r\nVous êtes invité·e à rejoindre Trustlane : " + strings.Repeat("très long texte ", 10) + "\r\n",
		MessageID: "<invite-7@outbox.trustlane.example>",
	}
	raw, err := notify.Build(sender, m, buildTime)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	checkWireFormat(t, raw)
	msg, err := mail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("ReadMessage: %v", err)
	}
	for name, want := range map[string]string{
		"Date":                      "Mon, 02 Mar 2026 09:30:00 +0100",
		"From":                      "\"Trustlane\" <noreply@trustlane.example>",
		"To":                        "<emilie@example.fr>",
		"Message-ID":                "<invite-7@outbox.trustlane.example>",
		"MIME-Version":              "1.0",
		"Content-Type":              "text/plain; charset=utf-8",
		"Content-Transfer-Encoding": "quoted-printable",
		"Auto-Submitted":            "auto-generated",
	} {
		if got := msg.Header.Get(name); got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	if date, err := msg.Header.Date(); err != nil || !date.Equal(buildTime) {
		t.Errorf("Date = %v, %v", date, err)
	}
	subject, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject"))
	if err != nil || subject != m.Subject {
		t.Errorf("Subject = %q, %v", subject, err)
	}
	body, err := io.ReadAll(quotedprintable.NewReader(msg.Body))
	if err != nil || string(body) != m.Text {
		t.Errorf("body = %q, %v; want %q", body, err, m.Text)
	}
}

func TestBuildLongSubjectIsFolded(t *testing.T) {
	subject := "Rappel : la date limite de dépôt de votre demande de renouvellement du statut d'opérateur économique agréé approche à grands pas"
	raw, err := notify.Build(sender, notify.Message{To: "a@example.org", Subject: subject, Text: "x"}, buildTime)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	checkWireFormat(t, raw)
	if !bytes.Contains(raw, []byte("\r\n =?utf-8?q?")) {
		t.Errorf("subject was not folded between encoded words:\n%s", raw)
	}
	msg, _ := mail.ReadMessage(bytes.NewReader(raw))
	if got, err := new(mime.WordDecoder).DecodeHeader(msg.Header.Get("Subject")); got != subject {
		t.Errorf("Subject = %q, %v", got, err)
	}
}

func TestBuildMessageID(t *testing.T) {
	generated := regexp.MustCompile(`^<[a-z2-7]{26}@trustlane\.example>$`)
	for _, tc := range []struct{ given, want string }{
		{"outbox-42", "<outbox-42@trustlane.example>"},
		{"<outbox-42>", "<outbox-42@trustlane.example>"},
		{"0192f1c2-7d4e@outbox.trustlane.example", "<0192f1c2-7d4e@outbox.trustlane.example>"},
		{"", ""},
	} {
		raw, err := notify.Build(sender, notify.Message{To: "a@example.org", Subject: "s", Text: "x", MessageID: tc.given}, buildTime)
		if err != nil {
			t.Fatalf("Build(%q): %v", tc.given, err)
		}
		msg, _ := mail.ReadMessage(bytes.NewReader(raw))
		got := msg.Header.Get("Message-ID")
		if (tc.want != "" && got != tc.want) || (tc.want == "" && !generated.MatchString(got)) {
			t.Errorf("Message-ID for %q = %q, want %q", tc.given, got, tc.want)
		}
	}
}

func TestBuildRejects(t *testing.T) {
	ok := notify.Message{To: "emilie@example.fr", Subject: "Bonjour", Text: "x"}
	for _, tc := range []struct {
		name      string
		from      string
		edit      func(*notify.Message)
		injection bool
	}{
		{"CRLF in subject", sender, func(m *notify.Message) { m.Subject = "Bonjour\r\nBcc: x@example.net" }, true},
		{"LF in subject", sender, func(m *notify.Message) { m.Subject = "Bonjour\nBcc: x@example.net" }, true},
		{"CRLF in to", sender, func(m *notify.Message) { m.To = "a@example.org\r\nBcc: x@example.net" }, true},
		{"CR in message ID", sender, func(m *notify.Message) { m.MessageID = "a\rb" }, true},
		{"CRLF in from", "noreply@trustlane.example\r\nBcc: x@example.net", func(*notify.Message) {}, true},
		{"two recipients", sender, func(m *notify.Message) { m.To = "a@example.org, b@example.org" }, false},
		{"no recipient", sender, func(m *notify.Message) { m.To = " " }, false},
		{"not an address", sender, func(m *notify.Message) { m.To = "émilie at example" }, false},
		{"non-ASCII address", sender, func(m *notify.Message) { m.To = "émilie@exemple.fr" }, false},
		{"empty text", sender, func(m *notify.Message) { m.Text, m.HTML = " \n", "<p>hi</p>" }, false},
		{"space in message ID", sender, func(m *notify.Message) { m.MessageID = "a b" }, false},
		{"invalid from", "noreply", func(*notify.Message) {}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m := ok
			tc.edit(&m)
			_, err := notify.Build(tc.from, m, buildTime)
			if !errors.Is(err, notify.ErrInvalidMessage) || !notify.Permanent(err) {
				t.Fatalf("Build = %v, want a permanent ErrInvalidMessage", err)
			}
			if tc.injection != strings.Contains(err.Error(), "header injection") {
				t.Errorf("error %q: header injection mentioned = %v, want %v", err, !tc.injection, tc.injection)
			}
		})
	}
}
