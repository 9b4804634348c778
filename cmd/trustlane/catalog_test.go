package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCatalogLintAndExports(t *testing.T) {
	out, err := trustlane(t, nil, "catalog", "lint")
	if err != nil || !strings.Contains(out, "version 2008") || !strings.Contains(out, "version 2024") || strings.Contains(out, "PROBLEM") {
		t.Fatalf("lint: %v\n%s", err, out)
	}
	dir := t.TempDir()
	for _, c := range []struct {
		args  []string
		check func([]byte) string
	}{
		{[]string{"--format", "json", "--version", "2024"}, func(b []byte) string {
			var doc struct {
				Version struct {
					ID             string `json:"id"`
					Criteria       []any  `json:"criteria"`
					Correspondence []any  `json:"correspondence"`
				} `json:"version"`
			}
			v := doc.Version
			if err := json.Unmarshal(b, &doc); err != nil {
				return err.Error()
			}
			if v = doc.Version; v.ID != "2024" || len(v.Criteria) < 80 || len(v.Correspondence) < 80 {
				return "not the 2024 version as JSON"
			}
			return ""
		}},
		{[]string{"--format", "oscal", "--lang", "fr"}, func(b []byte) string {
			if !strings.Contains(string(b), `"oscal-version": "1.0.6"`) || !strings.Contains(string(b), `"id": "cv-01"`) {
				return "not an OSCAL catalog with control cv-01"
			}
			return ""
		}},
		{[]string{"--format", "oscal", "--sector", "highway_carrier"}, func(b []byte) string {
			if !strings.Contains(string(b), `"profile"`) || !strings.Contains(string(b), "cv-02") {
				return "not the highway carriers' OSCAL profile"
			}
			return ""
		}},
		{[]string{"--format", "xlsx"}, func(b []byte) string {
			if !strings.HasPrefix(string(b), "PK\x03\x04") {
				return "not an XLSX file"
			}
			return ""
		}},
		{[]string{"--what", "crosswalk", "--framework", "ctpat"}, func(b []byte) string {
			if !strings.Contains(string(b), `"format": "trustlane-crosswalk/1"`) || strings.Contains(string(b), `"eu_aeo"`) {
				return "not the crosswalk to C-TPAT alone"
			}
			return ""
		}},
		{[]string{"--what", "crosswalk", "--format", "xlsx"}, func(b []byte) string {
			if !strings.HasPrefix(string(b), "PK\x03\x04") {
				return "not an XLSX file"
			}
			return ""
		}},
	} {
		path := filepath.Join(dir, strings.Join(c.args, "_"))
		out, err := trustlane(t, nil, append([]string{"catalog", "export", "--out", path}, c.args...)...)
		if err != nil {
			t.Fatalf("export %v: %v\n%s", c.args, err, out)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if msg := c.check(b); msg != "" {
			t.Errorf("export %v: %s", c.args, msg)
		}
	}
	for _, bad := range [][]string{{"--format", "pdf"}, {"--version", "1999"}, {"--format", "oscal", "--sector", "spaceship"},
		{"--what", "crosswalk", "--format", "oscal"}, {"--what", "crosswalk", "--framework", "nope"}, {"--what", "everything"},
		{"--framework", "ctpat"}} {
		if out, err := trustlane(t, nil, append([]string{"catalog", "export"}, bad...)...); err == nil {
			t.Errorf("export %v succeeded:\n%s", bad, out)
		}
	}
}
