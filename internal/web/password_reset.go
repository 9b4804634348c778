package web

import (
	"net/http"
	"net/url"

	"trustlane/internal/errs"
)

func (h *Handler) routesPasswordReset() {
	h.mux.Handle("GET /password/forgot", h.page(h.forgotForm))
	h.mux.Handle("POST /password/forgot", h.page(h.forgot))
	h.mux.Handle("GET /password/forgot/sent", h.page(h.forgotSent))
	h.mux.Handle("GET /password/reset/{token}", h.page(h.resetForm))
	h.mux.Handle("POST /password/reset/{token}", h.page(h.reset))
}

func (h *Handler) forgotForm(w http.ResponseWriter, r *http.Request, rq *request) error {
	v := h.newView(r, rq, "password.forgot_title")
	return h.render(w, http.StatusOK, "password-forgot", v)
}

// forgot asks the office to mail a reset link. Whether an account has the
// address or not, the answer is the same page, so the form cannot be used
// to learn who has an account.
func (h *Handler) forgot(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	email := r.PostForm.Get("email")
	if err := h.off.RequestPasswordReset(r.Context(), email, h.clientOf(r)); err != nil {
		if !isFormError(err) {
			return err
		}
		v := h.newView(r, rq, "password.forgot_title")
		v.Form = url.Values{"email": {email}}
		v.Errors = formErrorsOf(err, rq.L, "email")
		return h.render(w, errs.Status(errs.CodeOf(err)), "password-forgot", v)
	}
	return redirect("/password/forgot/sent")
}

func (h *Handler) forgotSent(w http.ResponseWriter, r *http.Request, rq *request) error {
	v := h.newView(r, rq, "password.sent_title")
	return h.render(w, http.StatusOK, "password-forgot-sent", v)
}

// resetForm checks the link before asking for a new password, so nobody
// types one only to learn the link had expired.
func (h *Handler) resetForm(w http.ResponseWriter, r *http.Request, rq *request) error {
	token := r.PathValue("token")
	if !h.off.ValidResetLink(r.Context(), token) {
		return h.resetExpired(w, r, rq)
	}
	v := h.newView(r, rq, "password.reset_title")
	v.Data = token
	return h.render(w, http.StatusOK, "password-reset", v)
}

// reset sets the new password; the office ends every session of the account
// and lifts a lockout. The person then signs in with it.
func (h *Handler) reset(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	token, f := r.PathValue("token"), r.PostForm
	var err error = errPasswordConfirm
	if f.Get("password") == f.Get("password_confirm") {
		err = h.off.ResetPassword(r.Context(), token, f.Get("password"))
	}
	switch {
	case errs.Is(err, errs.NotFound):
		return h.resetExpired(w, r, rq)
	case err != nil && isFormError(err):
		v := h.newView(r, rq, "password.reset_title")
		v.Data = token
		v.Errors = formErrorsOf(err, rq.L, "password")
		return h.render(w, http.StatusUnprocessableEntity, "password-reset", v)
	case err != nil:
		return err
	}
	h.setFlash(w, "flash.password_reset")
	return redirect("/signin")
}

// resetExpired explains that a link is spent or too old, with a way to get
// a new one. 410 tells the browser the address is gone for good.
func (h *Handler) resetExpired(w http.ResponseWriter, r *http.Request, rq *request) error {
	v := h.newView(r, rq, "password.expired_title")
	return h.render(w, http.StatusGone, "password-reset-expired", v)
}
