package api

import (
	"context"
	"encoding/json"
	"mime"
	"net/http"
	"reflect"

	"github.com/danielgtaylor/huma/v2"

	"trustlane/internal/document"
)

// xlsxType is the media type of a workbook.
const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// registerCatalogVersion registers getCatalogVersion, which answers one
// version in the form asked: the API's JSON (documented by the
// CatalogVersion schema), an OSCAL catalog in one language, or the
// bilingual review workbook. Its body is bytes, so the document lists each
// form's media type itself.
func (h *handler) registerCatalogVersion() {
	op := h.operation("getCatalogVersion", http.MethodGet, "/catalog/versions/{version}", "catalog",
		"Get a catalog version",
		"A whole version: its areas and its criteria with their crosswalk references and questions, in "+
			"English and French. format=oscal answers an OSCAL 1.0.6 catalog in the language lang asks "+
			"(English by default), for partner administrations' compliance tools; format=xlsx answers the "+
			"bilingual workbook the criteria are reviewed in.")
	reg := h.api.OpenAPI().Components.Schemas
	op.Responses = map[string]*huma.Response{"200": {
		Description: "The version, in the form format asks.",
		Content: map[string]*huma.MediaType{
			"application/json": {Schema: &huma.Schema{OneOf: []*huma.Schema{
				reg.Schema(reflect.TypeFor[catalogVersion](), true, "CatalogVersion"),
				{Type: huma.TypeObject, Description: "format=oscal: an OSCAL 1.0.6 catalog (https://pages.nist.gov/OSCAL/).",
					AdditionalProperties: true},
			}}},
			xlsxType: {Schema: &huma.Schema{Type: huma.TypeString, Format: "binary", Description: "format=xlsx: the workbook."}},
		},
	}}
	huma.Register(h.api, op, h.getCatalogVersion)
}

type catalogVersionIn struct {
	Version string `path:"version" maxLength:"32" doc:"The version's ID, e.g. 2008."`
	Format  string `query:"format" enum:"json,oscal,xlsx" default:"json" doc:"The form of the answer."`
	Lang    string `query:"lang" enum:"en,fr" default:"en" doc:"The language of an OSCAL catalog (format=oscal)."`
}

// fileOut is an answer whose body is a file, or JSON the handler encoded.
type fileOut struct {
	ContentType        string `header:"Content-Type"`
	ContentDisposition string `header:"Content-Disposition" doc:"Set for files meant to be saved."`
	Body               []byte
}

func (h *handler) getCatalogVersion(_ context.Context, in *catalogVersionIn) (*fileOut, error) {
	v, err := h.version(in.Version)
	if err != nil {
		return nil, err
	}
	frameworks := h.office.Catalog().Frameworks
	switch in.Format {
	case "oscal":
		b, err := document.CatalogOSCAL(v, frameworks, in.Lang)
		if err != nil {
			return nil, err
		}
		return &fileOut{ContentType: "application/json", Body: b,
			ContentDisposition: attachment(document.CatalogFileName(v.ID, in.Lang))}, nil
	case "xlsx":
		b, err := document.CatalogXLSX(v, frameworks)
		if err != nil {
			return nil, err
		}
		return &fileOut{ContentType: xlsxType, Body: b, ContentDisposition: attachment("catalog-" + v.ID + ".xlsx")}, nil
	}
	b, err := json.Marshal(h.versionOut(v))
	if err != nil {
		return nil, err
	}
	return &fileOut{ContentType: "application/json", Body: b}, nil
}

// attachment is a Content-Disposition that saves a file under name, in
// RFC 6266 form (with an RFC 5987 name for names beyond ASCII).
func attachment(name string) string {
	return mime.FormatMediaType("attachment", map[string]string{"filename": name})
}
