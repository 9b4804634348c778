package api

import (
	"context"
	"net/http"
	"net/url"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/office"
)

func (h *handler) registerStaff() {
	huma.Register(h.api, h.operation("listStaff", http.MethodGet, "/staff", "staff",
		"List staff", "The program office's people and their roles (staff)."), h.listStaff)
	huma.Register(h.api, h.operation("getStaffMember", http.MethodGet, "/staff/{userID}", "staff",
		"Get a staff member", "One person of the program office (staff)."), h.getStaffMember)
	huma.Register(h.api, h.operation("createStaff", http.MethodPost, "/staff", "staff",
		"Create a staff account",
		"Adds a person to the program office (administrators). They set up two-step verification at their "+
			"first sign-in; staff pages require it."), h.createStaff)
	huma.Register(h.api, h.operation("verifyAudit", http.MethodPost, "/audit/verify", "staff",
		"Verify the audit trail",
		"Walks every audit chain and recomputes every hash (administrators and managers). A fault names the "+
			"first event of a chain that does not match: altered, removed or out of order."), h.verifyAudit)
}

// staffMember is a person of the program office.
type staffMember struct {
	ID           string    `json:"id"`
	Name         string    `json:"name"`
	Email        string    `json:"email"`
	Role         role      `json:"role"`
	Lang         string    `json:"lang" enum:"en,fr"`
	TOTPEnabled  bool      `json:"totp_enabled" doc:"Whether two-step verification is set up."`
	CreatedAt    time.Time `json:"created_at"`
	LastSignInAt time.Time `json:"last_sign_in_at,omitzero"`
	DisabledAt   time.Time `json:"disabled_at,omitzero"`
}

func staffOut(u auth.User) staffMember {
	return staffMember{ID: u.ID, Name: u.Name, Email: u.Email, Role: role(u.Staff), Lang: u.Lang,
		TOTPEnabled: u.TOTPEnabled, CreatedAt: u.CreatedAt.UTC(), LastSignInAt: utc(u.LastSignIn), DisabledAt: utc(u.Disabled)}
}

func (h *handler) listStaff(ctx context.Context, _ *struct{}) (*bodyOut[list[staffMember]], error) {
	us, err := h.office.StaffUsers(ctx, actorOf(ctx))
	if err != nil {
		return nil, err
	}
	out := list[staffMember]{Items: make([]staffMember, 0, len(us))}
	for _, u := range us {
		out.Items = append(out.Items, staffOut(u))
	}
	return &bodyOut[list[staffMember]]{Body: out}, nil
}

type staffPath struct {
	UserID string `path:"userID" maxLength:"64" doc:"The staff member's user ID."`
}

var errNoStaff = errs.E(errs.NotFound, "error.not_found", "no such staff member")

func (h *handler) getStaffMember(ctx context.Context, in *staffPath) (*bodyOut[staffMember], error) {
	us, err := h.office.StaffUsers(ctx, actorOf(ctx))
	if err != nil {
		return nil, err
	}
	for _, u := range us {
		if u.ID == in.UserID {
			return &bodyOut[staffMember]{Body: staffOut(u)}, nil
		}
	}
	return nil, errNoStaff
}

// newStaff describes a staff account to create.
type newStaff struct {
	Name     string    `json:"name" maxLength:"200"`
	Email    string    `json:"email" maxLength:"254"`
	Role     staffRole `json:"role"`
	Password string    `json:"password" maxLength:"256" doc:"At least 12 characters; a few unrelated words work well."`
	Lang     string    `json:"lang,omitempty" enum:"en,fr" doc:"Language of pages and mail; en if omitted."`
}

type createStaffIn struct{ Body newStaff }

func (h *handler) createStaff(ctx context.Context, in *createStaffIn) (*createdOut[staffMember], error) {
	b := in.Body
	u, err := h.office.CreateStaff(ctx, actorOf(ctx), office.StaffInput{Name: b.Name, Email: b.Email,
		Password: b.Password, Lang: b.Lang, Role: auth.Role(b.Role)})
	if err != nil {
		return nil, err
	}
	return &createdOut[staffMember]{Location: prefix + "/staff/" + url.PathEscape(u.ID), Body: staffOut(u)}, nil
}

// auditReport is the outcome of a walk of every audit chain.
type auditReport struct {
	Chains int          `json:"chains" doc:"How many chains were walked (one per organization, and the program's)."`
	Events int64        `json:"events"`
	Faults []auditFault `json:"faults" nullable:"false" doc:"Empty when every chain is intact."`
}

// auditFault is the first event of a chain that does not match.
type auditFault struct {
	Chain  string `json:"chain"`
	Seq    int64  `json:"seq"`
	ID     int64  `json:"id,omitempty"`
	Reason string `json:"reason"`
}

func (h *handler) verifyAudit(ctx context.Context, _ *struct{}) (*bodyOut[auditReport], error) {
	rep, err := h.office.VerifyAudit(ctx, actorOf(ctx))
	if err != nil {
		return nil, err
	}
	out := auditReport{Chains: rep.Chains, Events: rep.Events, Faults: make([]auditFault, 0, len(rep.Faults))}
	for _, f := range rep.Faults {
		out.Faults = append(out.Faults, auditFault{Chain: f.Chain, Seq: f.Seq, ID: f.ID, Reason: f.Reason})
	}
	return &bodyOut[auditReport]{Body: out}, nil
}
