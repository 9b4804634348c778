package catalog_test

import (
	"os"
	"path/filepath"
	"testing"

	"go.yaml.in/yaml/v3"

	"trustlane/internal/catalog"
)

// TestCarries is the table of the four relationships both ways.
func TestCarries(t *testing.T) {
	tests := []struct {
		rel    catalog.Relationship
		ours   catalog.Carry // our result to their target
		theirs catalog.Carry // their result to our criterion
	}{
		{catalog.Equal, catalog.CarryFull, catalog.CarryFull},
		{catalog.Superset, catalog.CarryFull, catalog.CarryPartial},
		{catalog.Subset, catalog.CarryPartial, catalog.CarryFull},
		{catalog.Intersect, catalog.CarryPartial, catalog.CarryPartial},
		{"overlaps", catalog.CarryNone, catalog.CarryNone},
	}
	for _, tt := range tests {
		t.Run(string(tt.rel), func(t *testing.T) {
			if got := catalog.Carries(tt.rel, catalog.OursToTheirs); got != tt.ours {
				t.Errorf("ours→theirs = %s, want %s", got, tt.ours)
			}
			if got := catalog.Carries(tt.rel, catalog.TheirsToOurs); got != tt.theirs {
				t.Errorf("theirs→ours = %s, want %s", got, tt.theirs)
			}
			if got := catalog.Carries(tt.rel, "sideways"); got != catalog.CarryNone {
				t.Errorf("unknown direction = %s, want none", got)
			}
		})
	}
}

func TestCarryFrom(t *testing.T) {
	cr := &catalog.Criterion{ID: "X", Refs: []catalog.Ref{
		{Framework: "ctpat", Target: "1", Relationship: catalog.Superset},
		{Framework: "ctpat", Target: "2", Relationship: catalog.Subset},
		{Framework: "ctpat", Target: "3", Relationship: catalog.Intersect},
		{Framework: "safe", Target: "9", Relationship: catalog.Equal},
	}}
	full, partial := cr.CarryFrom("ctpat")
	if len(full) != 1 || full[0].Target != "2" {
		t.Errorf("full = %v, want target 2 (our subset)", full)
	}
	if len(partial) != 2 || partial[0].Target != "1" || partial[1].Target != "3" {
		t.Errorf("partial = %v, want targets 1 and 3", partial)
	}
	if full, partial := cr.CarryFrom("eu_aeo"); full != nil || partial != nil {
		t.Errorf("eu_aeo: %v %v, want nothing", full, partial)
	}
}

// TestCoverageRules checks the coverage of a target on a small version.
func TestCoverageRules(t *testing.T) {
	fw := catalog.Framework{ID: "p", Targets: []catalog.Target{{ID: "a"}, {ID: "b"}, {ID: "c"}, {ID: "d"}}}
	mk := func(id string, refs ...catalog.Ref) *catalog.Criterion { return &catalog.Criterion{ID: id, Refs: refs} }
	ref := func(target string, rel catalog.Relationship) catalog.Ref {
		return catalog.Ref{Framework: "p", Target: target, Relationship: rel}
	}
	v := &catalog.Version{ID: "t", Criteria: []*catalog.Criterion{
		mk("C1", ref("a", catalog.Subset), ref("b", catalog.Intersect)),
		mk("C2", ref("a", catalog.Superset), ref("c", catalog.Subset)),
		mk("C3", ref("d", catalog.Equal), catalog.Ref{Framework: "other", Target: "a", Relationship: catalog.Equal}),
	}}
	cw, err := v.Crosswalk([]catalog.Framework{fw}, "p")
	if err != nil {
		t.Fatal(err)
	}
	fc := cw.Frameworks[0]
	want := map[string]catalog.Coverage{"a": catalog.CoveredFully, "b": catalog.CoveredPartly, "c": catalog.CoveredPartly, "d": catalog.CoveredFully}
	for id, cov := range want {
		tc, _ := fc.Target(id)
		if tc.Coverage != cov {
			t.Errorf("target %s: %s, want %s", id, tc.Coverage, cov)
		}
	}
	if tc, _ := fc.Target("a"); len(tc.Mappings) != 2 {
		t.Errorf("target a has %d mappings, want 2", len(tc.Mappings))
	}
	s := fc.Summary
	if s.Targets != 4 || s.Fully != 2 || s.Partly != 2 || s.Not != 0 || s.Mappings != 5 || s.Criteria != 3 {
		t.Errorf("summary = %+v", s)
	}
	fw.Targets = append(fw.Targets, catalog.Target{ID: "e"})
	cw, _ = v.Crosswalk([]catalog.Framework{fw}, "")
	if tc, _ := cw.Frameworks[0].Target("e"); tc.Coverage != catalog.NotCovered || cw.Frameworks[0].Summary.Not != 1 {
		t.Errorf("target e: %s, want not covered", tc.Coverage)
	}
	if _, err := v.Crosswalk([]catalog.Framework{fw}, "nope"); err == nil {
		t.Error("an unknown framework gave no error")
	}
}

