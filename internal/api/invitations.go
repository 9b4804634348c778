package api

import (
	"context"
	"net/http"
	"net/url"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/program"
)

func (h *handler) registerInvitations() {
	huma.Register(h.api, h.operation("listInvitations", http.MethodGet, "/organizations/{orgID}/invitations", "invitations",
		"List invitations", "Every invitation of the organization, pending or not."), h.listInvitations)
	huma.Register(h.api, h.operation("getInvitation", http.MethodGet, "/organizations/{orgID}/invitations/{id}", "invitations",
		"Get an invitation", "One invitation and where it stands."), h.getInvitation)
	huma.Register(h.api, h.operation("createInvitation", http.MethodPost, "/organizations/{orgID}/invitations", "invitations",
		"Invite a person",
		"Mails the person a link to join with the role; it is valid for 14 days. Members give roles up to "+
			"their own; the account owner changes only by a transfer of ownership."), h.createInvitation)
	huma.Register(h.api, h.operation("withdrawInvitation", http.MethodDelete, "/organizations/{orgID}/invitations/{id}", "invitations",
		"Withdraw an invitation", "Withdraws a pending invitation; its link stops working."), h.withdrawInvitation)
}

// invitation asks a person, by e-mail, to join an organization.
type invitation struct {
	ID         string    `json:"id"`
	Email      string    `json:"email"`
	Role       role      `json:"role"`
	State      string    `json:"state" enum:"pending,accepted,revoked,expired"`
	InvitedBy  string    `json:"invited_by" doc:"The user ID of who invited."`
	CreatedAt  time.Time `json:"created_at"`
	ExpiresAt  time.Time `json:"expires_at"`
	AcceptedAt time.Time `json:"accepted_at,omitzero"`
	AcceptedBy string    `json:"accepted_by,omitempty" doc:"The user ID of who accepted."`
	RevokedAt  time.Time `json:"revoked_at,omitzero"`
}

func invitationOut(i program.Invitation, now time.Time) invitation {
	return invitation{ID: i.ID, Email: i.Email, Role: role(i.Role), State: string(i.State(now)), InvitedBy: i.InvitedBy,
		CreatedAt: i.CreatedAt.UTC(), ExpiresAt: i.ExpiresAt.UTC(), AcceptedAt: utc(i.AcceptedAt),
		AcceptedBy: i.AcceptedBy, RevokedAt: utc(i.RevokedAt)}
}

func (h *handler) listInvitations(ctx context.Context, in *orgPath) (*bodyOut[list[invitation]], error) {
	invs, err := h.office.Invitations(ctx, actorOf(ctx), in.OrgID)
	if err != nil {
		return nil, err
	}
	now := h.office.DB().Now()
	out := list[invitation]{Items: make([]invitation, 0, len(invs))}
	for _, i := range invs {
		out.Items = append(out.Items, invitationOut(i, now))
	}
	return &bodyOut[list[invitation]]{Body: out}, nil
}

type invitationPath struct {
	OrgID string `path:"orgID" maxLength:"64" doc:"The organization's ID."`
	ID    string `path:"id" maxLength:"64" doc:"The invitation's ID."`
}

var errNoInvitation = errs.E(errs.NotFound, "error.not_found", "no such invitation")

func (h *handler) getInvitation(ctx context.Context, in *invitationPath) (*bodyOut[invitation], error) {
	invs, err := h.office.Invitations(ctx, actorOf(ctx), in.OrgID)
	if err != nil {
		return nil, err
	}
	for _, i := range invs {
		if i.ID == in.ID {
			return &bodyOut[invitation]{Body: invitationOut(i, h.office.DB().Now())}, nil
		}
	}
	return nil, errNoInvitation
}

// newInvitation is whom to invite, with which role.
type newInvitation struct {
	Email string     `json:"email" maxLength:"254"`
	Role  memberRole `json:"role"`
}

type createInvitationIn struct {
	OrgID string `path:"orgID" maxLength:"64" doc:"The organization's ID."`
	Body  newInvitation
}

func (h *handler) createInvitation(ctx context.Context, in *createInvitationIn) (*createdOut[invitation], error) {
	inv, err := h.office.Invite(ctx, actorOf(ctx), in.OrgID, in.Body.Email, auth.Role(in.Body.Role))
	if err != nil {
		return nil, err
	}
	return &createdOut[invitation]{
		Location: prefix + "/organizations/" + url.PathEscape(in.OrgID) + "/invitations/" + url.PathEscape(inv.ID),
		Body:     invitationOut(inv, h.office.DB().Now()),
	}, nil
}

func (h *handler) withdrawInvitation(ctx context.Context, in *invitationPath) (*struct{}, error) {
	return nil, h.office.RevokeInvitation(ctx, actorOf(ctx), in.OrgID, in.ID)
}
