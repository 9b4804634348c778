package ident

import (
	"errors"
	"strconv"
	"strings"
	"testing"
)

// knownReasons are the Reason codes documented on Error.
var knownReasons = map[string]bool{
	"empty": true, "length": true, "charset": true, "checksum": true,
	"reserved": true, "program": true, "reference": true, "prefix": true,
	"suffix": true, "country": true, "category": true, "kind": true,
}

// spaced reports whether kind's format lets separators be typed inside it.
var spaced = map[Kind]bool{BN9: true, BN15: true, EIN: true, EORI: true, Container: true}

// refLuhn is a second, table-driven Luhn so the fuzzer compares two
// independent implementations.
func refLuhn(s string) bool {
	doubled := [10]int{0, 2, 4, 6, 8, 1, 3, 5, 7, 9}
	sum, double := 0, false
	for i := len(s) - 1; i >= 0; i-- {
		d := int(s[i] - '0')
		if double {
			d = doubled[d]
		}
		sum += d
		double = !double
	}
	return sum%10 == 0
}

// refContainerDigit computes the ISO 6346 check digit from the spelled-out
// letter table, with explicit weights instead of shifts.
func refContainerDigit(s string) int {
	const letters = "A10B12C13D14E15F16G17H18I19J20K21L23M24N25O26P27Q28R29S30T31U32V34W35X36Y37Z38"
	sum, w := 0, 1
	for i := 0; i < 10; i++ {
		v := int(s[i] - '0')
		if 'A' <= s[i] && s[i] <= 'Z' {
			j := strings.IndexByte(letters, s[i])
			v, _ = strconv.Atoi(letters[j+1 : j+3])
		}
		sum += v * w
		w *= 2
	}
	if r := sum % 11; r != 10 {
		return r
	}
	return 0
}

// checkResult asserts the invariants every check must keep for value.
func checkResult(t *testing.T, kind Kind, value, out string, err error) {
	t.Helper()
	if err != nil {
		var e *Error
		if !errors.As(err, &e) {
			t.Fatalf("%s(%q): error %T is not *Error", kind, value, err)
		}
		if e.Kind != kind || e.Input != value || !knownReasons[e.Reason] || out != "" {
			t.Fatalf("%s(%q) = %q, %+v", kind, value, out, e)
		}
		return
	}
	again, err := Normalize(kind, out)
	if err != nil || again != out {
		t.Fatalf("%s(%q) = %q, not canonical: Normalize gives %q, %v", kind, value, out, again, err)
	}
	for i := 0; i < len(out); i++ {
		if !isAlnum(out[i]) && !(kind == EIN && i == 2 && out[i] == '-') {
			t.Fatalf("%s(%q) = %q: byte %d not upper-case ASCII", kind, value, out, i)
		}
	}
	// The output is the input minus white space around it and separators
	// inside it, ASCII upper-cased: nothing else may be rewritten (Unicode
	// case folding would turn "ſ" into "S").
	drop := func(r rune) rune {
		if r == ' ' || r == '-' {
			return -1
		}
		return r
	}
	if strings.Map(drop, out) != strings.Map(drop, upperASCII(strings.TrimSpace(value))) {
		t.Fatalf("%s(%q) = %q rewrites more than separators and case", kind, value, out)
	}
	// The same value typed in lower case and padded must give the same.
	if got, _ := Normalize(kind, " "+strings.ToLower(upperASCII(out))+"\t"); got != out {
		t.Fatalf("%s: lower-cased %q gives %q", kind, out, got)
	}
	// A space inside is a separator for some kinds and an error for others.
	mid := out[:len(out)/2] + " " + out[len(out)/2:]
	if got, err := Normalize(kind, mid); spaced[kind] != (err == nil && got == out) {
		t.Fatalf("%s(%q) = %q, %v; spaced kind: %v", kind, mid, got, err, spaced[kind])
	}
	switch kind {
	case BN9:
		if len(out) != 9 || !refLuhn(out) || out == "000000000" {
			t.Fatalf("BN9 %q accepted", out)
		}
	case BN15:
		if len(out) != 15 || !refLuhn(out[:9]) || !bnPrograms[out[9:11]] || out[11:] == "0000" {
			t.Fatalf("BN15 %q accepted", out)
		}
	case EIN:
		p, perr := strconv.Atoi(out[:2])
		if (len(out) != 10 && len(out) != 12) || perr != nil || !validEINPrefix(p) ||
			strings.ContainsAny(out[10:], "OIZ") {
			t.Fatalf("EIN %q accepted", out)
		}
	case Container:
		d, derr := ContainerCheckDigit(out[:10])
		if len(out) != 11 || derr != nil || int(out[10]-'0') != d || refContainerDigit(out) != d ||
			!strings.Contains("UJZR", out[3:4]) {
			t.Fatalf("container %q accepted (check digit %d, %v)", out, d, derr)
		}
	case CarrierCode:
		if len(out) != 4 {
			t.Fatalf("carrier code %q accepted", out)
		}
	case SCAC:
		if len(out) < 2 || len(out) > 4 || !all(out, isUpper) {
			t.Fatalf("SCAC %q accepted", out)
		}
	case MID:
		if len(out) < 4 || len(out) > 15 || !isUpper(out[0]) || !isUpper(out[1]) {
			t.Fatalf("MID %q accepted", out)
		}
	case EORI:
		if len(out) < 3 || len(out) > 17 || !eoriCountries[out[:2]] {
			t.Fatalf("EORI %q accepted", out)
		}
	}
}

