package border

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"testing"
	"time"

	"trustlane/internal/ident"
)

// Benchmarks report each figure next to a reference measured in the same
// run, as docs/performance.md asks: rerun with
//
//	go test -run '^$' -bench . -benchmem ./internal/border/

const benchParties = 100_000

// benchData builds n parties (three identifiers each, a mix of importers,
// carriers and sanctioned parties) and as many driver cards.
func benchData(tb testing.TB, n int) ([]Party, []Card) {
	tb.Helper()
	parties := make([]Party, n)
	cards := make([]Card, n)
	for i := range n {
		m, err := ident.MemberNumber(i + 1)
		if err != nil {
			tb.Fatal(err)
		}
		st := Active
		if i%50 == 0 {
			st = Suspended
		}
		parties[i] = Party{Key: fmt.Sprintf("org-%d", i), Name: fmt.Sprintf("Company %d Ltd.", i),
			Identifiers: []Identifier{{KindMember, m}, {"us_ein", fmt.Sprintf("12-%07d", i)},
				{PartnerKind("ctpat"), fmt.Sprintf("CT%07d", i)}},
			Programs: []ProgramStanding{ps("pip", st, "importer", "highway_carrier"), ps("ctpat", Active, "importer")},
			FAST:     []Direction{IntoCA}}
		cards[i] = Card{Number: fmt.Sprintf("F%08d", i), Kind: CardFAST, ValidUntil: now.AddDate(1, 0, i%3-1)}
	}
	return parties, cards
}

// benchLines renders n shipment lines naming parties and cards below
// spread: a small spread keeps the working set in cache, the full one
// makes nearly every look-up a cache miss.
func benchLines(n, spread int) []byte {
	var b bytes.Buffer
	for i := range n {
		fmt.Fprintf(&b, `{"ref":"R%d","direction":"into_ca","mode":"highway","importer_kind":"us_ein","importer":"12-%07d",`+
			`"carrier_kind":"partner:CTPAT","carrier":"CT%07d","driver_cards":["F%08d"],"container":"CSQU3054383",`+
			`"seal":"SEAL%d","seal_class":"H","destination":"Sarnia"}`+"\n",
			i, (i*7)%spread, (i*13)%spread, (i*17)%spread, i)
	}
	return b.Bytes()
}

// readLines is the reference: read the lines and nothing else.
func readLines(in []byte) int {
	br := bufio.NewReaderSize(bytes.NewReader(in), MaxLineLen+1)
	n := 0
	for {
		line, err := br.ReadSlice('\n')
		if len(line) > 0 {
			n++
		}
		if err != nil {
			return n
		}
	}
}

// perOp times f over rounds runs and returns the mean duration.
func perOp(rounds int, f func()) time.Duration {
	start := time.Now()
	for range rounds {
		f()
	}
	return time.Since(start) / time.Duration(rounds)
}

func BenchmarkScreenStream(b *testing.B) {
	parties, cards := benchData(b, benchParties)
	snap := Build(parties, cards, DefaultRules(), now)
	for _, spread := range []int{1000, benchParties} {
		b.Run(fmt.Sprintf("spread=%d", spread), func(b *testing.B) { benchStream(b, snap, spread) })
	}
}

// benchStream screens 10,000 lines per op against snap.
func benchStream(b *testing.B, snap *Snapshot, spread int) {
	const lines = 10_000
	in := benchLines(lines, spread)
	base := perOp(20, func() { readLines(in) })
	b.SetBytes(int64(len(in)))
	b.ResetTimer()
	for b.Loop() {
		if _, err := ScreenStream(bytes.NewReader(in), io.Discard, snap, now); err != nil {
			b.Fatal(err)
		}
	}
	perLine := b.Elapsed().Seconds() / float64(b.N*lines)
	b.ReportMetric(1/perLine, "shipments/s")
	b.ReportMetric(float64(lines)/base.Seconds(), "read-only-lines/s")
	b.ReportMetric(perLine/(base.Seconds()/lines), "x-read-only")
}

