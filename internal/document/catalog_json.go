package document

import (
	"encoding/json"
	"fmt"

	"trustlane/internal/catalog"
)

// CatalogFormat marks the JSON export's layout, so a consumer can tell a
// later, incompatible layout from this one.
const CatalogFormat = "trustlane-catalog/1"

// catalogDoc is the JSON export. Structs, not maps, so keys come out in
// one fixed order and two exports of one version are byte for byte equal.
type catalogDoc struct {
	Format     string              `json:"format"`
	Version    *catalog.Version    `json:"version"`
	Base       *baseDoc            `json:"base,omitempty"`
	Frameworks []catalog.Framework `json:"frameworks"`
}

// baseDoc names the version a later one regroups, with what became of each
// of its criteria (the correspondence also sits in the version itself; here
// it is resolved against the base so a reader needs no second file).
type baseDoc struct {
	ID      string         `json:"id"`
	Title   catalog.Text   `json:"title"`
	Placed  []placementDoc `json:"placed"`
	Missing []string       `json:"missing,omitempty"`
}

type placementDoc struct {
	From         string               `json:"from"`
	Title        catalog.Text         `json:"title"`
	Area         string               `json:"area,omitempty"`
	To           string               `json:"to,omitempty"`
	Relationship catalog.Relationship `json:"relationship,omitempty"`
}

// CatalogJSON exports one version with its areas, criteria, questions and
// crosswalk references in both languages, the partner frameworks those
// references name, and, for a version that regroups an earlier one, where
// each earlier criterion went. Partner administrations and auditors read it
// without running trustlane.
func CatalogJSON(c *catalog.Catalog, v *catalog.Version) (out []byte, err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf("catalog json %s: %w", v.ID, err)
		}
	}()
	doc := catalogDoc{Format: CatalogFormat, Version: v, Frameworks: c.Frameworks}
	if doc.Frameworks == nil {
		doc.Frameworks = []catalog.Framework{}
	}
	if v.Base != "" {
		base, err := c.Version(v.Base)
		if err != nil {
			return nil, err
		}
		doc.Base = resolveBase(base, v)
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// resolveBase lists every criterion of base in its order with what v made
// of it; base criteria the correspondence forgets are listed as missing
// (lint reports them too).
func resolveBase(base, v *catalog.Version) *baseDoc {
	d := &baseDoc{ID: base.ID, Title: base.Title, Placed: []placementDoc{}}
	byFrom := map[string]catalog.Correspondence{}
	for _, corr := range v.Correspondence {
		byFrom[corr.From] = corr
	}
	for _, cr := range base.Criteria {
		corr, ok := byFrom[cr.ID]
		if !ok {
			d.Missing = append(d.Missing, cr.ID)
			continue
		}
		d.Placed = append(d.Placed, placementDoc{From: cr.ID, Title: cr.Title, Area: corr.Area, To: corr.To,
			Relationship: corr.Relationship})
	}
	return d
}
