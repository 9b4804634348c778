package api

import (
	"net/http"
	"reflect"
	"strconv"

	"github.com/danielgtaylor/huma/v2"

	"trustlane/internal/border"
)

// Documented shapes of the border's bodies (the handlers write them by hand
// or from pre-encoded bytes; these types give the document its schemas).
type (
	borderBatchIn struct {
		Identifiers []borderIdentifier `json:"identifiers" minItems:"1" maxItems:"1000" doc:"The identifiers to look up, in the order answers come back."`
	}
	borderBatchOut struct {
		Results []border.Status `json:"results" doc:"One standing per identifier asked, in order."`
	}
	borderShipment struct {
		Ref          string   `json:"ref,omitempty" doc:"Your reference, echoed in the decision."`
		Direction    string   `json:"direction" enum:"into_us,into_ca"`
		Mode         string   `json:"mode" enum:"highway,rail,marine,air"`
		ImporterKind string   `json:"importer_kind" doc:"bn15, us_ein, member, partner:CTPAT…"`
		Importer     string   `json:"importer"`
		CarrierKind  string   `json:"carrier_kind" doc:"cbsa_carrier, scac, member…"`
		Carrier      string   `json:"carrier"`
		DriverCards  []string `json:"driver_cards,omitempty" doc:"The FAST (or CDRP) card of everyone in the cab."`
		Container    string   `json:"container,omitempty" doc:"ISO 6346 container number."`
		Seal         string   `json:"seal,omitempty"`
		SealClass    string   `json:"seal_class,omitempty" enum:"I,S,H" doc:"ISO 17712 class."`
		Destination  string   `json:"destination,omitempty"`
	}
	borderScreenIn struct {
		Shipments []borderShipment `json:"shipments" minItems:"1" maxItems:"1000"`
	}
	borderDecision struct {
		Line    int      `json:"line,omitempty" doc:"The input line (NDJSON stream only)."`
		Ref     string   `json:"ref,omitempty"`
		Lane    string   `json:"lane" enum:"fast,expedited,standard"`
		Reasons []string `json:"reasons" doc:"Every check made, as stable reason codes, in a stable order."`
	}
	borderScreenOut struct {
		Decisions []borderDecision `json:"decisions" doc:"One decision per shipment, in order; a shipment that cannot be read gets {index, error} instead."`
	}
)

// documentBorder adds the border operations to the OpenAPI document.
func (h *handler) documentBorder() {
	oapi := h.api.OpenAPI()
	reg := oapi.Components.Schemas
	schema := func(v any) *huma.Schema { return reg.Schema(reflect.TypeOf(v), true, "") }
	op := func(id, method, path, summary, doc string, out *huma.Schema, outType string, in *huma.RequestBody) *huma.Operation {
		o := &huma.Operation{OperationID: id, Method: method, Path: path, Tags: []string{"border"}, Summary: summary,
			Description: doc, Security: []map[string][]string{{bearerScheme: {}}}, RequestBody: in,
			Responses: map[string]*huma.Response{"200": {Description: "OK", Content: map[string]*huma.MediaType{outType: {Schema: out}}}}}
		codes := []int{http.StatusUnauthorized, http.StatusForbidden, http.StatusInternalServerError}
		if in != nil {
			codes = append(codes, http.StatusBadRequest, http.StatusRequestEntityTooLarge, http.StatusUnsupportedMediaType, http.StatusUnprocessableEntity)
		} else {
			codes = append(codes, http.StatusNotFound)
		}
		for _, c := range codes {
			o.Responses[strconv.Itoa(c)] = &huma.Response{Description: http.StatusText(c),
				Content: map[string]*huma.MediaType{"application/problem+json": {Schema: &huma.Schema{Ref: "#/components/schemas/Problem"}}}}
		}
		return o
	}
	party := op("getBorderParty", http.MethodGet, borderPartyPath, "Look up a party's standing and FAST eligibility",
		"The standing of whoever holds the identifier in our program and the partner programs we recognize, its FAST approvals and its eligibility as importer and carrier in each direction, answered from memory within a second of any decision. An identifier nobody holds answers the standing none; one that several parties claim answers none with ambiguous true. Kinds: bn9, bn15, cbsa_carrier, scac, us_ein, eori, mid, member (a membership number) and partner:CODE (a partner program's member number). Needs the border:read scope.",
		schema(border.Status{}), "application/json", nil)
	party.Parameters = []*huma.Param{
		{Name: "kind", In: "path", Required: true, Schema: &huma.Schema{Type: "string"}, Description: "The identifier's kind."},
		{Name: "value", In: "path", Required: true, Schema: &huma.Schema{Type: "string"}, Description: "The identifier, as typed (case, spaces and hyphens are ignored where the format allows)."},
	}
	oapi.AddOperation(party)
	oapi.AddOperation(op("lookupBorderParties", http.MethodPost, borderBatchPath, "Look up the standing of many parties",
		"The batch form of getBorderParty: up to 1,000 identifiers in, their standings out, in order. Needs the border:read scope.",
		schema(borderBatchOut{}), "application/json",
		&huma.RequestBody{Required: true, Content: map[string]*huma.MediaType{"application/json": {Schema: schema(borderBatchIn{})}}}))
	oapi.AddOperation(op("screenShipments", http.MethodPost, borderScreen, "Screen shipments into lanes",
		"Each shipment (direction, mode, importer, carrier, driver cards, container, seal and its class, destination) gets a lane (fast, expedited or standard) and the reason codes that led there: each party's standing, the cards' validity, the container's ISO 6346 check digit, the seal's ISO 17712 class. Send a JSON batch of up to 1,000, or an NDJSON stream (Content-Type: application/x-ndjson) of any length, answered line by line in order; a line that cannot be read gets a line error and never stops the stream. Needs the border:read scope.",
		schema(borderScreenOut{}), "application/json",
		&huma.RequestBody{Required: true, Content: map[string]*huma.MediaType{
			"application/json":     {Schema: schema(borderScreenIn{})},
			"application/x-ndjson": {Schema: schema(borderShipment{})},
		}}))
}
