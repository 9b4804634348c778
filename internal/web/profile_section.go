package web

import (
	"net/http"
	"net/url"
	"strings"

	"trustlane/internal/catalog"
	"trustlane/internal/errs"
)

// The answers form. Questions and evidence forms alternate on the page, and
// forms cannot nest, so the answers form is an empty element and every
// answer control names it (form="…"). Errors about fields the page does not
// show are tied to it: its id is what fieldID makes of answersField.
const (
	answersField  = "answers"
	sectionFormID = "f-answers"
)

// loadSection opens a section page: the part must be one of the company's
// and the area one of that part's, or the page is not found.
func (h *Handler) loadSection(r *http.Request, rq *request) (profileHead, catalog.Section, error) {
	head, err := h.loadProfile(r, rq)
	if err != nil {
		return head, catalog.Section{}, err
	}
	part, area := r.PathValue("part"), r.PathValue("area")
	owned := part == catalog.GenericPart
	for _, s := range head.P.Sectors() {
		owned = owned || s == part
	}
	sec, ok := head.P.Version.Section(part, area)
	if !owned || !ok {
		return head, sec, errPageNotFound
	}
	return head, sec, nil
}

func (h *Handler) profileSection(w http.ResponseWriter, r *http.Request, rq *request) error {
	head, sec, err := h.loadSection(r, rq)
	if err != nil {
		return err
	}
	return h.renderSection(w, r, rq, head, sec, http.StatusOK, savedForm(head, sec), nil)
}

// profileSectionSave saves the section's answers as a draft. Every
// question of the section is sent, so a field left empty (or a box left
// unticked) clears its answer; fields the section does not have are passed
// on too, for the office to refuse. Nothing is saved if any answer is wrong.
func (h *Handler) profileSectionSave(w http.ResponseWriter, r *http.Request, rq *request) error {
	head, sec, err := h.loadSection(r, rq)
	if err != nil {
		return err
	}
	if !head.Editable() {
		return errRoleForbids
	}
	if err := parseForm(r); err != nil {
		return err
	}
	answers := sectionAnswers(sec, r.PostForm)
	saved, err := h.off.SaveAnswers(r.Context(), rq.Actor(), head.Org.ID, sec.Part, answers)
	if err != nil {
		if !isFormError(err) {
			return err
		}
		fe := sectionErrors(err, rq, sec)
		return h.renderSection(w, r, rq, head, sec, errs.Status(errs.CodeOf(err)), r.PostForm, fe)
	}
	h.setFlash(w, "flash.profile_saved")
	if r.PostForm.Get("action") == "continue" {
		head.P = saved
		return redirect(nextSection(head, sec.Part, sec.Area.ID))
	}
	return redirect(head.sectionURL(sec.Part, sec.Area.ID))
}

// sectionAnswers reads the posted answers: one value per question, the
// ticked boxes of a multiple choice joined in the text form ParseValue reads.
func sectionAnswers(sec catalog.Section, form url.Values) map[string]string {
	out := map[string]string{}
	for _, q := range sec.Questions {
		if q.Type != catalog.File {
			out[q.ID] = ""
		}
	}
	for name, vals := range form {
		if name == "action" {
			continue
		}
		out[name] = strings.Join(vals, "; ")
	}
	return out
}

// savedForm fills the form with the stored answers of the section's part.
func savedForm(head profileHead, sec catalog.Section) url.Values {
	f := url.Values{}
	for _, q := range sec.Questions {
		v := head.P.Answers[catalog.Key{Part: sec.Part, Question: q.ID}].Value
		switch {
		case len(v.List) > 0:
			f[q.ID] = v.List
		case v.Text != "":
			f.Set(q.ID, v.Text)
		}
	}
	return f
}

// sectionErrors translates the office's field errors. An error about a
// field the page does not show (a question of another part, a forged name)
// is tied to the form itself, so the summary's link still leads somewhere.
func sectionErrors(err error, rq *request, sec catalog.Section) *formErrors {
	fe := formErrorsOf(err, rq.L, answersField)
	if fe == nil {
		return nil
	}
	for i, m := range fe.Summary {
		if !sectionHas(sec, m.Field) {
			delete(fe.byField, m.Field)
			fe.Summary[i].Field = answersField
			fe.byField[answersField] = m.Message
		}
	}
	return fe
}

// renderSection shows a section with the given form values (the saved
// answers, or what was typed when a save was refused) and errors.
func (h *Handler) renderSection(w http.ResponseWriter, r *http.Request, rq *request, head profileHead, sec catalog.Section,
	status int, form url.Values, fe *formErrors) error {
	d := buildSection(rq, head, sec, form)
	v := h.companyView(r, rq, "")
	v.Title = d.AreaTitle + " – " + d.PartTitle
	v.Form, v.Errors, v.Data = form, fe, d
	return h.render(w, status, "profile-section", v)
}
