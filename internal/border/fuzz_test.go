package border

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"trustlane/internal/ident"
)

// FuzzNDJSON holds the reader to two promises: it never panics and answers
// every non-blank line exactly once, and each line it parses is what
// encoding/json makes of it (and each object line encoding/json accepts, it
// accepts too).
func FuzzNDJSON(f *testing.F) {
	f.Add([]byte(`{"ref":"A1","direction":"into_ca","driver_cards":["F1",null],"x":{"y":[1,2.5e3,true]}}`))
	f.Add([]byte("{\"REF\":\"\\u00e9\\ud83d\\ude9a\"}\n\n{bad\n  \n{\"\u017feal\":\"s\"}\r\n"))
	f.Add([]byte(`{"ref":"` + "\xff\xfe" + `","mode":null,"seal_class":"\/H"}`))
	f.Add([]byte(`{"a":-0.0e-0,"b":"\ud800\u0041","c":[[],{}]}` + "\n" + `[1]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		rd := NewReader(bytes.NewReader(data))
		answered := 0
		for rd.Scan() {
			answered++
		}
		if rd.Err() != nil {
			t.Fatalf("read error on a bytes.Reader: %v", rd.Err())
		}
		expected := 0
		for _, line := range bytes.Split(data, []byte("\n")) {
			if blank(line) {
				continue
			}
			expected++
			if len(line) <= MaxLineLen {
				compareWithEncodingJSON(t, line)
			}
		}
		if answered != expected {
			t.Fatalf("answered %d lines, want %d", answered, expected)
		}
	})
}

// compareWithEncodingJSON checks one line against the reference decoder.
func compareWithEncodingJSON(t *testing.T, line []byte) {
	got, err := ParseShipment(line)
	var w wireShipment
	refErr := json.Unmarshal(line, &w)
	isObject := bytes.HasPrefix(bytes.TrimLeft(line, " \t\r"), []byte("{"))
	switch {
	case err == nil && refErr != nil:
		t.Fatalf("accepted %q, encoding/json says %v", line, refErr)
	case err != nil && refErr == nil && isObject:
		t.Fatalf("rejected %q (%v), encoding/json accepts it", line, err)
	case err == nil && !sameShipment(got, w.shipment()):
		t.Fatalf("%q:\n got %+v\nwant %+v", line, got, w.shipment())
	}
}

// FuzzLookupKey checks the look-up normalizer: every spelling ident accepts
// finds the same key as its canonical form, ASCII case never matters, and
// look-ups never panic.
func FuzzLookupKey(f *testing.F) {
	for _, k := range ident.Kinds() {
		f.Add(string(k), " 123 026-635 ")
	}
	f.Add("member", "pip 0001234 x")
	f.Add("Partner:ctpat", "ct-99")
	f.Add("us_ein", "12-3456789ab")
	f.Add("eori", "de 123456789012345")
	snap := fixture(f, DefaultRules())
	f.Fuzz(func(t *testing.T, kind, value string) {
		body, ok := snap.Lookup(kind, value)
		if _, pok := snap.LookupParty(kind, value); pok != ok || len(body) == 0 {
			t.Fatalf("Lookup and LookupParty disagree on (%q, %q)", kind, value)
		}
		key, known := appendKey(nil, kind, value)
		if swapped, _ := appendKey(nil, swapCase(kind), swapCase(value)); known && !bytes.Equal(key, swapped) {
			t.Fatalf("case changes the key of (%q, %q)", kind, value)
		}
		canon, err := canonical(kind, value)
		if err != nil || !known {
			return
		}
		if ck, _ := appendKey(nil, kind, canon); !bytes.Equal(key, ck) {
			t.Fatalf("(%q, %q) keys as %q, its canonical form %q as %q", kind, value, key, canon, ck)
		}
	})
}

// canonical is ident's canonical form of value for the kinds it checks.
func canonical(kind, value string) (string, error) {
	k := strings.ToLower(strings.TrimSpace(kind))
	if k == KindMember {
		return ident.CheckMemberNumber(value)
	}
	return ident.Normalize(ident.Kind(k), value)
}

// swapCase inverts ASCII case only.
func swapCase(s string) string {
	b := []byte(s)
	for i, c := range b {
		switch {
		case 'a' <= c && c <= 'z':
			b[i] = c - 32
		case 'A' <= c && c <= 'Z':
			b[i] = c + 32
		}
	}
	return string(b)
}
