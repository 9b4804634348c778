package web

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/office"
	"trustlane/internal/program"
)

// The validators' checklist of a site validation: one row per criterion of
// the snapshot's parts, with a finding and notes. The whole checklist is
// one form, saved item by item (one office call and one audit event per
// finding changed); a refused item keeps its answer and shows its reason
// beside it while the others are saved.

// ocCheckItem is one criterion of the checklist.
type ocCheckItem struct {
	ID, Title, Level string
	Outcome          string
	Notes            string
	RecordedBy       string
	Field, NotesName string // the form's field names for this item
	// PrefilledFrom is "CTPAT 5" when a partner's result pre-filled the
	// item; Pending while no validator has confirmed it. PartlyFrom lists
	// the partner's targets that carry to it only partly.
	PrefilledFrom, PartlyFrom, Partner string
	Pending                            bool
}

// ocCheckGroup is the checklist's criteria of one area of one part.
type ocCheckGroup struct {
	Anchor, Title string
	Items         []ocCheckItem
}

type ocChecklistData struct {
	VV              *office.ValidationView
	Tag             string
	Validators      []string
	Recorded, Total int
	Groups          []ocCheckGroup
	CanRecord       bool
	CaseURL         string
	Outcomes        []option
	Results         []option
}

var ocOutcomes = []program.Outcome{program.OutcomeMet, program.OutcomeNotMet, program.OutcomeNotApplicable, program.OutcomeRecommendation}

// ocFingerprint identifies a finding as the page showed it, so a save
// records only what this validator changed and never undoes a colleague's
// finding recorded meanwhile.
func ocFingerprint(outcome, notes string) string {
	sum := sha256.Sum256([]byte(outcome + "\x00" + strings.TrimSpace(notes)))
	return hex.EncodeToString(sum[:8])
}

func (h *Handler) ocChecklist(w http.ResponseWriter, r *http.Request, rq *request) error {
	return h.ocRenderChecklist(w, r, rq, nil, nil, http.StatusOK)
}

// ocRenderChecklist shows the checklist with the saved findings, or with
// the posted answers and their errors.
func (h *Handler) ocRenderChecklist(w http.ResponseWriter, r *http.Request, rq *request, form url.Values, fe *formErrors, status int) error {
	if err := ocRequireStaff(rq); err != nil {
		return err
	}
	vv, err := h.off.StaffValidation(r.Context(), rq.Actor(), r.PathValue("id"))
	if err != nil {
		return err
	}
	d := ocChecklistOf(rq, vv)
	if form == nil {
		form = url.Values{}
	}
	// What was not posted shows as saved.
	for _, g := range d.Groups {
		for _, it := range g.Items {
			for name, val := range map[string]string{it.Field: it.Outcome, it.NotesName: it.Notes,
				"fp." + it.ID: ocFingerprint(it.Outcome, it.Notes)} {
				if _, ok := form[name]; !ok {
					form.Set(name, val)
				}
			}
		}
	}
	for _, o := range ocOutcomes {
		d.Outcomes = append(d.Outcomes, option{Value: string(o), Label: "case.outcome." + string(o)})
	}
	for _, res := range []program.ValidationResult{program.ResultSatisfactory, program.ResultActionPlan, program.ResultUnsatisfactory} {
		d.Results = append(d.Results, option{Value: string(res), Label: "case.result." + string(res)})
	}
	v := h.ocView(r, rq, "")
	v.Title = rq.L.T("staffcase.check.title", map[string]any{"Org": vv.Org.LegalName})
	v.Form, v.Errors, v.Data = form, fe, d
	return h.render(w, status, "staff-validation", v)
}

// ocChecklistOf groups the checklist by the sections of the snapshot's
// catalog version, in the order of the task list.
func ocChecklistOf(rq *request, vv *office.ValidationView) ocChecklistData {
	val, lang := vv.Validation, rq.L.Lang()
	d := ocChecklistData{VV: vv, Tag: ocValTag(val.State), Total: len(val.Items), CaseURL: ocCaseURL("application", vv.App.ID),
		CanRecord: ocCan(rq, auth.ValidationDo) && val.State == program.ValScheduled && slices.Contains(val.Validators, rq.Actor().UserID)}
	for _, id := range val.Validators {
		d.Validators = append(d.Validators, vv.Names[id])
	}
	byID := map[string]program.CheckItem{}
	for _, it := range val.Items {
		byID[it.CriterionID] = it
		if it.Outcome != program.OutcomeNone {
			d.Recorded++
		}
	}
	if vv.Version == nil {
		return d
	}
	for _, sec := range vv.Version.Sections(vv.Body.Sectors) {
		g := ocCheckGroup{Anchor: "area-" + sec.Part + "-" + sec.Area.ID, Title: partTitle(rq, sec.Part) + " – " + sec.Area.Title.In(lang)}
		for _, cr := range sec.Criteria {
			it, ok := byID[cr.ID]
			if !ok {
				continue
			}
			ci := ocCheckItem{ID: cr.ID, Title: cr.Title.In(lang), Level: it.Level, Outcome: string(it.Outcome),
				Notes: it.Notes, RecordedBy: vv.Names[it.RecordedBy], Field: "outcome." + cr.ID, NotesName: "notes." + cr.ID,
				Partner: val.Sharing.PartnerCode}
			ci.PrefilledFrom, ci.Pending, ci.PartlyFrom = ocPrefillOf(it)
			g.Items = append(g.Items, ci)
		}
		if len(g.Items) > 0 {
			d.Groups = append(d.Groups, g)
		}
	}
	return d
}

