package web

import (
	"net/http"
)

// companyNewForm lets a signed-in person open an account for another
// company, of which they become the account owner.
func (h *Handler) companyNewForm(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := requireUser(rq); err != nil {
		return err
	}
	if rq.Session.User.Staff.IsStaff() {
		return redirect("/office")
	}
	v := h.newView(r, rq, "company.new.title")
	v.Nav = "app"
	v.Form.Set("address.country", "CA")
	v.Form.Set("category", "member")
	v.Data = newOrgFormData()
	return h.render(w, http.StatusOK, "company-new", v)
}

func (h *Handler) companyNew(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := requireUser(rq); err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	org, err := h.off.RegisterOrganization(r.Context(), rq.Actor(), orgInput(r.PostForm, rq.L.Lang()))
	if err != nil {
		if !isFormError(err) {
			return err
		}
		v := h.newView(r, rq, "company.new.title")
		v.Nav = "app"
		v.Form = r.PostForm
		v.Errors = formErrorsOf(err, rq.L, "legal_name")
		v.Data = newOrgFormData()
		return h.render(w, http.StatusUnprocessableEntity, "company-new", v)
	}
	h.setFlash(w, "flash.company_registered")
	return redirect("/app/orgs/" + org.ID)
}
