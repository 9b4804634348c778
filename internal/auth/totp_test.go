package auth_test

import (
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"trustlane/internal/auth"
)

// rfcSecret is RFC 6238's SHA-1 test key "12345678901234567890" in base32.
const rfcSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"

func TestTOTPMatchesRFC6238(t *testing.T) {
	// RFC 6238 appendix B gives 8 digits; a 6-digit code is the last six.
	for _, tt := range []struct {
		unix int64
		code string
	}{{59, "287082"}, {1111111109, "081804"}, {1234567890, "005924"}, {2000000000, "279037"}} {
		at := time.Unix(tt.unix, 0)
		if got, err := auth.TOTPCode(rfcSecret, at); err != nil || got != tt.code {
			t.Errorf("TOTPCode(%d) = %q, %v; want %q", tt.unix, got, err, tt.code)
		}
		if step, ok := auth.CheckTOTP(rfcSecret, tt.code, at); !ok || step != tt.unix/30 {
			t.Errorf("CheckTOTP(%d) = %d, %v", tt.unix, step, ok)
		}
	}
}

func TestCheckTOTPWindow(t *testing.T) {
	now := time.Date(2026, 3, 2, 9, 0, 10, 0, time.UTC)
	step := auth.TOTPStep(now)
	codeAt := func(d int64) string {
		c, err := auth.TOTPCode(rfcSecret, time.Unix((step+d)*30, 0))
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	for _, d := range []int64{-1, 0, 1} {
		if got, ok := auth.CheckTOTP(rfcSecret, codeAt(d), now); !ok || got != step+d {
			t.Errorf("code of step %+d: got step %d, %v; want %d", d, got, ok, step+d)
		}
	}
	for _, d := range []int64{-3, -2, 2, 3} {
		if got, ok := auth.CheckTOTP(rfcSecret, codeAt(d), now); ok {
			t.Errorf("code of step %+d accepted as step %d", d, got)
		}
	}
	cur := codeAt(0)
	if _, ok := auth.CheckTOTP(rfcSecret, cur[:3]+" "+cur[3:], now); !ok {
		t.Error("a code typed with a space is refused")
	}
	for _, bad := range []string{"", cur[:5], cur + "0", "abcdef", "12345a", "１２３４５６", " "} {
		if _, ok := auth.CheckTOTP(rfcSecret, bad, now); ok {
			t.Errorf("malformed code %q accepted", bad)
		}
	}
	if _, ok := auth.CheckTOTP("not base32!", cur, now); ok {
		t.Error("a code checked against a broken secret is accepted")
	}
}

func TestNewTOTPKeyAndURL(t *testing.T) {
	k, err := auth.NewTOTPKey("trustlane", "ann@example.com")
	if err != nil {
		t.Fatal(err)
	}
	k2, _ := auth.NewTOTPKey("trustlane", "ann@example.com")
	if len(k.Secret) < 16 || k.Secret == k2.Secret {
		t.Errorf("secrets %q and %q", k.Secret, k2.Secret)
	}
	for _, raw := range []string{k.URL, auth.TOTPURL("trustlane", "ann@example.com", k.Secret)} {
		u, err := url.Parse(raw)
		if err != nil || u.Scheme != "otpauth" || u.Host != "totp" || !strings.Contains(u.Path, "ann@example.com") {
			t.Errorf("otpauth URL %q: %v", raw, err)
			continue
		}
		q := u.Query()
		if q.Get("secret") != k.Secret || q.Get("issuer") != "trustlane" || q.Get("period") != "30" {
			t.Errorf("otpauth URL %q has query %v", raw, q)
		}
	}
}

func TestRecoveryCodes(t *testing.T) {
	codes := auth.NewRecoveryCodes(50)
	shape := regexp.MustCompile(`^[a-z2-7]{5}-[a-z2-7]{5}$`)
	seen := map[string]bool{}
	for _, c := range codes {
		if !shape.MatchString(c) || seen[c] {
			t.Errorf("code %q malformed or repeated", c)
		}
		seen[c] = true
		if n := auth.NormalizeRecoveryCode(c); n != c {
			t.Errorf("normalizing %q gives %q", c, n)
		}
	}
	for in, want := range map[string]string{
		"ABCDE-FGHIJ":     "abcde-fghij",
		"abcdefghij":      "abcde-fghij",
		" abc de-fgh ij ": "abcde-fghij",
		"abcde--fghij":    "abcde-fghij",
		"abcde-fghi":      "abcdefghi",
		"":                "",
	} {
		if got := auth.NormalizeRecoveryCode(in); got != want {
			t.Errorf("NormalizeRecoveryCode(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSecretsAndTheirHashes(t *testing.T) {
	shape := regexp.MustCompile(`^tls_[a-z2-7]{32}$`)
	seen := map[string]bool{}
	for range 1000 {
		s := auth.NewSecret("tls")
		if !shape.MatchString(s) || seen[s] {
			t.Fatalf("secret %q malformed or repeated", s)
		}
		seen[s] = true
	}
	if s := auth.NewSecret("tla"); !strings.HasPrefix(s, "tla_") {
		t.Errorf("API token secret %q", s)
	}
	// SHA-256 of "abc" (FIPS 180-2), in lower-case hex.
	if got := auth.HashSecret("abc"); got != "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" {
		t.Errorf("HashSecret(abc) = %s", got)
	}
	s := auth.NewSecret("tls")
	if auth.HashSecret(s) != auth.HashSecret(s) || auth.HashSecret(s) == auth.HashSecret(s+"x") {
		t.Error("HashSecret is not a stable function of its input")
	}
}
