package api

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"trustlane/internal/errs"
	"trustlane/internal/ident"
	"trustlane/internal/partner"
	"trustlane/internal/store"
)

// The registry of partner programs and their imported member lists
// (staff tokens; the office checks each staff role).
func (h *handler) registerPartners() {
	huma.Register(h.api, h.operation("listPartnerPrograms", http.MethodGet, "/partners", "partners",
		"List partner programs", "The registry of partner programs, arrangements in force first, with member counts."), h.listPartnerPrograms)
	huma.Register(h.api, h.operation("getPartnerProgram", http.MethodGet, "/partners/{code}", "partners",
		"Get a partner program", "One program of the registry."), h.getPartnerProgram)
	huma.Register(h.api, h.operation("createPartnerProgram", http.MethodPost, "/partners", "partners",
		"Add a partner program", "Adds a program to the registry (administrators). Its code never changes afterwards."),
		h.createPartnerProgram)
	huma.Register(h.api, h.operation("updatePartnerProgram", http.MethodPut, "/partners/{code}", "partners",
		"Update a partner program", "Replaces a program's details (administrators); the code stays."), h.updatePartnerProgram)
	h.registerPartnerImport()
	huma.Register(h.api, h.operation("listPartnerImports", http.MethodGet, "/partners/{code}/imports", "partners",
		"List a partner's imports", "The latest imports of the partner's member list, newest first."), h.listPartnerImports)
	huma.Register(h.api, h.operation("listPartnerMembers", http.MethodGet, "/partners/{code}/members", "partners",
		"List a partner's members", "The partner's members as last imported, by name, a page at a time."), h.listPartnerMembers)
	huma.Register(h.api, h.operation("getPartnerMember", http.MethodGet, "/partners/{code}/members/{ref}", "partners",
		"Get a partner member", "One member with its identifiers and its status history, oldest first."), h.getPartnerMember)
}

type text struct {
	EN string `json:"en" maxLength:"300"`
	FR string `json:"fr" maxLength:"300"`
}

// PartnerProgramInput is a program's details, replaced as a whole. It is
// exported because huma documents the fields of exported embedded structs
// only, and the program and its creation embed it.
type PartnerProgramInput struct {
	Name           text     `json:"name"`
	Administration text     `json:"administration"`
	Country        string   `json:"country" maxLength:"2" doc:"ISO 3166 alpha-2, or EU."`
	ArrangedOn     string   `json:"arranged_on,omitempty" format:"date" doc:"The date of the arrangement; required when active."`
	Status         string   `json:"status" enum:"active,planned,suspended,ended"`
	IDKinds        []string `json:"id_kinds" maxItems:"8" nullable:"false" doc:"Identifier types the partner's member records carry (scac, us_ein, mid, cbsa_carrier, eori…)."`
	Framework      string   `json:"framework" enum:"ctpat,eu_aeo,safe" doc:"The criteria framework the program is mapped to."`
	Sharing        bool     `json:"sharing" doc:"An information-sharing arrangement is in force."`
}

type newPartnerProgramInput struct {
	Code string `json:"code" maxLength:"20" doc:"2 to 20 capital letters, digits or hyphens, e.g. CTPAT. It never changes."`
	PartnerProgramInput
}

// partnerProgram is a program of the registry.
type partnerProgram struct {
	Code string `json:"code"`
	PartnerProgramInput
	UpdatedAt time.Time      `json:"updated_at"`
	Members   map[string]int `json:"members,omitempty" doc:"How many members by status (active, suspended, cancelled), in the list view."`
}

func partnerProgramOut(p partner.Program, counts map[partner.MemberStatus]int) partnerProgram {
	out := partnerProgram{Code: p.Code, UpdatedAt: p.UpdatedAt.UTC(), PartnerProgramInput: PartnerProgramInput{
		Name: text(p.Name), Administration: text(p.Administration), Country: p.Country, Status: string(p.Status),
		IDKinds: conv[string](p.IDKinds), Framework: p.Framework, Sharing: p.Sharing}}
	if !p.ArrangedOn.IsZero() {
		out.ArrangedOn = p.ArrangedOn.Format(time.DateOnly)
	}
	if counts != nil {
		out.Members = map[string]int{}
		for _, s := range partner.MemberStatuses() {
			out.Members[string(s)] = counts[s]
		}
	}
	return out
}

