package auth_test

import (
	"errors"
	"strings"
	"testing"

	"trustlane/internal/auth"
)

var cheap = auth.Argon2Params{MemoryKiB: 1024, Time: 1, Threads: 1}

func mustHash(t *testing.T, pw string, p auth.Argon2Params) string {
	t.Helper()
	h, err := auth.HashPassword(pw, p)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func TestPasswordHashRoundTrip(t *testing.T) {
	const pw = "correct horse battery staple"
	h := mustHash(t, pw, cheap)
	if !strings.HasPrefix(h, "$argon2id$v=19$m=1024,t=1,p=1$") {
		t.Errorf("hash %q does not carry its parameters", h)
	}
	if err := auth.VerifyPassword(pw, h); err != nil {
		t.Errorf("right password: %v", err)
	}
	for _, wrong := range []string{"", "correct horse battery stapl", "Correct horse battery staple", pw + " "} {
		if err := auth.VerifyPassword(wrong, h); !errors.Is(err, auth.ErrPasswordMismatch) {
			t.Errorf("VerifyPassword(%q) = %v, want ErrPasswordMismatch", wrong, err)
		}
	}
	if h2 := mustHash(t, pw, cheap); h2 == h {
		t.Error("two hashes of one password are equal: no salt")
	}
}

func TestPasswordParametersTravelInTheHash(t *testing.T) {
	// A hash made with other parameters still verifies: Verify reads them
	// from the hash, so changing the defaults never breaks old passwords.
	other := auth.Argon2Params{MemoryKiB: 2048, Time: 2, Threads: 2}
	h := mustHash(t, "a long enough passphrase", other)
	if !strings.Contains(h, "$m=2048,t=2,p=2$") {
		t.Fatalf("hash %q lacks its parameters", h)
	}
	if err := auth.VerifyPassword("a long enough passphrase", h); err != nil {
		t.Errorf("verify: %v", err)
	}
	// Changing the stored parameters changes the key, so it no longer matches.
	altered := strings.Replace(h, "t=2", "t=1", 1)
	if err := auth.VerifyPassword("a long enough passphrase", altered); err == nil {
		t.Error("a hash with altered parameters verified")
	}
}

func TestTamperedHashesAreRefused(t *testing.T) {
	const pw = "correct horse battery staple"
	h := mustHash(t, pw, cheap)
	parts := strings.Split(h, "$") // "", argon2id, v=19, m=..., salt, key
	with := func(i int, v string) string {
		p := append([]string(nil), parts...)
		p[i] = v
		return strings.Join(p, "$")
	}
	flip := func(s string) string { // change the first character, keep base64
		if s[0] == 'A' {
			return "B" + s[1:]
		}
		return "A" + s[1:]
	}
	for name, enc := range map[string]string{
		"other key":       with(5, flip(parts[5])),
		"other salt":      with(4, flip(parts[4])),
		"bad base64 key":  with(5, "!!!"),
		"bad base64 salt": with(4, "%%%"),
		"argon2i":         with(1, "argon2i"),
		"old version":     with(2, "v=16"),
		"bad parameters":  with(3, "m=x,t=1,p=1"),
		"truncated":       strings.Join(parts[:5], "$"),
		"empty":           "",
		"bcrypt":          "$2a$10$abcdefghijklmnopqrstuu5yJw5f9y4Rf1Tq8pB2J2c9oQeIY9mXe",
	} {
		if err := auth.VerifyPassword(pw, enc); err == nil {
			t.Errorf("%s: %q verified", name, enc)
		}
	}
}

func TestPasswordPolicy(t *testing.T) {
	tests := []struct {
		name, pw, email, want string
	}{
		{"11 characters", "abcdefghijk", "", "error.password_short"},
		{"12 characters", "abcdefghijkl", "", ""},
		{"11 runes in 22 bytes", strings.Repeat("é", 11), "", "error.password_short"},
		{"12 runes", strings.Repeat("é", 12), "", ""},
		{"12 emoji", strings.Repeat("🔒", 12), "", ""},
		{"256 characters", strings.Repeat("a", 256), "", ""},
		{"257 characters", strings.Repeat("a", 257), "", "error.password_long"},
		{"equals e-mail", "ann.lee@example.com", "ann.lee@example.com", "error.password_is_email"},
		{"e-mail in other case and spaces", " ANN.LEE@example.com ", "ann.lee@example.com", "error.password_is_email"},
		{"contains e-mail", "ann.lee@example.com!", "ann.lee@example.com", ""},
		{"no e-mail given", "ann.lee@example.com", "", ""},
		{"short beats e-mail", "a@b.ca", "a@b.ca", "error.password_short"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := auth.CheckPasswordPolicy(tt.pw, tt.email); got != tt.want {
				t.Errorf("CheckPasswordPolicy = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestPasswordUpperBoundCountsCharacters(t *testing.T) {
	// 200 characters is under "at most 256 characters" though é takes two
	// bytes in UTF-8. (Regression: the bound once counted bytes.)
	pw := strings.Repeat("é", 200)
	if got := auth.CheckPasswordPolicy(pw, ""); got != "" {
		t.Errorf("a 200-character passphrase is refused: %q", got)
	}
}
