package store_test

import (
	"testing"
	"time"

	"trustlane/internal/ident"
	"trustlane/internal/partner"
	"trustlane/internal/store/storetest"
)

// BenchmarkImportPartnerMembers50k imports a generated list of 50,000
// C-TPAT members (CSV, 4.6 MB) into an empty store, then the same file
// again. The reference is parsing and checking that file, measured in the
// same iteration: import/parse and reimport/parse are the ratios to watch.
//
//	go test ./internal/store/ -run '^$' -bench ImportPartnerMembers50k -benchtime 3x
func BenchmarkImportPartnerMembers50k(b *testing.B) {
	body := memberList(50_000)
	p := partner.Program{Code: "CTPAT", IDKinds: []ident.Kind{ident.SCAC, ident.EIN, ident.MID, ident.CarrierCode}}
	for _, e := range storetest.Engines() {
		b.Run(e.Name, func(b *testing.B) {
			var parse, first, again time.Duration
			for range b.N {
				b.StopTimer()
				db := storetest.Open(b, e.URL(b), nil)
				b.StartTimer()
				t0 := time.Now()
				rows, rep := partner.ParseMembers(p, "list.csv", body)
				if !rep.OK() {
					b.Fatalf("parse: %+v", rep.Errors)
				}
				t1 := time.Now()
				if imp := importList(b, db, partner.ModeFull, rows); imp.Added != 50_000 {
					b.Fatalf("first import added %d", imp.Added)
				}
				t2 := time.Now()
				if imp := importList(b, db, partner.ModeFull, rows); imp.Unchanged != 50_000 {
					b.Fatalf("second import left %d unchanged", imp.Unchanged)
				}
				t3 := time.Now()
				parse, first, again = parse+t1.Sub(t0), first+t2.Sub(t1), again+t3.Sub(t2)
				b.StopTimer()
				_ = db.Close()
				b.StartTimer()
			}
			n := float64(b.N)
			b.ReportMetric(float64(parse.Milliseconds())/n, "parse-ms")
			b.ReportMetric(float64(first.Milliseconds())/n, "import-ms")
			b.ReportMetric(float64(again.Milliseconds())/n, "reimport-ms")
			b.ReportMetric(float64(first)/float64(parse), "import/parse")
			b.ReportMetric(float64(again)/float64(parse), "reimport/parse")
		})
	}
}
