package api

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"trustlane/internal/document"
)

// The criteria crosswalk: a version's mapping to the partner frameworks
// with each target's coverage, for partner administrations assessing a
// mutual recognition arrangement. Public like the catalog it reads.

func (h *handler) registerCrosswalk() {
	op := h.operation("getCrosswalk", http.MethodGet, "/catalog/versions/{version}/crosswalk", "catalog",
		"Get a version's crosswalk",
		"Every (our criterion, their target, relationship) pair of a version for each partner framework "+
			"(or the one framework names), each target's coverage (fully: an equal or superset mapping; "+
			"partly: only subset or intersect; not: none) with the criteria behind it, and the counts. "+
			"Relationships are stated from our criterion's side: subset = ours is narrower.")
	op.Responses = map[string]*huma.Response{"200": {Description: "The crosswalk (layout trustlane-crosswalk/1).",
		Content: map[string]*huma.MediaType{"application/json": {Schema: &huma.Schema{Type: huma.TypeObject,
			Description:          "The crosswalk: format, relationships, version, frameworks[] with mappings, targets and summary.",
			AdditionalProperties: true}}}}}
	huma.Register(h.api, op, h.getCrosswalk)
	op = h.operation("getCrosswalkXLSX", http.MethodGet, "/catalog/versions/{version}/crosswalk.xlsx", "catalog",
		"Get a version's crosswalk as a workbook",
		"The same crosswalk as a bilingual workbook: a summary sheet, then one sheet per framework with a row "+
			"per (target, criterion) pair and one for each target nothing maps to.")
	op.Responses = map[string]*huma.Response{"200": {Description: "The workbook.",
		Content: map[string]*huma.MediaType{xlsxType: {Schema: &huma.Schema{Type: huma.TypeString, Format: "binary"}}}}}
	huma.Register(h.api, op, h.getCrosswalkXLSX)
}

type crosswalkIn struct {
	Version   string `path:"version" maxLength:"32" doc:"The version's ID, e.g. 2008."`
	Framework string `query:"framework" maxLength:"32" doc:"Only this framework (ctpat, safe or eu_aeo); every one if empty."`
}

func (h *handler) getCrosswalk(_ context.Context, in *crosswalkIn) (*fileOut, error) {
	v, err := h.version(in.Version)
	if err != nil {
		return nil, err
	}
	b, err := document.CrosswalkJSON(h.office.Catalog(), v, in.Framework)
	if err != nil {
		return nil, err
	}
	return &fileOut{ContentType: "application/json", Body: b}, nil
}

func (h *handler) getCrosswalkXLSX(_ context.Context, in *crosswalkIn) (*fileOut, error) {
	v, err := h.version(in.Version)
	if err != nil {
		return nil, err
	}
	b, err := document.CrosswalkXLSX(h.office.Catalog(), v, in.Framework)
	if err != nil {
		return nil, err
	}
	return &fileOut{ContentType: xlsxType, Body: b,
		ContentDisposition: attachment(document.CrosswalkFileName(v.ID, in.Framework, "xlsx"))}, nil
}
