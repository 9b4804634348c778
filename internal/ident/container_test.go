package ident

import (
	"errors"
	"testing"
)

func TestContainer(t *testing.T) {
	runTable(t, Container, CheckContainer, []tcase{
		{"CSQU3054383", "CSQU3054383", ""},
		{"csqu 305438 3", "CSQU3054383", ""},
		{"CSQU-305438-3", "CSQU3054383", ""},
		{" CSQU3054383\t", "CSQU3054383", ""},
		{"TASU1170000", "TASU1170000", ""}, // remainder 10 gives check digit 0
		{"tasu117 000 0", "TASU1170000", ""},
		{"MSCU6639870", "MSCU6639870", ""}, // remainder 0
		{"CSQJ3054386", "CSQJ3054386", ""},
		{"CSQZ3054387", "CSQZ3054387", ""},
		{"CSQR3054381", "CSQR3054381", ""},
		{"CSQU3054384", "", "checksum"},
		{"TASU1170001", "", "checksum"},
		{"MSCU6639871", "", "checksum"},
		{"ABCU1234567HELLO", "", "length"},
		{"CSQU30543833", "", "length"},
		{"CSQU305438", "", "length"},
		{"CSQU3054383X", "", "length"},
		{"XCSQU3054383", "", "length"},
		{"CSQX3054383", "", "category"},
		{"CSQA3054383", "", "category"},
		{"CSQ13054383", "", "charset"},
		{"C5QU3054383", "", "charset"},
		{"CSQUA054383", "", "charset"},
		{"CSQU305438A", "", "charset"},
		{"CSQU.305438.3", "", "charset"},
		{"", "", "empty"},
	})
}

func TestContainerCheckDigit(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int
	}{
		{"CSQU305438", 3},
		{"csqu305438", 3},
		{"CSQU3054383", 3},
		{"CSQU3054389999", 3}, // only the first 10 characters count
		{"TASU117000", 0},
		{"MSCU663987", 0},
		{"ABCX123456", 0}, // remainder 10; the category is not checked here
	} {
		got, err := ContainerCheckDigit(c.in)
		if err != nil || got != c.want {
			t.Errorf("ContainerCheckDigit(%q) = %d, %v; want %d", c.in, got, err, c.want)
		}
	}
	for _, c := range []struct{ in, reason string }{
		{"", "length"},
		{"CSQU30543", "length"},
		{"CSQ1305438", "charset"},
		{"CSQUA05438", "charset"},
		{"CSQU 305438", "charset"},
	} {
		_, err := ContainerCheckDigit(c.in)
		var e *Error
		if !errors.As(err, &e) || e.Reason != c.reason || e.Kind != Container {
			t.Errorf("ContainerCheckDigit(%q) error = %v, want %s", c.in, err, c.reason)
		}
	}
}

func TestLetterValues(t *testing.T) {
	// The ISO 6346 table, spelled out: 11, 22 and 33 are skipped.
	want := map[byte]int{
		'A': 10, 'B': 12, 'C': 13, 'D': 14, 'E': 15, 'F': 16, 'G': 17,
		'H': 18, 'I': 19, 'J': 20, 'K': 21, 'L': 23, 'M': 24, 'N': 25,
		'O': 26, 'P': 27, 'Q': 28, 'R': 29, 'S': 30, 'T': 31, 'U': 32,
		'V': 34, 'W': 35, 'X': 36, 'Y': 37, 'Z': 38,
	}
	for c := byte('A'); c <= 'Z'; c++ {
		if got := letterValue(c); got != want[c] {
			t.Errorf("letterValue(%c) = %d, want %d", c, got, want[c])
		}
	}
}
