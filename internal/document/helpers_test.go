package document_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"trustlane/internal/catalog"
)

// mini loads the small test catalog: its questions cover every answer type
// and never move when the real catalog's content changes.
func mini(t testing.TB) *catalog.Catalog {
	t.Helper()
	c, err := catalog.LoadFS(os.DirFS("../catalog/testdata/mini"))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// realCatalog loads the embedded catalog, as it stands.
func realCatalog(t testing.TB) *catalog.Catalog {
	t.Helper()
	c, err := catalog.Load()
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func version(t testing.TB, c *catalog.Catalog, id string) *catalog.Version {
	t.Helper()
	v, err := c.Version(id)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// schemaDir holds NIST's published OSCAL schemas, beside the checkout.
var schemaDir = filepath.Join("..", "..", "..", "shared", "schemas", "oscal-1.0.6")

// oscalSchema compiles one of NIST's OSCAL schemas. The published draft-07
// files put $id anchors beside $ref, which draft-07 says to ignore; moving
// each such $ref into an allOf keeps the meaning and lets the anchors
// resolve. Without the schemas (a checkout without shared/) the test skips,
// even under TRUSTLANE_TEST_STRICT: they are not part of the repository.
func oscalSchema(t *testing.T, file string) *jsonschema.Schema {
	t.Helper()
	path := filepath.Join(schemaDir, file)
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		t.Skipf("%s is absent: OSCAL exports not validated against NIST's schema", path)
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	moveRefsBesideIDs(doc)
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	url := "file:///oscal/" + file
	if err := c.AddResource(url, doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile(url)
	if err != nil {
		t.Fatalf("compile %s: %v", file, err)
	}
	return s
}

// moveRefsBesideIDs rewrites, in place, every object holding both $ref and
// $id so that the $ref moves into allOf.
func moveRefsBesideIDs(v any) {
	switch x := v.(type) {
	case map[string]any:
		ref, hasRef := x["$ref"]
		if _, hasID := x["$id"]; hasRef && hasID {
			delete(x, "$ref")
			all, _ := x["allOf"].([]any)
			x["allOf"] = append(all, map[string]any{"$ref": ref})
		}
		for _, child := range x {
			moveRefsBesideIDs(child)
		}
	case []any:
		for _, child := range x {
			moveRefsBesideIDs(child)
		}
	}
}

// validate checks an export against a compiled schema.
func validate(t *testing.T, s *jsonschema.Schema, what string, data []byte) {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(strings.NewReader(string(data)))
	if err != nil {
		t.Fatalf("%s: not JSON: %v", what, err)
	}
	if err := s.Validate(inst); err != nil {
		t.Errorf("%s does not conform to the OSCAL schema: %v", what, err)
	}
}

// decode reads an export into generic JSON for assertions.
func decode(t *testing.T, data []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	return m
}
