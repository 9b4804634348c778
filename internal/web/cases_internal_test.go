package web

import (
	"os"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"trustlane/internal/i18n"
)

// TestCaseNextStepMessages checks the messages a next step names at run
// time, which the start-up check of literal keys in templates cannot see:
// each step's title and body, and every message key written in the Go code
// of the case pages.
func TestCaseNextStepMessages(t *testing.T) {
	b, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, id := range nextStepIDs {
		keys = append(keys, "casepage.next."+id+".title", "casepage.next."+id+".body")
	}
	lit := regexp.MustCompile(`"((?:casepage|flash|case|letter|company|profile)\.[a-z_.]+[a-z_])"`)
	files, _ := os.ReadDir(".")
	for _, f := range files {
		if name := f.Name(); strings.HasPrefix(name, "cases") && strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go") {
			src, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range lit.FindAllStringSubmatch(string(src), -1) {
				keys = append(keys, m[1])
			}
		}
	}
	if len(keys) < 2*len(nextStepIDs)+20 {
		t.Fatalf("only %d message keys found in the case pages' code", len(keys))
	}
	for _, k := range keys {
		if !b.Has(k) {
			t.Errorf("message %q is not in the catalog", k)
		}
	}
}

func TestMOUBlocks(t *testing.T) {
	text := "# Memorandum\n\nVersion 1\n\nThis text\nwraps here.\n\n## 1. Commitments\n\n1. First item\n   continues.\n2. Second item\n\n- a bullet\n- another\n\nLast words.\n"
	want := []mouBlock{
		{Kind: "h2", Text: "Memorandum"},
		{Kind: "p", Text: "Version 1"},
		{Kind: "p", Text: "This text wraps here."},
		{Kind: "h3", Text: "1. Commitments"},
		{Kind: "ol", Items: []string{"First item continues.", "Second item"}},
		{Kind: "ul", Items: []string{"a bullet", "another"}},
		{Kind: "p", Text: "Last words."},
	}
	if got := mouBlocks(text); !reflect.DeepEqual(got, want) {
		t.Errorf("mouBlocks:\n got %+v\nwant %+v", got, want)
	}
}
