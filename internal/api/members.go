package api

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"trustlane/internal/auth"
)

func (h *handler) registerMembers() {
	huma.Register(h.api, h.operation("listMembers", http.MethodGet, "/organizations/{orgID}/members", "members",
		"List members", "The people of an organization and their roles."), h.listMembers)
	huma.Register(h.api, h.operation("setMemberRole", http.MethodPut, "/organizations/{orgID}/members/{userID}", "members",
		"Change a member's role",
		"The account owner and proxy owners change other members' roles. The account owner's role changes only "+
			"by a transfer of ownership, and nobody changes their own."), h.setMemberRole)
	huma.Register(h.api, h.operation("removeMember", http.MethodDelete, "/organizations/{orgID}/members/{userID}", "members",
		"Remove a member",
		"Ends a membership; a member may also remove themself (leave). The account owner is never removed, "+
			"only replaced by a transfer."), h.removeMember)
	huma.Register(h.api, h.operation("transferOwnership", http.MethodPost, "/organizations/{orgID}/ownership-transfer", "members",
		"Transfer ownership",
		"Makes another member the account owner. The former owner keeps former_owner_role (full_access by default)."),
		h.transferOwnership)
}

type memberPath struct {
	OrgID  string `path:"orgID" maxLength:"64" doc:"The organization's ID."`
	UserID string `path:"userID" maxLength:"64" doc:"The member's user ID."`
}

func (h *handler) listMembers(ctx context.Context, in *orgPath) (*bodyOut[list[member]], error) {
	ms, err := h.office.Members(ctx, actorOf(ctx), in.OrgID)
	if err != nil {
		return nil, err
	}
	out := list[member]{Items: make([]member, 0, len(ms))}
	for _, m := range ms {
		out.Items = append(out.Items, memberOut(m))
	}
	return &bodyOut[list[member]]{Body: out}, nil
}

// roleChange is a member's new role.
type roleChange struct {
	Role memberRole `json:"role"`
}

type setRoleIn struct {
	OrgID  string `path:"orgID" maxLength:"64" doc:"The organization's ID."`
	UserID string `path:"userID" maxLength:"64" doc:"The member's user ID."`
	Body   roleChange
}

func (h *handler) setMemberRole(ctx context.Context, in *setRoleIn) (*struct{}, error) {
	return nil, h.office.SetMemberRole(ctx, actorOf(ctx), in.OrgID, in.UserID, auth.Role(in.Body.Role))
}

func (h *handler) removeMember(ctx context.Context, in *memberPath) (*struct{}, error) {
	return nil, h.office.RemoveMember(ctx, actorOf(ctx), in.OrgID, in.UserID)
}

// ownershipTransfer names the new account owner.
type ownershipTransfer struct {
	ToUserID        string     `json:"to_user_id" maxLength:"64" doc:"The member who becomes account owner."`
	FormerOwnerRole memberRole `json:"former_owner_role,omitempty" doc:"What the former owner keeps; full_access if omitted."`
}

type transferIn struct {
	OrgID string `path:"orgID" maxLength:"64" doc:"The organization's ID."`
	Body  ownershipTransfer
}

func (h *handler) transferOwnership(ctx context.Context, in *transferIn) (*struct{}, error) {
	err := h.office.TransferOwnership(ctx, actorOf(ctx), in.OrgID, in.Body.ToUserID, auth.Role(in.Body.FormerOwnerRole))
	return nil, renameFields(err, map[string]string{"user_id": "to_user_id"})
}
