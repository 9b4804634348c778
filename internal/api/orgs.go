package api

import (
	"context"
	"encoding/json"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"trustlane/internal/program"
	"trustlane/internal/store"
)

func (h *handler) registerOrgs() {
	huma.Register(h.api, h.operation("getMe", http.MethodGet, "/me", "me",
		"Who the token acts for",
		"The person the token acts for, the token's scopes and, for a company token, its organization."), h.getMe)
	huma.Register(h.api, h.operation("listOrganizations", http.MethodGet, "/organizations", "organizations",
		"List organizations",
		"A company token lists its organization, with the caller's role. A staff token searches every "+
			"organization: q matches names, city and identifiers; sector filters; sort, offset and limit page "+
			"the results, and total counts every match. Company tokens ignore the search parameters."), h.listOrganizations)
	huma.Register(h.api, h.operation("getOrganization", http.MethodGet, "/organizations/{orgID}", "organizations",
		"Get an organization", "An organization's details, with the caller's role in it."), h.getOrganization)
	huma.Register(h.api, h.operation("updateOrganization", http.MethodPut, "/organizations/{orgID}", "organizations",
		"Replace an organization's details",
		"Replaces every detail at once: omitted optional fields are cleared. Identifiers are checked "+
			"(check digits included) against what the sectors require: importers and exporters need their RM "+
			"program account, carriers their CBSA carrier code."), h.updateOrganization)
	huma.Register(h.api, h.operation("listOrgEvents", http.MethodGet, "/organizations/{orgID}/events", "organizations",
		"List an organization's audit trail",
		"Events newest first. Each holds the hash of the one before it, so the chain proves nothing was "+
			"altered. Pass next_before as before for the next page."), h.listOrgEvents)
}

func (h *handler) getMe(ctx context.Context, _ *struct{}) (*bodyOut[me], error) {
	a := actorOf(ctx)
	return &bodyOut[me]{Body: me{UserID: a.UserID, Name: a.Name, Email: a.Email, StaffRole: role(a.Staff),
		TokenID: a.TokenID, OrgID: a.OrgID, Scopes: conv[scope](a.Scopes)}}, nil
}

type orgSearchIn struct {
	Q      string `query:"q" maxLength:"200" doc:"Words to find in names, city and identifiers (staff)."`
	Sector sector `query:"sector" doc:"Only organizations in this sector (staff)."`
	Sort   string `query:"sort" enum:"name,newest" default:"name" doc:"Order (staff)."`
	Offset int    `query:"offset" minimum:"0" maximum:"1000000" default:"0" doc:"Matches to skip (staff)."`
	Limit  int    `query:"limit" minimum:"1" maximum:"200" default:"50" doc:"Matches to return (staff)."`
}

// orgPage is a page of organizations.
type orgPage struct {
	Items  []organization `json:"items"`
	Total  int            `json:"total" doc:"How many organizations match in all."`
	Offset int            `json:"offset"`
	Limit  int            `json:"limit"`
}

func (h *handler) listOrganizations(ctx context.Context, in *orgSearchIn) (*bodyOut[orgPage], error) {
	a := actorOf(ctx)
	out := orgPage{Items: []organization{}, Offset: in.Offset, Limit: in.Limit}
	if a.IsStaff() {
		page, err := h.office.SearchOrgs(ctx, a, store.OrgQuery{Text: in.Q, Sector: program.Sector(in.Sector),
			Sort: in.Sort, Offset: in.Offset, Limit: in.Limit})
		if err != nil {
			return nil, err
		}
		for _, o := range page.Orgs {
			out.Items = append(out.Items, orgOut(o, ""))
		}
		out.Total = page.Total
		return &bodyOut[orgPage]{Body: out}, nil
	}
	mine, err := h.office.MyOrgs(ctx, a)
	if err != nil {
		return nil, err
	}
	for _, m := range mine {
		out.Items = append(out.Items, orgOut(m.Org, m.Role))
	}
	out.Offset, out.Total = 0, len(out.Items)
	return &bodyOut[orgPage]{Body: out}, nil
}

func (h *handler) getOrganization(ctx context.Context, in *orgPath) (*bodyOut[organization], error) {
	org, r, err := h.office.Org(ctx, actorOf(ctx), in.OrgID)
	if err != nil {
		return nil, err
	}
	return &bodyOut[organization]{Body: orgOut(org, r)}, nil
}

type updateOrgIn struct {
	OrgID string `path:"orgID" maxLength:"64" doc:"The organization's ID."`
	Body  organizationInput
}

func (h *handler) updateOrganization(ctx context.Context, in *updateOrgIn) (*bodyOut[organization], error) {
	org, err := h.office.UpdateOrg(ctx, actorOf(ctx), in.OrgID, in.Body.domain())
	if err != nil {
		return nil, err
	}
	return &bodyOut[organization]{Body: orgOut(org, "")}, nil
}

// auditEvent is one link of an organization's audit chain.
type auditEvent struct {
	ID          int64           `json:"id"`
	Seq         int64           `json:"seq" doc:"Its place in the organization's chain, from 1."`
	At          time.Time       `json:"at"`
	ActorID     string          `json:"actor_id"`
	Actor       string          `json:"actor" doc:"Who acted, as recorded (e-mail, and the token if one was used)."`
	SubjectType string          `json:"subject_type"`
	SubjectID   string          `json:"subject_id"`
	Action      string          `json:"action" doc:"What happened, e.g. organization.updated."`
	Data        json.RawMessage `json:"data" doc:"The facts recorded with the event."`
	PrevHash    string          `json:"prev_hash"`
	Hash        string          `json:"hash"`
}

type eventsIn struct {
	OrgID  string `path:"orgID" maxLength:"64" doc:"The organization's ID."`
	Before int64  `query:"before" minimum:"0" doc:"Only events older than this event ID (0: the newest)."`
	Limit  int    `query:"limit" minimum:"1" maximum:"200" default:"50"`
}

type eventPage struct {
	Items      []auditEvent `json:"items"`
	NextBefore int64        `json:"next_before,omitempty" doc:"Pass as before for the next page; absent on the last."`
}

func (h *handler) listOrgEvents(ctx context.Context, in *eventsIn) (*bodyOut[eventPage], error) {
	evs, err := h.office.OrgEvents(ctx, actorOf(ctx), in.OrgID, in.Before, in.Limit)
	if err != nil {
		return nil, err
	}
	out := eventPage{Items: make([]auditEvent, 0, len(evs))}
	for _, e := range evs {
		if e.Data == "" {
			e.Data = "{}" // an empty raw message would not marshal
		}
		out.Items = append(out.Items, auditEvent{ID: e.ID, Seq: e.Seq, At: e.At.UTC(), ActorID: e.ActorID,
			Actor: e.ActorLabel, SubjectType: e.SubjectType, SubjectID: e.SubjectID, Action: e.Action,
			Data: json.RawMessage(e.Data), PrevHash: e.PrevHash, Hash: e.Hash})
	}
	if len(evs) == in.Limit {
		out.NextBefore = evs[len(evs)-1].ID
	}
	return &bodyOut[eventPage]{Body: out}, nil
}
