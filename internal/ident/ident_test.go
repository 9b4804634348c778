package ident

import (
	"errors"
	"slices"
	"testing"
)

// tcase is one row of a per-kind table: in is checked; want is the
// canonical output when reason is "", otherwise reason is the expected
// Error.Reason.
type tcase struct {
	in, want, reason string
}

// runTable checks every row through both the kind's own function and
// Normalize, which must agree.
func runTable(t *testing.T, kind Kind, check func(string) (string, error), cases []tcase) {
	t.Helper()
	for _, c := range cases {
		for _, via := range []string{"check", "normalize"} {
			var got string
			var err error
			if via == "check" {
				got, err = check(c.in)
			} else {
				got, err = Normalize(kind, c.in)
			}
			if c.reason == "" {
				if err != nil || got != c.want {
					t.Errorf("%s %s(%q) = %q, %v; want %q", via, kind, c.in, got, err, c.want)
				}
				continue
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Errorf("%s %s(%q) = %q, %v; want *Error %q", via, kind, c.in, got, err, c.reason)
				continue
			}
			if e.Reason != c.reason || e.Kind != kind || e.Input != c.in || got != "" {
				t.Errorf("%s %s(%q) = %q, %+v; want reason %q", via, kind, c.in, got, e, c.reason)
			}
		}
	}
}

func TestKinds(t *testing.T) {
	want := []Kind{BN9, BN15, CarrierCode, SCAC, EIN, EORI, Container, MID}
	got := Kinds()
	if !slices.Equal(got, want) {
		t.Fatalf("Kinds() = %v, want %v", got, want)
	}
	got[0] = "mutated"
	if Kinds()[0] != BN9 {
		t.Fatal("Kinds() shares its backing array with callers")
	}
	if len(checks) != len(want) {
		t.Fatalf("checks has %d kinds, Kinds has %d", len(checks), len(want))
	}
	for _, k := range want {
		if checks[k] == nil {
			t.Errorf("no check for %q", k)
		}
	}
}

func TestParseKind(t *testing.T) {
	for _, k := range Kinds() {
		for _, s := range []string{string(k), " " + string(k) + " ", upperASCII(string(k))} {
			got, err := ParseKind(s)
			if err != nil || got != k {
				t.Errorf("ParseKind(%q) = %q, %v; want %q", s, got, err, k)
			}
		}
	}
	// "ſcac" upper-cases to "SCAC" with Unicode rules; it must not parse.
	for _, s := range []string{"", "bn", "ein", "iso 6346", "ſcac", "bn9\x00"} {
		got, err := ParseKind(s)
		var e *Error
		if !errors.As(err, &e) || e.Reason != "kind" || e.Input != s || got != "" {
			t.Errorf("ParseKind(%q) = %q, %v; want reason kind", s, got, err)
		}
	}
}

func TestNormalizeUnknownKind(t *testing.T) {
	_, err := Normalize("vin", "1HGCM82633A004352")
	var e *Error
	if !errors.As(err, &e) || e.Reason != "kind" || e.Kind != "vin" {
		t.Fatalf("Normalize(vin) error = %v, want reason kind", err)
	}
}

func TestErrorMessage(t *testing.T) {
	for _, c := range []struct {
		err  *Error
		want string
	}{
		{&Error{Kind: BN9, Reason: "checksum", Input: "123456789"}, `bn9 "123456789": checksum`},
		{&Error{Reason: "kind", Input: "x"}, `ident "x": kind`},
		{&Error{Kind: EIN, Reason: "charset", Input: "a\"b\n"}, `us_ein "a\"b\n": charset`},
	} {
		if got := c.err.Error(); got != c.want {
			t.Errorf("Error() = %s, want %s", got, c.want)
		}
	}
}

// upperASCII upper-cases ASCII letters only; the tests use it to build
// inputs without relying on the package's own helper.
func upperASCII(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'a' <= c && c <= 'z' {
			b[i] = c - 32
		}
	}
	return string(b)
}
