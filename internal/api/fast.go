package api

import (
	"context"
	"fmt"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"trustlane/internal/errs"
	"trustlane/internal/fast"
	"trustlane/internal/office"
	"trustlane/internal/store"
)

// maxFastImport bounds an import file: about 500,000 rows of a card list.
const maxFastImport = 64 << 20

func (h *handler) registerFast() {
	const cards, card = "/fast/cards", "/fast/cards/{number}"
	huma.Register(h.api, h.operation("listFastCards", http.MethodGet, cards, "fast",
		"List FAST cards", "Cards in number order, searched by a number prefix or part of the holder's name, a page at a time."),
		h.listFastCards)
	huma.Register(h.api, h.operation("getFastCard", http.MethodGet, card, "fast",
		"Get a FAST card", "One card by its number."), h.getFastCard)
	huma.Register(h.api, h.operation("putFastCard", http.MethodPut, card, "fast",
		"Add or change a FAST card", "Records the card with this number, or replaces its details. A revocation stays."),
		h.putFastCard)
	huma.Register(h.api, h.operation("revokeFastCard", http.MethodPost, card+"/revoke", "fast",
		"Revoke a FAST card", "Ends the card with a reason. A revocation is final."), h.revokeFastCard)
	imp := h.operation("importFastCards", http.MethodPost, "/fast/cards/import", "fast",
		"Import FAST cards", "A CSV file (columns number, holder, kind, south_only, valid_until, revoked_at, revoked_reason) "+
			"applied whole or not at all: when a row is wrong nothing is imported and the problem lists every wrong row. "+
			"Importing the same file twice changes nothing.")
	imp.MaxBodyBytes = maxFastImport
	huma.Register(h.api, imp, h.importFastCards)

	const approval = "/organizations/{orgID}/fast"
	huma.Register(h.api, h.operation("getFastApproval", http.MethodGet, approval, "fast",
		"Get an organization's FAST approvals", "Into Canada (granted by the program) and into the US (from partner data)."),
		h.getFastApproval)
	huma.Register(h.api, h.operation("putFastApproval", http.MethodPut, approval+"/into_ca", "fast",
		"Grant FAST approval into Canada", "Needs an active membership as an importer or a highway carrier."), h.putFastApproval)
	huma.Register(h.api, h.operation("deleteFastApproval", http.MethodDelete, approval+"/into_ca", "fast",
		"Revoke FAST approval into Canada", "The approval's dates are kept."), h.deleteFastApproval)
}

// fastCard is a driver's card as the API shows it.
type fastCard struct {
	Number        string    `json:"number" doc:"8 to 12 digits."`
	Holder        string    `json:"holder"`
	Kind          string    `json:"kind" enum:"fast,cdrp" doc:"CDRP cards are valid only into Canada."`
	SouthOnly     bool      `json:"south_only" doc:"FAST South: southern border only."`
	ValidUntil    time.Time `json:"valid_until"`
	RevokedAt     time.Time `json:"revoked_at,omitzero"`
	RevokedReason string    `json:"revoked_reason,omitempty"`
	UpdatedAt     time.Time `json:"updated_at"`
}

func fastCardOut(c fast.Card) fastCard {
	return fastCard{Number: c.Number, Holder: c.Holder, Kind: string(c.Kind), SouthOnly: c.SouthOnly, ValidUntil: c.ValidUntil.UTC(),
		RevokedAt: utc(c.RevokedAt), RevokedReason: c.RevokedReason, UpdatedAt: c.UpdatedAt.UTC()}
}

type fastCardPage struct {
	Items []fastCard `json:"items" nullable:"false"`
	Total int        `json:"total" doc:"How many cards match."`
}

type listFastCardsIn struct {
	Q      string `query:"q" maxLength:"200" doc:"A number prefix or part of the holder's name."`
	Offset int    `query:"offset" minimum:"0" maximum:"10000000"`
	Limit  int    `query:"limit" minimum:"0" maximum:"200" doc:"At most 200; 50 when absent."`
}

type fastCardPath struct {
	Number string `path:"number" maxLength:"20" doc:"The card number."`
}

type fastCardInput struct {
	Holder     string    `json:"holder" maxLength:"200"`
	Kind       string    `json:"kind" enum:"fast,cdrp"`
	SouthOnly  bool      `json:"south_only,omitempty"`
	ValidUntil time.Time `json:"valid_until" doc:"At most five years ahead."`
}

type putFastCardIn struct {
	Number string `path:"number" maxLength:"20" doc:"The card number."`
	Body   fastCardInput
}

type revokeFastCardIn struct {
	Number string `path:"number" maxLength:"20" doc:"The card number."`
	Body   struct {
		Reason string `json:"reason" maxLength:"500"`
	}
}

func (h *handler) listFastCards(ctx context.Context, in *listFastCardsIn) (*bodyOut[fastCardPage], error) {
	page, err := h.office.FastCards(ctx, actorOf(ctx), store.FastCardQuery{Text: in.Q, Offset: in.Offset, Limit: in.Limit})
	if err != nil {
		return nil, err
	}
	out := fastCardPage{Items: make([]fastCard, 0, len(page.Cards)), Total: page.Total}
	for _, c := range page.Cards {
		out.Items = append(out.Items, fastCardOut(c))
	}
	return &bodyOut[fastCardPage]{Body: out}, nil
}

