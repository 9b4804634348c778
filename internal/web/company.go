package web

import (
	"net/http"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/program"
)

// routesCompany registers the company area. Every route names the
// organization, so a person who belongs to several companies can work in
// each; the office answers NotFound to anyone who is not a member, which
// shows as the friendly 404 page and never as another company's data.
func (h *Handler) routesCompany() {
	h.needPages("company-list", "company-dashboard", "company-edit", "company-role", "company-remove",
		"company-transfer", "company-transfer-check", "company-tokens", "company-token-created",
		"company-token-revoke", "company-history", "company-new")
	h.mux.Handle("GET /app", h.page(h.companyList))
	h.mux.Handle("GET /app/new", h.page(h.companyNewForm))
	h.mux.Handle("POST /app/new", h.page(h.companyNew))
	h.mux.Handle("GET /app/orgs/{org}", h.page(h.companyDashboard))
	h.mux.Handle("GET /app/orgs/{org}/edit", h.page(h.companyEditForm))
	h.mux.Handle("POST /app/orgs/{org}/edit", h.page(h.companyEdit))
	h.mux.Handle("POST /app/orgs/{org}/invitations", h.page(h.companyInvite))
	h.mux.Handle("POST /app/orgs/{org}/invitations/{id}/withdraw", h.page(h.companyWithdraw))
	h.mux.Handle("GET /app/orgs/{org}/members/{user}/role", h.page(h.companyRoleForm))
	h.mux.Handle("POST /app/orgs/{org}/members/{user}/role", h.page(h.companyRole))
	h.mux.Handle("GET /app/orgs/{org}/members/{user}/remove", h.page(h.companyRemoveForm))
	h.mux.Handle("POST /app/orgs/{org}/members/{user}/remove", h.page(h.companyRemove))
	h.mux.Handle("GET /app/orgs/{org}/transfer", h.page(h.companyTransferForm))
	h.mux.Handle("POST /app/orgs/{org}/transfer", h.page(h.companyTransfer))
	h.mux.Handle("GET /app/orgs/{org}/tokens", h.page(h.companyTokens))
	h.mux.Handle("POST /app/orgs/{org}/tokens", h.page(h.companyCreateToken))
	h.mux.Handle("GET /app/orgs/{org}/tokens/{id}/revoke", h.page(h.companyRevokeTokenForm))
	h.mux.Handle("POST /app/orgs/{org}/tokens/{id}/revoke", h.page(h.companyRevokeToken))
	h.mux.Handle("GET /app/orgs/{org}/history", h.page(h.companyHistory))
}

// orgHead is what every company page knows: the organization and the
// viewer's role in it, which decides the actions a page offers. The office
// decides again on every change; the page only avoids offering what would
// be refused.
type orgHead struct {
	// Staff marks a program employee looking at the company from /office:
	// the same pages, read-only, under the staff's URLs.
	Staff  bool
	Org    program.Organization
	Role   auth.Role
	UserID string
	Now    time.Time
}

// Can reports whether the viewer's role allows an action (an auth.Action
// name such as "org.edit"), for templates.
func (o orgHead) Can(action string) bool { return auth.Can(o.Role, auth.Action(action)) }

// Base is the organization's URL, the prefix of every company page.
func (o orgHead) Base() string {
	if o.Staff {
		return "/office/orgs/" + o.Org.ID
	}
	return "/app/orgs/" + o.Org.ID
}

var errRoleForbids = errs.E(errs.Forbidden, "error.forbidden", "your role does not allow this")

// loadOrg opens a company page: a signed-in company user who belongs to
// the organization in the path. Staff have their own pages under /office.
func (h *Handler) loadOrg(r *http.Request, rq *request) (orgHead, error) {
	if err := requireUser(rq); err != nil {
		return orgHead{}, err
	}
	if rq.Session.User.Staff.IsStaff() {
		return orgHead{}, redirect("/office")
	}
	org, role, err := h.off.Org(r.Context(), rq.Actor(), r.PathValue("org"))
	if err != nil {
		return orgHead{}, err
	}
	return orgHead{Org: org, Role: role, UserID: rq.Actor().UserID, Now: rq.Now}, nil
}

// companyView starts a view in the company area.
func (h *Handler) companyView(r *http.Request, rq *request, titleKey string) *view {
	v := h.newView(r, rq, titleKey)
	v.Nav = "app"
	if rq.SignedIn() && rq.Session.User.Staff.IsStaff() {
		v.Nav = "office"
	}
	return v
}

// findMember picks one member by user ID; a user who is not a member of this
// organization is NotFound, whatever other company they belong to.
func findMember(ms []program.Member, userID string) (program.Member, error) {
	for _, m := range ms {
		if m.UserID == userID {
			return m, nil
		}
	}
	return program.Member{}, errPageNotFound
}

// companyList sends a person to their company, or lists their companies
// when they belong to several.
func (h *Handler) companyList(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := requireUser(rq); err != nil {
		return err
	}
	if rq.Session.User.Staff.IsStaff() {
		return redirect("/office")
	}
	orgs, err := h.off.MyOrgs(r.Context(), rq.Actor())
	if err != nil {
		return err
	}
	if len(orgs) == 1 {
		if rq.Flash != "" {
			h.setFlash(w, rq.Flash) // keep the notice for the page it was meant for
		}
		return redirect("/app/orgs/" + orgs[0].Org.ID)
	}
	title := "company.list.title"
	if len(orgs) == 0 {
		title = "company.list.none_title"
	}
	v := h.companyView(r, rq, title)
	v.Data = orgs
	return h.render(w, http.StatusOK, "company-list", v)
}
