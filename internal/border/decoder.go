package border

import (
	"math/bits"
	"strconv"
	"unicode/utf8"
)

// decoder walks one line. Strings without escapes or invalid UTF-8 are
// substrings of s, so a typical line costs one allocation (the line itself).
type decoder struct {
	s       string
	i       int
	depth   int
	cards   []string
	typeErr *LineError // first value of the wrong type; reported if the syntax holds
}

func (d *decoder) syntax(msg string) *LineError {
	return &LineError{Code: CodeSyntax, Message: "offset " + strconv.Itoa(d.i) + ": " + msg}
}

// ws skips JSON white space.
func (d *decoder) ws() {
	for d.i < len(d.s) {
		switch d.s[d.i] {
		case ' ', '\t', '\n', '\r':
			d.i++
		default:
			return
		}
	}
}

// object decodes the top-level object into sh; d.i is at '{'.
func (d *decoder) object(sh *Shipment) *LineError {
	d.i++
	d.depth++
	if d.ws(); d.i < len(d.s) && d.s[d.i] == '}' {
		d.i++
		return nil
	}
	for {
		if d.ws(); d.i >= len(d.s) || d.s[d.i] != '"' {
			return d.syntax("expected a key")
		}
		key, err := d.str()
		if err != nil {
			return err
		}
		if d.ws(); d.i >= len(d.s) || d.s[d.i] != ':' {
			return d.syntax("expected ':'")
		}
		d.i++
		d.ws()
		if err := d.member(sh, fieldOf(key)); err != nil {
			return err
		}
		if d.ws(); d.i >= len(d.s) {
			return d.syntax("unterminated object")
		}
		switch d.s[d.i] {
		case ',':
			d.i++
		case '}':
			d.i++
			return nil
		default:
			return d.syntax("expected ',' or '}'")
		}
	}
}

// member decodes the value of field f; d.i is at the value.
func (d *decoder) member(sh *Shipment, f field) *LineError {
	if d.i >= len(d.s) {
		return d.syntax("expected a value")
	}
	c := d.s[d.i]
	switch {
	case f == fNone:
		return d.skip()
	case c == 'n':
		if f == fDriverCards {
			sh.DriverCards = nil
		}
		return d.literal("null")
	case f == fDriverCards && c == '[':
		return d.cardList(sh)
	case f != fDriverCards && c == '"':
		v, err := d.str()
		*stringField(sh, f) = v
		return err
	}
	d.wrongType(fieldNames[f])
	return d.skip()
}

// wrongType records the first value of the wrong type, as encoding/json
// does: decoding goes on so that a syntax error still takes precedence.
func (d *decoder) wrongType(name string) {
	if d.typeErr == nil {
		d.typeErr = &LineError{Code: CodeFieldType, Message: "offset " + strconv.Itoa(d.i) + ": " + name + " must be a string"}
	}
}

// cardList decodes the driver_cards array, replacing any earlier one.
func (d *decoder) cardList(sh *Shipment) *LineError {
	d.cards = d.cards[:0]
	d.i++
	d.depth++
	defer func() { d.depth-- }()
	if d.ws(); d.i < len(d.s) && d.s[d.i] == ']' {
		d.i++
		sh.DriverCards = d.cards
		return nil
	}
	for {
		d.ws()
		var v string
		switch {
		case d.i < len(d.s) && d.s[d.i] == '"':
			var err *LineError
			if v, err = d.str(); err != nil {
				return err
			}
		case d.i < len(d.s) && d.s[d.i] == 'n':
			if err := d.literal("null"); err != nil {
				return err
			}
		default:
			d.wrongType("driver_cards[]")
			if err := d.skip(); err != nil {
				return err
			}
		}
		d.cards = append(d.cards, v)
		if d.ws(); d.i >= len(d.s) {
			return d.syntax("unterminated array")
		}
		if d.s[d.i] == ']' {
			d.i++
			sh.DriverCards = d.cards
			return nil
		}
		if d.s[d.i] != ',' {
			return d.syntax("expected ',' or ']'")
		}
		d.i++
	}
}

// literal consumes word (true, false or null).
func (d *decoder) literal(word string) *LineError {
	if len(d.s)-d.i < len(word) || d.s[d.i:d.i+len(word)] != word {
		return d.syntax("invalid literal")
	}
	d.i += len(word)
	return nil
}

// str decodes the string at d.i (at its opening quote). The fast path
// returns a substring; escapes and invalid UTF-8 take the slow path.
func (d *decoder) str() (string, *LineError) {
	s := d.s
	start := d.i + 1
	j := start
	for ; j+8 <= len(s); j += 8 { // eight bytes at a time
		x := load64(s, j)
		// The lowest flagged byte is the first special one: the tests
		// flag nothing below their first true match.
		if m := ((x-0x20*lsb64)&^x | x | hasByte(x, '"') | hasByte(x, '\\')) & msb64; m != 0 {
			j += bits.TrailingZeros64(m) / 8
			if s[j] == '"' {
				d.i = j + 1
				return s[start:j], nil
			}
			d.i = start
			return d.strSlow(j)
		}
	}
	for ; j < len(s); j++ {
		switch c := d.s[j]; {
		case c == '"':
			d.i = j + 1
			return d.s[start:j], nil
		case c == '\\' || c < 0x20 || c >= utf8.RuneSelf:
			d.i = start
			return d.strSlow(j)
		}
	}
	d.i = len(d.s)
	return "", d.syntax("unterminated string")
}
