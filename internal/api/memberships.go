package api

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"trustlane/internal/errs"
	"trustlane/internal/office"
	"trustlane/internal/program"
)

// A company's memberships, born of approved applications: the memorandum
// the account owner signs, the yearly confirmation, withdrawal, and the
// appeal of a decision.

const membersPath = "/organizations/{orgID}/memberships"

func (h *handler) registerMemberships() {
	huma.Register(h.api, h.operation("listMemberships", http.MethodGet, membersPath, "memberships",
		"List memberships", "The organization's memberships, one per approved sector, oldest first."), h.listMemberships)
	huma.Register(h.api, h.operation("getMembership", http.MethodGet, membersPath+"/{id}", "memberships",
		"Get a membership",
		"A membership: number, state, the signed memorandum, its obligations and their due dates, action "+
			"plans, decisions (reason labels in the language Accept-Language asks for), appeals and history."),
		h.getMembership)
	huma.Register(h.api, h.operation("getMOU", http.MethodGet, "/mou", "memberships",
		"Get the memorandum of understanding",
		"The text of the program's memorandum of understanding in the current version, in English or "+
			"French, with its SHA-256: signMOU takes that hash, so a text changed since it was read cannot be "+
			"signed by mistake. Any token."), h.getMOU)
	huma.Register(h.api, h.noContent(h.operation("signMOU", http.MethodPost, membersPath+"/{id}/mou", "memberships",
		"Sign the memorandum",
		"The account owner's signature of the memorandum, which makes an approved membership active. Only a "+
			"person with a second factor can sign: the token must be the account owner's own (cases:write), the "+
			"owner must have two-step verification on (409 otherwise), and the request carries the owner's "+
			"current code from their authenticator app (or an unused recovery code), typed at the moment of "+
			"signing. A code already used, or wrong, is an error at body.code: a token alone never signs. "+
			"text_sha256 is the hash getMOU gave for the text read in lang (409 if the memorandum changed); "+
			"the signature records the version, language, hash, the signer's name and title and the time.")), h.signMOU)
	huma.Register(h.api, h.noContent(h.operation("confirmAnnual", http.MethodPost, membersPath+"/{id}/confirmation", "memberships",
		"Confirm the yearly information",
		"The company confirms that its information is current; the next confirmation falls due a year later. "+
			"Active or suspended memberships only (409).")), h.confirmAnnual)
	huma.Register(h.api, h.noContent(h.operation("withdrawMembership", http.MethodPost, membersPath+"/{id}/withdraw", "memberships",
		"Withdraw from the program",
		"Ends the membership at the company's request (account owner only). Final: to take part again the "+
			"company applies anew.")), h.withdrawMembership)
	op := h.operation("fileAppeal", http.MethodPost, "/organizations/{orgID}/decisions/{decisionID}/appeal", "memberships",
		"Appeal a decision",
		"Asks a reviewer who did not take the decision to look at it again, within the policy's window "+
			"(appeal_deadline of the decision; after it: 409). For a denial notice this is the informal review, "+
			"which stops the denial from taking effect until it is decided; for a suspension or a cancellation, "+
			"the appeal. Other decisions cannot be appealed (409); a decision is appealed once (409). Account "+
			"owner or proxy owner.")
	op.DefaultStatus = http.StatusCreated
	huma.Register(h.api, op, h.fileAppeal)
	h.registerLetter()
}

// membershipSummary is a membership as lists show it.
type membershipSummary struct {
	ID                string      `json:"id"`
	OrgID             string      `json:"org_id"`
	Sector            sector      `json:"sector"`
	Number            string      `json:"number" doc:"The membership number, with its check character."`
	State             memberState `json:"state"`
	ApplicationID     string      `json:"application_id"`
	ApprovedAt        time.Time   `json:"approved_at"`
	MOUDueAt          time.Time   `json:"mou_due_at,omitzero" doc:"While pending_mou: when the memorandum must be signed."`
	ActivatedAt       time.Time   `json:"activated_at,omitzero"`
	AnnualDueAt       time.Time   `json:"annual_due_at,omitzero" doc:"When the next yearly confirmation is due."`
	RevalidationDueAt time.Time   `json:"revalidation_due_at,omitzero" doc:"When the four-year revalidation falls due."`
	RemedyDueAt       time.Time   `json:"remedy_due_at,omitzero" doc:"While suspended: when what caused it must be corrected."`
	EndedAt           time.Time   `json:"ended_at,omitzero"`
	UpdatedAt         time.Time   `json:"updated_at"`
}

