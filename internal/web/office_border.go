package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"trustlane/internal/border"
	"trustlane/internal/errs"
	"trustlane/internal/i18n"
	"trustlane/internal/ident"
)

// routesBorder registers the staff pages that ask the border's status
// index what a border officer would: a party's standing, and the lane of a
// shipment. They read the same in-memory index as the border API, so staff
// see exactly what the border sees.
func (h *Handler) routesBorder() {
	h.needPages("office-border", "office-border-screen")
	h.mux.Handle("GET /office/border", h.page(h.borderStanding))
	h.mux.Handle("GET /office/border/screen", h.page(h.borderScreenForm))
	h.mux.Handle("POST /office/border/screen", h.page(h.borderScreen))
}

// borderSnapshot authorizes the page's actor for the border and returns
// the index's current snapshot, loaded once so the page never mixes two
// versions.
func (h *Handler) borderSnapshot(rq *request) (*border.Snapshot, error) {
	if err := requireUser(rq); err != nil {
		return nil, err
	}
	if err := h.off.AuthorizeBorder(rq.Actor()); err != nil {
		return nil, err
	}
	if h.cfg.Border == nil || h.cfg.Border.Load() == nil {
		return nil, errPageNotFound
	}
	return h.cfg.Border.Load(), nil
}

// borderKind is an identifier kind offered in a select, its label already
// translated (partner programs are named from the registry, not the
// catalog).
type borderKind struct{ Value, Label string }

// borderKinds lists the identifier kinds the index knows: the business
// identifiers, our membership number, and each partner program's member ID.
// A registry that cannot be read leaves the partner kinds out rather than
// failing the page.
func (h *Handler) borderKinds(r *http.Request, rq *request) ([]borderKind, map[string]string) {
	var out []borderKind
	for _, k := range []string{string(ident.BN15), string(ident.BN9), string(ident.CarrierCode), string(ident.SCAC),
		string(ident.EIN), string(ident.EORI), string(ident.MID), border.KindMember} {
		out = append(out, borderKind{k, rq.L.T("border_web.kind." + k)})
	}
	names := map[string]string{"pip": rq.L.T("program.name")}
	progs, err := h.off.PartnerPrograms(r.Context(), rq.Actor())
	if err != nil {
		h.log.Warn("border page: partner programs", "err", err)
		return out, names
	}
	for _, p := range progs {
		name := p.Name.EN
		if rq.L.Lang() == "fr" {
			name = p.Name.FR
		}
		names[strings.ToLower(p.Code)] = name
		out = append(out, borderKind{border.PartnerKind(p.Code),
			rq.L.T("border_web.kind.partner", map[string]any{"Program": name, "Code": p.Code})})
	}
	return out, names
}

// kindLabel names an identifier kind for the summary list.
func kindLabel(kinds []borderKind, kind string) string {
	for _, k := range kinds {
		if strings.EqualFold(k.Value, kind) {
			return k.Label
		}
	}
	return kind
}

// borderStandingData is the standing page: the kinds to choose from and,
// once asked, the answer.
type borderStandingData struct {
	Kinds    []borderKind
	Asked    bool
	Found    bool
	Status   border.Status
	OrgID    string
	IDs      []borderLabelled
	Programs []borderProgram
	FAST     []string
	Rows     []borderEligibility
	At       time.Time
}

type borderLabelled struct{ Label, Value string }

// borderProgram is one program membership with its name and sectors in
// words.
type borderProgram struct {
	border.StatusProgram
	Name    string
	Sectors []string
}

// borderEligibility is one direction's eligibility with its reasons in
// words.
type borderEligibility struct {
	Direction         string
	Importer, Carrier bool
	Reasons           []borderReason
}

// borderReason is a reason code and the sentence that explains it.
type borderReason struct{ Code, Text, Card string }

// reasonKey is the catalog key of a reason code's sentence.
func reasonKey(r border.Reason) string { return "border_web.reason." + string(r) }

func explain(l *i18n.Localizer, rs []border.Reason) []borderReason {
	out := make([]borderReason, 0, len(rs))
	for _, r := range rs {
		out = append(out, borderReason{Code: string(r), Text: l.T(reasonKey(r))})
	}
	return out
}

// borderStanding answers an identifier's standing from the index, as the
// border's status endpoint would, in words.
func (h *Handler) borderStanding(w http.ResponseWriter, r *http.Request, rq *request) error {
	snap, err := h.borderSnapshot(rq)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	kinds, names := h.borderKinds(r, rq)
	d := borderStandingData{Kinds: kinds, At: snap.At()}
	kind, value := q.Get("kind"), strings.TrimSpace(q.Get("value"))
	form := url.Values{"kind": {kind}, "value": {value}}
	if kind == "" {
		form.Set("kind", string(ident.BN9))
	}
	v := h.newView(r, rq, "border_web.standing.title")
	v.Nav, v.Form, v.Data = "border", form, &d
	status := http.StatusOK
	switch {
	case !q.Has("value"):
	case value == "" || len(value) > 200:
		v.Errors = formErrorsOf(errs.Fields(errs.F("value", "error.border_web.value_required", "enter the identifier")), rq.L, "value")
		status = http.StatusUnprocessableEntity
	default:
		d.Asked = true
		body, ok := snap.Lookup(kind, value)
		if err := json.Unmarshal(body, &d.Status); err != nil {
			return fmt.Errorf("border page: decode status: %w", err)
		}
		d.Found = ok
		if ok {
			h.describeParty(rq, &d, kinds, names)
		}
	}
	return h.render(w, status, "office-border", v)
}

// describeParty puts a found party's status into words.
func (h *Handler) describeParty(rq *request, d *borderStandingData, kinds []borderKind, names map[string]string) {
	l, st := rq.L, &d.Status
	if id, ok := strings.CutPrefix(st.Key, "org:"); ok {
		d.OrgID = id
	}
	for _, id := range st.Identifiers {
		d.IDs = append(d.IDs, borderLabelled{kindLabel(kinds, id.Kind), id.Value})
	}
	for _, p := range st.Programs {
		bp := borderProgram{StatusProgram: p, Name: names[p.Program]}
		if bp.Name == "" {
			bp.Name = strings.ToUpper(p.Program)
		}
		for _, s := range p.Sectors {
			if key := "sector." + s; h.i18n.Has(key) {
				s = l.T(key)
			}
			bp.Sectors = append(bp.Sectors, s)
		}
		d.Programs = append(d.Programs, bp)
	}
	for _, dir := range st.FAST {
		d.FAST = append(d.FAST, l.T("border_web.direction."+string(dir)))
	}
	for _, e := range st.Eligibility {
		d.Rows = append(d.Rows, borderEligibility{Direction: l.T("border_web.direction." + string(e.Direction)),
			Importer: e.Importer, Carrier: e.Carrier, Reasons: explain(l, e.Reasons)})
	}
}
