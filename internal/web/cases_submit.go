package web

import (
	"net/http"
	"slices"
	"strings"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/catalog"
	"trustlane/internal/errs"
	"trustlane/internal/office"
	"trustlane/internal/program"
)

// submitData is the "Check your answers" page before submission: the
// eligibility declared and where the profile stands for this sector.
type submitData struct {
	*casePage
	Done, Required, Gaps, Percent int
	Ready                         bool
	CanSubmit                     bool
}

// caseEligibility records the draft's eligibility declaration and goes on
// to the check before submission.
func (h *Handler) caseEligibility(w http.ResponseWriter, r *http.Request, rq *request) error {
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
	var items []program.EligibilityItem
	for _, it := range f["eligibility"] {
		items = append(items, program.EligibilityItem(it))
	}
	// A date that does not parse is a date not given: the office says so.
	when, _ := time.ParseInLocation(time.DateOnly, strings.TrimSpace(f.Get("last_movement")), h.cfg.Location)
	if err := h.off.DeclareEligibility(r.Context(), rq.Actor(), d.Org.ID, d.App.App.ID, items, when); err != nil {
		if !isFormError(err) {
			return err
		}
		fe := onField(formErrorsOf(err, rq.L, "eligibility"), "eligibility.", "eligibility", rq.L.T("casepage.eligibility.missing"))
		form := map[string][]string{"eligibility": f["eligibility"], "last_movement": {f.Get("last_movement")}}
		return h.renderCase(w, r, rq, d, errs.Status(errs.CodeOf(err)), form, fe)
	}
	h.setFlash(w, "flash.case_eligibility_saved")
	return redirect(d.URL + "/submit")
}

func (h *Handler) caseSubmitCheck(w http.ResponseWriter, r *http.Request, rq *request) error {
	d, err := h.loadSubmit(r, rq)
	if err != nil {
		return err
	}
	if !d.Draft() {
		return redirect(d.URL)
	}
	return h.renderSubmit(w, r, rq, d, http.StatusOK, nil)
}

// caseSubmit submits the application. What stops it (a profile not ready,
// an eligibility not declared) is shown on the check page, with the way to
// the gap list.
func (h *Handler) caseSubmit(w http.ResponseWriter, r *http.Request, rq *request) error {
	d, err := h.loadSubmit(r, rq)
	if err != nil {
		return err
	}
	if err := needRole(d.orgHead, auth.CaseApply); err != nil {
		return err
	}
	if _, err := h.off.SubmitApplication(r.Context(), rq.Actor(), d.Org.ID, d.App.App.ID); err != nil {
		if !isFormError(err) {
			return err
		}
		fe := onField(formErrorsOf(err, rq.L, "profile"), "eligibility", "eligibility", rq.L.T("casepage.eligibility.missing"))
		fe = onField(fe, "last_movement", "eligibility", "")
		return h.renderSubmit(w, r, rq, d, errs.Status(errs.CodeOf(err)), fe)
	}
	h.setFlash(w, "flash.case_submitted")
	return redirect(d.URL)
}

// loadSubmit opens the check page: the case and the profile's readiness
// for the application's sector (its generic part and its sector part, what
// submission freezes).
func (h *Handler) loadSubmit(r *http.Request, rq *request) (*submitData, error) {
	c, err := h.loadAppCase(r, rq)
	if err != nil {
		return nil, err
	}
	p, err := h.off.Profile(r.Context(), rq.Actor(), c.Org.ID)
	if err != nil {
		return nil, err
	}
	d := &submitData{casePage: c, CanSubmit: c.Draft() && c.Can(string(auth.CaseApply))}
	d.Done, d.Required, d.Gaps = sectorReadiness(p, c.App.App.Sector)
	d.Ready = d.Done == d.Required && d.Gaps == 0
	d.Percent = 100
	if d.Required > 0 {
		d.Percent = d.Done * 100 / d.Required
	}
	return d, nil
}

// sectorReadiness sums the assessment of the parts an application for
// sector is judged on.
func sectorReadiness(p *office.ProfileView, sector program.Sector) (done, required, gaps int) {
	parts := []string{catalog.GenericPart, string(sector)}
	for _, s := range p.Assessment.Sections {
		if slices.Contains(parts, s.Part) {
			done, required, gaps = done+s.Done, required+s.Required, gaps+s.Gaps
		}
	}
	return done, required, gaps
}

func (h *Handler) renderSubmit(w http.ResponseWriter, r *http.Request, rq *request, d *submitData, status int, fe *formErrors) error {
	v := h.companyView(r, rq, "casepage.submit.title")
	v.Data, v.Errors = d, fe
	return h.render(w, status, "case-submit", v)
}
