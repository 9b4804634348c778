package web

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"trustlane/internal/border"
	"trustlane/internal/errs"
	"trustlane/internal/ident"
)

// maxDriverCards bounds the card lines a screening form takes: a cab holds
// a few people, and the page lists one finding per card.
const maxDriverCards = 20

// borderScreenData is the screening page: the choices and, once a shipment
// is screened, the decision in words.
type borderScreenData struct {
	Kinds      []borderKind
	Directions []option
	Modes      []option
	SealClass  []option
	Screened   bool
	Lane       string
	Reasons    []borderReason
	At         time.Time
}

func borderDirectionOptions() []option {
	return []option{{Value: string(border.IntoUS), Label: "border_web.direction.into_us"},
		{Value: string(border.IntoCA), Label: "border_web.direction.into_ca"}}
}

func borderModeOptions() []option {
	var out []option
	for _, m := range []string{"highway", "rail", "marine", "air"} {
		out = append(out, option{Value: m, Label: "border_web.mode." + m})
	}
	return out
}

func borderSealOptions() []option {
	return []option{{Value: "", Label: "border_web.seal_class.none"}, {Value: "I", Label: "border_web.seal_class.I"},
		{Value: "S", Label: "border_web.seal_class.S"}, {Value: "H", Label: "border_web.seal_class.H"}}
}

func (h *Handler) renderBorderScreen(w http.ResponseWriter, r *http.Request, rq *request, snap *border.Snapshot,
	form url.Values, fe *formErrors, d borderScreenData, status int) error {
	d.Kinds, _ = h.borderKinds(r, rq)
	d.Directions, d.Modes, d.SealClass, d.At = borderDirectionOptions(), borderModeOptions(), borderSealOptions(), snap.At()
	v := h.newView(r, rq, "border_web.screen.title")
	v.Nav, v.Form, v.Errors, v.Data = "border", form, fe, &d
	return h.render(w, status, "office-border-screen", v)
}

// borderScreenForm shows an empty screening form with the usual choices.
func (h *Handler) borderScreenForm(w http.ResponseWriter, r *http.Request, rq *request) error {
	snap, err := h.borderSnapshot(rq)
	if err != nil {
		return err
	}
	form := url.Values{"mode": {"highway"}, "importer_kind": {string(ident.BN15)}, "carrier_kind": {string(ident.CarrierCode)}}
	return h.renderBorderScreen(w, r, rq, snap, form, nil, borderScreenData{}, http.StatusOK)
}

// borderScreen screens the shipment described by the form against the
// index, as the border's screening endpoint would, and explains every
// finding.
func (h *Handler) borderScreen(w http.ResponseWriter, r *http.Request, rq *request) error {
	snap, err := h.borderSnapshot(rq)
	if err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	f := r.PostForm
	sh, err := shipmentOf(f)
	if err != nil {
		return h.renderBorderScreen(w, r, rq, snap, f, formErrorsOf(err, rq.L, "direction"), borderScreenData{},
			errs.Status(errs.CodeOf(err)))
	}
	dec := snap.Screen(sh, time.Now())
	d := borderScreenData{Screened: true, Lane: string(dec.Lane), Reasons: explain(rq.L, dec.Reasons)}
	nameCards(d.Reasons, sh.DriverCards)
	return h.renderBorderScreen(w, r, rq, snap, f, nil, d, http.StatusOK)
}

// shipmentOf builds a shipment from the form, the way the border's
// ParseShipment builds one from JSON: values as typed, normalized by
// Screen. Direction, importer and carrier are required, since without them
// screening says nothing an officer can use.
func shipmentOf(f url.Values) (border.Shipment, error) {
	get := func(k string) string { return strings.TrimSpace(f.Get(k)) }
	sh := border.Shipment{
		Direction:   border.Direction(get("direction")),
		Mode:        get("mode"),
		Importer:    border.Identifier{Kind: get("importer_kind"), Value: get("importer")},
		Carrier:     border.Identifier{Kind: get("carrier_kind"), Value: get("carrier")},
		Container:   get("container"),
		Seal:        get("seal"),
		SealClass:   get("seal_class"),
		Destination: get("destination"),
	}
	for line := range strings.Lines(f.Get("driver_cards")) {
		if line = strings.TrimSpace(line); line != "" {
			sh.DriverCards = append(sh.DriverCards, line)
		}
	}
	var fields []errs.FieldError
	if sh.Direction != border.IntoUS && sh.Direction != border.IntoCA {
		fields = append(fields, errs.F("direction", "error.border_web.direction_required", "choose the direction"))
	}
	if sh.Importer.Value == "" {
		fields = append(fields, errs.F("importer", "error.border_web.importer_required", "enter the importer's identifier"))
	}
	if sh.Carrier.Value == "" {
		fields = append(fields, errs.F("carrier", "error.border_web.carrier_required", "enter the carrier's identifier"))
	}
	if len(sh.DriverCards) > maxDriverCards {
		fields = append(fields, errs.F("driver_cards", "error.border_web.driver_cards_too_many", "enter at most 20 cards"))
	}
	if len(fields) > 0 {
		return sh, errs.Fields(fields...)
	}
	return sh, nil
}

// nameCards labels each driver-card finding with its card: Screen reports
// one finding per card, in the order given, so an officer sees which card
// failed.
func nameCards(rs []borderReason, cards []string) {
	i := 0
	for j := range rs {
		if strings.HasPrefix(rs[j].Code, "driver.card_") && i < len(cards) {
			rs[j].Card = cards[i]
			i++
		}
	}
}
