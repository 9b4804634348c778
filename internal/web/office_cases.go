package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"

	"trustlane/internal/program"
	"trustlane/internal/store"
)

// routesOfficeCases registers the program office's case screens: the work
// queues, the case pages with their action forms, the validators'
// checklists, decisions behind a check-your-answers step, the calendar of
// validations and the outbox. The office authorizes every call; the pages
// only leave out the forms a viewer's role or a case's state cannot use.
func (h *Handler) routesOfficeCases() {
	h.needPages("staff-queue", "staff-memberships", "staff-appeals", "staff-case", "staff-validation",
		"staff-decision", "staff-decision-check", "staff-calendar", "staff-outbox", "staff-org-cases")
	h.mux.Handle("GET /office/cases", h.page(h.ocQueue))
	h.mux.Handle("GET /office/memberships", h.page(h.ocMemberships))
	h.mux.Handle("GET /office/appeals", h.page(h.ocAppeals))
	h.mux.Handle("GET /office/calendar", h.page(h.ocCalendar))
	h.mux.Handle("GET /office/outbox", h.page(h.ocOutbox))
	h.mux.Handle("GET /office/orgs/{org}/cases", h.page(h.ocOrgCases))
	h.mux.Handle("GET /office/letters/{org}/{id}", h.page(h.ocLetter))

	app := "/office/applications/{id}"
	h.mux.Handle("GET "+app, h.page(h.ocApplication))
	h.mux.Handle("GET "+app+"/evidence/{file}", h.page(h.ocEvidence))
	h.mux.Handle("POST "+app+"/review", h.page(h.ocStartReview))
	h.mux.Handle("POST "+app+"/info", h.page(h.ocRequestInfo))
	h.mux.Handle("POST "+app+"/eligibility", h.page(h.ocVerifyEligibility))
	h.mux.Handle("POST "+app+"/validations", h.page(h.ocScheduleValidation))
	h.mux.Handle("POST "+app+"/plans/{plan}/actions/{item}", h.page(h.ocVerifyAction))

	h.mux.Handle("GET /office/validations/{id}", h.page(h.ocChecklist))
	h.mux.Handle("POST /office/validations/{id}", h.page(h.ocChecklistSave))
	h.mux.Handle("POST /office/validations/{id}/complete", h.page(h.ocChecklistComplete))
	h.mux.Handle("POST /office/validations/{id}/cancel", h.page(h.ocCancelValidation))

	mem := "/office/memberships/{id}"
	h.mux.Handle("GET "+mem, h.page(h.ocMembership))
	h.mux.Handle("POST "+mem+"/plans/{plan}/actions/{item}", h.page(h.ocVerifyAction))

	h.routesOfficeDecisions()
}

// ocQueueSize is how many cases one page of a queue shows.
const ocQueueSize = 25

// ocOpenStates are the states in which a case waits on the program office
// or the company: the queues' tabs, and the default view.
var ocOpenStates = []program.AppState{program.AppSubmitted, program.AppInReview, program.AppInfoRequested,
	program.AppValidationScheduled, program.AppValidated, program.AppDenialProposed}

// ocQueueQuery is a queue's filter as read from the URL. Anything it does
// not understand falls back to a default, so a stale link still shows a
// page.
type ocQueueQuery struct {
	State  program.AppState // "" for every open state
	Sector program.Sector
	Mine   bool
	Page   int
}

func parseQueueQuery(q url.Values) ocQueueQuery {
	qq := ocQueueQuery{State: program.AppState(q.Get("state")), Sector: program.Sector(q.Get("sector")),
		Mine: q.Get("mine") == "1", Page: ocPage(q.Get("page"))}
	if !slices.Contains(program.AppStates(), qq.State) || qq.State == program.AppDraft {
		qq.State = ""
	}
	if !qq.Sector.Valid() {
		qq.Sector = ""
	}
	return qq
}

// url is the queue's address for this filter in another state and page;
// defaults are left out so links stay short.
func (qq ocQueueQuery) url(state program.AppState, page int) string {
	v := url.Values{}
	if state != "" {
		v.Set("state", string(state))
	}
	if qq.Sector != "" {
		v.Set("sector", string(qq.Sector))
	}
	if qq.Mine {
		v.Set("mine", "1")
	}
	if page > 1 {
		v.Set("page", strconv.Itoa(page))
	}
	if len(v) == 0 {
		return "/office/cases"
	}
	return "/office/cases?" + v.Encode()
}

