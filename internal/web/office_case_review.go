package web

import (
	"net/http"
	"strings"
	"time"

	"trustlane/internal/errs"
	"trustlane/internal/office"
	"trustlane/internal/program"
)

// The review forms of the case page: take the case, ask the company for
// information, verify its eligibility, schedule and cancel the site
// validation, and check corrective actions. Each posts to the case, calls
// one office use case and comes back to the case page: with a notice when
// done, or with the answers and the reason when refused.

// ocDone finishes a case form: a notice and back to the page on success; the
// page again with the errors tied to field when the office refused the
// answers; the error page for anything else (a role that may not, 403).
// Forms repeated on a page (one per corrective action) keep their errors to
// the one that was sent.
func (h *Handler) ocDone(w http.ResponseWriter, r *http.Request, rq *request, err error, field, flash, to string) error {
	if err == nil {
		h.setFlash(w, flash)
		return redirect(to)
	}
	if !isFormError(err) {
		return err
	}
	fe, status := formErrorsOf(err, rq.L, field), errs.Status(errs.CodeOf(err))
	if r.PathValue("plan") != "" {
		fe = onField(fe, "", field, "")
	}
	if strings.HasPrefix(r.URL.Path, "/office/memberships/") {
		return h.ocRenderMembership(w, r, rq, r.PathValue("id"), r.PostForm, fe, status)
	}
	return h.ocRenderCase(w, r, rq, r.PathValue("id"), r.PostForm, fe, status)
}

// ocPost reads a case form, or says why it cannot.
func ocPost(r *http.Request, rq *request) (string, error) {
	if err := ocRequireStaff(rq); err != nil {
		return "", err
	}
	if err := parseForm(r); err != nil {
		return "", err
	}
	return r.PathValue("id"), nil
}

func (h *Handler) ocStartReview(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := ocPost(r, rq)
	if err != nil {
		return err
	}
	err = h.off.StartReview(r.Context(), rq.Actor(), id)
	return h.ocDone(w, r, rq, err, "review", "flash.staff_review_started", ocCaseURL("application", id))
}

func (h *Handler) ocRequestInfo(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := ocPost(r, rq)
	if err != nil {
		return err
	}
	err = h.off.RequestInfo(r.Context(), rq.Actor(), id, r.PostForm.Get("questions"))
	return h.ocDone(w, r, rq, err, "questions", "flash.staff_info_requested", ocCaseURL("application", id)+"#information")
}

func (h *Handler) ocVerifyEligibility(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := ocPost(r, rq)
	if err != nil {
		return err
	}
	var items []program.EligibilityItem
	for _, s := range r.PostForm["verified"] {
		items = append(items, program.EligibilityItem(s))
	}
	err = h.off.VerifyEligibility(r.Context(), rq.Actor(), id, items, r.PostForm.Get("check_notes"))
	return h.ocDone(w, r, rq, err, "verified", "flash.staff_eligibility_checked", ocCaseURL("application", id)+"#eligibility")
}

// ocScheduleValidation plans the visit: a day, the sites one per line, and
// validators among the staff who validate.
func (h *Handler) ocScheduleValidation(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := ocPost(r, rq)
	if err != nil {
		return err
	}
	f := r.PostForm
	when, err := ocParseDate(f.Get("date"), h.cfg.Location)
	if err != nil {
		fe := formErrorsOf(errs.Fields(errs.F("date", "staffcase.error.date", "enter a date")), rq.L, "date")
		return h.ocRenderCase(w, r, rq, id, f, fe, http.StatusUnprocessableEntity)
	}
	sites := strings.Split(strings.ReplaceAll(f.Get("sites"), "\r\n", "\n"), "\n")
	sharing, err := ocSharingOf(f, h.cfg.Location)
	if err != nil {
		fe := formErrorsOf(errs.Fields(errs.F("partner_validated_on", "staffcase.error.date", "enter a date")), rq.L, "partner_validated_on")
		return h.ocRenderCase(w, r, rq, id, f, fe, http.StatusUnprocessableEntity)
	}
	_, err = h.off.ScheduleSharedValidation(r.Context(), rq.Actor(), id, office.ValidationPlan{When: when, Sites: sites,
		Validators: f["validators"], Sharing: sharing})
	return h.ocDone(w, r, rq, err, "date", "flash.staff_validation_scheduled", ocCaseURL("application", id)+"#f-validations")
}

// ocParseDate reads a date field (YYYY-MM-DD) as that day's start in the
// program's time zone.
func ocParseDate(s string, loc *time.Location) (time.Time, error) {
	return time.ParseInLocation(time.DateOnly, strings.TrimSpace(s), loc)
}

// ocCancelValidation calls a scheduled validation off; the case returns to
// review.
func (h *Handler) ocCancelValidation(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := ocPost(r, rq)
	if err != nil {
		return err
	}
	vv, err := h.off.StaffValidation(r.Context(), rq.Actor(), id)
	if err != nil {
		return err
	}
	err = h.off.CancelValidation(r.Context(), rq.Actor(), id)
	if isFormError(err) {
		fe := formErrorsOf(err, rq.L, "validations")
		return h.ocRenderCase(w, r, rq, vv.App.ID, nil, fe, errs.Status(errs.CodeOf(err)))
	}
	return h.ocDone(w, r, rq, err, "validations", "flash.staff_validation_cancelled", ocCaseURL("application", vv.App.ID)+"#f-validations")
}

// ocVerifyAction accepts or rejects a corrective action the company
// answered, from the page of the case the plan belongs to.
func (h *Handler) ocVerifyAction(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := ocPost(r, rq)
	if err != nil {
		return err
	}
	planID, itemID := r.PathValue("plan"), r.PathValue("item")
	field := "verdict-" + planID + "-" + itemID
	err = h.off.VerifyAction(r.Context(), rq.Actor(), planID, itemID, program.Verdict(r.PostForm.Get("verdict")), r.PostForm.Get("note"))
	subject := "application"
	if strings.HasPrefix(r.URL.Path, "/office/memberships/") {
		subject = "membership"
	}
	// The note typed goes back under the action's own name, so only the
	// form that was sent shows it again.
	r.PostForm.Set("note-"+planID+"-"+itemID, r.PostForm.Get("note"))
	r.PostForm.Set(field, r.PostForm.Get("verdict"))
	return h.ocDone(w, r, rq, err, field, "flash.staff_action_verified", ocCaseURL(subject, id)+"#plans")
}
