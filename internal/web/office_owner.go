package web

import (
	"net/http"
	"net/url"
	"strings"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/office"
)

// The reassignment of an account owner by program staff, for a company whose
// owner left with no proxy to hand over: choose the member (or, with no one
// else in the company, invite a new owner by e-mail), say how the request was
// verified, check the answers, confirm. The office allows it to managers and
// administrators only; officers get 403 at every step.

// ownerData is what the reassignment form shows.
type ownerData struct {
	office.Reassignment
	FormerRoles []option
}

func (h *Handler) renderOwnerForm(w http.ResponseWriter, r *http.Request, rq *request, rc office.Reassignment, form url.Values, fe *formErrors, status int) error {
	v := h.newView(r, rq, "office.owner.title")
	v.Nav, v.Form, v.Errors = "office", form, fe
	if v.Form.Get("former_owner_role") == "" {
		v.Form.Set("former_owner_role", string(auth.FullAccess))
	}
	v.Data = ownerData{Reassignment: rc, FormerRoles: formerOwnerRoles()}
	return h.render(w, status, "office-owner", v)
}

// ownerAnswers keeps only the fields of the reassignment form.
func ownerAnswers(f url.Values) url.Values {
	return url.Values{"user_id": {f.Get("user_id")}, "former_owner_role": {f.Get("former_owner_role")},
		"reason": {strings.TrimSpace(f.Get("reason"))}}
}

func (h *Handler) ownerForm(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := requireUser(rq); err != nil {
		return err
	}
	rc, err := h.off.ReassignmentCase(r.Context(), rq.Actor(), r.PathValue("org"))
	if err != nil {
		return err
	}
	return h.renderOwnerForm(w, r, rq, rc, url.Values{}, nil, http.StatusOK)
}

// ownerChange shows the form again with the answers from the check page.
func (h *Handler) ownerChange(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := requireUser(rq); err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	rc, err := h.off.ReassignmentCase(r.Context(), rq.Actor(), r.PathValue("org"))
	if err != nil {
		return err
	}
	return h.renderOwnerForm(w, r, rq, rc, ownerAnswers(r.PostForm), nil, http.StatusOK)
}

// ownerCheck validates the answers and shows them for confirmation.
func (h *Handler) ownerCheck(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := requireUser(rq); err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	f := ownerAnswers(r.PostForm)
	rc, err := h.off.PlanReassignment(r.Context(), rq.Actor(), r.PathValue("org"),
		f.Get("user_id"), auth.Role(f.Get("former_owner_role")), f.Get("reason"))
	if isFormError(err) {
		return h.renderOwnerForm(w, r, rq, rc, f, formErrorsOf(err, rq.L, "user_id"), errs.Status(errs.CodeOf(err)))
	}
	if err != nil {
		return err
	}
	v := h.newView(r, rq, "office.owner.check_title")
	v.Nav, v.Form = "office", f
	v.Data = rc
	return h.render(w, http.StatusOK, "office-owner-check", v)
}

// ownerReassign makes the change once confirmed.
func (h *Handler) ownerReassign(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := requireUser(rq); err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	orgID, f := r.PathValue("org"), ownerAnswers(r.PostForm)
	err := h.off.ReassignOwnership(r.Context(), rq.Actor(), orgID,
		f.Get("user_id"), auth.Role(f.Get("former_owner_role")), f.Get("reason"))
	if isFormError(err) {
		return h.ownerFailed(w, r, rq, f, err, "user_id")
	}
	if err != nil {
		return err
	}
	h.setFlash(w, "flash.office_owner_reassigned")
	return redirect("/office/orgs/" + url.PathEscape(orgID))
}

// ownerInvite invites a new account owner by e-mail, for a company with no
// other member; they become owner when they accept.
func (h *Handler) ownerInvite(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := requireUser(rq); err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	orgID := r.PathValue("org")
	email := strings.TrimSpace(r.PostForm.Get("email"))
	if _, err := h.off.Invite(r.Context(), rq.Actor(), orgID, email, auth.AccountOwner); err != nil {
		if !isFormError(err) {
			return err
		}
		return h.ownerFailed(w, r, rq, url.Values{"email": {email}}, err, "email")
	}
	h.setFlash(w, "flash.office_owner_invited")
	return redirect("/office/orgs/" + url.PathEscape(orgID))
}

// ownerFailed shows the form again after the office refused the answers.
func (h *Handler) ownerFailed(w http.ResponseWriter, r *http.Request, rq *request, f url.Values, cause error, field string) error {
	rc, err := h.off.ReassignmentCase(r.Context(), rq.Actor(), r.PathValue("org"))
	if err != nil {
		return err
	}
	return h.renderOwnerForm(w, r, rq, rc, f, formErrorsOf(cause, rq.L, field), errs.Status(errs.CodeOf(cause)))
}
