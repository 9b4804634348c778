package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/ident"
	"trustlane/internal/office"
	"trustlane/internal/partner"
	"trustlane/internal/store"
)

// The registry of partner programs for staff: the list, a program's page
// with its members and imports, the forms administrators maintain it with,
// and the import of a partner's member list (office_partner_import.go).

func (h *Handler) routesPartners() {
	h.needPages("office-partners", "office-partner", "office-partner-form", "office-partner-import", "office-partner-member")
	h.mux.Handle("GET /office/partners", h.page(h.partnersList))
	h.mux.Handle("GET /office/partners/new", h.page(h.partnerNew))
	h.mux.Handle("POST /office/partners", h.page(h.partnerCreate))
	h.mux.Handle("GET /office/partners/{code}", h.page(h.partnerPage))
	h.mux.Handle("GET /office/partners/{code}/edit", h.page(h.partnerEdit))
	h.mux.Handle("POST /office/partners/{code}", h.page(h.partnerUpdate))
	h.mux.Handle("GET /office/partners/{code}/import", h.page(h.partnerImportForm))
	h.mux.Handle("POST /office/partners/{code}/import", h.pageLimit(h.partnerImport, partner.MaxImportSize+1<<20))
	h.mux.Handle("GET /office/partners/{code}/members/{ref}", h.page(h.partnerMember))
}

type partnersData struct {
	Rows      []office.PartnerProgramRow
	CanManage bool
}

func (h *Handler) partnersList(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := requireUser(rq); err != nil {
		return err
	}
	rows, err := h.off.PartnerPrograms(r.Context(), rq.Actor())
	if err != nil {
		return err
	}
	v := h.newView(r, rq, "partner_data.list.title")
	v.Nav, v.Data = "partners", partnersData{Rows: rows, CanManage: auth.Can(rq.Actor().Staff, auth.PartnersManage)}
	return h.render(w, http.StatusOK, "office-partners", v)
}

// membersPageSize is how many members one page of a program shows.
const membersPageSize = 50

type partnerPageData struct {
	Program           partner.Program
	Members           store.PartnerMemberPage
	Imports           []store.PartnerImport
	Statuses          []option
	Page, Pages       int
	PrevURL, NextURL  string
	CanManage, CanImp bool
}

func (h *Handler) partnerPage(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := requireUser(rq); err != nil {
		return err
	}
	code := r.PathValue("code")
	p, err := h.off.PartnerProgram(r.Context(), rq.Actor(), code)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	st := partner.MemberStatus(q.Get("status"))
	if !slices.Contains(partner.MemberStatuses(), st) {
		st = ""
	}
	pg, _ := strconv.Atoi(q.Get("page"))
	pg = max(pg, 1)
	name := strings.TrimSpace(q.Get("name"))
	members, err := h.off.PartnerMembers(r.Context(), rq.Actor(), store.PartnerMemberQuery{Partner: p.Code, Status: st, Name: name,
		Offset: (pg - 1) * membersPageSize, Limit: membersPageSize})
	if err != nil {
		return err
	}
	imports, err := h.off.PartnerImports(r.Context(), rq.Actor(), p.Code)
	if err != nil {
		return err
	}
	staff := rq.Actor().Staff
	d := partnerPageData{Program: p, Members: members, Imports: imports, Page: pg, Pages: max(1, (members.Total+membersPageSize-1)/membersPageSize),
		CanManage: auth.Can(staff, auth.PartnersManage), CanImp: auth.Can(staff, auth.PartnersImport)}
	for _, s := range partner.MemberStatuses() {
		d.Statuses = append(d.Statuses, option{Value: string(s), Label: "partner_data.status." + string(s)})
	}
	link := func(n int) string {
		v := url.Values{"page": {strconv.Itoa(n)}}
		if st != "" {
			v.Set("status", string(st))
		}
		if name != "" {
			v.Set("name", name)
		}
		return "/office/partners/" + url.PathEscape(p.Code) + "?" + v.Encode()
	}
	if pg > 1 {
		d.PrevURL = link(pg - 1)
	}
	if pg < d.Pages {
		d.NextURL = link(pg + 1)
	}
	v := h.newView(r, rq, "partner_data.program.title")
	v.Title = p.Name.In(rq.L.Lang())
	v.Nav, v.Data, v.Form = "partners", d, url.Values{"status": {string(st)}, "name": {name}}
	return h.render(w, http.StatusOK, "office-partner", v)
}

type partnerMemberData struct {
	Program partner.Program
	Member  store.PartnerMember
	History []store.PartnerStatusChange
	IDKinds []ident.Kind
}

func (h *Handler) partnerMember(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := requireUser(rq); err != nil {
		return err
	}
	p, err := h.off.PartnerProgram(r.Context(), rq.Actor(), r.PathValue("code"))
	if err != nil {
		return err
	}
	m, hist, err := h.off.PartnerMember(r.Context(), rq.Actor(), p.Code, r.PathValue("ref"))
	if err != nil {
		return err
	}
	d := partnerMemberData{Program: p, Member: m, History: hist}
	for _, k := range ident.Kinds() {
		if _, ok := m.IDs[k]; ok {
			d.IDKinds = append(d.IDKinds, k)
		}
	}
	slices.Reverse(d.History) // the timeline shows the latest first
	v := h.newView(r, rq, "partner_data.member.title")
	v.Title = m.LegalName
	v.Nav, v.Data = "partners", d
	return h.render(w, http.StatusOK, "office-partner-member", v)
}

// dateOnly reads a YYYY-MM-DD form value; "" is the zero time.
func dateOnly(s string) (time.Time, error) {
	if s = strings.TrimSpace(s); s == "" {
		return time.Time{}, nil
	}
	return time.Parse(time.DateOnly, s)
}

var errArrangedOn = errs.Fields(errs.F("arranged_on", "error.partner.arranged_on", "give the date of the arrangement in force"))