// ocTab is one state's tab with its count.
type ocTab struct {
	State   string // "" for every open state
	Label   string // message key
	Count   int
	URL     string
	Current bool
}

// ocQueueRow is one case of the queue.
type ocQueueRow struct {
	App     program.Application
	Org     string
	Tag     string
	Age     string
	Due     *ocDue
	DueWhat string // staffcase.due.* key
	Officer string
}

type ocQueueData struct {
	Tabs               []ocTab
	Rows               []ocQueueRow
	States, Sectors    []option
	Total, Page, Pages int
	PrevURL, NextURL   string
	Caption            string
}

// ocQueue is the work queue: cases by state, oldest change first.
func (h *Handler) ocQueue(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := ocRequireStaff(rq); err != nil {
		return err
	}
	qq := parseQueueQuery(r.URL.Query())
	cq := store.CaseQuery{States: ocOpenStates, Sector: string(qq.Sector), Offset: (qq.Page - 1) * ocQueueSize, Limit: ocQueueSize}
	if qq.State != "" {
		cq.States = []program.AppState{qq.State}
	}
	if qq.Mine {
		cq.OfficerID = rq.Actor().UserID
	}
	page, counts, err := h.off.Queue(r.Context(), rq.Actor(), cq)
	if err != nil {
		return err
	}
	pages := max(1, (page.Total+ocQueueSize-1)/ocQueueSize)
	if qq.Page > pages {
		return redirect(qq.url(qq.State, pages))
	}
	names, _, err := h.ocStaffNames(r.Context(), rq)
	if err != nil {
		return err
	}
	d := ocQueueData{Tabs: ocTabs(qq, counts), Total: page.Total, Page: qq.Page, Pages: pages, Sectors: sectorOptions()}
	for _, s := range program.AppStates() {
		if s != program.AppDraft {
			d.States = append(d.States, option{Value: string(s), Label: "case.state." + string(s)})
		}
	}
	if qq.Page > 1 {
		d.PrevURL = qq.url(qq.State, qq.Page-1)
	}
	if qq.Page < pages {
		d.NextURL = qq.url(qq.State, qq.Page+1)
	}
	for _, app := range page.Apps {
		d.Rows = append(d.Rows, ocRow(rq, app, page.Orgs[app.OrgID], names))
	}
	d.Caption = rq.L.T("staffcase.queue.caption_open")
	if qq.State != "" {
		d.Caption = rq.L.T("staffcase.queue.caption_state", map[string]any{"State": rq.L.T("case.state." + string(qq.State))})
	}
	v := h.ocView(r, rq, "staffcase.queue.title")
	v.Form = url.Values{"state": {string(qq.State)}, "sector": {string(qq.Sector)}}
	if qq.Mine {
		v.Form.Set("mine", "1")
	}
	v.Data = d
	return h.render(w, http.StatusOK, "staff-queue", v)
}

// ocTabs are the open states' tabs, with the total of open cases first.
func ocTabs(qq ocQueueQuery, counts map[program.AppState]int) []ocTab {
	all := ocTab{Label: "staffcase.queue.tab_all", URL: qq.url("", 1), Current: qq.State == ""}
	tabs := []ocTab{}
	for _, s := range ocOpenStates {
		all.Count += counts[s]
		tabs = append(tabs, ocTab{State: string(s), Label: "case.state." + string(s), Count: counts[s],
			URL: qq.url(s, 1), Current: qq.State == s})
	}
	return append([]ocTab{all}, tabs...)
}

// ocRow describes a case for the queue: how long it has waited and the
// date that matters next (the company's answer, or a denial taking effect).
func ocRow(rq *request, app program.Application, org string, names map[string]string) ocQueueRow {
	row := ocQueueRow{App: app, Org: org, Tag: appTag(app.State), Age: ocAge(rq, app.UpdatedAt), Officer: names[app.OfficerID]}
	switch {
	case app.State == program.AppInfoRequested:
		row.Due, row.DueWhat = ocDueOf(rq, app.InfoDueAt), "staffcase.due.info"
	case app.State == program.AppDenialProposed && !app.ReviewRequested:
		row.Due, row.DueWhat = ocDueOf(rq, app.DenialEffectiveAt), "staffcase.due.denial"
	}
	return row
}
