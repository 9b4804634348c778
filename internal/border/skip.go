package border

// skip validates and skips any JSON value at d.i: unknown keys may carry
// anything, and encoding/json rejects a line whose ignored parts are not
// valid JSON, so they are checked, not just jumped over.
func (d *decoder) skip() *LineError {
	if d.i >= len(d.s) {
		return d.syntax("expected a value")
	}
	switch c := d.s[d.i]; {
	case c == '"':
		_, err := d.str()
		return err
	case c == '{' || c == '[':
		return d.skipContainer(c)
	case c == 't':
		return d.literal("true")
	case c == 'f':
		return d.literal("false")
	case c == 'n':
		return d.literal("null")
	case c == '-' || '0' <= c && c <= '9':
		return d.number()
	}
	return d.syntax("expected a value")
}

// skipContainer skips an object or array, enforcing encoding/json's depth
// limit.
func (d *decoder) skipContainer(open byte) *LineError {
	if d.depth++; d.depth > maxDepth {
		return d.syntax("exceeded max depth")
	}
	defer func() { d.depth-- }()
	closer := byte(']')
	if open == '{' {
		closer = '}'
	}
	d.i++
	if d.ws(); d.i < len(d.s) && d.s[d.i] == closer {
		d.i++
		return nil
	}
	for {
		if d.ws(); open == '{' {
			if d.i >= len(d.s) || d.s[d.i] != '"' {
				return d.syntax("expected a key")
			}
			if _, err := d.str(); err != nil {
				return err
			}
			if d.ws(); d.i >= len(d.s) || d.s[d.i] != ':' {
				return d.syntax("expected ':'")
			}
			d.i++
			d.ws()
		}
		if err := d.skip(); err != nil {
			return err
		}
		if d.ws(); d.i >= len(d.s) {
			return d.syntax("unterminated value")
		}
		switch d.s[d.i] {
		case ',':
			d.i++
		case closer:
			d.i++
			return nil
		default:
			return d.syntax("expected ',' or a closing bracket")
		}
	}
}

// number skips a JSON number: -?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?
func (d *decoder) number() *LineError {
	if d.s[d.i] == '-' {
		d.i++
	}
	switch {
	case d.i < len(d.s) && d.s[d.i] == '0':
		d.i++
	case d.i < len(d.s) && '1' <= d.s[d.i] && d.s[d.i] <= '9':
		d.digits()
	default:
		return d.syntax("invalid number")
	}
	if d.i < len(d.s) && d.s[d.i] == '.' {
		d.i++
		if d.digits() == 0 {
			return d.syntax("invalid number")
		}
	}
	if d.i < len(d.s) && (d.s[d.i] == 'e' || d.s[d.i] == 'E') {
		d.i++
		if d.i < len(d.s) && (d.s[d.i] == '+' || d.s[d.i] == '-') {
			d.i++
		}
		if d.digits() == 0 {
			return d.syntax("invalid number")
		}
	}
	return nil
}

// digits consumes a run of decimal digits and returns its length.
func (d *decoder) digits() int {
	n := 0
	for d.i < len(d.s) && '0' <= d.s[d.i] && d.s[d.i] <= '9' {
		d.i++
		n++
	}
	return n
}
