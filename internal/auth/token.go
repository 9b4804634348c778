package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base32"
	"encoding/hex"
	"strings"
)

var tokenEncoding = base32.StdEncoding.WithPadding(base32.NoPadding)

// NewSecret returns a random opaque secret with a readable prefix (such as
// "tls" for a session or "tla" for an API token), so a leaked one is easy to
// recognize in logs and secret scanners. 160 bits of randomness.
func NewSecret(prefix string) string {
	b := make([]byte, 20)
	_, _ = rand.Read(b) // crypto/rand never fails on supported platforms
	return prefix + "_" + strings.ToLower(tokenEncoding.EncodeToString(b))
}

// HashSecret is what the store keeps of a secret: its SHA-256. The secrets
// carry 160 random bits, so a fast hash is enough; a stolen database does
// not yield usable sessions or tokens.
func HashSecret(secret string) string {
	sum := sha256.Sum256([]byte(secret))
	return hex.EncodeToString(sum[:])
}

// NewRecoveryCodes returns n one-time codes of the form "abcde-fghij".
func NewRecoveryCodes(n int) []string {
	codes := make([]string, n)
	for i := range codes {
		b := make([]byte, 7)
		_, _ = rand.Read(b)
		s := strings.ToLower(tokenEncoding.EncodeToString(b))[:10]
		codes[i] = s[:5] + "-" + s[5:]
	}
	return codes
}

// NormalizeRecoveryCode makes a typed code comparable: case and spacing do
// not matter, and the hyphen is optional.
func NormalizeRecoveryCode(s string) string {
	s = strings.ToLower(strings.Join(strings.Fields(s), ""))
	s = strings.ReplaceAll(s, "-", "")
	if len(s) == 10 {
		return s[:5] + "-" + s[5:]
	}
	return s
}