func (in PartnerProgramInput) program(code string) (partner.Program, error) {
	p := partner.Program{Code: code, Name: partner.Text(in.Name), Administration: partner.Text(in.Administration),
		Country: in.Country, Status: partner.Status(in.Status), Framework: in.Framework, Sharing: in.Sharing}
	for _, k := range in.IDKinds {
		p.IDKinds = append(p.IDKinds, ident.Kind(k))
	}
	if in.ArrangedOn != "" {
		d, err := time.Parse(time.DateOnly, in.ArrangedOn)
		if err != nil {
			return p, errs.Fields(errs.F("arranged_on", "error.partner.arranged_on", "give the date of the arrangement in force"))
		}
		p.ArrangedOn = d
	}
	return p, nil
}

type partnerPath struct {
	Code string `path:"code" maxLength:"20" doc:"The program's code, e.g. CTPAT."`
}

func (h *handler) listPartnerPrograms(ctx context.Context, _ *struct{}) (*bodyOut[list[partnerProgram]], error) {
	rows, err := h.office.PartnerPrograms(ctx, actorOf(ctx))
	if err != nil {
		return nil, err
	}
	out := list[partnerProgram]{Items: make([]partnerProgram, 0, len(rows))}
	for _, r := range rows {
		out.Items = append(out.Items, partnerProgramOut(r.Program, r.Members))
	}
	return &bodyOut[list[partnerProgram]]{Body: out}, nil
}

func (h *handler) getPartnerProgram(ctx context.Context, in *partnerPath) (*bodyOut[partnerProgram], error) {
	p, err := h.office.PartnerProgram(ctx, actorOf(ctx), in.Code)
	if err != nil {
		return nil, err
	}
	return &bodyOut[partnerProgram]{Body: partnerProgramOut(p, nil)}, nil
}

func (h *handler) createPartnerProgram(ctx context.Context, in *struct{ Body newPartnerProgramInput }) (*createdOut[partnerProgram], error) {
	p, err := in.Body.program(in.Body.Code)
	if err != nil {
		return nil, err
	}
	if p, err = h.office.SavePartnerProgram(ctx, actorOf(ctx), p, true); err != nil {
		return nil, err
	}
	return &createdOut[partnerProgram]{Location: prefix + "/partners/" + url.PathEscape(p.Code), Body: partnerProgramOut(p, nil)}, nil
}

func (h *handler) updatePartnerProgram(ctx context.Context, in *struct {
	Code string `path:"code" maxLength:"20" doc:"The program's code."`
	Body PartnerProgramInput
}) (*bodyOut[partnerProgram], error) {
	p, err := in.Body.program(strings.ToUpper(in.Code))
	if err != nil {
		return nil, err
	}
	if p, err = h.office.SavePartnerProgram(ctx, actorOf(ctx), p, false); err != nil {
		return nil, err
	}
	return &bodyOut[partnerProgram]{Body: partnerProgramOut(p, nil)}, nil
}

// partnerImport is one applied import.
type partnerImport struct {
	ID         string    `json:"id"`
	Filename   string    `json:"filename"`
	Format     string    `json:"format" enum:"csv,xlsx,json"`
	Mode       string    `json:"mode" enum:"full,partial"`
	SHA256     string    `json:"sha256"`
	Rows       int       `json:"rows"`
	Added      int       `json:"added"`
	Changed    int       `json:"changed"`
	Unchanged  int       `json:"unchanged"`
	Removed    int       `json:"removed" doc:"Members a full import no longer found, now cancelled."`
	ImportedBy string    `json:"imported_by" doc:"The user ID of who imported it (system for the command line)."`
	ImportedAt time.Time `json:"imported_at"`
}

func (h *handler) listPartnerImports(ctx context.Context, in *partnerPath) (*bodyOut[list[partnerImport]], error) {
	imps, err := h.office.PartnerImports(ctx, actorOf(ctx), in.Code)
	if err != nil {
		return nil, err
	}
	out := list[partnerImport]{Items: make([]partnerImport, 0, len(imps))}
	for _, p := range imps {
		out.Items = append(out.Items, partnerImport{ID: p.ID, Filename: p.Filename, Format: string(p.Format), Mode: string(p.Mode),
			SHA256: p.SHA256, Rows: p.RowsTotal, Added: p.Added, Changed: p.Changed, Unchanged: p.Unchanged, Removed: p.Removed,
			ImportedBy: p.ImportedBy, ImportedAt: p.ImportedAt.UTC()})
	}
	return &bodyOut[list[partnerImport]]{Body: out}, nil
}

