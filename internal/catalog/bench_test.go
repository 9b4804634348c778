package catalog_test

import (
	"strconv"
	"testing"
	"time"

	"trustlane/internal/catalog"
)

// fullProfile answers every question of sectors' parts compliantly, with
// evidence wherever a question takes it: the most work an assessment does.
func fullProfile(v *catalog.Version, sectors []string, asOf time.Time) catalog.Profile {
	p := catalog.Profile{Sectors: sectors, Answers: map[catalog.Key]catalog.Value{}, Evidence: map[catalog.Key]int{}}
	for _, s := range v.Sections(sectors) {
		for _, q := range s.Questions {
			k := catalog.Key{Part: s.Part, Question: q.ID}
			var val catalog.Value
			switch q.Type {
			case catalog.YesNo, catalog.Single:
				val.Text = "yes"
				if len(q.Expect) > 0 {
					val.Text = q.Expect[0]
				} else if len(q.Options) > 0 {
					val.Text = q.Options[0].Value
				}
			case catalog.Multi:
				val.List = q.Expect
				if len(val.List) == 0 {
					val.List = []string{q.Options[0].Value}
				}
			case catalog.Date:
				val.Text = asOf.AddDate(0, -1, 0).Format(time.DateOnly)
			case catalog.Number:
				n := 100.0
				if q.Min != nil {
					n = *q.Min
				}
				val.Text = strconv.FormatFloat(n, 'f', -1, 64)
			case catalog.Free:
				val.Text = "Described in our procedure."
			}
			if !val.Empty() {
				p.Answers[k] = val
			}
			if q.Evidence != catalog.EvidenceNone || q.Type == catalog.File {
				p.Evidence[k] = 1
			}
		}
	}
	return p
}

// BenchmarkAssess measures the gap assessment of a full profile against the
// 2008 catalog. The reference reads every answer of the same profile once,
// the floor any assessment pays; the ratio shows what the rules cost on top.
func BenchmarkAssess(b *testing.B) {
	c := mustLoad(b)
	v, _ := c.Version("2008")
	asOf := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		name    string
		sectors []string
	}{
		{"importer+highway", []string{"importer", "highway_carrier"}},
		{"every-sector", sectors()},
	} {
		p := fullProfile(v, tc.sectors, asOf)
		if a := v.Assess(p, asOf); !a.Ready() {
			b.Fatalf("%s: the full profile is not ready: %d gaps, %d/%d", tc.name, len(a.Gaps), a.Done, a.Required)
		}
		sections := v.Sections(tc.sectors)
		b.Run(tc.name+"/reference", func(b *testing.B) {
			n := 0
			for range b.N {
				for _, s := range sections {
					for _, q := range s.Questions {
						if !p.Answers[catalog.Key{Part: s.Part, Question: q.ID}].Empty() {
							n++
						}
					}
				}
			}
			if n == 0 {
				b.Fatal("no answers read")
			}
		})
		b.Run(tc.name+"/assess", func(b *testing.B) {
			b.ReportAllocs()
			for range b.N {
				a := v.Assess(p, asOf)
				if len(a.Gaps) != 0 {
					b.Fatal("gaps")
				}
			}
		})
	}
}
