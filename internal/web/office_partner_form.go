package web

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/ident"
	"trustlane/internal/partner"
)

// The form administrators add or edit a partner program with. The code is
// asked only when the program is new: it keys member data and links.

type partnerFormData struct {
	Create     bool
	Code       string
	Statuses   []option
	Frameworks []option
	Kinds      []option
	Sharing    []option
}

func (h *Handler) renderPartnerForm(w http.ResponseWriter, r *http.Request, rq *request, code string, form url.Values, fe *formErrors, status int) error {
	d := partnerFormData{Create: code == "", Code: code,
		Sharing: []option{{Value: "yes", Label: "partner_data.form.sharing_yes"}}}
	for _, s := range partner.Statuses() {
		d.Statuses = append(d.Statuses, option{Value: string(s), Label: "partner_data.program_status." + string(s)})
	}
	for _, f := range partner.Frameworks {
		d.Frameworks = append(d.Frameworks, option{Value: f, Label: "partner_data.framework." + f})
	}
	for _, k := range ident.Kinds() {
		d.Kinds = append(d.Kinds, option{Value: string(k), Label: "partner_data.kind." + string(k)})
	}
	title := "partner_data.form.edit_title"
	if d.Create {
		title = "partner_data.form.new_title"
	}
	v := h.newView(r, rq, title)
	v.Nav, v.Data, v.Form, v.Errors = "partners", d, form, fe
	return h.render(w, status, "office-partner-form", v)
}

func (h *Handler) partnerNew(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := requireUser(rq); err != nil {
		return err
	}
	if _, err := h.off.PartnerPrograms(r.Context(), rq.Actor()); err != nil {
		return err
	}
	if !auth.Can(rq.Actor().Staff, auth.PartnersManage) {
		return errRoleForbids // the office refuses the save all the same
	}
	return h.renderPartnerForm(w, r, rq, "", url.Values{"status": {"planned"}, "framework": {"safe"}}, nil, http.StatusOK)
}

func (h *Handler) partnerEdit(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := requireUser(rq); err != nil {
		return err
	}
	p, err := h.off.PartnerProgram(r.Context(), rq.Actor(), r.PathValue("code"))
	if err != nil {
		return err
	}
	if !auth.Can(rq.Actor().Staff, auth.PartnersManage) {
		return errRoleForbids
	}
	f := url.Values{"name_en": {p.Name.EN}, "name_fr": {p.Name.FR}, "admin_en": {p.Administration.EN}, "admin_fr": {p.Administration.FR},
		"country": {p.Country}, "status": {string(p.Status)}, "framework": {p.Framework}}
	if !p.ArrangedOn.IsZero() {
		f.Set("arranged_on", p.ArrangedOn.Format(time.DateOnly))
	}
	for _, k := range p.IDKinds {
		f.Add("id_kinds", string(k))
	}
	if p.Sharing {
		f.Set("sharing", "yes")
	}
	return h.renderPartnerForm(w, r, rq, p.Code, f, nil, http.StatusOK)
}

func (h *Handler) partnerCreate(w http.ResponseWriter, r *http.Request, rq *request) error {
	return h.partnerSave(w, r, rq, "")
}

func (h *Handler) partnerUpdate(w http.ResponseWriter, r *http.Request, rq *request) error {
	return h.partnerSave(w, r, rq, strings.ToUpper(r.PathValue("code")))
}

func (h *Handler) partnerSave(w http.ResponseWriter, r *http.Request, rq *request, code string) error {
	if err := requireUser(rq); err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	f := r.PostForm
	p := partner.Program{Code: code, Name: partner.Text{EN: f.Get("name_en"), FR: f.Get("name_fr")},
		Administration: partner.Text{EN: f.Get("admin_en"), FR: f.Get("admin_fr")}, Country: f.Get("country"),
		Status: partner.Status(f.Get("status")), Framework: f.Get("framework"), Sharing: f.Get("sharing") == "yes"}
	if code == "" {
		p.Code = f.Get("code")
	}
	for _, k := range f["id_kinds"] {
		p.IDKinds = append(p.IDKinds, ident.Kind(k))
	}
	d, err := dateOnly(f.Get("arranged_on"))
	if err == nil {
		p.ArrangedOn = d
		p, err = h.off.SavePartnerProgram(r.Context(), rq.Actor(), p, code == "")
	} else {
		err = errArrangedOn
	}
	if err != nil {
		if !isFormError(err) {
			return err
		}
		return h.renderPartnerForm(w, r, rq, code, f, formErrorsOf(err, rq.L, "code"), errs.Status(errs.CodeOf(err)))
	}
	h.setFlash(w, "flash.partner_saved")
	return redirect("/office/partners/" + url.PathEscape(p.Code))
}
