package border

import (
	"slices"
	"strings"

	"trustlane/internal/ident"
)

// Look-up keys. A key is the canonical kind, a NUL byte, then the value
// upper-cased with surrounding white space removed and, where the kind's
// format tolerates them, inner separators removed. Build and Lookup derive
// keys the same way, so "123 026 635", "123-026-635" and "123026635" find
// the same party, while a key never depends on ident's display form (an EIN
// is displayed "12-3456789" but keyed "123456789").

// keyBufSize is the stack buffer for a key; longer keys still work but
// allocate.
const keyBufSize = 96

// seps names the inner separators a kind's format tolerates, dropped from
// its keys.
type seps uint8

const (
	sepNone        seps = iota
	sepSpace            // " "
	sepSpaceHyphen      // " " and "-"
)

// appendKey appends the look-up key of (kind, value) to dst and reports
// false when kind is not one the index knows. It does not allocate when dst
// has room.
func appendKey(dst []byte, kind, value string) ([]byte, bool) {
	kind = trimASCII(kind)
	start := len(dst)
	partner := len(kind) > len(KindPartnerPrefix) &&
		strings.EqualFold(kind[:len(KindPartnerPrefix)], KindPartnerPrefix)
	if partner {
		dst = append(dst, KindPartnerPrefix...)
		dst = appendUpper(dst, kind[len(KindPartnerPrefix):], sepNone)
	} else {
		dst = appendLower(dst, kind)
	}
	drop, ok := separators(dst[start:], partner)
	if !ok {
		return dst[:start], false
	}
	dst = append(dst, 0)
	return appendUpper(dst, trimASCII(value), drop), true
}

// separators returns the inner separators dropped from values of the
// canonical kind k. Partner IDs follow formats we do not own, so only
// surrounding space and case are ignored for them.
func separators(k []byte, partner bool) (seps, bool) {
	if partner {
		return sepNone, true
	}
	switch string(k) {
	case string(ident.BN9), string(ident.BN15), string(ident.EIN), string(ident.Container), KindMember:
		return sepSpaceHyphen, true
	case string(ident.EORI):
		return sepSpace, true
	case string(ident.CarrierCode), string(ident.SCAC), string(ident.MID):
		return sepNone, true
	}
	return sepNone, false
}

// cardKey appends the look-up key of a card number: upper-case, without
// spaces or hyphens, as card numbers are printed in groups.
func cardKey(dst []byte, number string) []byte {
	return appendUpper(dst, trimASCII(number), sepSpaceHyphen)
}

// appendUpper appends s with ASCII letters upper-cased and the separators
// drop names removed. Only ASCII is folded, as in ident: full Unicode
// folding maps some letters (dotless ı, long ſ) onto ASCII ones. It runs
// for every look-up, so it writes into room made once rather than
// appending byte by byte.
func appendUpper(dst []byte, s string, drop seps) []byte {
	n := len(dst)
	dst = slices.Grow(dst, len(s))[:n+len(s)]
	out := dst[n:]
	k := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z':
			c -= 'a' - 'A'
		case c == ' ' && drop != sepNone, c == '-' && drop == sepSpaceHyphen:
			continue
		}
		out[k] = c
		k++
	}
	return dst[:n+k]
}

// appendLower appends s with ASCII letters lower-cased.
func appendLower(dst []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// trimASCII removes surrounding white space without allocating. It trims
// exactly what ident does (strings.TrimSpace), so a value ident accepts
// always yields the key of its canonical form.
func trimASCII(s string) string { return strings.TrimSpace(s) }

// displayValue returns the form a status answer shows for an identifier:
// ident's canonical form when the value is valid, otherwise the value as
// stored, trimmed (the store validated it; showing it beats hiding it).
func displayValue(id Identifier) string {
	kind := strings.ToLower(trimASCII(id.Kind))
	var (
		canon string
		err   error
	)
	switch {
	case kind == KindMember:
		canon, err = ident.CheckMemberNumber(id.Value)
	case strings.HasPrefix(kind, KindPartnerPrefix):
		return strings.ToUpper(trimASCII(id.Value))
	default:
		canon, err = ident.Normalize(ident.Kind(kind), id.Value)
	}
	if err != nil {
		return trimASCII(id.Value)
	}
	return canon
}

// displayKind returns the canonical spelling of an identifier kind.
func displayKind(kind string) string {
	kind = trimASCII(kind)
	if len(kind) > len(KindPartnerPrefix) && strings.EqualFold(kind[:len(KindPartnerPrefix)], KindPartnerPrefix) {
		return PartnerKind(kind[len(KindPartnerPrefix):])
	}
	return strings.ToLower(kind)
}
