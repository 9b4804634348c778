package border

import (
	"math/bits"
	"strconv"
	"time"
	"unicode/utf8"
)

// Hand-rolled JSON encoding. Decisions are encoded once per shipment on the
// hot path and status bodies once per party at build time; reflection-based
// encoding/json would cost more than the screening itself. The output is
// byte-for-byte what encoding/json.Marshal produces for the same values
// (HTML-safe escaping included), which the tests verify.

const hexDigits = "0123456789abcdef"

// AppendDecisionJSON appends d as one JSON object,
// {"ref":…,"lane":…,"reasons":[…]}, and returns the extended buffer. It
// does not allocate when dst has room, so a server can encode into a
// reused buffer.
func AppendDecisionJSON(dst []byte, d Decision) []byte {
	return appendDecision(dst, d, 0)
}

// appendDecision is AppendDecisionJSON with an optional leading "line"
// member (when line > 0), used by the NDJSON stream so every output line
// names its input line.
func appendDecision(dst []byte, d Decision, line int) []byte {
	dst = append(dst, '{')
	if line > 0 {
		dst = append(dst, `"line":`...)
		dst = strconv.AppendInt(dst, int64(line), 10)
		dst = append(dst, ',')
	}
	dst = append(dst, `"ref":`...)
	dst = appendString(dst, d.Ref)
	dst = append(dst, `,"lane":`...)
	dst = appendString(dst, string(d.Lane))
	dst = append(dst, `,"reasons":`...)
	dst = appendStrings(dst, d.Reasons)
	return append(dst, '}')
}

// appendLineError appends a per-line error of the NDJSON stream.
func appendLineError(dst []byte, e *LineError) []byte {
	dst = append(dst, `{"line":`...)
	dst = strconv.AppendInt(dst, int64(e.Line), 10)
	dst = append(dst, `,"error":{"code":`...)
	dst = appendString(dst, e.Code)
	dst = append(dst, `,"message":`...)
	dst = appendString(dst, e.Message)
	return append(dst, "}}"...)
}

// appendString appends s as a JSON string exactly as encoding/json does:
// <, > and & escaped for HTML safety, invalid UTF-8 replaced by U+FFFD,
// U+2028 and U+2029 escaped for JavaScript.
func appendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	i := plainPrefix(s)
	if i == len(s) {
		dst = append(dst, s...)
		return append(dst, '"')
	}
	start := 0
	for i < len(s) {
		b := s[i]
		if b < utf8.RuneSelf {
			if b >= 0x20 && b != '"' && b != '\\' && b != '<' && b != '>' && b != '&' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xF])
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case c == utf8.RuneError && size == 1:
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
		case c == '\u2028' || c == '\u2029':
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[c&0xF])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// appendTime appends t as encoding/json does (RFC 3339 with nanoseconds).
func appendTime(dst []byte, t time.Time) []byte {
	dst = append(dst, '"')
	dst = t.AppendFormat(dst, time.RFC3339Nano)
	return append(dst, '"')
}

// appendStrings appends a JSON array of strings; nil encodes as null.
func appendStrings[S ~string](dst []byte, list []S) []byte {
	if list == nil {
		return append(dst, "null"...)
	}
	dst = append(dst, '[')
	for i, s := range list {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendString(dst, string(s))
	}
	return append(dst, ']')
}

// SWAR constants: one in every byte, and every byte's high bit.
const (
	lsb64 = 0x0101010101010101
	msb64 = 0x8080808080808080
)

// plainPrefix returns how many leading bytes of s need no escaping: ASCII
// from 0x20 up, other than '"', '\\', '<', '>' and '&'. It tests eight
// bytes at a time, since reason codes and most references are plain ASCII
// and would otherwise cost a byte-by-byte scan on every decision. The
// first byte a word flags is exact (TestPlainPrefix checks every byte
// value at every position, for every length up to three words).
func plainPrefix(s string) int {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if m := escapeMask(load64(s, i)); m != 0 {
			return i + bits.TrailingZeros64(m)/8
		}
	}
	if i == len(s) {
		return i
	}
	if len(s) >= 8 { // the tail, read as the last word, overlapping
		if m := escapeMask(load64(s, len(s)-8)); m != 0 {
			return len(s) - 8 + bits.TrailingZeros64(m)/8
		}
		return len(s)
	}
	for ; i < len(s); i++ {
		if b := s[i]; b < 0x20 || b >= utf8.RuneSelf || b == '"' || b == '\\' || b == '<' || b == '>' || b == '&' {
			break
		}
	}
	return i
}

// escapeMask sets the high bit of the first byte of x (in memory order)
// that JSON must escape, and maybe of later bytes, never of earlier ones:
// each test below flags nothing before its first true match.
func escapeMask(x uint64) uint64 {
	bad := (x - 0x20*lsb64) & ^x // a byte below 0x20
	bad |= x                     // a byte from 0x80
	bad |= hasByte(x, '"') | hasByte(x, '\\') | hasByte(x, '<') | hasByte(x, '>') | hasByte(x, '&')
	return bad & msb64
}

// hasByte sets the high bit of some byte of the result when x holds c
// (the classic "has zero byte" test on x XOR c); only its high bits count.
func hasByte(x uint64, c byte) uint64 {
	y := x ^ (lsb64 * uint64(c))
	return (y - lsb64) & ^y
}

// load64 reads s[i:i+8] as a little-endian word; the compiler merges the
// byte loads into one.
func load64(s string, i int) uint64 {
	s = s[i : i+8]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}
