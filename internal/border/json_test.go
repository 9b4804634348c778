package border

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"
)

// trickyStrings exercise every escaping rule of encoding/json.
var trickyStrings = []string{
	"", "plain", `quote " backslash \ slash /`, "<script>&amp;</script>",
	"\x00\x01\x1f\x7f \b\f\n\r\t", "é ü 漢字 🚚", "\u2028\u2029", "bad \xff\xfe utf8 \xe2\x82",
	"surrogate \xed\xa0\x80", "PIP-0001234-X",
}

func TestAppendDecisionJSONMatchesEncodingJSON(t *testing.T) {
	decisions := []Decision{
		{Ref: "", Lane: LaneStandard, Reasons: nil},
		{Ref: "r", Lane: LaneFAST, Reasons: []Reason{}},
		{Ref: "r", Lane: LaneExpedited, Reasons: AllReasons()},
	}
	for _, s := range trickyStrings {
		decisions = append(decisions, Decision{Ref: s, Lane: Lane(s), Reasons: []Reason{Reason(s), ImporterActive}})
	}
	for _, d := range decisions {
		want, err := json.Marshal(d)
		if err != nil {
			t.Fatal(err)
		}
		got := AppendDecisionJSON([]byte("prefix"), d)
		if !bytes.Equal(got[len("prefix"):], want) {
			t.Errorf("AppendDecisionJSON(%q)\n got %s\nwant %s", d.Ref, got[len("prefix"):], want)
		}
		if !json.Valid(got[len("prefix"):]) {
			t.Errorf("invalid JSON %s", got)
		}
	}
}

func TestAppendDecisionJSONDoesNotAllocate(t *testing.T) {
	d := Decision{Ref: "abc <1>", Lane: LaneFAST, Reasons: []Reason{ModeFAST, ImporterActive}}
	buf := make([]byte, 0, 1024)
	if n := testing.AllocsPerRun(100, func() { buf = AppendDecisionJSON(buf[:0], d) }); n != 0 {
		t.Errorf("%v allocations per call", n)
	}
}

func TestStatusBodyMatchesEncodingJSON(t *testing.T) {
	snap := fixture(t, DefaultRules())
	odd := Party{Key: "odd\x00", Name: "\xff<>", Identifiers: []Identifier{{"scac", "ODD"}},
		Programs: []ProgramStanding{{Program: "pip", Standing: Active, Since: time.Date(2021, 5, 6, 7, 8, 9, 123456789, time.FixedZone("x", -5*3600))}},
		FAST:     []Direction{IntoCA}}
	snap = snap.With([]Party{odd}, nil, nil, nil)
	for _, p := range append(fixtureParties(t), odd) {
		e, ok := snap.parties.get(p.Key)
		if !ok {
			t.Fatalf("party %q missing", p.Key)
		}
		st := statusOf(&e.party, &e.roles)
		want, err := json.Marshal(st)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(e.body, want) {
			t.Errorf("party %s\n got %s\nwant %s", p.Key, e.body, want)
		}
	}
	for _, body := range [][]byte{noneBody, ambiguousBody} {
		var st Status
		if err := json.Unmarshal(body, &st); err != nil || st.Standing != None {
			t.Errorf("shared body %s: %v", body, err)
		}
	}
}

func TestLookupDoesNotAllocate(t *testing.T) {
	snap := fixture(t, DefaultRules())
	for _, q := range [][2]string{{"bn15", "123 026 635 rm 0001"}, {"Partner:ctpat", "ct-99"}, {"scac", "none"}, {"bad", "x"}} {
		if n := testing.AllocsPerRun(100, func() { snap.Lookup(q[0], q[1]) }); n != 0 {
			t.Errorf("Lookup(%q, %q): %v allocations", q[0], q[1], n)
		}
	}
}

func FuzzAppendString(f *testing.F) {
	for _, s := range trickyStrings {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want, _ := json.Marshal(s)
		if got := appendString(nil, s); !bytes.Equal(got, want) {
			t.Fatalf("appendString(%q) = %s, want %s", s, got, want)
		}
	})
}

// TestPlainPrefix checks the word-at-a-time scan against the byte rule for
// every byte value at every position of a word and of the tail.
func TestPlainPrefix(t *testing.T) {
	plain := func(b byte) bool {
		return b >= 0x20 && b < 0x80 && b != '"' && b != '\\' && b != '<' && b != '>' && b != '&'
	}
	for n := 1; n <= 21; n++ {
		checkPlainPrefix(t, []byte("abcdefghijklmnopqrstu")[:n], plain)
	}
}

// checkPlainPrefix sets each byte of base to each value in turn.
func checkPlainPrefix(t *testing.T, base []byte, plain func(byte) bool) {
	for pos := range base {
		for c := range 256 {
			s := bytes.Clone(base)
			s[pos] = byte(c)
			want := len(s)
			if !plain(byte(c)) {
				want = pos
			}
			if got := plainPrefix(string(s)); got != want {
				t.Fatalf("plainPrefix(%q) = %d, want %d", s, got, want)
			}
		}
	}
}
