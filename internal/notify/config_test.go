package notify_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"trustlane/internal/notify"
)

func TestParseURL(t *testing.T) {
	const from = "noreply@trustlane.example"
	good := []struct {
		raw  string
		want notify.Config
	}{
		{"smtp://relay.example.org?from=" + from,
			notify.Config{Host: "relay.example.org", Port: 587, From: from, TLS: "starttls", Timeout: notify.DefaultTimeout}},
		{"smtps://relay.example.org?from=" + from,
			notify.Config{Host: "relay.example.org", Port: 465, From: from, TLS: "tls", Timeout: notify.DefaultTimeout}},
		{"smtp://relay.example.org?from=" + from + "&tls=tls",
			notify.Config{Host: "relay.example.org", Port: 465, From: from, TLS: "tls", Timeout: notify.DefaultTimeout}},
		{"smtp://relay.example.org?tls=none&from=" + from,
			notify.Config{Host: "relay.example.org", Port: 25, From: from, TLS: "none", Timeout: notify.DefaultTimeout}},
		{"SMTP://relay.example.org/?from=" + from + "&tls=StartTLS",
			notify.Config{Host: "relay.example.org", Port: 587, From: from, TLS: "starttls", Timeout: notify.DefaultTimeout}},
		{"smtp://portal%40trustlane:p%40ss%3Aw0rd@relay.example.org:2525?from=Trustlane%20%3Cnoreply%40trustlane.example%3E&helo=portal.trustlane.example&timeout=10s",
			notify.Config{Host: "relay.example.org", Port: 2525, Username: "portal@trustlane", Password: "p@ss:w0rd",
				From: "Trustlane <noreply@trustlane.example>", TLS: "starttls", HelloName: "portal.trustlane.example", Timeout: 10 * time.Second}},
		{"smtp://portal:secret@localhost?tls=none&from=" + from,
			notify.Config{Host: "localhost", Port: 25, Username: "portal", Password: "secret", From: from, TLS: "none", Timeout: notify.DefaultTimeout}},
		{"smtp://portal:secret@[::1]:1025?tls=none&from=" + from,
			notify.Config{Host: "::1", Port: 1025, Username: "portal", Password: "secret", From: from, TLS: "none", Timeout: notify.DefaultTimeout}},
	}
	for _, tc := range good {
		got, err := notify.ParseURL(tc.raw)
		if err != nil {
			t.Errorf("ParseURL(%q): %v", tc.raw, err)
			continue
		}
		if got != tc.want {
			t.Errorf("ParseURL(%q)\n got %+v\nwant %+v", tc.raw, got, tc.want)
		}
	}

	bad := []struct{ raw, wantErr string }{
		{"", "scheme"},
		{"http://relay.example.org?from=" + from, "scheme"},
		{"relay.example.org:587", "scheme"},
		{"smtp://?from=" + from, "host"},
		{"smtp://relay.example.org", "from address is required"},
		{"smtp://relay.example.org?from=", "from address is required"},
		{"smtp://relay.example.org?from=noreply", "from address"},
		{"smtp://relay.example.org?from=" + from + "&tls=ssl", "tls must be"},
		{"smtps://relay.example.org?from=" + from + "&tls=none", "conflicts"},
		{"smtp://relay.example.org:0?from=" + from, "port"},
		{"smtp://relay.example.org:70000?from=" + from, "port"},
		{"smtp://relay.example.org/mail?from=" + from, "no path"},
		{"smtp://relay.example.org?from=" + from + "&form=x", "unknown parameter"},
		{"smtp://relay.example.org?from=" + from + "&from=b@example.org", "given 2 times"},
		{"smtp://relay.example.org?from=" + from + "&timeout=soon", "timeout"},
		{"smtp://relay.example.org?from=" + from + "&timeout=-1s", "timeout"},
		{"smtp://:secret@relay.example.org?from=" + from, "without a username"},
		{"smtp://relay.example.org?from=" + from + "&helo=a%20b", "hello name"},
		{"smtp://relay.example.org?from=%zz", "query"},
	}
	for _, tc := range bad {
		_, err := notify.ParseURL(tc.raw)
		if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
			t.Errorf("ParseURL(%q) = %v, want error containing %q", tc.raw, err, tc.wantErr)
		}
	}
}

func TestParseURLRefusesCleartextCredentials(t *testing.T) {
	_, err := notify.ParseURL("smtp://portal:secret@relay.example.org?tls=none&from=noreply@trustlane.example")
	if !errors.Is(err, notify.ErrInsecureAuth) {
		t.Errorf("ParseURL = %v, want ErrInsecureAuth", err)
	}
}

func TestPasswordNeverShown(t *testing.T) {
	_, err := notify.ParseURL("smtp://portal:s3cret@relay.example.org:bad?from=noreply@trustlane.example")
	if err == nil || strings.Contains(err.Error(), "s3cret") {
		t.Errorf("ParseURL error = %v, want an error without the password", err)
	}
	cfg, err := notify.ParseURL("smtp://portal:s3cret@relay.example.org?from=noreply@trustlane.example")
	if err != nil {
		t.Fatal(err)
	}
	if s := cfg.String(); strings.Contains(s, "s3cret") || !strings.Contains(s, "relay.example.org:587") {
		t.Errorf("Config.String() = %q", s)
	}
}
