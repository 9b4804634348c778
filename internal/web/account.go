package web

import (
	"net/http"

	"trustlane/internal/office"
)

// routesAccount registers the pages a person uses to look after their own
// account (settings, password, two-step verification), the password reset
// that works without a session, and the invitation links mailed to
// newcomers.
func (h *Handler) routesAccount() {
	h.needPages("account", "account-password", "account-totp", "account-totp-disable",
		"account-recovery-codes", "account-recovery-confirm",
		"password-forgot", "password-forgot-sent", "password-reset", "password-reset-expired",
		"invitation")
	h.mux.Handle("GET /account", h.page(h.account))
	h.mux.Handle("GET /account/password", h.page(h.passwordForm))
	h.mux.Handle("POST /account/password", h.page(h.changePassword))
	h.routesTOTP()
	h.routesPasswordReset()
	h.routesInvitation()
}

// accountData is what the settings page shows.
type accountData struct {
	Account   office.Account
	Staff     bool
	OtherLang string
}

// account shows the signed-in person's settings, each with the action that
// changes it.
func (h *Handler) account(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := requireUser(rq); err != nil {
		return err
	}
	acc, err := h.off.Account(r.Context(), rq.Actor())
	if err != nil {
		return err
	}
	v := h.newView(r, rq, "account.title")
	v.Nav = "account"
	other := "fr"
	if acc.User.Lang == "fr" {
		other = "en"
	}
	v.Data = accountData{Account: acc, Staff: acc.User.Staff.IsStaff(), OtherLang: other}
	return h.render(w, http.StatusOK, "account", v)
}
