package web

import (
	"net/http"
	"net/url"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/program"
)

// memberData is the page about one member: changing their role, or
// confirming their removal (or the viewer's own departure).
type memberData struct {
	orgHead
	Member program.Member
	You    bool
	Roles  []option
}

// companyInvite sends an invitation by mail. A refused invitation shows the
// dashboard again with the answers and the reason.
func (h *Handler) companyInvite(w http.ResponseWriter, r *http.Request, rq *request) error {
	head, err := h.loadOrg(r, rq)
	if err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	f := r.PostForm
	if _, err := h.off.Invite(r.Context(), rq.Actor(), head.Org.ID, f.Get("email"), auth.Role(f.Get("role"))); err != nil {
		if !isFormError(err) {
			return err
		}
		form := url.Values{"email": {f.Get("email")}, "role": {f.Get("role")}}
		return h.renderDashboard(w, r, rq, head, errs.Status(errs.CodeOf(err)), form, formErrorsOf(err, rq.L, "email"))
	}
	h.setFlash(w, "flash.company_invited")
	return redirect(head.Base() + "#invitations")
}

func (h *Handler) companyWithdraw(w http.ResponseWriter, r *http.Request, rq *request) error {
	head, err := h.loadOrg(r, rq)
	if err != nil {
		return err
	}
	if err := h.off.RevokeInvitation(r.Context(), rq.Actor(), head.Org.ID, r.PathValue("id")); err != nil {
		return err
	}
	h.setFlash(w, "flash.company_invitation_withdrawn")
	return redirect(head.Base() + "#invitations")
}

// loadMember opens a page about the member in the path.
func (h *Handler) loadMember(r *http.Request, rq *request) (memberData, error) {
	head, err := h.loadOrg(r, rq)
	if err != nil {
		return memberData{}, err
	}
	ms, err := h.off.Members(r.Context(), rq.Actor(), head.Org.ID)
	if err != nil {
		return memberData{}, err
	}
	m, err := findMember(ms, r.PathValue("user"))
	if err != nil {
		return memberData{}, err
	}
	return memberData{orgHead: head, Member: m, You: m.UserID == head.UserID, Roles: roleOptions(head.Role)}, nil
}

// checkRoleChange tells, before showing the form, what the office would
// refuse whatever role is chosen.
func checkRoleChange(d memberData) error {
	switch {
	case !d.Can(string(auth.MembersSetRole)):
		return errRoleForbids
	case d.Member.Role == auth.AccountOwner:
		return errs.E(errs.Conflict, "error.owner_role_fixed", "the account owner's role changes only by a transfer")
	case d.You:
		return errs.E(errs.Conflict, "error.own_role", "you cannot change your own role")
	}
	return nil
}

func (h *Handler) companyRoleForm(w http.ResponseWriter, r *http.Request, rq *request) error {
	d, err := h.loadMember(r, rq)
	if err != nil {
		return err
	}
	if err := checkRoleChange(d); err != nil {
		return err
	}
	return h.renderRole(w, r, rq, d, http.StatusOK, url.Values{"role": {string(d.Member.Role)}}, nil)
}

func (h *Handler) companyRole(w http.ResponseWriter, r *http.Request, rq *request) error {
	d, err := h.loadMember(r, rq)
	if err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	role := r.PostForm.Get("role")
	if err := h.off.SetMemberRole(r.Context(), rq.Actor(), d.Org.ID, d.Member.UserID, auth.Role(role)); err != nil {
		if !isFormError(err) {
			return err
		}
		return h.renderRole(w, r, rq, d, errs.Status(errs.CodeOf(err)), url.Values{"role": {role}}, formErrorsOf(err, rq.L, "role"))
	}
	h.setFlash(w, "flash.company_role_changed")
	return redirect(d.Base() + "#people")
}

func (h *Handler) renderRole(w http.ResponseWriter, r *http.Request, rq *request, d memberData, status int, form url.Values, fe *formErrors) error {
	v := h.companyView(r, rq, "")
	v.Title = rq.L.T("company.role.title", map[string]any{"Name": d.Member.Name})
	v.Form, v.Errors, v.Data = form, fe, d
	return h.render(w, status, "company-role", v)
}

// companyRemoveForm is the check before removing someone, or before leaving.
// What the office would refuse is said here rather than after the click.
func (h *Handler) companyRemoveForm(w http.ResponseWriter, r *http.Request, rq *request) error {
	d, err := h.loadMember(r, rq)
	if err != nil {
		return err
	}
	if !d.You && !d.Can(string(auth.MembersRemove)) {
		return errRoleForbids
	}
	if err := program.CheckRemove(d.Role, d.UserID, d.Member); err != nil {
		return err
	}
	title := "company.remove.title"
	if d.You {
		title = "company.leave.title"
	}
	v := h.companyView(r, rq, "")
	v.Title = rq.L.T(title, map[string]any{"Name": d.Member.Name, "Org": d.Org.LegalName})
	v.Data = d
	return h.render(w, http.StatusOK, "company-remove", v)
}

// companyRemove ends a membership; after leaving, the person goes back to
// their list of companies, since this one is no longer theirs to see.
func (h *Handler) companyRemove(w http.ResponseWriter, r *http.Request, rq *request) error {
	d, err := h.loadMember(r, rq)
	if err != nil {
		return err
	}
	if err := h.off.RemoveMember(r.Context(), rq.Actor(), d.Org.ID, d.Member.UserID); err != nil {
		return err
	}
	if d.You {
		h.setFlash(w, "flash.company_left")
		return redirect("/app")
	}
	h.setFlash(w, "flash.company_member_removed")
	return redirect(d.Base() + "#people")
}
