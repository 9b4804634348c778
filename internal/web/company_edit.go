package web

import (
	"net/http"
	"net/url"

	"trustlane/internal/errs"
)

// editData is the company details form: the shared organization fields.
type editData struct {
	orgHead
	F orgFormData
}

func (h *Handler) companyEditForm(w http.ResponseWriter, r *http.Request, rq *request) error {
	head, err := h.loadOrg(r, rq)
	if err != nil {
		return err
	}
	if !head.Can("org.edit") {
		return errRoleForbids
	}
	return h.renderEdit(w, r, rq, head, http.StatusOK, orgValues(head.Org), nil)
}

// companyEdit saves the details. The company's language for mail is kept:
// it is the company's choice, not that of whoever edits the page.
func (h *Handler) companyEdit(w http.ResponseWriter, r *http.Request, rq *request) error {
	head, err := h.loadOrg(r, rq)
	if err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	_, err = h.off.UpdateOrg(r.Context(), rq.Actor(), head.Org.ID, orgInput(r.PostForm, head.Org.Lang))
	if err != nil {
		if !isFormError(err) {
			return err
		}
		return h.renderEdit(w, r, rq, head, errs.Status(errs.CodeOf(err)), r.PostForm, formErrorsOf(err, rq.L, "legal_name"))
	}
	h.setFlash(w, "flash.company_updated")
	return redirect(head.Base())
}

func (h *Handler) renderEdit(w http.ResponseWriter, r *http.Request, rq *request, head orgHead, status int, form url.Values, fe *formErrors) error {
	v := h.companyView(r, rq, "company.edit.title")
	v.Form, v.Errors = form, fe
	v.Data = editData{orgHead: head, F: newOrgFormData()}
	return h.render(w, status, "company-edit", v)
}
