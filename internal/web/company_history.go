package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/i18n"
	"trustlane/internal/store"
)

// historyPage is how many events one page of the timeline shows.
const historyPage = 25

// historyData is one page of the organization's audit trail, newest first.
type historyData struct {
	orgHead
	Events []eventRow
	Newer  bool  // a later page exists (this is not the first page)
	Before int64 // the ID to page on for older events, 0 when there are none
}

// eventRow is an audit event as a reader sees it.
type eventRow struct {
	ID      int64
	At      time.Time
	Label   string // translated action
	Actor   string
	Details []labeled // Label is a message key, Value is shown as is
}

func (h *Handler) companyHistory(w http.ResponseWriter, r *http.Request, rq *request) error {
	head, err := h.loadOrg(r, rq)
	if err != nil {
		return err
	}
	before, _ := strconv.ParseInt(r.URL.Query().Get("before"), 10, 64)
	evs, err := h.off.OrgEvents(r.Context(), rq.Actor(), head.Org.ID, max(before, 0), historyPage)
	if err != nil {
		return err
	}
	// Members name the people the events mention; former members stay as
	// the e-mail address the event recorded.
	ms, err := h.off.Members(r.Context(), rq.Actor(), head.Org.ID)
	if err != nil {
		return err
	}
	names := map[string]string{auth.System.UserID: rq.L.T("company.history.system")}
	for _, m := range ms {
		names[m.UserID] = m.Name
	}
	d := historyData{orgHead: head, Newer: before > 0}
	for _, ev := range evs {
		d.Events = append(d.Events, h.eventRow(ev, rq.L, names))
	}
	if len(evs) == historyPage {
		d.Before = evs[len(evs)-1].ID
	}
	v := h.companyView(r, rq, "company.history.title")
	v.Data = d
	return h.render(w, http.StatusOK, "company-history", v)
}

// eventRow translates an event. An action recorded by a newer version than
// the catalog knows shows its machine name rather than nothing.
func (h *Handler) eventRow(ev store.AuditEvent, l *i18n.Localizer, names map[string]string) eventRow {
	row := eventRow{ID: ev.ID, At: ev.At, Label: ev.Action, Actor: ev.ActorLabel}
	if key := "audit.action." + ev.Action; h.i18n.Has(key) {
		row.Label = l.T(key)
	}
	if n, ok := names[ev.ActorID]; ok {
		row.Actor = n
		if ev.ActorLabel != "" && ev.ActorID != auth.System.UserID {
			row.Actor += " (" + ev.ActorLabel + ")"
		}
	}
	var data map[string]any
	_ = json.Unmarshal([]byte(ev.Data), &data) // an unreadable payload shows no details
	row.Details = eventDetails(ev.Action, data, l, names, h.cfg.Location)
	return row
}

// eventDetails picks the facts worth reading from an event's data.
func eventDetails(action string, data map[string]any, l *i18n.Localizer, names map[string]string, loc *time.Location) []labeled {
	str := func(k string) string { s, _ := data[k].(string); return s }
	role := func(k string) string { return roleName(l, str(k)) }
	person := func(k string) string {
		if n, ok := names[str(k)]; ok {
			return n
		}
		return str(k)
	}
	var out []labeled
	add := func(label, value string) {
		if value != "" {
			out = append(out, labeled{label, value})
		}
	}
	switch action {
	case "member.role_changed":
		add("company.history.email", str("email"))
		add("company.history.role_change", role("from")+" → "+role("to"))
	case "ownership.transferred":
		add("company.history.new_owner", person("to"))
		add("company.history.former_owner", person("from"))
		add("company.history.former_owner_role", role("former_owner_role"))
		add("company.history.reason", str("reason"))
	case "organization.created":
		add("org.legal_name", str("legal_name"))
	case "organization.updated":
		add("company.history.changed", changedFields(data, l))
	case "token.created":
		add("company.history.token", str("name"))
		add("company.history.scopes", scopeNames(data["scopes"], l))
		if t, err := time.Parse(time.RFC3339, str("expires_at")); err == nil {
			add("company.history.expires", l.Date(t.In(loc)))
		}
	case "token.revoked":
		add("company.history.token", str("name"))
	default:
		add("company.history.email", str("email"))
		add("company.history.role", role("role"))
	}
	return out
}

func roleName(l *i18n.Localizer, r string) string {
	if r == "" || !auth.Role(r).Valid() {
		return r
	}
	return l.T("role." + r)
}

func scopeNames(v any, l *i18n.Localizer) string {
	list, _ := v.([]any)
	var out []string
	for _, s := range list {
		out = append(out, l.T(fmt.Sprintf("scope.%v", s)))
	}
	return strings.Join(out, ", ")
}

// orgFields are the parts of an organization's record, with their labels,
// in the order of the form.
var orgFields = []labeled{
	{"org.legal_name", "legal_name"}, {"org.operating_name", "operating_name"}, {"org.category", "category"},
	{"org.sectors", "sectors"}, {"org.section_address", "address"}, {"org.phone", "phone"},
	{"org.website", "website"}, {"org.section_identifiers", "identifiers"},
}

// changedFields names what an update changed, by comparing before and after.
func changedFields(data map[string]any, l *i18n.Localizer) string {
	before, _ := data["before"].(map[string]any)
	after, _ := data["after"].(map[string]any)
	var out []string
	for _, f := range orgFields {
		if !reflect.DeepEqual(before[f.Value], after[f.Value]) {
			out = append(out, l.T(f.Label))
		}
	}
	return strings.Join(out, ", ")
}
