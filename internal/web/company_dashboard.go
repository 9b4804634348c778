package web

import (
	"net/http"
	"net/url"

	"trustlane/internal/auth"
	"trustlane/internal/ident"
	"trustlane/internal/program"
)

// dashboardData is the company's home page: its details, its people, the
// pending invitations and what the viewer may do about them.
type dashboardData struct {
	orgHead
	Identifiers []idRow
	Members     []memberRow
	Invitations []program.Invitation
	Roles       []option
	Profile     profileSummary
	// Cases are the applications under way and the memberships, each with
	// what is due next.
	Cases []caseRow
}

// idRow is one identifier the organization declared.
type idRow struct {
	Kind  ident.Kind
	Value string
}

// labeled is a label (message key) and a value to show as is.
type labeled struct{ Label, Value string }

// memberRow is one person with the actions the viewer may take on them.
type memberRow struct {
	program.Member
	You           bool
	CanChangeRole bool
	CanRemove     bool
}

func (h *Handler) companyDashboard(w http.ResponseWriter, r *http.Request, rq *request) error {
	head, err := h.loadOrg(r, rq)
	if err != nil {
		return err
	}
	return h.renderDashboard(w, r, rq, head, http.StatusOK, nil, nil)
}

// renderDashboard shows the dashboard, with the invite form's answers and
// errors when an invitation was refused.
func (h *Handler) renderDashboard(w http.ResponseWriter, r *http.Request, rq *request, head orgHead, status int, form url.Values, fe *formErrors) error {
	ms, err := h.off.Members(r.Context(), rq.Actor(), head.Org.ID)
	if err != nil {
		return err
	}
	invs, err := h.off.Invitations(r.Context(), rq.Actor(), head.Org.ID)
	if err != nil {
		return err
	}
	d := dashboardData{orgHead: head, Roles: roleOptions(head.Role)}
	if d.Profile, err = h.profileSummary(r, rq, head); err != nil {
		return err
	}
	apps, mships, err := h.off.CompanyCases(r.Context(), rq.Actor(), head.Org.ID)
	if err != nil {
		return err
	}
	appRows, memberRows := caseRows(head, apps, mships, false)
	d.Cases = append(appRows, memberRows...)
	for _, k := range orgIdentifierKinds() {
		if val := head.Org.Identifiers[k]; val != "" {
			d.Identifiers = append(d.Identifiers, idRow{k, val})
		}
	}
	for _, m := range ms {
		d.Members = append(d.Members, memberRow{
			Member:        m,
			You:           m.UserID == head.UserID,
			CanChangeRole: auth.Can(head.Role, auth.MembersSetRole) && m.Role != auth.AccountOwner && m.UserID != head.UserID,
			CanRemove: m.UserID != head.UserID && auth.Can(head.Role, auth.MembersRemove) &&
				program.CheckRemove(head.Role, head.UserID, m) == nil,
		})
	}
	for _, inv := range invs {
		if inv.State(rq.Now) == program.InvitationPending {
			d.Invitations = append(d.Invitations, inv)
		}
	}
	v := h.companyView(r, rq, "")
	v.Title = head.Org.LegalName
	v.Data = d
	if form != nil {
		v.Form = form
	}
	v.Errors = fe
	return h.render(w, status, "company-dashboard", v)
}
