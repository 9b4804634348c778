package api

import (
	"context"
	"net/http"
	"net/url"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"trustlane/internal/partner"
)

// registerPartnerLinks adds a company's declared memberships of partner
// programs and its consents to share, and the officers' matching work.
func (h *handler) registerPartnerLinks() {
	const links, link = "/organizations/{orgID}/partner-links", "/organizations/{orgID}/partner-links/{id}"
	huma.Register(h.api, h.operation("listPartnerLinks", http.MethodGet, links, "partners",
		"List the organization's partner memberships", "Declared memberships of partner programs and where each stands."), h.listPartnerLinks)
	huma.Register(h.api, h.operation("createPartnerLink", http.MethodPost, links, "partners",
		"Declare a partner membership", "The program's code and the member number it gave you. An officer confirms it "+
			"against the partner's member data; nothing is linked before (partners:write)."), h.declarePartnerLink)
	huma.Register(h.api, h.operation("withdrawPartnerLink", http.MethodDelete, link, "partners",
		"Withdraw a partner membership", "Ends a declared or confirmed link (partners:write)."), h.withdrawPartnerLink)
	huma.Register(h.api, h.operation("listPartnerConsents", http.MethodGet, "/organizations/{orgID}/partner-consents", "partners",
		"List consents to share", "Each partner program in force and whether the organization consents to share its standing with it, "+
			"and any other program it still consents to (a consent can always be withdrawn; it is given only to a program in force)."),
		h.listPartnerConsents)
	registerNoContent(h, h.operation("setPartnerConsent", http.MethodPut, "/organizations/{orgID}/partner-consents/{code}", "partners",
		"Give or withdraw consent to share", "Owners only. A withdrawal hides the organization from that program's exchange at once."),
		h.setPartnerConsent)

	huma.Register(h.api, h.operation("listPartnerMatchQueue", http.MethodGet, "/partner-links", "partners",
		"List declarations waiting for an officer", "Declared links, oldest first, with the best candidate's score (officers)."),
		h.partnerMatchQueue)
	huma.Register(h.api, h.operation("getPartnerLink", http.MethodGet, "/partner-links/{id}", "partners",
		"Get a declaration with its candidates", "The candidates are proposals with their score and reasons (officers)."), h.getPartnerLink)
	registerNoContent(h, h.operation("confirmPartnerLink", http.MethodPost, "/partner-links/{id}/confirm", "partners",
		"Confirm a declaration", "Ties it to one candidate, or to the record whose number is the one declared (officers)."),
		h.confirmPartnerLink)
	registerNoContent(h, h.operation("rejectPartnerLink", http.MethodPost, "/partner-links/{id}/reject", "partners",
		"Reject a declaration", "With the reason (officers)."), h.rejectPartnerLink)
	h.registerExchange()
}

// registerNoContent registers an operation that answers 204 on success.
func registerNoContent[I any](h *handler, op huma.Operation, fn func(context.Context, *I) (*struct{}, error)) {
	op.DefaultStatus = http.StatusNoContent
	huma.Register(h.api, op, fn)
}

type apiReason struct {
	Code   string `json:"code" enum:"ref,identifier,name_exact,name_similar,country"`
	Points int    `json:"points"`
	Detail string `json:"detail,omitempty"`
}

type apiCandidate struct {
	MemberRef string      `json:"member_ref"`
	Score     int         `json:"score" minimum:"0" maximum:"100"`
	Reasons   []apiReason `json:"reasons" nullable:"false"`
	LegalName string      `json:"legal_name,omitempty"`
	Country   string      `json:"country,omitempty"`
	Status    string      `json:"status,omitempty"`
}

type apiPartnerLink struct {
	ID          string         `json:"id"`
	OrgID       string         `json:"org_id"`
	Partner     string         `json:"partner"`
	DeclaredRef string         `json:"declared_ref"`
	State       string         `json:"state" enum:"declared,confirmed,rejected,withdrawn"`
	MemberRef   string         `json:"member_ref,omitempty"`
	DeclaredAt  time.Time      `json:"declared_at"`
	DecidedAt   time.Time      `json:"decided_at,omitzero"`
	Note        string         `json:"note,omitempty"`
	Candidates  []apiCandidate `json:"candidates,omitempty" doc:"Staff only."`
}

func linkOut(l partner.Link) apiPartnerLink {
	out := apiPartnerLink{ID: l.ID, OrgID: l.OrgID, Partner: l.PartnerCode, DeclaredRef: l.DeclaredRef, State: string(l.State),
		MemberRef: l.MemberRef, DeclaredAt: l.DeclaredAt.UTC(), DecidedAt: utc(l.DecidedAt), Note: l.Note}
	for _, c := range l.Candidates {
		ac := apiCandidate{MemberRef: c.MemberRef, Score: c.Score, Reasons: []apiReason{}, LegalName: c.Member.LegalName,
			Country: c.Member.Country, Status: c.Member.Status}
		for _, r := range c.Reasons {
			ac.Reasons = append(ac.Reasons, apiReason(r))
		}
		out.Candidates = append(out.Candidates, ac)
	}
	return out
}

type declareLinkIn struct {
	OrgID string `path:"orgID" maxLength:"64" doc:"The organization's ID."`
	Body  struct {
		Partner   string `json:"partner" maxLength:"20" doc:"The partner program's code, e.g. CTPAT."`
		MemberRef string `json:"member_ref" maxLength:"60" doc:"Your member number in that program."`
	}
}

type orgLinkPath struct {
	OrgID string `path:"orgID" maxLength:"64" doc:"The organization's ID."`
	ID    string `path:"id" maxLength:"64" doc:"The link's ID."`
}

