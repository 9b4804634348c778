package border

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
)

// wireShipment is the NDJSON wire format as encoding/json sees it: the
// reference the hand-written decoder is compared with.
type wireShipment struct {
	Ref          string   `json:"ref"`
	Direction    string   `json:"direction"`
	Mode         string   `json:"mode"`
	ImporterKind string   `json:"importer_kind"`
	Importer     string   `json:"importer"`
	CarrierKind  string   `json:"carrier_kind"`
	Carrier      string   `json:"carrier"`
	DriverCards  []string `json:"driver_cards"`
	Container    string   `json:"container"`
	Seal         string   `json:"seal"`
	SealClass    string   `json:"seal_class"`
	Destination  string   `json:"destination"`
}

func (w wireShipment) shipment() Shipment {
	return Shipment{Direction: Direction(w.Direction), Mode: w.Mode,
		Importer: Identifier{w.ImporterKind, w.Importer}, Carrier: Identifier{w.CarrierKind, w.Carrier},
		DriverCards: w.DriverCards, Container: w.Container, Seal: w.Seal, SealClass: w.SealClass,
		Destination: w.Destination, Ref: w.Ref}
}

// sameShipment compares two shipments; an empty card list equals a nil one
// (encoding/json makes [] non-nil, the decoder may reuse a buffer).
func sameShipment(a, b Shipment) bool {
	return a.Direction == b.Direction && a.Mode == b.Mode && a.Importer == b.Importer &&
		a.Carrier == b.Carrier && slices.Equal(a.DriverCards, b.DriverCards) && a.Container == b.Container &&
		a.Seal == b.Seal && a.SealClass == b.SealClass && a.Destination == b.Destination && a.Ref == b.Ref
}

func TestParseShipment(t *testing.T) {
	lines := []string{
		`{"ref":"A1","direction":"into_ca","mode":"highway","importer_kind":"bn15","importer":"123026635RM0001",` +
			`"carrier_kind":"cbsa_carrier","carrier":"8080","driver_cards":["FAST0001","FAST0002"],` +
			`"container":"CSQU3054383","seal":"S1","seal_class":"H","destination":"Sarnia"}`,
		` { "REF" : "\u0041\n\"q\"" , "ſeal":"long s", "extra": {"n": [1, -2.5e+3, true, null, {}]}, "mode": null } `,
		`{"driver_cards":["a"],"driver_cards":null}`,
		`{"driver_cards":["a",null],"ref":"\ud83d\ude9a \ud800 x"}`,
		`{"ref":"` + "\xff" + `bad utf8"}`,
		`{}`,
	}
	for _, line := range lines {
		var w wireShipment
		if err := json.Unmarshal([]byte(line), &w); err != nil {
			t.Fatalf("reference rejects %s: %v", line, err)
		}
		got, err := ParseShipment([]byte(line))
		if err != nil || !sameShipment(got, w.shipment()) {
			t.Errorf("ParseShipment(%s)\n got %+v %v\nwant %+v", line, got, err, w.shipment())
		}
	}
}

func TestParseShipmentErrors(t *testing.T) {
	tests := []struct{ line, code string }{
		{`[1]`, CodeNotObject},
		{`null`, CodeNotObject},
		{`{"ref":1}`, CodeFieldType},
		{`{"driver_cards":"x"}`, CodeFieldType},
		{`{"driver_cards":[1]}`, CodeFieldType},
		{`{"ref":1,}`, CodeSyntax}, // syntax wins over type, as in encoding/json
		{`{"ref":"a"`, CodeSyntax},
		{`{"ref":"a"} x`, CodeSyntax},
		{`{"ref":"\q"}`, CodeSyntax},
		{`{"ref":"` + "\t" + `"}`, CodeSyntax},
		{`{"x":01}`, CodeSyntax},
		{`{"x":` + strings.Repeat("[", maxDepth) + strings.Repeat("]", maxDepth) + `}`, CodeSyntax},
	}
	for _, tc := range tests {
		_, err := ParseShipment([]byte(tc.line))
		var le *LineError
		if !errors.As(err, &le) || le.Code != tc.code {
			t.Errorf("ParseShipment(%.40s): %v, want code %s", tc.line, err, tc.code)
		}
		if json.Unmarshal([]byte(tc.line), new(wireShipment)) == nil && tc.code != CodeNotObject {
			t.Errorf("encoding/json accepts %.40s", tc.line)
		}
	}
}

func TestReader(t *testing.T) {
	long := `{"ref":"` + strings.Repeat("x", MaxLineLen) + `"}`
	input := strings.Join([]string{
		`{"ref":"1"}`, ``, `   `, `{"ref":`, long, `{"ref":"6"}` + "\r", `{"ref":"7"}`,
	}, "\n")
	type item struct {
		line int
		ref  string
		code string
	}
	want := []item{{1, "1", ""}, {4, "", CodeSyntax}, {5, "", CodeTooLong}, {6, "6", ""}, {7, "7", ""}}
	// One byte at a time proves the resync does not depend on read sizes.
	for _, r := range []func() *Reader{
		func() *Reader { return NewReader(strings.NewReader(input)) },
		func() *Reader { return NewReader(iotest.OneByteReader(strings.NewReader(input))) },
	} {
		rd := r()
		var got []item
		for rd.Scan() {
			it := item{line: rd.Line(), ref: rd.Shipment().Ref}
			if e := rd.LineErr(); e != nil {
				it.code, it.ref = e.Code, ""
			}
			got = append(got, it)
		}
		if rd.Err() != nil || !slices.Equal(got, want) {
			t.Errorf("got %v (%v)\nwant %v", got, rd.Err(), want)
		}
	}
}