func memberSummaryOut(m program.Membership) membershipSummary {
	out := membershipSummary{ID: m.ID, OrgID: m.OrgID, Sector: sector(m.Sector), Number: m.Number, State: memberState(m.State),
		ApplicationID: m.ApplicationID, ApprovedAt: utc(m.ApprovedAt), ActivatedAt: utc(m.ActivatedAt),
		AnnualDueAt: utc(m.AnnualDueAt), RevalidationDueAt: utc(m.RevalidationDueAt), RemedyDueAt: utc(m.RemedyDueAt),
		EndedAt: utc(m.EndedAt), UpdatedAt: utc(m.UpdatedAt)}
	if m.State == program.MemberPendingMOU {
		out.MOUDueAt = utc(m.MOUDueAt)
	}
	return out
}

// membership is a membership with what happened to it.
type membership struct {
	ID                string          `json:"id"`
	OrgID             string          `json:"org_id"`
	Sector            sector          `json:"sector"`
	Number            string          `json:"number" doc:"The membership number, with its check character."`
	State             memberState     `json:"state"`
	ApplicationID     string          `json:"application_id"`
	ApprovedAt        time.Time       `json:"approved_at"`
	MOUDueAt          time.Time       `json:"mou_due_at,omitzero" doc:"While pending_mou: when the memorandum must be signed."`
	ActivatedAt       time.Time       `json:"activated_at,omitzero"`
	AnnualDueAt       time.Time       `json:"annual_due_at,omitzero" doc:"When the next yearly confirmation is due."`
	RevalidationDueAt time.Time       `json:"revalidation_due_at,omitzero" doc:"When the four-year revalidation falls due."`
	RemedyDueAt       time.Time       `json:"remedy_due_at,omitzero" doc:"While suspended: when what caused it must be corrected."`
	EndedAt           time.Time       `json:"ended_at,omitzero"`
	UpdatedAt         time.Time       `json:"updated_at"`
	MOU               *mouSignature   `json:"mou,omitempty" doc:"The signature of the memorandum; absent until signed."`
	ActionPlans       []actionPlan    `json:"action_plans" nullable:"false"`
	Decisions         []decision      `json:"decisions" nullable:"false" doc:"Oldest first."`
	Appeals           []appeal        `json:"appeals" nullable:"false"`
	Timeline          []timelineEvent `json:"timeline" nullable:"false" doc:"The membership's history from the audit trail, oldest first."`
}

// mouSignature records who signed which text, as what and when.
type mouSignature struct {
	Version    string    `json:"version"`
	Lang       string    `json:"lang" enum:"en,fr"`
	TextSHA256 string    `json:"text_sha256"`
	SignerName string    `json:"signer_name"`
	Title      string    `json:"title"`
	SignedAt   time.Time `json:"signed_at"`
}

func (h *handler) membershipOut(v *office.MembershipView, lang string) membership {
	m := v.Membership
	s := memberSummaryOut(m)
	out := membership{ID: s.ID, OrgID: s.OrgID, Sector: s.Sector, Number: s.Number, State: s.State,
		ApplicationID: s.ApplicationID, ApprovedAt: s.ApprovedAt, MOUDueAt: s.MOUDueAt, ActivatedAt: s.ActivatedAt,
		AnnualDueAt: s.AnnualDueAt, RevalidationDueAt: s.RevalidationDueAt, RemedyDueAt: s.RemedyDueAt, EndedAt: s.EndedAt,
		UpdatedAt: s.UpdatedAt, ActionPlans: plansOut(v.Plans), Decisions: h.decisionsOut(v.Decisions, lang),
		Appeals: appealsOut(v.Appeals), Timeline: h.timelineOut(v.Timeline, v.Names, h.i18n.For(lang))}
	if sig := m.MOU; !sig.SignedAt.IsZero() {
		out.MOU = &mouSignature{Version: sig.Version, Lang: sig.Lang, TextSHA256: sig.TextSHA256, SignerName: sig.SignerName,
			Title: sig.Title, SignedAt: utc(sig.SignedAt)}
	}
	return out
}

