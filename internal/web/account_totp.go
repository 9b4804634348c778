package web

import (
	"bytes"
	"fmt"
	"image/png"
	"net/http"
	"strings"

	"github.com/pquerna/otp"

	"trustlane/internal/errs"
)

func (h *Handler) routesTOTP() {
	h.mux.Handle("GET /account/totp", h.page(h.totpPage))
	h.mux.Handle("POST /account/totp/start", h.page(h.totpStart))
	h.mux.Handle("GET /account/totp/qr.png", h.page(h.totpQR))
	h.mux.Handle("POST /account/totp", h.page(h.totpConfirm))
	h.mux.Handle("GET /account/totp/disable", h.page(h.totpDisableForm))
	h.mux.Handle("POST /account/totp/disable", h.page(h.totpDisable))
	h.mux.Handle("GET /account/recovery-codes", h.page(h.recoveryConfirm))
	h.mux.Handle("POST /account/recovery-codes", h.page(h.recoveryRenew))
}

// totpData is the set-up page: either the start button, or the pending
// secret as a QR code and as text, with the field for the first code.
type totpData struct {
	Staff   bool
	Pending bool
	Secret  string // grouped in fours for reading aloud and typing
	Account string
}

// totpPage shows where the set-up stands. Starting is a POST, so merely
// opening the page never replaces a secret already scanned.
func (h *Handler) totpPage(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := requireUser(rq); err != nil {
		return err
	}
	if rq.Session.User.TOTPEnabled {
		return redirect("/account")
	}
	return h.renderTOTP(w, r, rq, http.StatusOK, nil)
}

func (h *Handler) renderTOTP(w http.ResponseWriter, r *http.Request, rq *request, status int, fe *formErrors) error {
	setup, err := h.off.PendingTOTP(r.Context(), rq.Actor())
	if err != nil && !errs.Is(err, errs.NotFound) {
		return err
	}
	v := h.newView(r, rq, "totp.title")
	v.Nav = "account"
	v.Errors = fe
	v.Data = totpData{
		Staff: rq.Session.User.Staff.IsStaff(), Pending: err == nil,
		Secret: groupSecret(setup.Secret), Account: rq.Session.User.Email,
	}
	return h.render(w, status, "account-totp", v)
}

// groupSecret writes a base32 secret in groups of four characters, the way
// authenticator apps accept it typed by hand.
func groupSecret(s string) string {
	var b strings.Builder
	for i, c := range s {
		if i > 0 && i%4 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// totpStart makes a new secret. Pressed again while pending, it replaces
// the secret, for someone who lost the first one before confirming it.
func (h *Handler) totpStart(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := requireUser(rq); err != nil {
		return err
	}
	_, err := h.off.BeginTOTP(r.Context(), rq.Actor())
	if errs.Is(err, errs.Conflict) {
		return redirect("/account") // already on
	}
	if err != nil {
		return err
	}
	return redirect("/account/totp")
}

// totpQR draws the pending otpauth URL as a PNG. The image holds the
// secret, so no cache may keep it.
func (h *Handler) totpQR(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := requireUser(rq); err != nil {
		return err
	}
	setup, err := h.off.PendingTOTP(r.Context(), rq.Actor())
	if err != nil {
		return err
	}
	key, err := otp.NewKeyFromURL(setup.URL)
	if err != nil {
		return fmt.Errorf("totp qr: %w", err)
	}
	img, err := key.Image(240, 240)
	if err != nil {
		return fmt.Errorf("totp qr: %w", err)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return fmt.Errorf("totp qr: %w", err)
	}
	w.Header().Set("Content-Type", "image/png")
	w.Header().Set("Cache-Control", "no-store")
	_, err = w.Write(buf.Bytes())
	return err
}

// errSetupCode replaces the sign-in's "wrong code" message during set-up,
// where there are no recovery codes yet and a wrong clock is the usual cause.
var errSetupCode = errs.Fields(errs.F("code", "error.totp_setup_code", "the code is not right"))

// totpConfirm turns the second factor on with a first code from the app,
// then shows the recovery codes on this very response: they exist nowhere
// else in clear, so a redirect would lose them.
func (h *Handler) totpConfirm(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := requireUser(rq); err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	codes, err := h.off.ConfirmTOTP(r.Context(), rq.Actor(), r.PostForm.Get("code"))
	switch {
	case errs.Is(err, errs.Conflict):
		return redirect("/account/totp") // nothing pending (or already on): the page says what to do
	case errs.Is(err, errs.Invalid): // the one field error: a wrong code
		return h.renderTOTP(w, r, rq, http.StatusUnprocessableEntity, formErrorsOf(errSetupCode, rq.L, "code"))
	case err != nil:
		return err
	}
	return h.renderRecoveryCodes(w, r, rq, codes, "flash.totp_enabled")
}

// recoveryData is the one showing of a set of recovery codes.
type recoveryData struct {
	Codes []string
	Next  string
}

func (h *Handler) renderRecoveryCodes(w http.ResponseWriter, r *http.Request, rq *request, codes []string, notice string) error {
	v := h.newView(r, rq, "recovery.title")
	v.Nav = "account"
	v.Flash = rq.L.T(notice)
	next := "/account"
	if rq.Session.User.Staff.IsStaff() {
		next = "/office"
	}
	v.Data = recoveryData{Codes: codes, Next: next}
	w.Header().Set("Pragma", "no-cache") // render sets Cache-Control: no-store; old proxies read this
	return h.render(w, http.StatusOK, "account-recovery-codes", v)
}