func BenchmarkLookup(b *testing.B) {
	parties, cards := benchData(b, benchParties)
	snap := Build(parties, cards, DefaultRules(), now)
	plain := make(map[string][]byte, benchParties)
	for i := range benchParties {
		plain[fmt.Sprintf("CT%07d", i)] = []byte("x")
	}
	const q = 1024
	kinds, values, keys := make([]string, q), make([]string, q), make([]string, q)
	for i := range q {
		n := (i * 97) % benchParties
		kinds[i], values[i], keys[i] = "partner:ctpat", fmt.Sprintf("ct%07d", n), fmt.Sprintf("CT%07d", n)
	}
	var sink int
	base := perOp(200, func() {
		for i := range q {
			sink += len(plain[keys[i]])
		}
	}) / q
	b.ResetTimer()
	i := 0
	for b.Loop() {
		body, _ := snap.Lookup(kinds[i%q], values[i%q])
		sink += len(body)
		i++
	}
	per := b.Elapsed() / time.Duration(b.N)
	b.ReportMetric(float64(base.Nanoseconds()), "plain-map-ns")
	b.ReportMetric(float64(per)/float64(base), "x-plain-map")
	_ = sink
}

func BenchmarkBuild(b *testing.B) {
	parties, cards := benchData(b, benchParties)
	// Reference: a plain map from each identifier to its party, no encoding.
	base := perOp(3, func() {
		m := make(map[string]*Party, 3*benchParties)
		for i := range parties {
			for _, id := range parties[i].Identifiers {
				m[id.Kind+"\x00"+id.Value] = &parties[i]
			}
		}
	})
	b.ResetTimer()
	for b.Loop() {
		Build(parties, cards, DefaultRules(), now)
	}
	per := b.Elapsed() / time.Duration(b.N)
	b.ReportMetric(float64(base.Milliseconds()), "plain-map-ms")
	b.ReportMetric(float64(per)/float64(base), "x-plain-map")
}

func BenchmarkWith(b *testing.B) {
	parties, cards := benchData(b, benchParties)
	snap := Build(parties, cards, DefaultRules(), now)
	build := perOp(2, func() { Build(parties, cards, DefaultRules(), now) })
	for _, n := range []int{1, 100, 1000} {
		b.Run(fmt.Sprintf("changed=%d", n), func(b *testing.B) {
			changed := make([]Party, n)
			for i := range changed {
				changed[i] = parties[(i*31)%benchParties]
				changed[i].Programs = []ProgramStanding{ps("pip", Suspended, "importer")}
			}
			for b.Loop() {
				snap.With(changed, []string{"org-7"}, cards[:1], nil)
			}
			per := b.Elapsed() / time.Duration(b.N)
			b.ReportMetric(float64(build.Microseconds()), "full-build-us")
			b.ReportMetric(float64(per)/float64(build), "x-full-build")
		})
	}
}

// BenchmarkDecode compares the hand-written decoder with encoding/json on
// the same lines, the measurement behind not using encoding/json.
func BenchmarkDecode(b *testing.B) {
	lines := bytes.Split(bytes.TrimSuffix(benchLines(1000, 1000), []byte("\n")), []byte("\n"))
	var w wireShipment
	base := perOp(20, func() {
		for _, l := range lines {
			if err := json.Unmarshal(l, &w); err != nil {
				b.Fatal(err)
			}
		}
	}) / time.Duration(len(lines))
	b.ResetTimer()
	i := 0
	for b.Loop() {
		if _, err := ParseShipment(lines[i%len(lines)]); err != nil {
			b.Fatal(err)
		}
		i++
	}
	per := b.Elapsed() / time.Duration(b.N)
	b.ReportMetric(float64(base.Nanoseconds()), "encoding/json-ns")
	b.ReportMetric(float64(per)/float64(base), "x-encoding/json")
}
