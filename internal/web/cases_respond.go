package web

import (
	"errors"
	"net/http"
	"net/url"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/program"
)

// caseAnswerInfo answers the open request for information. With the box
// ticked, the answer also sends the current Security Profile as the copy
// under review, which must then be ready.
func (h *Handler) caseAnswerInfo(w http.ResponseWriter, r *http.Request, rq *request) error {
	d, err := h.loadAppCase(r, rq)
	if err != nil {
		return err
	}
	if err := needRole(d.orgHead, auth.CaseApply); err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	f := r.PostForm
	answer, refresh := f.Get("answer"), f.Get("refresh") == "yes"
	if err := h.off.AnswerInfoRequest(r.Context(), rq.Actor(), d.Org.ID, d.App.App.ID, answer, refresh); err != nil {
		if !isFormError(err) {
			return err
		}
		fallback := "answer"
		if errors.Is(err, program.ErrNotReady) {
			fallback = "refresh"
		}
		form := url.Values{"answer": {answer}, "refresh": {f.Get("refresh")}}
		return h.renderCase(w, r, rq, d, errs.Status(errs.CodeOf(err)), form, formErrorsOf(err, rq.L, fallback))
	}
	h.setFlash(w, "flash.case_info_answered")
	return redirect(d.URL + "#info-requests")
}

func (h *Handler) caseRespondAction(w http.ResponseWriter, r *http.Request, rq *request) error {
	d, err := h.loadAppCase(r, rq)
	if err != nil {
		return err
	}
	return h.respondAction(w, r, rq, d)
}

func (h *Handler) membershipRespondAction(w http.ResponseWriter, r *http.Request, rq *request) error {
	d, err := h.loadMemberCase(r, rq)
	if err != nil {
		return err
	}
	return h.respondAction(w, r, rq, d)
}

// respondAction records the company's answer to one corrective action of
// the case's plans. A plan of another case is not found here, even in the
// same company, so a URL always says what it changes.
func (h *Handler) respondAction(w http.ResponseWriter, r *http.Request, rq *request, d *casePage) error {
	if err := needRole(d.orgHead, auth.CaseApply); err != nil {
		return err
	}
	planID, itemID := r.PathValue("plan"), r.PathValue("item")
	field := ""
	for _, p := range d.Plans {
		for _, it := range p.Items {
			if p.ID == planID && it.ID == itemID {
				field = it.Field
			}
		}
	}
	if field == "" {
		return errPageNotFound
	}
	if err := parseForm(r); err != nil {
		return err
	}
	response := r.PostForm.Get("response")
	if err := h.off.RespondAction(r.Context(), rq.Actor(), d.Org.ID, planID, itemID, response); err != nil {
		if !isFormError(err) {
			return err
		}
		fe := onField(formErrorsOf(err, rq.L, field), "response", field, "")
		return h.renderCase(w, r, rq, d, errs.Status(errs.CodeOf(err)), url.Values{field: {response}}, fe)
	}
	h.setFlash(w, "flash.case_action_answered")
	return redirect(d.URL + "#plans")
}
