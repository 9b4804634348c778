package web

import (
	"net/http"
	"net/url"

	"trustlane/internal/errs"
)

// errPasswordConfirm is the mismatch of a new password and its repetition,
// checked here because only the form has both.
var errPasswordConfirm = errs.Fields(errs.F("password_confirm", "error.password_confirm", "the passwords do not match"))

func (h *Handler) passwordForm(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := requireUser(rq); err != nil {
		return err
	}
	v := h.newView(r, rq, "account.password_title")
	v.Nav = "account"
	return h.render(w, http.StatusOK, "account-password", v)
}

// changePassword replaces the password after checking the current one. The
// office ends the person's other sessions, so a stolen session dies with the
// old password; this browser stays signed in.
func (h *Handler) changePassword(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := requireUser(rq); err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	f := r.PostForm
	var err error = errPasswordConfirm
	if f.Get("password") == f.Get("password_confirm") {
		err = h.off.ChangePassword(r.Context(), rq.Actor(), rq.secret, f.Get("current_password"), f.Get("password"))
	}
	if err != nil {
		if !isFormError(err) {
			return err
		}
		v := h.newView(r, rq, "account.password_title")
		v.Nav = "account"
		v.Form = url.Values{} // passwords are never shown again
		v.Errors = formErrorsOf(err, rq.L, "current_password")
		return h.render(w, http.StatusUnprocessableEntity, "account-password", v)
	}
	h.setFlash(w, "flash.password_changed")
	return redirect("/account")
}
