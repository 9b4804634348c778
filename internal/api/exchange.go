package api

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"trustlane/internal/errs"
	"trustlane/internal/office"
)

// registerExchange adds the status exchange for partner administrations:
// tokens bound to one partner program (exchange:read) read the standing of
// members who consented to share with that program. Every read is audited.
func (h *handler) registerExchange() {
	const doc = " Only members who consent to share with the token's partner program, while the program-level " +
		"arrangement is in force, are visible; any other answers 404, the same as an unknown member. Every call is audited."
	huma.Register(h.api, h.operation("getExchangeMemberByNumber", http.MethodGet, "/exchange/members/{number}", "exchange",
		"Get a member's standing by membership number", "Our membership number, e.g. PIP-0001234-5."+doc), h.exchangeByNumber)
	huma.Register(h.api, h.operation("findExchangeMember", http.MethodGet, "/exchange/members", "exchange",
		"Find a member's standing by identifier",
		"kind is partner_ref (your own member number, through a link our officers confirmed), member_number, "+
			"or an identifier type (scac, us_ein, eori, mid, bn9…)."+doc), h.exchangeFind)
	huma.Register(h.api, h.operation("listExchangeChanges", http.MethodGet, "/exchange/changes", "exchange",
		"List standings changed since a time",
		"Consenting members whose standing changed, or whose consent was given, after since; oldest first. "+
			"Pass next_since as the following since. A member whose consent is withdrawn drops out at once."+doc), h.exchangeChanges)
}

// exchangeStanding is what a partner learns of one member.
type exchangeStanding struct {
	Standing    string               `json:"standing" enum:"active,suspended,cancelled,none"`
	Since       time.Time            `json:"since,omitzero"`
	PartnerRef  string               `json:"partner_ref,omitempty" doc:"Your member number, when our officers confirmed the link."`
	Memberships []exchangeMembership `json:"memberships" nullable:"false"`
	ChangedAt   time.Time            `json:"changed_at,omitzero"`
}

type exchangeMembership struct {
	Number   string    `json:"number"`
	Sector   string    `json:"sector"`
	Standing string    `json:"standing" enum:"active,suspended,cancelled,none"`
	Since    time.Time `json:"since,omitzero"`
}

type exchangeChanges struct {
	Items     []exchangeStanding `json:"items" nullable:"false"`
	NextSince time.Time          `json:"next_since" doc:"The since of the next page."`
}

type exchangeNumberIn struct {
	Number string `path:"number" maxLength:"40" doc:"Our membership number."`
}

type exchangeFindIn struct {
	Kind  string `query:"kind" required:"true" maxLength:"20" doc:"partner_ref, member_number or an identifier type."`
	Value string `query:"value" required:"true" maxLength:"60"`
}

type exchangeChangesIn struct {
	Since string `query:"since" required:"true" maxLength:"40" doc:"RFC 3339 time."`
	Limit int    `query:"limit" minimum:"1" maximum:"500" default:"100"`
}

func standingOut(r office.StandingRecord) exchangeStanding {
	out := exchangeStanding{Standing: string(r.Standing), Since: utc(r.Since), PartnerRef: r.PartnerRef, ChangedAt: utc(r.ChangedAt),
		Memberships: []exchangeMembership{}}
	for _, m := range r.Memberships {
		out.Memberships = append(out.Memberships, exchangeMembership{Number: m.Number, Sector: m.Sector, Standing: string(m.Standing), Since: utc(m.Since)})
	}
	return out
}

func (h *handler) exchangeByNumber(ctx context.Context, in *exchangeNumberIn) (*bodyOut[exchangeStanding], error) {
	return h.exchangeLookup(ctx, office.ByMemberNumber, in.Number)
}

func (h *handler) exchangeFind(ctx context.Context, in *exchangeFindIn) (*bodyOut[exchangeStanding], error) {
	return h.exchangeLookup(ctx, in.Kind, in.Value)
}

func (h *handler) exchangeLookup(ctx context.Context, by, value string) (*bodyOut[exchangeStanding], error) {
	r, err := h.office.ExchangeStanding(ctx, actorOf(ctx), by, value)
	if err != nil {
		return nil, err
	}
	return &bodyOut[exchangeStanding]{Body: standingOut(r)}, nil
}

func (h *handler) exchangeChanges(ctx context.Context, in *exchangeChangesIn) (*bodyOut[exchangeChanges], error) {
	since, err := time.Parse(time.RFC3339Nano, in.Since)
	if err != nil {
		return nil, errs.Fields(errs.F("since", "error.exchange.since", "give the time as RFC 3339, e.g. 2026-03-01T00:00:00Z"))
	}
	p, err := h.office.ExchangeChanges(ctx, actorOf(ctx), since, in.Limit)
	if err != nil {
		return nil, err
	}
	out := exchangeChanges{Items: []exchangeStanding{}, NextSince: p.Next.UTC()}
	for _, r := range p.Items {
		out.Items = append(out.Items, standingOut(r))
	}
	return &bodyOut[exchangeChanges]{Body: out}, nil
}