func (h *handler) getFastCard(ctx context.Context, in *fastCardPath) (*bodyOut[fastCard], error) {
	c, err := h.office.FastCard(ctx, actorOf(ctx), in.Number)
	if err != nil {
		return nil, err
	}
	return &bodyOut[fastCard]{Body: fastCardOut(c)}, nil
}

func (h *handler) putFastCard(ctx context.Context, in *putFastCardIn) (*bodyOut[fastCard], error) {
	a, b := actorOf(ctx), in.Body
	ci := fast.CardInput{Number: in.Number, Holder: b.Holder, Kind: b.Kind, SouthOnly: b.SouthOnly, ValidUntil: b.ValidUntil}
	_, err := h.office.FastCard(ctx, a, in.Number)
	create := errs.Is(err, errs.NotFound)
	if err != nil && !create {
		return nil, err
	}
	c, err := h.office.SaveFastCard(ctx, a, ci, create)
	if err != nil {
		return nil, relocate(err, func(f errs.FieldError) string {
			if f.Field == "number" {
				return "path.number"
			}
			return "body." + f.Field
		})
	}
	return &bodyOut[fastCard]{Body: fastCardOut(c)}, nil
}

func (h *handler) revokeFastCard(ctx context.Context, in *revokeFastCardIn) (*bodyOut[fastCard], error) {
	c, err := h.office.RevokeFastCard(ctx, actorOf(ctx), in.Number, in.Body.Reason)
	if err != nil {
		return nil, relocate(err, func(f errs.FieldError) string { return "body." + f.Field })
	}
	return &bodyOut[fastCard]{Body: fastCardOut(c)}, nil
}

type importFastCardsIn struct {
	ContentType string `header:"Content-Type" maxLength:"200" hidden:"true"`
	Filename    string `query:"filename" maxLength:"200" doc:"The file's name, for the audit trail."`
	RawBody     []byte `contentType:"text/csv"`
}

var errNotCSV = statusError(http.StatusUnsupportedMediaType, errs.E(errs.Invalid, "error.fast.csv_type", "send the file with Content-Type text/csv"))

func (h *handler) importFastCards(ctx context.Context, in *importFastCardsIn) (*bodyOut[store.FastImport], error) {
	if mt, _, err := mime.ParseMediaType(in.ContentType); err != nil || mt != "text/csv" {
		return nil, errNotCSV
	}
	name := strings.TrimSpace(in.Filename)
	if name == "" {
		name = "import.csv"
	}
	rep, err := h.office.ImportFastCards(ctx, actorOf(ctx), name, strings.NewReader(string(in.RawBody)))
	if len(rep.Problems) > 0 {
		return nil, rowProblems(rep.Problems)
	}
	if err != nil {
		return nil, err
	}
	return &bodyOut[store.FastImport]{Body: rep.FastImport}, nil
}

// rowProblems names each wrong row as body.LINE.column.
func rowProblems(rows []fast.RowError) error {
	fe := make([]errs.FieldError, 0, len(rows))
	for _, r := range rows {
		fe = append(fe, errs.F(fmt.Sprintf("body.%d.%s", r.Line, r.Field), r.Key, r.Message))
	}
	e := errs.Fields(fe...)
	e.Key, e.Message = "error.fast.import_refused", "the file has problems; nothing was imported"
	return e
}

// fastApproval is an approval for one direction.
type fastApproval struct {
	Active    bool      `json:"active"`
	GrantedAt time.Time `json:"granted_at,omitzero"`
	GrantedBy string    `json:"granted_by,omitempty"`
	RevokedAt time.Time `json:"revoked_at,omitzero"`
}

type fastStanding struct {
	OrgID    string       `json:"org_id"`
	Eligible bool         `json:"eligible" doc:"Whether the organization holds an active importer or highway carrier membership."`
	IntoCA   fastApproval `json:"into_ca"`
	IntoUS   fastApproval `json:"into_us"`
}

func approvalOut(a fast.Approval) fastApproval {
	return fastApproval{Active: a.Active(), GrantedAt: utc(a.GrantedAt), GrantedBy: a.GrantedBy, RevokedAt: utc(a.RevokedAt)}
}

func fastStandingOut(s office.FastStanding) *bodyOut[fastStanding] {
	return &bodyOut[fastStanding]{Body: fastStanding{OrgID: s.OrgID, Eligible: s.Eligible, IntoCA: approvalOut(s.IntoCA), IntoUS: approvalOut(s.IntoUS)}}
}

func (h *handler) getFastApproval(ctx context.Context, in *orgPath) (*bodyOut[fastStanding], error) {
	s, err := h.office.FastStanding(ctx, actorOf(ctx), in.OrgID)
	if err != nil {
		return nil, err
	}
	return fastStandingOut(s), nil
}

func (h *handler) putFastApproval(ctx context.Context, in *orgPath) (*bodyOut[fastStanding], error) {
	s, err := h.office.GrantFastApproval(ctx, actorOf(ctx), in.OrgID)
	if err != nil {
		return nil, err
	}
	return fastStandingOut(s), nil
}

func (h *handler) deleteFastApproval(ctx context.Context, in *orgPath) (*struct{}, error) {
	_, err := h.office.RevokeFastApproval(ctx, actorOf(ctx), in.OrgID)
	return nil, err
}
