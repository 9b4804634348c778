package ident

import (
	"errors"
	"testing"
)

func TestMemberNumber(t *testing.T) {
	n, err := MemberNumber(1234)
	if err != nil {
		t.Fatal(err)
	}
	if len(n) != 13 || n[:12] != "PIP-0001234-" {
		t.Fatalf("MemberNumber(1234) = %q", n)
	}
	for _, in := range []string{n, "pip 0001234 " + n[12:], "PIP0001234" + n[12:]} {
		if got, err := CheckMemberNumber(in); err != nil || got != n {
			t.Errorf("CheckMemberNumber(%q) = %q, %v", in, got, err)
		}
	}
	// Every single substitution and every adjacent swap is caught.
	canon := "PIP0001234" + n[12:]
	for i := 3; i < len(canon); i++ {
		for _, c := range memberAlphabet {
			if byte(c) == canon[i] || (i < 10 && (c < '0' || c > '9')) {
				continue
			}
			bad := canon[:i] + string(c) + canon[i+1:]
			if _, err := CheckMemberNumber(bad); err == nil {
				t.Errorf("substitution %q accepted", bad)
			}
		}
		if i+1 < len(canon) && canon[i] != canon[i+1] {
			swapped := canon[:i] + string(canon[i+1]) + string(canon[i]) + canon[i+2:]
			if _, err := CheckMemberNumber(swapped); err == nil {
				t.Errorf("swap %q accepted", swapped)
			}
		}
	}
	for in, reason := range map[string]string{"": "empty", "PIP-123-4": "length", "XIP-0001234-0": "length", "PIP-00A1234-0": "charset"} {
		var ie *Error
		if _, err := CheckMemberNumber(in); !errors.As(err, &ie) || ie.Reason != reason {
			t.Errorf("CheckMemberNumber(%q) = %v, want %s", in, err, reason)
		}
	}
	if _, err := MemberNumber(0); err == nil {
		t.Error("sequence 0 accepted")
	}
	seen := map[string]bool{}
	for i := 1; i <= 2000; i++ {
		n, _ := MemberNumber(i)
		if _, err := CheckMemberNumber(n); err != nil || seen[n] {
			t.Fatalf("number %d: %q %v", i, n, err)
		}
		seen[n] = true
	}
}

func FuzzMemberNumber(f *testing.F) {
	f.Add("PIP-0001234-0")
	f.Fuzz(func(t *testing.T, s string) {
		out, err := CheckMemberNumber(s)
		if err != nil {
			return
		}
		if again, err := CheckMemberNumber(out); err != nil || again != out {
			t.Fatalf("canonical %q does not check: %v", out, err)
		}
	})
}