func TestReaderReadError(t *testing.T) {
	rd := NewReader(iotest.TimeoutReader(strings.NewReader(`{"ref":"1"}` + "\n" + strings.Repeat(" ", 1<<17))))
	for rd.Scan() {
	}
	if rd.Err() == nil {
		t.Fatal("read error not reported")
	}
}

func TestScreenStream(t *testing.T) {
	snap := fixture(t, DefaultRules())
	good := `{"ref":"ok","direction":"into_ca","mode":"highway","importer_kind":"bn15","importer":"123026635RM0001",` +
		`"carrier_kind":"cbsa_carrier","carrier":"8080","driver_cards":["FAST0001"],"seal":"S","seal_class":"H"}`
	in := good + "\n\n" + `{"ref":"<bad>"` + "\n" + `{"ref":"u","direction":"into_mx"}`
	var out bytes.Buffer
	n, err := ScreenStream(strings.NewReader(in), &out, snap, now)
	if err != nil || n != 3 {
		t.Fatalf("n %d, err %v", n, err)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	want := []string{
		`{"line":1,"ref":"ok","lane":"fast","reasons":["mode.fast","importer.active","carrier.active","carrier.fast_approved","driver.card_valid","seal.valid"]}`,
		`{"line":3,"error":{"code":"line.syntax","message":"offset 14: unterminated object"}}`,
		`{"line":4,"ref":"u","lane":"standard","reasons":["direction.unknown"]}`,
	}
	if !slices.Equal(lines, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	for _, l := range lines {
		if !json.Valid([]byte(l)) {
			t.Errorf("invalid JSON line %s", l)
		}
	}
}

func TestScreenStreamWriteError(t *testing.T) {
	snap := fixture(t, DefaultRules())
	in := strings.Repeat(`{"ref":"x"}`+"\n", 10000)
	_, err := ScreenStream(strings.NewReader(in), failWriter{}, snap, now)
	if err == nil || !strings.Contains(err.Error(), "boom") {
		t.Fatalf("err %v", err)
	}
}

type failWriter struct{}

func (failWriter) Write([]byte) (int, error) { return 0, fmt.Errorf("boom") }

// TestReaderShipmentOwnsItsStrings: ScreenStream decodes in place, but a
// shipment handed out by Reader must survive the next Scan.
func TestReaderShipmentOwnsItsStrings(t *testing.T) {
	// One byte per read makes the reader refill its buffer from the start.
	rd := NewReader(iotest.OneByteReader(strings.NewReader(`{"ref":"first","mode":"highway"}` + "\n" + `{"ref":"other","mode":"rail!!"}`)))
	if !rd.Scan() {
		t.Fatal("no first line")
	}
	first := rd.Shipment()
	for rd.Scan() {
	}
	if first.Ref != "first" || first.Mode != "highway" {
		t.Fatalf("first shipment changed by later reads: %+v", first)
	}
}

// TestScreenStreamAllocations: the stream allocates per call, not per line.
func TestScreenStreamAllocations(t *testing.T) {
	snap := fixture(t, DefaultRules())
	line := `{"ref":"ok","direction":"into_ca","mode":"highway","importer_kind":"bn15","importer":"123026635RM0001",` +
		`"carrier_kind":"cbsa_carrier","carrier":"8080","driver_cards":["FAST0001","fast-0002"],` +
		`"container":"csqu 305438-3","seal":"S","seal_class":"H"}` + "\n"
	in := []byte(strings.Repeat(line, 1000))
	allocs := testing.AllocsPerRun(5, func() {
		if _, err := ScreenStream(bytes.NewReader(in), io.Discard, snap, now); err != nil {
			t.Fatal(err)
		}
	})
	if allocs > 50 {
		t.Errorf("%v allocations for 1000 lines", allocs)
	}
}

// TestFieldOfNames keeps fieldOf's fast switch and fieldNames in step.
func TestFieldOfNames(t *testing.T) {
	for f := fRef; f <= fDestination; f++ {
		if got := fieldOf(fieldNames[f]); got != f {
			t.Errorf("fieldOf(%q) = %d, want %d", fieldNames[f], got, f)
		}
		if got := fieldOf(strings.ToUpper(fieldNames[f])); got != f {
			t.Errorf("fieldOf(%q) = %d, want %d", strings.ToUpper(fieldNames[f]), got, f)
		}
	}
	if got := fieldOf("refs"); got != fNone {
		t.Errorf("fieldOf(refs) = %d", got)
	}
}
