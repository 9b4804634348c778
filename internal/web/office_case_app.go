package web

import (
	"net/http"
	"net/url"
	"slices"
	"strings"

	"trustlane/internal/auth"
	"trustlane/internal/office"
	"trustlane/internal/program"
	"trustlane/internal/store"
)

// The case page of an application: everything the office knows about it,
// and the forms its state and the viewer's role allow.

// ocEligRow is one eligibility requirement: what the company declared and
// what the officer verified.
type ocEligRow struct {
	Item               string
	Declared, Verified bool
}

// ocInfo is a request for information and its answer.
type ocInfo struct {
	store.InfoRequest
	AskedBy, AnsweredBy string
	Due                 *ocDue
}

// ocValRow is a site validation of the case.
type ocValRow struct {
	V               program.Validation
	Tag             string
	Validators      []string
	Recorded, Total int
	CanCancel       bool
}

// ocCan lists the forms the case page offers.
type ocCaseCan struct {
	Review, Info, Eligibility, Schedule, Approve, Deny bool
}

type ocCaseData struct {
	Kind    string // "application": the case page shows both kinds of case
	V       *office.ApplicationView
	Base    string
	Tag     string
	Officer string
	Due     *ocDue
	DueWhat string
	Elig    []ocEligRow
	Checked bool // the officer has checked eligibility
	// ApproveBlocked: the viewer may approve but validated this case, and
	// the policy wants someone else to approve it.
	ApproveBlocked bool
	Infos          []ocInfo
	Vals           []ocValRow
	Snapshot       *ocSnapshot
	Can            ocCaseCan
	Validators     []option
	Partners       []option // partner programs a validation can be shared with
	Modes          []option
	ocRecords
}

func (h *Handler) ocApplication(w http.ResponseWriter, r *http.Request, rq *request) error {
	return h.ocRenderCase(w, r, rq, r.PathValue("id"), nil, nil, http.StatusOK)
}

// ocRenderCase shows the case page; after a refused form it shows the
// posted answers again with the errors.
func (h *Handler) ocRenderCase(w http.ResponseWriter, r *http.Request, rq *request, appID string, form url.Values, fe *formErrors, status int) error {
	if err := ocRequireStaff(rq); err != nil {
		return err
	}
	v, err := h.off.Application(r.Context(), rq.Actor(), "", appID)
	if err != nil {
		return err
	}
	staff, users, err := h.ocStaffNames(r.Context(), rq)
	if err != nil {
		return err
	}
	for id, n := range v.Names {
		staff[id] = n
	}
	d := h.ocCaseDataOf(rq, v, staff)
	for _, u := range users {
		if auth.Can(u.Staff, auth.ValidationDo) && u.Disabled.IsZero() {
			d.Validators = append(d.Validators, option{Value: u.ID, Label: u.Name, Hint: string(u.Staff)})
		}
	}
	if d.Can.Schedule {
		if err := h.ocSharingChoices(r, rq, &d); err != nil {
			return err
		}
	}
	view := h.ocView(r, rq, "")
	view.Title = rq.L.T("staffcase.app.title", map[string]any{"Org": v.Org.LegalName, "Sector": rq.L.T("sector." + string(v.App.Sector))})
	view.Form, view.Errors, view.Data = ocCaseForm(v, form), fe, d
	return h.render(w, status, "staff-case", view)
}

// ocCaseForm is the posted form, or the answers the forms start with: the
// company's address as the site to visit, and the eligibility already
// verified.
func ocCaseForm(v *office.ApplicationView, form url.Values) url.Values {
	if form == nil {
		form = url.Values{}
	}
	if _, ok := form["sites"]; !ok {
		a := v.Org.Address
		line := strings.Join(slices.DeleteFunc([]string{a.Line1, a.Line2, a.City + " " + a.Region + " " + a.PostalCode, a.Country},
			func(s string) bool { return strings.TrimSpace(s) == "" }), ", ")
		form.Set("sites", line)
	}
	if _, ok := form["mode"]; !ok {
		form.Set("mode", string(program.ModeOwn))
	}
	if _, ok := form["verified"]; !ok {
		for _, it := range program.EligibilityItems() {
			if v.App.Eligibility.Checks[it] {
				form.Add("verified", string(it))
			}
		}
	}
	return form
}

func (h *Handler) ocCaseDataOf(rq *request, v *office.ApplicationView, names map[string]string) ocCaseData {
	app, base := v.App, "/office/applications/"+url.PathEscape(v.App.ID)
	d := ocCaseData{Kind: "application", V: v, Base: base, Tag: appTag(app.State), Officer: names[app.OfficerID], Snapshot: ocSnapshotOf(rq, v),
		Checked: app.Eligibility.CheckedBy != ""}
	row := ocRow(rq, app, v.Org.LegalName, names)
	d.Due, d.DueWhat = row.Due, row.DueWhat
	for _, it := range program.EligibilityItems() {
		d.Elig = append(d.Elig, ocEligRow{Item: string(it), Declared: slices.Contains(app.Eligibility.Declared, it),
			Verified: app.Eligibility.Checks[it]})
	}
	for _, ir := range v.InfoRequests {
		i := ocInfo{InfoRequest: ir, AskedBy: names[ir.AskedBy], AnsweredBy: names[ir.AnsweredBy]}
		if ir.AnsweredAt.IsZero() {
			i.Due = ocDueOf(rq, ir.DueAt)
		}
		d.Infos = append(d.Infos, i)
	}
	review := ocCan(rq, auth.CaseReview)
	for _, val := range v.Validations {
		vr := ocValRow{V: val, Tag: ocValTag(val.State), Total: len(val.Items),
			CanCancel: review && val.State == program.ValScheduled && program.CmdCancelValidation.Allowed(app.State)}
		for _, id := range val.Validators {
			vr.Validators = append(vr.Validators, names[id])
		}
		for _, it := range val.Items {
			if it.Outcome != program.OutcomeNone {
				vr.Recorded++
			}
		}
		d.Vals = append(d.Vals, vr)
	}
	d.Can = ocCaseCan{
		Review:      review && program.CmdStartReview.Allowed(app.State),
		Info:        review && program.CmdRequestInfo.Allowed(app.State),
		Eligibility: review && (app.State == program.AppInReview || app.State == program.AppInfoRequested),
		Schedule:    review && program.CmdScheduleValidation.Allowed(app.State),
		Approve:     ocCan(rq, auth.DecideApprove) && program.CmdApprove.Allowed(app.State),
		Deny:        ocCan(rq, auth.DecideDeny) && program.CmdProposeDenial.Allowed(app.State),
	}
	if d.Can.Approve && h.off.Policy().Duties.ValidatorNotApprover && ocValidatedBy(v.Validations, rq.Actor().UserID) {
		d.Can.Approve, d.ApproveBlocked = false, true
	}
	d.ocRecords = h.ocRecordsOf(rq, base, v.Decisions, v.Plans, v.Appeals, names, v.Version)
	d.Timeline = h.officeEvents(v.Timeline, rq)
	return d
}

// ocValTag is the colour of a validation's state tag.
func ocValTag(s program.ValidationState) string {
	switch s {
	case program.ValCompleted:
		return "tag--green"
	case program.ValCancelled:
		return "tag--grey"
	}
	return ""
}

// ocValidatedBy reports whether someone is a validator of the latest
// completed validation, the one approval rests on.
func ocValidatedBy(vs []program.Validation, userID string) bool {
	for i := len(vs) - 1; i >= 0; i-- {
		if vs[i].State == program.ValCompleted {
			return slices.Contains(vs[i].Validators, userID)
		}
	}
	return false
}
