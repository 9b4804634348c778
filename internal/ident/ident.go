// Package ident checks the identifiers a Partners in Protection (PIP)
// application collects: Canadian business numbers, carrier codes, US
// importer numbers, EORI numbers, container numbers and manufacturer codes.
//
// Applicants type these by hand, with spaces, hyphens and lower-case
// letters, and a wrong number stalls a file for weeks at the border agency.
// Each check therefore normalizes what it can (trim, drop the separators the
// format tolerates, upper-case ASCII) and, when the value is still wrong,
// returns an *Error whose Reason is a stable code the UI can translate into
// a precise message. The functions are pure: no I/O, no registry look-ups,
// so a valid result means "well formed", not "issued".
package ident

import (
	"fmt"
	"strings"
)

// Kind names an identifier format. The values are stored in the database
// and exposed in the API, so they must never change.
type Kind string

// The supported identifier kinds.
const (
	BN9         Kind = "bn9"          // CRA business number, 9 digits
	BN15        Kind = "bn15"         // CRA program account, BN9 + program + reference
	CarrierCode Kind = "cbsa_carrier" // CBSA carrier code, 4 characters
	SCAC        Kind = "scac"         // NMFTA Standard Carrier Alpha Code
	EIN         Kind = "us_ein"       // IRS employer identification / CBP importer number
	EORI        Kind = "eori"         // EU/UK Economic Operators Registration and Identification
	Container   Kind = "iso6346"      // ISO 6346 freight container number
	MID         Kind = "mid"          // CBP Manufacturer Identification Code
)

// Kinds returns every Kind in a stable order. The slice is a fresh copy the
// caller may modify.
func Kinds() []Kind {
	return []Kind{BN9, BN15, CarrierCode, SCAC, EIN, EORI, Container, MID}
}

// Error reports why a value is not a valid identifier of its Kind.
//
// Reason is a stable machine code: "empty", "length", "charset",
// "checksum", "reserved", "program", "reference", "prefix", "suffix",
// "country", "category", or "kind" for an unknown Kind. Input is the value
// exactly as the caller passed it, so messages can echo it back.
//
// When several things are wrong, the first in this order is reported:
// empty, charset (a character the format never uses), length, then the
// format's own rules (charset again for a character in the wrong place,
// then prefixes, codes and check digits).
type Error struct {
	Kind   Kind
	Reason string
	Input  string
}

// Error returns an English message such as `bn9 "123456789": checksum`.
func (e *Error) Error() string {
	kind := string(e.Kind)
	if kind == "" {
		kind = "ident"
	}
	return fmt.Sprintf("%s %q: %s", kind, e.Input, e.Reason)
}

// ParseKind returns the Kind named s. Surrounding spaces and ASCII case are
// ignored, since the names arrive from query strings and forms.
func ParseKind(s string) (Kind, error) {
	// Fold ASCII only, for the reason given on clean.
	k := Kind(strings.Map(func(r rune) rune {
		if 'A' <= r && r <= 'Z' {
			return r + ('a' - 'A')
		}
		return r
	}, strings.TrimSpace(s)))
	if _, ok := checks[k]; !ok {
		return "", &Error{Reason: "kind", Input: s}
	}
	return k, nil
}

// Normalize checks value as an identifier of kind and returns its canonical
// form, or an *Error explaining why it is invalid.
func Normalize(kind Kind, value string) (string, error) {
	check, ok := checks[kind]
	if !ok {
		return "", &Error{Kind: kind, Reason: "kind", Input: value}
	}
	return check(value)
}

// checks maps each Kind to its exported check; Kinds and this map must list
// the same kinds (a test enforces it).
var checks = map[Kind]func(string) (string, error){
	BN9:         CheckBN9,
	BN15:        CheckBN15,
	CarrierCode: CheckCarrierCode,
	SCAC:        CheckSCAC,
	EIN:         CheckEIN,
	EORI:        CheckEORI,
	Container:   CheckContainer,
	MID:         CheckMID,
}

// clean trims surrounding white space, removes every byte listed in drop
// and upper-cases ASCII letters. Only ASCII is folded on purpose:
// strings.ToUpper maps some non-ASCII letters (dotless ı, long ſ) onto
// ASCII ones, which would let look-alike input pass as a valid code.
func clean(s, drop string) string {
	s = strings.TrimSpace(s)
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if strings.IndexByte(drop, c) >= 0 {
			continue
		}
		if 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		}
		b.WriteByte(c)
	}
	return b.String()
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
func isUpper(c byte) bool { return 'A' <= c && c <= 'Z' }
func isAlnum(c byte) bool { return isDigit(c) || isUpper(c) }

// all reports whether every byte of s satisfies f.
func all(s string, f func(byte) bool) bool {
	for i := 0; i < len(s); i++ {
		if !f(s[i]) {
			return false
		}
	}
	return true
}
