package web

import (
	"net/http"
	"net/url"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/office"
)

// The staff accounts page: administrators see every staff member with their
// two-step status and create accounts. A new staff member signs in with the
// initial password and must set up two-step verification before any staff
// page opens (the sign-in enforces it).

type staffData struct {
	Users []auth.User
	Roles []option
}

// staffRoleOptions lists the staff roles with what each may do.
func staffRoleOptions() []option {
	var out []option
	for _, r := range auth.StaffRoles() {
		out = append(out, option{string(r), "role." + string(r), "office.staff.role_hint." + string(r)})
	}
	return out
}

func (h *Handler) renderStaff(w http.ResponseWriter, r *http.Request, rq *request, users []auth.User, form url.Values, fe *formErrors, status int) error {
	v := h.newView(r, rq, "office.staff.title")
	v.Nav, v.Form, v.Errors = "office", form, fe
	v.Data = staffData{Users: users, Roles: staffRoleOptions()}
	return h.render(w, status, "office-staff", v)
}

func (h *Handler) staffList(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := requireUser(rq); err != nil {
		return err
	}
	users, err := h.off.StaffAccounts(r.Context(), rq.Actor())
	if err != nil {
		return err
	}
	return h.renderStaff(w, r, rq, users, url.Values{}, nil, http.StatusOK)
}

func (h *Handler) staffCreate(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := requireUser(rq); err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	f := r.PostForm
	in := office.StaffInput{Name: f.Get("name"), Email: f.Get("email"), Password: f.Get("password"),
		Role: auth.Role(f.Get("role")), Lang: rq.L.Lang()}
	var err error
	if f.Get("password") != f.Get("password_confirm") {
		err = errs.Fields(errs.F("password_confirm", "error.password_confirm", "the passwords do not match"))
	} else {
		_, err = h.off.CreateStaff(r.Context(), rq.Actor(), in)
	}
	if err != nil {
		if !isFormError(err) {
			return err
		}
		users, lerr := h.off.StaffAccounts(r.Context(), rq.Actor())
		if lerr != nil {
			return lerr
		}
		form := url.Values{"name": {f.Get("name")}, "email": {f.Get("email")}, "role": {f.Get("role")}}
		return h.renderStaff(w, r, rq, users, form, formErrorsOf(staffEmailTaken(err), rq.L, "email"), errs.Status(errs.CodeOf(err)))
	}
	h.setFlash(w, "flash.office_staff_created")
	return redirect("/office/staff")
}

// staffEmailTaken rewords the duplicate e-mail error: the shared message
// tells a person to sign in or reset their password, which is not what an
// administrator creating an account needs to hear.
func staffEmailTaken(err error) error {
	e, ok := errs.As(err)
	if !ok {
		return err
	}
	c := *e
	c.Fields = nil
	for _, fe := range e.Fields {
		if fe.Key == "error.email_taken" {
			fe.Key = "office.staff.email_taken"
		}
		c.Fields = append(c.Fields, fe)
	}
	return &c
}