func (h *handler) listMemberships(ctx context.Context, in *orgPath) (*bodyOut[list[membershipSummary]], error) {
	_, ms, err := h.office.CompanyCases(ctx, actorOf(ctx), in.OrgID)
	if err != nil {
		return nil, err
	}
	out := list[membershipSummary]{Items: make([]membershipSummary, 0, len(ms))}
	for _, m := range ms {
		out.Items = append(out.Items, memberSummaryOut(m))
	}
	return &bodyOut[list[membershipSummary]]{Body: out}, nil
}

type memberViewIn struct {
	OrgID string `path:"orgID" maxLength:"64" doc:"The organization's ID."`
	ID    string `path:"id" maxLength:"64" doc:"The membership's ID."`
	Lang  string `header:"Accept-Language" maxLength:"200" doc:"The language of labels: en or fr."`
}

func (h *handler) getMembership(ctx context.Context, in *memberViewIn) (*bodyOut[membership], error) {
	v, err := h.office.Membership(ctx, actorOf(ctx), in.OrgID, in.ID)
	if err != nil {
		return nil, err
	}
	if err := sameOrg(in.OrgID, v.Membership.OrgID); err != nil {
		return nil, err
	}
	return &bodyOut[membership]{Body: h.membershipOut(v, langOf(in.Lang))}, nil
}

type mouIn struct {
	Lang string `query:"lang" enum:"en,fr" default:"en" doc:"The language of the text."`
}

// mou is the memorandum's text.
type mou struct {
	Version string `json:"version"`
	Lang    string `json:"lang" enum:"en,fr"`
	Text    string `json:"text" doc:"Markdown."`
	SHA256  string `json:"sha256" doc:"Hex SHA-256 of text exactly as given: signMOU's text_sha256."`
}

func (h *handler) getMOU(_ context.Context, in *mouIn) (*bodyOut[mou], error) {
	version, text, sum, err := h.office.MOUText(in.Lang)
	if err != nil {
		return nil, errs.Wrap(errs.Internal, err, "", "memorandum text")
	}
	return &bodyOut[mou]{Body: mou{Version: version, Lang: in.Lang, Text: text, SHA256: sum}}, nil
}

// mouSigning is the account owner's signature.
type mouSigning struct {
	Lang       string `json:"lang" enum:"en,fr" doc:"The language of the text read and signed."`
	Title      string `json:"title" maxLength:"200" doc:"The signer's title, which shows their authority to sign for the company."`
	TextSHA256 string `json:"text_sha256" maxLength:"64" doc:"The sha256 getMOU gave for the text in lang."`
	Code       string `json:"code" maxLength:"32" doc:"The account owner's current six-digit code from their authenticator app, or an unused recovery code."`
}

type signIn struct {
	OrgID string `path:"orgID" maxLength:"64" doc:"The organization's ID."`
	ID    string `path:"id" maxLength:"64" doc:"The membership's ID."`
	Body  mouSigning
}

func (h *handler) signMOU(ctx context.Context, in *signIn) (*struct{}, error) {
	b := in.Body
	return nil, h.office.SignMOU(ctx, actorOf(ctx), in.OrgID, in.ID, b.Lang, b.Title, b.TextSHA256, b.Code)
}

type membershipPath struct {
	OrgID string `path:"orgID" maxLength:"64" doc:"The organization's ID."`
	ID    string `path:"id" maxLength:"64" doc:"The membership's ID."`
}

func (h *handler) confirmAnnual(ctx context.Context, in *membershipPath) (*struct{}, error) {
	return nil, h.office.ConfirmAnnual(ctx, actorOf(ctx), in.OrgID, in.ID)
}

func (h *handler) withdrawMembership(ctx context.Context, in *membershipPath) (*struct{}, error) {
	return nil, h.office.WithdrawMembership(ctx, actorOf(ctx), in.OrgID, in.ID)
}

// appealGrounds says why a decision should change.
type appealGrounds struct {
	Grounds string `json:"grounds" maxLength:"8000" doc:"At least 20 characters."`
}

type fileAppealIn struct {
	OrgID      string `path:"orgID" maxLength:"64" doc:"The organization's ID."`
	DecisionID string `path:"decisionID" maxLength:"64" doc:"The decision's ID."`
	Body       appealGrounds
}

func (h *handler) fileAppeal(ctx context.Context, in *fileAppealIn) (*bodyOut[appeal], error) {
	ap, err := h.office.FileAppeal(ctx, actorOf(ctx), in.OrgID, in.DecisionID, in.Body.Grounds)
	if err != nil {
		return nil, err
	}
	return &bodyOut[appeal]{Body: appealOut(ap)}, nil
}