// seeds holds a few valid and near-valid inputs per kind for f.Add.
var seeds = map[Kind][]string{
	BN9:         {"123026635", "123 026 635", "123456783", "000000000", "12302663A"},
	BN15:        {"123026635RM0001", "123026635 rm 0001", "123026635RR0001", "123026635RM0000"},
	CarrierCode: {"8080", "abcd", "AB C", "ABCDE", "ſcac"},
	SCAC:        {"UPSN", "ab", "AB12", "ſcac"},
	EIN:         {"12-3456789", "123456789", "07-1144442", "12-3456789AB", "12-3456789AO"},
	EORI:        {"DE123456789012345", "xi 123456789000", "EL123", "UK123456", "ſe12345"},
	Container:   {"CSQU3054383", "csqu 305438 3", "TASU1170000", "ABCU1234567HELLO", "CSQR3054381"},
	MID:         {"CNACMTOY1234BEI", "XX12", "1NABC", "CNACMTOY1234BEIJ", "ıtabc"},
}

func FuzzNormalize(f *testing.F) {
	kinds := Kinds()
	for i, k := range kinds {
		for _, s := range seeds[k] {
			f.Add(uint8(i), s)
		}
	}
	f.Fuzz(func(t *testing.T, which uint8, value string) {
		kind := kinds[int(which)%len(kinds)]
		out, err := Normalize(kind, value)
		checkResult(t, kind, value, out, err)
	})
}

func FuzzContainer(f *testing.F) {
	for _, s := range seeds[Container] {
		f.Add(s)
	}
	f.Add("CSQU3054389999")
	f.Fuzz(func(t *testing.T, value string) {
		out, err := CheckContainer(value)
		checkResult(t, Container, value, out, err)
		if err == nil {
			// Any other check digit must be rejected as a checksum error.
			wrong := out[:10] + string('0'+byte((int(out[10]-'0')+1)%10))
			var e *Error
			if _, err := CheckContainer(wrong); !errors.As(err, &e) || e.Reason != "checksum" {
				t.Fatalf("%q: %v, want checksum", wrong, err)
			}
		}
		d, derr := ContainerCheckDigit(value)
		shaped := len(value) >= 10 && all(upperASCII(value[:4]), isUpper) && all(value[4:10], isDigit)
		if shaped != (derr == nil) {
			t.Fatalf("ContainerCheckDigit(%q) = %d, %v", value, d, derr)
		}
		if derr == nil {
			if ref := refContainerDigit(upperASCII(value)); d != ref {
				t.Fatalf("ContainerCheckDigit(%q) = %d, reference %d", value, d, ref)
			}
			// Completing the prefix with its digit gives a valid number
			// exactly when the category letter is accepted.
			full := upperASCII(value[:10]) + strconv.Itoa(d)
			if _, err := CheckContainer(full); (err == nil) != strings.Contains("UJZR", full[3:4]) {
				t.Fatalf("CheckContainer(%q) = %v", full, err)
			}
		}
	})
}

// fuzzCheck runs the shared invariants over one kind's own function.
func fuzzCheck(f *testing.F, kind Kind, check func(string) (string, error), extra func(*testing.T, string, string, error)) {
	for _, s := range seeds[kind] {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, value string) {
		out, err := check(value)
		checkResult(t, kind, value, out, err)
		if extra != nil {
			extra(t, value, out, err)
		}
	})
}

func FuzzBN9(f *testing.F) {
	fuzzCheck(f, BN9, CheckBN9, func(t *testing.T, value, out string, err error) {
		// Nine plain digits are valid exactly when the reference agrees.
		if len(value) == 9 && all(value, isDigit) {
			if want := refLuhn(value) && value != "000000000"; want != (err == nil) {
				t.Fatalf("CheckBN9(%q) = %v, reference says valid=%v", value, err, want)
			}
		}
	})
}

func FuzzBN15(f *testing.F) {
	fuzzCheck(f, BN15, CheckBN15, func(t *testing.T, value, out string, err error) {
		if err == nil {
			if bn, err := CheckBN9(out[:9]); err != nil || bn != out[:9] {
				t.Fatalf("BN15 %q has invalid BN9: %v", out, err)
			}
		}
	})
}

func FuzzEIN(f *testing.F) {
	fuzzCheck(f, EIN, CheckEIN, func(t *testing.T, value, out string, err error) {
		if len(value) == 9 && all(value, isDigit) {
			p, _ := strconv.Atoi(value[:2])
			if validEINPrefix(p) != (err == nil) || (err == nil && out != value[:2]+"-"+value[2:]) {
				t.Fatalf("CheckEIN(%q) = %q, %v", value, out, err)
			}
		}
	})
}

func FuzzEORI(f *testing.F)        { fuzzCheck(f, EORI, CheckEORI, nil) }
func FuzzCarrierCode(f *testing.F) { fuzzCheck(f, CarrierCode, CheckCarrierCode, nil) }
func FuzzSCAC(f *testing.F)        { fuzzCheck(f, SCAC, CheckSCAC, nil) }
func FuzzMID(f *testing.F)         { fuzzCheck(f, MID, CheckMID, nil) }

func FuzzParseKind(f *testing.F) {
	for _, k := range Kinds() {
		f.Add(string(k))
	}
	f.Add(" BN15 ")
	f.Add("ſcac")
	f.Fuzz(func(t *testing.T, s string) {
		k, err := ParseKind(s)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Reason != "kind" || e.Input != s || k != "" {
				t.Fatalf("ParseKind(%q) = %q, %v", s, k, err)
			}
			return
		}
		if strings.ToLower(upperASCII(strings.TrimSpace(s))) != string(k) {
			t.Fatalf("ParseKind(%q) = %q", s, k)
		}
		if _, ok := checks[k]; !ok {
			t.Fatalf("ParseKind(%q) = unknown kind %q", s, k)
		}
	})
}