type apiConsent struct {
	Partner   string    `json:"partner"`
	Name      string    `json:"name"`
	Sharing   bool      `json:"sharing" doc:"The program-level arrangement to share is in force."`
	Granted   bool      `json:"granted"`
	ChangedAt time.Time `json:"changed_at,omitzero"`
}

type setConsentIn struct {
	OrgID string `path:"orgID" maxLength:"64" doc:"The organization's ID."`
	Code  string `path:"code" maxLength:"20" doc:"The partner program's code."`
	Body  struct {
		Granted bool `json:"granted"`
	}
}

type matchQueueIn struct {
	Offset int `query:"offset" minimum:"0" maximum:"1000000" default:"0"`
	Limit  int `query:"limit" minimum:"1" maximum:"200" default:"50"`
}

type apiQueueItem struct {
	Link      apiPartnerLink `json:"link"`
	OrgName   string         `json:"org_name"`
	BestScore int            `json:"best_score"`
}

type matchQueueOut struct {
	Items []apiQueueItem `json:"items" nullable:"false"`
	Total int            `json:"total"`
}

type linkPath struct {
	ID string `path:"id" maxLength:"64" doc:"The link's ID."`
}

type confirmLinkIn struct {
	ID   string `path:"id" maxLength:"64" doc:"The link's ID."`
	Body struct {
		MemberRef string `json:"member_ref" maxLength:"60" doc:"The partner member record to link."`
	}
}

type rejectLinkIn struct {
	ID   string `path:"id" maxLength:"64" doc:"The link's ID."`
	Body struct {
		Note string `json:"note" maxLength:"1000" doc:"Why the declaration is rejected."`
	}
}

func (h *handler) listPartnerLinks(ctx context.Context, in *orgPath) (*bodyOut[list[apiPartnerLink]], error) {
	ls, err := h.office.PartnerLinks(ctx, actorOf(ctx), in.OrgID)
	if err != nil {
		return nil, err
	}
	out := list[apiPartnerLink]{Items: []apiPartnerLink{}}
	for _, l := range ls {
		out.Items = append(out.Items, linkOut(l))
	}
	return &bodyOut[list[apiPartnerLink]]{Body: out}, nil
}

func (h *handler) declarePartnerLink(ctx context.Context, in *declareLinkIn) (*createdOut[apiPartnerLink], error) {
	l, err := h.office.DeclarePartnerLink(ctx, actorOf(ctx), in.OrgID, in.Body.Partner, in.Body.MemberRef)
	if err != nil {
		return nil, err
	}
	if a := actorOf(ctx); !a.IsStaff() {
		l.Candidates = nil
	}
	return &createdOut[apiPartnerLink]{Location: prefix + "/organizations/" + url.PathEscape(in.OrgID) + "/partner-links/" + url.PathEscape(l.ID),
		Body: linkOut(l)}, nil
}

func (h *handler) withdrawPartnerLink(ctx context.Context, in *orgLinkPath) (*struct{}, error) {
	return nil, h.office.WithdrawPartnerLink(ctx, actorOf(ctx), in.OrgID, in.ID)
}

func (h *handler) listPartnerConsents(ctx context.Context, in *orgPath) (*bodyOut[list[apiConsent]], error) {
	cs, err := h.office.PartnerConsents(ctx, actorOf(ctx), in.OrgID)
	if err != nil {
		return nil, err
	}
	out := list[apiConsent]{Items: []apiConsent{}}
	for _, c := range cs {
		out.Items = append(out.Items, apiConsent{Partner: c.Program.Code, Name: c.Program.Name.EN, Sharing: c.Program.Sharing,
			Granted: c.Consent.Granted, ChangedAt: utc(c.Consent.ChangedAt)})
	}
	return &bodyOut[list[apiConsent]]{Body: out}, nil
}

func (h *handler) setPartnerConsent(ctx context.Context, in *setConsentIn) (*struct{}, error) {
	return nil, h.office.SetPartnerConsent(ctx, actorOf(ctx), in.OrgID, in.Code, in.Body.Granted)
}

func (h *handler) partnerMatchQueue(ctx context.Context, in *matchQueueIn) (*bodyOut[matchQueueOut], error) {
	q, err := h.office.PartnerMatchQueue(ctx, actorOf(ctx), in.Limit, in.Offset)
	if err != nil {
		return nil, err
	}
	out := matchQueueOut{Items: []apiQueueItem{}, Total: q.Total}
	for _, it := range q.Items {
		out.Items = append(out.Items, apiQueueItem{Link: linkOut(it.Link), OrgName: it.OrgName, BestScore: it.BestScore})
	}
	return &bodyOut[matchQueueOut]{Body: out}, nil
}

func (h *handler) getPartnerLink(ctx context.Context, in *linkPath) (*bodyOut[apiPartnerLink], error) {
	v, err := h.office.PartnerLinkForOfficer(ctx, actorOf(ctx), in.ID)
	if err != nil {
		return nil, err
	}
	return &bodyOut[apiPartnerLink]{Body: linkOut(v.Link)}, nil
}

func (h *handler) confirmPartnerLink(ctx context.Context, in *confirmLinkIn) (*struct{}, error) {
	return nil, h.office.ConfirmPartnerLink(ctx, actorOf(ctx), in.ID, in.Body.MemberRef)
}

func (h *handler) rejectPartnerLink(ctx context.Context, in *rejectLinkIn) (*struct{}, error) {
	return nil, h.office.RejectPartnerLink(ctx, actorOf(ctx), in.ID, in.Body.Note)
}
