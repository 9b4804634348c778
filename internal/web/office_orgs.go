package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"trustlane/internal/auth"
	"trustlane/internal/ident"
	"trustlane/internal/program"
	"trustlane/internal/store"
)

// routesOffice registers the program office's staff pages. Every handler
// asks the office, which refuses company users (403) and staff whose
// session did not prove a second factor (sent to set it up).
func (h *Handler) routesOffice() {
	h.needPages("office-orgs", "office-org", "office-history", "office-owner", "office-owner-check",
		"office-staff", "office-audit")
	h.mux.Handle("GET /office", h.page(h.officeOrgs))
	h.mux.Handle("GET /office/{$}", h.page(func(w http.ResponseWriter, r *http.Request, rq *request) error {
		return redirect("/office")
	}))
	h.mux.Handle("GET /office/orgs/{org}", h.page(h.officeOrg))
	h.mux.Handle("GET /office/orgs/{org}/history", h.page(h.officeHistory))
	h.mux.Handle("GET /office/orgs/{org}/owner", h.page(h.ownerForm))
	h.mux.Handle("POST /office/orgs/{org}/owner/check", h.page(h.ownerCheck))
	h.mux.Handle("POST /office/orgs/{org}/owner/change", h.page(h.ownerChange))
	h.mux.Handle("POST /office/orgs/{org}/owner", h.page(h.ownerReassign))
	h.mux.Handle("POST /office/orgs/{org}/owner/invite", h.page(h.ownerInvite))
	h.mux.Handle("GET /office/staff", h.page(h.staffList))
	h.mux.Handle("POST /office/staff", h.page(h.staffCreate))
	h.mux.Handle("GET /office/audit", h.page(h.auditForm))
	h.mux.Handle("POST /office/audit/verify", h.page(h.auditVerify))
}

// orgsPageSize is how many organizations one page of the list shows.
const orgsPageSize = 20

// orgsQuery is the dashboard's search as read from the URL. Anything it
// does not understand falls back to a default, so a hand-edited or stale
// link still shows a page.
type orgsQuery struct {
	Text   string
	Sector program.Sector
	Sort   string // "name" or "newest"
	Page   int
}

func parseOrgsQuery(q url.Values) orgsQuery {
	oq := orgsQuery{Text: strings.TrimSpace(q.Get("q")), Sector: program.Sector(q.Get("sector")), Sort: q.Get("sort")}
	if utf8.RuneCountInString(oq.Text) > 200 {
		oq.Text = string([]rune(oq.Text)[:200])
	}
	if !oq.Sector.Valid() {
		oq.Sector = ""
	}
	if oq.Sort != "newest" {
		oq.Sort = "name"
	}
	page, err := strconv.Atoi(q.Get("page"))
	if err != nil || page < 1 {
		page = 1
	}
	oq.Page = min(page, 1_000_000)
	return oq
}

// url is the dashboard's address for this search at page, sorted by sort;
// defaults are left out so links stay short.
func (oq orgsQuery) url(page int, sort string) string {
	v := url.Values{}
	if oq.Text != "" {
		v.Set("q", oq.Text)
	}
	if oq.Sector != "" {
		v.Set("sector", string(oq.Sector))
	}
	if sort != "name" {
		v.Set("sort", sort)
	}
	if page > 1 {
		v.Set("page", strconv.Itoa(page))
	}
	if len(v) == 0 {
		return "/office"
	}
	return "/office?" + v.Encode()
}

// orgRow is one organization of the list with its identifiers in display
// order.
type orgRow struct {
	program.Organization
	Idents []identValue
}

type identValue struct {
	Kind  ident.Kind
	Value string
}

func identsOf(o program.Organization) []identValue {
	var out []identValue
	for _, k := range orgIdentifierKinds() {
		if v, ok := o.Identifiers[k]; ok {
			out = append(out, identValue{k, v})
		}
	}
	return out
}

type orgsData struct {
	Rows                         []orgRow
	Total, Page, Pages           int
	Sort                         string
	Sectors, Sorts               []option
	PrevURL, NextURL             string
	SortNameURL, SortNewestURL   string
	CanManageStaff, CanVerifyLog bool
	CanReadOutbox                bool
}

// officeOrgs is the staff dashboard: every organization, searchable.
func (h *Handler) officeOrgs(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := requireUser(rq); err != nil {
		return err
	}
	oq := parseOrgsQuery(r.URL.Query())
	res, err := h.off.SearchOrgs(r.Context(), rq.Actor(), store.OrgQuery{
		Text: oq.Text, Sector: oq.Sector, Sort: oq.Sort, Offset: (oq.Page - 1) * orgsPageSize, Limit: orgsPageSize})
	if err != nil {
		return err
	}
	pages := max(1, (res.Total+orgsPageSize-1)/orgsPageSize)
	if oq.Page > pages {
		return redirect(oq.url(pages, oq.Sort))
	}
	a := rq.Actor()
	d := orgsData{Total: res.Total, Page: oq.Page, Pages: pages, Sort: oq.Sort, Sectors: sectorOptions(),
		Sorts:       []option{{Value: "name", Label: "office.orgs.sort_name"}, {Value: "newest", Label: "office.orgs.sort_newest"}},
		SortNameURL: oq.url(1, "name"), SortNewestURL: oq.url(1, "newest"),
		CanManageStaff: a.Allows(a.Staff, auth.StaffManage), CanVerifyLog: a.Allows(a.Staff, auth.AuditVerify),
		CanReadOutbox: a.Allows(a.Staff, auth.OutboxView)}
	if oq.Page > 1 {
		d.PrevURL = oq.url(oq.Page-1, oq.Sort)
	}
	if oq.Page < pages {
		d.NextURL = oq.url(oq.Page+1, oq.Sort)
	}
	for _, o := range res.Orgs {
		d.Rows = append(d.Rows, orgRow{o, identsOf(o)})
	}
	v := h.newView(r, rq, "office.orgs.title")
	v.Nav = "office"
	v.Form = url.Values{"q": {oq.Text}, "sector": {string(oq.Sector)}, "sort": {oq.Sort}}
	v.Data = d
	return h.render(w, http.StatusOK, "office-orgs", v)
}
