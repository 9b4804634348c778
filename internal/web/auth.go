package web

import (
	"net/http"
	"net/url"

	"trustlane/internal/errs"
	"trustlane/internal/office"
)

func (h *Handler) routesAuth() {
	h.needPages("signin", "signin-code", "signup")
	h.mux.Handle("GET /signin", h.page(h.signInForm))
	h.mux.Handle("POST /signin", h.page(h.signIn))
	h.mux.Handle("GET /signin/code", h.page(h.codeForm))
	h.mux.Handle("POST /signin/code", h.page(h.code))
	h.mux.Handle("POST /signout", h.page(h.signOut))
	h.mux.Handle("GET /signup", h.page(h.signUpForm))
	h.mux.Handle("POST /signup", h.page(h.signUp))
}

// afterSignIn is where a person lands: ?next= if it is a local path, else
// their dashboard.
func afterSignIn(next string, staff bool) string {
	fallback := "/app"
	if staff {
		fallback = "/office"
	}
	return localPath(next, fallback)
}

func (h *Handler) signInForm(w http.ResponseWriter, r *http.Request, rq *request) error {
	if rq.SignedIn() {
		return redirect(afterSignIn(r.URL.Query().Get("next"), rq.Session.User.Staff.IsStaff()))
	}
	v := h.newView(r, rq, "signin.title")
	v.Form.Set("next", r.URL.Query().Get("next"))
	v.Data = map[string]any{"Demo": h.cfg.Demo}
	return h.render(w, http.StatusOK, "signin", v)
}

func (h *Handler) signIn(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	res, err := h.off.SignIn(r.Context(), r.PostForm.Get("email"), r.PostForm.Get("password"), h.clientOf(r))
	if err != nil {
		if !isFormError(err) {
			return err
		}
		v := h.newView(r, rq, "signin.title")
		v.Form = url.Values{"email": {r.PostForm.Get("email")}, "next": {r.PostForm.Get("next")}}
		v.Errors = formErrorsOf(err, rq.L, "email")
		v.Data = map[string]any{"Demo": h.cfg.Demo}
		return h.render(w, errs.Status(errs.CodeOf(err)), "signin", v)
	}
	if rq.secret != "" {
		_ = h.off.SignOut(r.Context(), rq.secret) // never keep two sessions in one browser
	}
	h.setCookie(w, cookieSession, res.Secret, 0)
	if res.MFAPending {
		return redirect("/signin/code?next=" + url.QueryEscape(r.PostForm.Get("next")))
	}
	if res.User.Staff.IsStaff() {
		// Staff must enrol a second factor before any staff page opens.
		h.setFlash(w, "flash.mfa_required")
		return redirect("/account/totp")
	}
	return redirect(afterSignIn(r.PostForm.Get("next"), false))
}

func (h *Handler) codeForm(w http.ResponseWriter, r *http.Request, rq *request) error {
	if rq.Session == nil || !rq.Session.MFAPending {
		return redirect("/signin")
	}
	v := h.newView(r, rq, "signin.code_title")
	v.Form.Set("next", r.URL.Query().Get("next"))
	return h.render(w, http.StatusOK, "signin-code", v)
}

func (h *Handler) code(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	if rq.Session == nil || !rq.Session.MFAPending {
		return redirect("/signin")
	}
	u, err := h.off.VerifySecondFactor(r.Context(), rq.secret, r.PostForm.Get("code"))
	switch {
	case isCodeError(err):
		v := h.newView(r, rq, "signin.code_title")
		v.Form.Set("next", r.PostForm.Get("next"))
		v.Errors = formErrorsOf(err, rq.L, "code")
		return h.render(w, http.StatusUnprocessableEntity, "signin-code", v)
	case errs.Is(err, errs.TooMany), errs.Is(err, errs.Unauthorized):
		// Too many wrong codes, or the pending session ran out: start over.
		h.clearCookie(w, cookieSession)
		h.setFlash(w, flashFor(err))
		return redirect("/signin")
	case err != nil:
		return err
	}
	return redirect(afterSignIn(r.PostForm.Get("next"), u.Staff.IsStaff()))
}

// isCodeError tells a wrong code (ask again) from an ended session.
func isCodeError(err error) bool {
	e, ok := errs.As(err)
	return ok && e.Key == "error.code_wrong"
}

// flashFor picks the notice to show on the sign-in page after err.
func flashFor(err error) string {
	if errs.Is(err, errs.TooMany) {
		return "flash.too_many_attempts"
	}
	return "flash.session_expired"
}

func (h *Handler) signOut(w http.ResponseWriter, r *http.Request, rq *request) error {
	if rq.secret != "" {
		if err := h.off.SignOut(r.Context(), rq.secret); err != nil {
			return err
		}
	}
	h.clearCookie(w, cookieSession)
	h.setFlash(w, "flash.signed_out")
	return redirect("/")
}

func (h *Handler) signUpForm(w http.ResponseWriter, r *http.Request, rq *request) error {
	if rq.SignedIn() {
		return redirect("/app/new") // a signed-in person registers a company without a new account
	}
	v := h.newView(r, rq, "signup.title")
	v.Form.Set("address.country", "CA")
	v.Form.Set("category", "member")
	v.Data = newOrgFormData()
	return h.render(w, http.StatusOK, "signup", v)
}

func (h *Handler) signUp(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := parseForm(r); err != nil {
		return err
	}
	f := r.PostForm
	in := office.SignUpInput{
		Org: orgInput(f, rq.L.Lang()), Name: f.Get("name"), Title: f.Get("title"),
		Email: f.Get("email"), Password: f.Get("password"), Lang: rq.L.Lang(),
	}
	if f.Get("password") != f.Get("password_confirm") {
		err := errs.Fields(errs.F("password_confirm", "error.password_confirm", "the passwords do not match"))
		return h.signUpFailed(w, r, rq, err)
	}
	if _, _, err := h.off.SignUp(r.Context(), in); err != nil {
		return h.signUpFailed(w, r, rq, err)
	}
	res, err := h.off.SignIn(r.Context(), in.Email, in.Password, h.clientOf(r))
	if err != nil {
		return err
	}
	h.setCookie(w, cookieSession, res.Secret, 0)
	h.setFlash(w, "flash.signed_up")
	return redirect("/app")
}

func (h *Handler) signUpFailed(w http.ResponseWriter, r *http.Request, rq *request, err error) error {
	if !isFormError(err) {
		return err
	}
	v := h.newView(r, rq, "signup.title")
	v.Form = r.PostForm
	v.Form.Del("password")
	v.Form.Del("password_confirm")
	v.Errors = formErrorsOf(err, rq.L, "legal_name")
	v.Data = newOrgFormData()
	return h.render(w, http.StatusUnprocessableEntity, "signup", v)
}