// partnerMember is a partner's member as last imported.
type partnerMember struct {
	Partner     string            `json:"partner"`
	Ref         string            `json:"ref" doc:"The partner's member number."`
	LegalName   string            `json:"legal_name"`
	NameKey     string            `json:"name_key" doc:"The legal name normalized for matching."`
	Country     string            `json:"country,omitempty"`
	Sectors     []string          `json:"sectors" nullable:"false"`
	Status      string            `json:"status" enum:"active,suspended,cancelled"`
	StatusSince string            `json:"status_since" format:"date"`
	FAST        []string          `json:"fast" nullable:"false" doc:"FAST directions: into_us, into_ca."`
	Identifiers map[string]string `json:"identifiers" nullable:"false"`
	FirstSeenAt time.Time         `json:"first_seen_at"`
	UpdatedAt   time.Time         `json:"updated_at"`
	History     []statusChange    `json:"history,omitempty" doc:"Every status the member has had, oldest first (one member only)."`
}

type statusChange struct {
	Status     string    `json:"status" enum:"active,suspended,cancelled"`
	Since      string    `json:"since" format:"date"`
	ImportID   string    `json:"import_id"`
	RecordedAt time.Time `json:"recorded_at"`
}

func partnerMemberOut(m store.PartnerMember, hist []store.PartnerStatusChange) partnerMember {
	out := partnerMember{Partner: m.PartnerCode, Ref: m.Ref, LegalName: m.LegalName, NameKey: m.NameKey, Country: m.Country,
		Sectors: m.Sectors, Status: string(m.Status), StatusSince: m.StatusSince.Format(time.DateOnly), FAST: m.FAST,
		Identifiers: map[string]string{}, FirstSeenAt: m.FirstSeenAt.UTC(), UpdatedAt: m.UpdatedAt.UTC()}
	if out.Sectors == nil {
		out.Sectors = []string{}
	}
	if out.FAST == nil {
		out.FAST = []string{}
	}
	for k, v := range m.IDs {
		out.Identifiers[string(k)] = v
	}
	for _, c := range hist {
		out.History = append(out.History, statusChange{Status: string(c.Status), Since: c.Since.Format(time.DateOnly),
			ImportID: c.ImportID, RecordedAt: c.RecordedAt.UTC()})
	}
	return out
}

type memberPage struct {
	Items []partnerMember `json:"items"`
	Total int             `json:"total" doc:"How many members match, over every page."`
}

type listPartnerMembersIn struct {
	Code   string `path:"code" maxLength:"20" doc:"The program's code."`
	Status string `query:"status" enum:"active,suspended,cancelled" doc:"Only members with this status."`
	Name   string `query:"name" maxLength:"200" doc:"The start of the legal name (compared normalized) or an exact member number."`
	Offset int    `query:"offset" minimum:"0" maximum:"1000000"`
	Limit  int    `query:"limit" minimum:"0" maximum:"200" doc:"At most 200; 50 when absent."`
}

func (h *handler) listPartnerMembers(ctx context.Context, in *listPartnerMembersIn) (*bodyOut[memberPage], error) {
	page, err := h.office.PartnerMembers(ctx, actorOf(ctx), store.PartnerMemberQuery{Partner: strings.ToUpper(in.Code),
		Status: partner.MemberStatus(in.Status), Name: in.Name, Offset: in.Offset, Limit: in.Limit})
	if err != nil {
		return nil, err
	}
	out := memberPage{Items: make([]partnerMember, 0, len(page.Members)), Total: page.Total}
	for _, m := range page.Members {
		out.Items = append(out.Items, partnerMemberOut(m, nil))
	}
	return &bodyOut[memberPage]{Body: out}, nil
}

func (h *handler) getPartnerMember(ctx context.Context, in *struct {
	Code string `path:"code" maxLength:"20" doc:"The program's code."`
	Ref  string `path:"ref" maxLength:"64" doc:"The partner's member number."`
}) (*bodyOut[partnerMember], error) {
	m, hist, err := h.office.PartnerMember(ctx, actorOf(ctx), strings.ToUpper(in.Code), in.Ref)
	if err != nil {
		return nil, err
	}
	return &bodyOut[partnerMember]{Body: partnerMemberOut(m, hist)}, nil
}
