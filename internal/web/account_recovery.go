package web

import (
	"net/http"

	"trustlane/internal/errs"
)

// errStaffKeepsTOTP refuses staff the page to turn two-step verification
// off; the office refuses the action itself too.
var errStaffKeepsTOTP = errs.E(errs.Forbidden, "error.totp_required_staff", "staff accounts must keep two-step verification")

// totpDisableForm asks for the password before two-step verification goes
// off: a borrowed unlocked session alone must not be enough.
func (h *Handler) totpDisableForm(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := requireUser(rq); err != nil {
		return err
	}
	if rq.Session.User.Staff.IsStaff() {
		return errStaffKeepsTOTP
	}
	if !rq.Session.User.TOTPEnabled {
		return redirect("/account")
	}
	v := h.newView(r, rq, "totp.disable_title")
	v.Nav = "account"
	return h.render(w, http.StatusOK, "account-totp-disable", v)
}

func (h *Handler) totpDisable(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := requireUser(rq); err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	err := h.off.DisableTOTP(r.Context(), rq.Actor(), r.PostForm.Get("password"))
	if err != nil {
		if !isFormError(err) {
			return err
		}
		v := h.newView(r, rq, "totp.disable_title")
		v.Nav = "account"
		v.Errors = formErrorsOf(err, rq.L, "password")
		return h.render(w, http.StatusUnprocessableEntity, "account-totp-disable", v)
	}
	h.setFlash(w, "flash.totp_disabled")
	return redirect("/account")
}

// recoveryConfirm says what new codes mean (the old ones stop working)
// before making them.
func (h *Handler) recoveryConfirm(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := requireUser(rq); err != nil {
		return err
	}
	if !rq.Session.User.TOTPEnabled {
		return redirect("/account")
	}
	v := h.newView(r, rq, "recovery.renew_title")
	v.Nav = "account"
	return h.render(w, http.StatusOK, "account-recovery-confirm", v)
}

// recoveryRenew replaces the recovery codes and shows the new ones once.
func (h *Handler) recoveryRenew(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := requireUser(rq); err != nil {
		return err
	}
	codes, err := h.off.RegenerateRecoveryCodes(r.Context(), rq.Actor())
	if errs.Is(err, errs.Conflict) {
		return redirect("/account") // two-step verification is off
	}
	if err != nil {
		return err
	}
	return h.renderRecoveryCodes(w, r, rq, codes, "flash.recovery_codes_renewed")
}
