package web

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/office"
	"trustlane/internal/store"
)

// How many audit events the organization page shows, and how many a page
// of the full history holds.
const (
	orgPageEvents    = 10
	historyPageLimit = 25
)

// officeEvent is an audit event ready to show: its action in words when the
// catalog knows it (the code otherwise, so a new action is never hidden),
// and its recorded facts as key/value pairs.
type officeEvent struct {
	ID     int64
	Seq    int64
	At     time.Time
	Actor  string
	Action string
	Label  string
	Facts  []officeFact
}

type officeFact struct{ Key, Value string }

func (h *Handler) officeEvents(evs []store.AuditEvent, rq *request) []officeEvent {
	out := make([]officeEvent, 0, len(evs))
	for _, e := range evs {
		row := officeEvent{ID: e.ID, Seq: e.Seq, At: e.At, Actor: e.ActorLabel, Action: e.Action, Label: e.Action}
		if key := "audit.action." + e.Action; h.i18n.Has(key) {
			row.Label = rq.L.T(key)
		}
		row.Facts = officeFacts(e.Data)
		out = append(out, row)
	}
	return out
}

// officeFacts flattens an event's JSON data one level deep: strings as they
// are, anything else as compact JSON, empty values left out.
func officeFacts(data string) []officeFact {
	var m map[string]json.RawMessage
	if err := json.Unmarshal([]byte(data), &m); err != nil {
		if data == "" || data == "{}" {
			return nil
		}
		return []officeFact{{Key: "data", Value: data}}
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	out := make([]officeFact, 0, len(keys))
	for _, k := range keys {
		var s string
		if err := json.Unmarshal(m[k], &s); err != nil {
			s = string(m[k])
		}
		if s != "" {
			out = append(out, officeFact{k, s})
		}
	}
	return out
}

type staffOrgData struct {
	office.StaffOrgView
	Rows      []officeEvent
	Idents    []identValue
	OlderURL  string
	NewestURL string
	// Fast is the organization's FAST standing; nil when the staff
	// member may not read it. CanManageFast shows the grant and revoke form.
	Fast          *office.FastStanding
	CanManageFast bool
}

// officeOrg shows one organization to staff, whatever its company.
func (h *Handler) officeOrg(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := requireUser(rq); err != nil {
		return err
	}
	sv, err := h.off.StaffOrg(r.Context(), rq.Actor(), r.PathValue("org"), 0, orgPageEvents)
	if err != nil {
		return err
	}
	v := h.newView(r, rq, "")
	v.Title, v.Nav = sv.Org.LegalName, "office"
	d := staffOrgData{StaffOrgView: sv, Rows: h.officeEvents(sv.Events, rq), Idents: identsOf(sv.Org)}
	if fs, err := h.off.FastStanding(r.Context(), rq.Actor(), sv.Org.ID); err == nil {
		a := rq.Actor()
		d.Fast, d.CanManageFast = &fs, a.Allows(a.Staff, auth.FastManage)
	} else if !errs.Is(err, errs.Forbidden) {
		return err
	}
	v.Data = d
	return h.render(w, http.StatusOK, "office-org", v)
}

// officeHistory pages through an organization's whole audit trail, newest
// first; ?before= is the ID of the last event of the previous page, so
// pages stay stable while new events arrive.
func (h *Handler) officeHistory(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := requireUser(rq); err != nil {
		return err
	}
	before, err := strconv.ParseInt(r.URL.Query().Get("before"), 10, 64)
	if err != nil || before < 0 {
		before = 0
	}
	sv, err := h.off.StaffOrg(r.Context(), rq.Actor(), r.PathValue("org"), before, historyPageLimit)
	if err != nil {
		return err
	}
	d := staffOrgData{StaffOrgView: sv, Rows: h.officeEvents(sv.Events, rq)}
	base := "/office/orgs/" + sv.Org.ID + "/history"
	if sv.MoreEvents && len(sv.Events) > 0 {
		d.OlderURL = base + "?before=" + strconv.FormatInt(sv.Events[len(sv.Events)-1].ID, 10)
	}
	if before > 0 {
		d.NewestURL = base
	}
	v := h.newView(r, rq, "")
	v.Title, v.Nav = rq.L.T("office.history.title", map[string]any{"Org": sv.Org.LegalName}), "office"
	v.Data = d
	return h.render(w, http.StatusOK, "office-history", v)
}
