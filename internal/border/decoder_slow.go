package border

import (
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// strSlow decodes a string from d.i (just after its opening quote) whose
// first special byte is at j: escapes are resolved as encoding/json does,
// invalid UTF-8 and lone surrogates become U+FFFD. When nothing needed
// rewriting (only valid multi-byte UTF-8) the result is still a substring.
func (d *decoder) strSlow(j int) (string, *LineError) {
	start := d.i
	var buf []byte // nil until something must be rewritten
	for j < len(d.s) {
		c := d.s[j]
		switch {
		case c == '"':
			d.i = j + 1
			if buf == nil {
				return d.s[start:j], nil
			}
			return string(buf), nil
		case c < 0x20:
			d.i = j
			return "", d.syntax("control character in string")
		case c == '\\':
			if buf == nil {
				buf = append(make([]byte, 0, j-start+16), d.s[start:j]...)
			}
			n, err := d.escape(j, &buf)
			if err != nil {
				return "", err
			}
			j = n
		case c < utf8.RuneSelf:
			if buf != nil {
				buf = append(buf, c)
			}
			j++
		default:
			r, size := utf8.DecodeRuneInString(d.s[j:])
			if r == utf8.RuneError && size == 1 && buf == nil {
				buf = append(make([]byte, 0, j-start+16), d.s[start:j]...)
			}
			if buf != nil {
				buf = utf8.AppendRune(buf, r)
			}
			j += size
		}
	}
	d.i = len(d.s)
	return "", d.syntax("unterminated string")
}

// escape decodes the escape sequence at j into buf and returns the index
// after it.
func (d *decoder) escape(j int, buf *[]byte) (int, *LineError) {
	if j+1 >= len(d.s) {
		d.i = j
		return 0, d.syntax("unterminated escape")
	}
	switch c := d.s[j+1]; c {
	case '"', '\\', '/':
		*buf = append(*buf, c)
	case 'b':
		*buf = append(*buf, '\b')
	case 'f':
		*buf = append(*buf, '\f')
	case 'n':
		*buf = append(*buf, '\n')
	case 'r':
		*buf = append(*buf, '\r')
	case 't':
		*buf = append(*buf, '\t')
	case 'u':
		r := hex4(d.s[j+2:])
		if r < 0 {
			d.i = j
			return 0, d.syntax("invalid \\u escape")
		}
		j += 6
		if utf16.IsSurrogate(r) {
			if r2 := hex4Escape(d.s[j:]); r2 >= 0 {
				if dec := utf16.DecodeRune(r, r2); dec != unicode.ReplacementChar {
					*buf = utf8.AppendRune(*buf, dec)
					return j + 6, nil
				}
			}
			r = unicode.ReplacementChar
		}
		*buf = utf8.AppendRune(*buf, r)
		return j, nil
	default:
		d.i = j
		return 0, d.syntax("invalid escape")
	}
	return j + 2, nil
}

// hex4Escape reads a following "\uXXXX", or returns -1.
func hex4Escape(s string) rune {
	if len(s) < 2 || s[0] != '\\' || s[1] != 'u' {
		return -1
	}
	return hex4(s[2:])
}

// hex4 reads four hex digits, or returns -1.
func hex4(s string) rune {
	if len(s) < 4 {
		return -1
	}
	var r rune
	for i := 0; i < 4; i++ {
		c := s[i]
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return -1
		}
		r = r*16 + rune(c)
	}
	return r
}
