package ident

import "strings"

// ISO 6346 freight container numbers: a three-letter owner code, an
// equipment category letter, a six-digit serial number and a check digit,
// e.g. "CSQU3054383". The check digit catches most single-character
// typos, so a mistyped number is caught before it reaches a shipment record.

// containerLen is the exact length of a container number. Anything longer
// is rejected rather than truncated, so "CSQU3054383X" never validates.
const containerLen = 11

// containerCategories are the accepted equipment category identifiers:
// U freight container, J detachable freight equipment, Z trailer or
// chassis, and R, which python-stdnum also accepts.
const containerCategories = "UJZR"

// CheckContainer checks an ISO 6346 container number and returns it
// compact and upper-case. Spaces and hyphens are ignored on input, so
// "csqu 305438-3" becomes "CSQU3054383".
func CheckContainer(value string) (string, error) {
	n := clean(value, " -")
	fail := func(reason string) (string, error) {
		return "", &Error{Kind: Container, Reason: reason, Input: value}
	}
	switch {
	case n == "":
		return fail("empty")
	case !all(n, isAlnum):
		return fail("charset")
	case len(n) != containerLen:
		return fail("length")
	case !all(n[:4], isUpper) || !all(n[4:], isDigit):
		return fail("charset")
	case strings.IndexByte(containerCategories, n[3]) < 0:
		return fail("category")
	}
	// Cannot fail: n has exactly the shape validated above.
	check, _ := ContainerCheckDigit(n)
	if int(n[10]-'0') != check {
		return fail("checksum")
	}
	return n, nil
}

// ContainerCheckDigit computes the ISO 6346 check digit of the first 10
// characters of ownerCategorySerial: four letters followed by six digits.
// Lower-case letters count as upper-case; any further characters are
// ignored, so a full 11-character number may be passed. The category
// letter is not validated here, only by CheckContainer.
//
// Each character gets a value (digits their own, letters from A=10 upwards
// skipping multiples of 11) weighted by 2^position; the sum modulo 11, then
// modulo 10, is the check digit, so a remainder of 10 gives 0.
func ContainerCheckDigit(ownerCategorySerial string) (int, error) {
	s := ownerCategorySerial
	if len(s) < 10 {
		return 0, &Error{Kind: Container, Reason: "length", Input: s}
	}
	sum := 0
	for i := 0; i < 10; i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		}
		var v int
		switch {
		case i < 4 && isUpper(c):
			v = letterValue(c)
		case i >= 4 && isDigit(c):
			v = int(c - '0')
		default:
			return 0, &Error{Kind: Container, Reason: "charset", Input: s}
		}
		sum += v << i
	}
	return sum % 11 % 10, nil
}

// letterValue maps A..Z onto 10..38, skipping 11, 22 and 33 so that no
// letter's value is a multiple of 11, the modulus of the check. Counting
// from A=10 without gaps, B (11) is pushed past 11, L (21) past 22 and
// V (31) past 33: one extra step per ten letters after A.
func letterValue(c byte) int {
	v := int(c-'A') + 10
	return v + (v-1)/10
}
