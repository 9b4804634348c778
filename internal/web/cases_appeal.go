package web

import (
	"net/http"
	"net/url"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/office"
	"trustlane/internal/program"
)

// appealData is a decision's appeal page: the decision, its reasons and
// deadline, and the form for the grounds while an appeal is possible. For
// a notice of intent to deny, the appeal is the informal review.
type appealData struct {
	orgHead
	D         *office.DecisionView
	Reasons   []caseReason
	CaseURL   string
	LetterURL string
	Review    bool
	Appeal    *program.Appeal // the appeal already filed, if any
	CanAppeal bool
}

func (h *Handler) caseAppealForm(w http.ResponseWriter, r *http.Request, rq *request) error {
	d, err := h.loadAppeal(r, rq)
	if err != nil {
		return err
	}
	return h.renderAppeal(w, r, rq, d, http.StatusOK, nil, nil)
}

// caseAppeal files the appeal (or asks for the informal review) and goes
// back to the case, where the appeal now shows with its state.
func (h *Handler) caseAppeal(w http.ResponseWriter, r *http.Request, rq *request) error {
	d, err := h.loadAppeal(r, rq)
	if err != nil {
		return err
	}
	if err := needRole(d.orgHead, auth.AppealFile); err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	grounds := r.PostForm.Get("grounds")
	if _, err := h.off.FileAppeal(r.Context(), rq.Actor(), d.Org.ID, d.D.Decision.ID, grounds); err != nil {
		if !isFormError(err) {
			return err
		}
		return h.renderAppeal(w, r, rq, d, errs.Status(errs.CodeOf(err)), url.Values{"grounds": {grounds}},
			formErrorsOf(err, rq.L, "grounds"))
	}
	if d.Review {
		h.setFlash(w, "flash.case_review_requested")
	} else {
		h.setFlash(w, "flash.case_appeal_filed")
	}
	return redirect(d.CaseURL + "#appeals")
}

// loadAppeal opens the decision in the path; another company's decision
// is not found.
func (h *Handler) loadAppeal(r *http.Request, rq *request) (*appealData, error) {
	head, err := h.loadOrg(r, rq)
	if err != nil {
		return nil, err
	}
	v, err := h.off.CaseDecision(r.Context(), rq.Actor(), head.Org.ID, r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	dec := v.Decision
	d := &appealData{orgHead: head, D: v, Review: dec.Kind == program.DenialNotice,
		CaseURL: head.Base() + "/applications/" + dec.SubjectID}
	if dec.SubjectType == "membership" {
		d.CaseURL = head.Base() + "/memberships/" + dec.SubjectID
	}
	if dec.LetterID != "" {
		d.LetterURL = head.Base() + "/letters/" + dec.LetterID
	}
	pol := h.off.Policy()
	for _, code := range dec.Reasons {
		label := code
		if reason, ok := pol.Reason(dec.Kind, code); ok {
			label = reason.Label.In(rq.L.Lang())
		}
		d.Reasons = append(d.Reasons, caseReason{code, label})
	}
	if len(v.Appeals) > 0 {
		d.Appeal = &v.Appeals[len(v.Appeals)-1]
	}
	appealable := dec.Kind == program.DenialNotice || dec.Kind == program.Suspension || dec.Kind == program.Cancellation
	d.CanAppeal = appealable && d.Appeal == nil && dec.Appealable(rq.Now) && head.Can(string(auth.AppealFile))
	return d, nil
}

func (h *Handler) renderAppeal(w http.ResponseWriter, r *http.Request, rq *request, d *appealData, status int, form url.Values, fe *formErrors) error {
	title := "casepage.appeal.title"
	if d.Review {
		title = "casepage.appeal.review_title"
	}
	v := h.companyView(r, rq, title)
	v.Data, v.Errors = d, fe
	if form != nil {
		v.Form = form
	}
	return h.render(w, status, "case-appeal", v)
}

// caseLetter downloads a decision letter as the PDF the company was sent.
func (h *Handler) caseLetter(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := requireCompanyUser(rq); err != nil {
		return err
	}
	l, err := h.off.LetterPDF(r.Context(), rq.Actor(), r.PathValue("org"), r.PathValue("id"))
	if err != nil {
		return err
	}
	return sendFile(w, "application/pdf", l.Filename, l.PDF)
}

// caseSnapshotFile downloads an evidence file of the application's frozen
// profile, even one the company has since removed from its profile.
func (h *Handler) caseSnapshotFile(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := requireCompanyUser(rq); err != nil {
		return err
	}
	f, data, err := h.off.SnapshotEvidence(r.Context(), rq.Actor(), r.PathValue("org"), r.PathValue("id"), r.PathValue("file"))
	if err != nil {
		return err
	}
	return sendFile(w, f.ContentType, f.Filename, data)
}

// Paras splits text written in a form into its lines, one paragraph each.
func (d appealData) Paras(s string) []string { return paragraphs(s) }