// handRefs counts the refs of the 2008 data by reading its YAML files
// directly, without the catalog package: target → relationship → count.
func handRefs(t *testing.T, framework string) (map[string]map[string]int, int) {
	t.Helper()
	files, err := filepath.Glob("data/2008/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no data files: %v", err)
	}
	out, total := map[string]map[string]int{}, 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var doc struct {
			Criteria []struct {
				Refs []map[string]string `yaml:"refs"`
			} `yaml:"criteria"`
		}
		if err := yaml.Unmarshal(b, &doc); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, cr := range doc.Criteria {
			for _, r := range cr.Refs {
				if r["framework"] != framework {
					continue
				}
				if out[r["target"]] == nil {
					out[r["target"]] = map[string]int{}
				}
				out[r["target"]][r["relationship"]]++
				total++
			}
		}
	}
	return out, total
}

// TestCrosswalkEmbedded checks the crosswalk of the real catalog against a
// count made straight from the YAML.
func TestCrosswalkEmbedded(t *testing.T) {
	c := mustLoad(t)
	v, err := c.Version("2008")
	if err != nil {
		t.Fatal(err)
	}
	cw, err := v.Crosswalk(c.Frameworks, "")
	if err != nil {
		t.Fatal(err)
	}
	if len(cw.Frameworks) != len(c.Frameworks) {
		t.Fatalf("%d frameworks, want %d", len(cw.Frameworks), len(c.Frameworks))
	}
	for _, fc := range cw.Frameworks {
		hand, total := handRefs(t, fc.Framework.ID)
		if fc.Summary.Mappings != total || len(fc.Mappings) != total {
			t.Errorf("%s: %d mappings, hand count %d", fc.Framework.ID, fc.Summary.Mappings, total)
		}
		fully, partly, not := 0, 0, 0
		for _, tc := range fc.Targets {
			h := hand[tc.Target.ID]
			n := 0
			for _, k := range h {
				n += k
			}
			if len(tc.Mappings) != n {
				t.Errorf("%s %s: %d mappings, hand count %d", fc.Framework.ID, tc.Target.ID, len(tc.Mappings), n)
			}
			switch {
			case h["equal"]+h["superset"] > 0:
				fully++
			case n > 0:
				partly++
			default:
				not++
			}
		}
		if s := fc.Summary; s.Fully != fully || s.Partly != partly || s.Not != not {
			t.Errorf("%s: summary %d/%d/%d, hand count %d/%d/%d", fc.Framework.ID, s.Fully, s.Partly, s.Not, fully, partly, not)
		}
	}
	ctpat, err := v.Crosswalk(c.Frameworks, "ctpat")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range ctpat.Frameworks[0].Targets {
		if len(tc.Mappings) == 0 {
			t.Errorf("C-TPAT %s (%s) has no mapping", tc.Target.ID, tc.Target.Name.EN)
		}
	}
}