// ocAnchor accepts a section anchor sent back by a save button.
var ocAnchor = regexp.MustCompile(`^area-[a-z0-9_-]{1,80}$`)

// ocChecklistSave records every finding the validator changed on the page.
func (h *Handler) ocChecklistSave(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := ocPost(r, rq)
	if err != nil {
		return err
	}
	vv, err := h.off.StaffValidation(r.Context(), rq.Actor(), id)
	if err != nil {
		return err
	}
	f := r.PostForm
	fe := &formErrors{byField: map[string]string{}}
	saved := 0
	for _, it := range vv.Validation.Items {
		cid := it.CriterionID
		oName, nName := "outcome."+cid, "notes."+cid
		_, hasO := f[oName]
		_, hasN := f[nName]
		// A field not sent keeps what is recorded.
		outcome, notes := string(it.Outcome), it.Notes
		if hasO {
			outcome = f.Get(oName)
		}
		if hasN {
			notes = strings.TrimSpace(f.Get(nName))
		}
		shown := f.Get("fp." + cid)
		if shown == "" {
			shown = ocFingerprint(string(it.Outcome), it.Notes)
		}
		// A ticked confirmation records the pre-filled item as it stands,
		// which confirms it.
		confirm := f.Get("confirm."+cid) != "" && it.Prefill != nil && !it.Prefill.Confirmed()
		if !confirm && ((!hasO && !hasN) || ocFingerprint(outcome, notes) == shown) {
			continue
		}
		err := h.off.RecordFinding(r.Context(), rq.Actor(), id, cid, program.Outcome(outcome), notes)
		switch {
		case err == nil:
			saved++
			f.Set("fp."+cid, ocFingerprint(outcome, notes))
		case !isFormError(err):
			return err
		case len(fe.Summary) == 0 && ocWholeForm(err):
			// The validation is no longer open: one message says it.
			fe = formErrorsOf(err, rq.L, "checklist")
		case !ocWholeForm(err):
			ocAddItemErrors(fe, formErrorsOf(err, rq.L, oName), oName, nName)
		}
	}
	if len(fe.Summary) > 0 {
		return h.ocRenderChecklist(w, r, rq, f, fe, http.StatusUnprocessableEntity)
	}
	to := "/office/validations/" + url.PathEscape(id)
	if a := f.Get("save"); ocAnchor.MatchString(a) {
		to += "#" + a
	}
	flash := "flash.staff_findings_saved"
	if saved == 0 {
		flash = "flash.staff_findings_none"
	}
	h.setFlash(w, flash)
	return redirect(to)
}

// ocWholeForm reports whether an error concerns the whole checklist (the
// validation closed meanwhile) rather than one item's answer.
func ocWholeForm(err error) bool {
	e, ok := errs.As(err)
	return ok && len(e.Fields) == 0
}

// ocAddItemErrors ties one item's errors to its finding or its notes.
func ocAddItemErrors(all, item *formErrors, oName, nName string) {
	for _, m := range item.Summary {
		to, msg := oName, m.Message
		if m.Field == "notes" {
			to = nName
		}
		if _, dup := all.byField[to]; !dup {
			all.byField[to] = msg
			all.Summary = append(all.Summary, fieldMessage{to, msg})
		}
	}
}

// ocChecklistComplete closes the validation with its result.
func (h *Handler) ocChecklistComplete(w http.ResponseWriter, r *http.Request, rq *request) error {
	id, err := ocPost(r, rq)
	if err != nil {
		return err
	}
	vv, err := h.off.StaffValidation(r.Context(), rq.Actor(), id)
	if err != nil {
		return err
	}
	err = h.off.CompleteValidation(r.Context(), rq.Actor(), id, program.ValidationResult(r.PostForm.Get("result")), r.PostForm.Get("summary"))
	if isFormError(err) {
		return h.ocRenderChecklist(w, r, rq, r.PostForm, formErrorsOf(err, rq.L, "result"), errs.Status(errs.CodeOf(err)))
	}
	if err != nil {
		return err
	}
	h.setFlash(w, "flash.staff_validation_completed")
	return redirect(ocCaseURL("application", vv.App.ID) + "#f-validations")
}
