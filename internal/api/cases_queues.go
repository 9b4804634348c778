package api

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"trustlane/internal/program"
	"trustlane/internal/store"
)

// The program office's queues (every staff role): applications by state,
// appeals waiting for a reviewer, and the calendar of site validations.

func (h *handler) registerQueues() {
	huma.Register(h.api, h.operation("listCases", http.MethodGet, "/cases", "casework",
		"List applications in the queues",
		"Applications for the program office's work queues, the one waiting longest first, filtered by "+
			"state (several separated by commas), sector and officer (a staff user ID, or me). counts gives the "+
			"number of applications in each state, whatever the filters; total counts every match."), h.listCases)
	huma.Register(h.api, h.operation("listAppeals", http.MethodGet, "/appeals", "casework",
		"List appeals waiting for a reviewer",
		"Appeals and informal reviews filed and not yet decided, oldest first."), h.listAppeals)
	huma.Register(h.api, h.operation("listValidations", http.MethodGet, "/validations", "casework",
		"List site validations (calendar)",
		"Site validations scheduled in a period, with their organization: from and to are days (to included), "+
			"by default the next 31 days from today; at most a year."), h.listValidations)
}

type casesIn struct {
	State   []appState `query:"state" maxItems:"10" doc:"Only applications in these states (comma-separated)."`
	Sector  sector     `query:"sector" doc:"Only applications for this sector."`
	Officer string     `query:"officer" maxLength:"64" doc:"Only the cases of this officer: a staff user ID, or me."`
	Offset  int        `query:"offset" minimum:"0" maximum:"1000000" default:"0"`
	Limit   int        `query:"limit" minimum:"1" maximum:"200" default:"50"`
}

// casePage is a page of a queue.
type casePage struct {
	Items  []queuedCase `json:"items" nullable:"false"`
	Total  int          `json:"total" doc:"How many applications match in all."`
	Offset int          `json:"offset"`
	Limit  int          `json:"limit"`
	Counts stateCounts  `json:"counts" doc:"Applications in each state, whatever the filters."`
}

// queuedCase is an application in a queue, with its organization's name.
type queuedCase struct {
	ID                string    `json:"id"`
	OrgID             string    `json:"org_id"`
	OrgName           string    `json:"org_name"`
	Sector            sector    `json:"sector"`
	Kind              appKind   `json:"kind"`
	State             appState  `json:"state"`
	OfficerID         string    `json:"officer_id,omitempty"`
	InfoDueAt         time.Time `json:"info_due_at,omitzero"`
	DenialEffectiveAt time.Time `json:"denial_effective_at,omitzero"`
	ReviewRequested   bool      `json:"review_requested"`
	SubmittedAt       time.Time `json:"submitted_at,omitzero"`
	UpdatedAt         time.Time `json:"updated_at"`
}

// stateCounts counts applications by state; every state is present.
type stateCounts map[appState]int

func (stateCounts) Schema(huma.Registry) *huma.Schema {
	s := &huma.Schema{Type: huma.TypeObject, Properties: map[string]*huma.Schema{}, AdditionalProperties: false,
		Description: "The number of applications in each state."}
	for _, st := range program.AppStates() {
		s.Properties[string(st)] = &huma.Schema{Type: huma.TypeInteger, Minimum: ptr(0.0)}
		s.Required = append(s.Required, string(st))
	}
	return s
}

func ptr[T any](v T) *T { return &v }

func (h *handler) listCases(ctx context.Context, in *casesIn) (*bodyOut[casePage], error) {
	a := actorOf(ctx)
	officer := in.Officer
	if officer == "me" {
		officer = a.UserID
	}
	page, counts, err := h.office.Queue(ctx, a, store.CaseQuery{States: conv[program.AppState](in.State),
		Sector: string(in.Sector), OfficerID: officer, Offset: in.Offset, Limit: in.Limit})
	if err != nil {
		return nil, err
	}
	out := casePage{Items: make([]queuedCase, 0, len(page.Apps)), Total: page.Total, Offset: in.Offset, Limit: in.Limit,
		Counts: stateCounts{}}
	for _, st := range program.AppStates() {
		out.Counts[appState(st)] = counts[st]
	}
	for _, ap := range page.Apps {
		out.Items = append(out.Items, queuedCase{ID: ap.ID, OrgID: ap.OrgID, OrgName: page.Orgs[ap.OrgID], Sector: sector(ap.Sector),
			Kind: appKind(ap.Kind), State: appState(ap.State), OfficerID: ap.OfficerID, InfoDueAt: utc(ap.InfoDueAt),
			DenialEffectiveAt: utc(ap.DenialEffectiveAt), ReviewRequested: ap.ReviewRequested,
			SubmittedAt: utc(ap.SubmittedAt), UpdatedAt: utc(ap.UpdatedAt)})
	}
	return &bodyOut[casePage]{Body: out}, nil
}

func (h *handler) listAppeals(ctx context.Context, _ *struct{}) (*bodyOut[list[appeal]], error) {
	as, err := h.office.AppealQueue(ctx, actorOf(ctx))
	if err != nil {
		return nil, err
	}
	return &bodyOut[list[appeal]]{Body: list[appeal]{Items: appealsOut(as)}}, nil
}

type calendarIn struct {
	From date `query:"from" doc:"The first day; today if omitted."`
	To   date `query:"to" doc:"The last day, included; 31 days after from if omitted."`
}

// calendarEntry is a site validation in the calendar.
type calendarEntry struct {
	ID            string          `json:"id"`
	OrgID         string          `json:"org_id"`
	OrgName       string          `json:"org_name"`
	ApplicationID string          `json:"application_id"`
	State         validationState `json:"state"`
	Date          date            `json:"date"`
	Sites         []string        `json:"sites" nullable:"false"`
	ValidatorIDs  []string        `json:"validator_ids" nullable:"false"`
}

func (h *handler) listValidations(ctx context.Context, in *calendarIn) (*bodyOut[list[calendarEntry]], error) {
	from, to := in.From.day(), in.To.day()
	if in.From == "" {
		from = time.Now().UTC().Truncate(24 * time.Hour)
	}
	if in.To == "" {
		to = from.AddDate(0, 0, 31)
	}
	if to.Before(from) || to.Sub(from) > 366*24*time.Hour {
		return nil, errBadRange
	}
	vs, names, err := h.office.Calendar(ctx, actorOf(ctx), from, to.Add(24*time.Hour-time.Nanosecond))
	if err != nil {
		return nil, err
	}
	out := list[calendarEntry]{Items: make([]calendarEntry, 0, len(vs))}
	for _, v := range vs {
		out.Items = append(out.Items, calendarEntry{ID: v.ID, OrgID: v.OrgID, OrgName: names[v.OrgID], ApplicationID: v.ApplicationID,
			State: validationState(v.State), Date: dateOf(v.ScheduledFor), Sites: append([]string{}, v.Sites...),
			ValidatorIDs: append([]string{}, v.Validators...)})
	}
	return &bodyOut[list[calendarEntry]]{Body: out}, nil
}
