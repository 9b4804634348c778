package notify_test

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"strings"
	"testing"

	"trustlane/internal/notify"
)

func TestLogMailer(t *testing.T) {
	var buf bytes.Buffer
	mailer := notify.NewLogMailer(slog.New(slog.NewTextHandler(&buf, nil)))
	if err := mailer.Send(context.Background(), resetMessage()); err != nil {
		t.Fatalf("Send: %v", err)
	}
	out := buf.String()
	for _, want := range []string{
		"level=INFO",
		`subject="Réinitialisation du mot de passe"`,
		"message_id=<outbox-42@localhost>",
		"emilie@example.fr",
		"https://trustlane.example/reset?token=Zx9",
		"has_html=true",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("log output lacks %q:\n%s", want, out)
		}
	}

	buf.Reset()
	err := mailer.Send(context.Background(), notify.Message{To: "a@example.org", Subject: "x\r\nBcc: b@example.org", Text: "x"})
	if !errors.Is(err, notify.ErrInvalidMessage) || buf.Len() != 0 {
		t.Errorf("Send with injected subject = %v, logged %q", err, buf.String())
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := mailer.Send(ctx, resetMessage()); !errors.Is(err, context.Canceled) {
		t.Errorf("Send with cancelled context = %v", err)
	}
}
