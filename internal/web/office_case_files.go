package web

import (
	"net/http"

	"trustlane/internal/program"
)

// Files of a case for staff: decision letters and the evidence frozen in an
// application's snapshot, and the list of an organization's cases.

// ocLetter sends a decision letter as the company received it.
func (h *Handler) ocLetter(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := ocRequireStaff(rq); err != nil {
		return err
	}
	l, err := h.off.LetterPDF(r.Context(), rq.Actor(), r.PathValue("org"), r.PathValue("id"))
	if err != nil {
		return err
	}
	return sendFile(w, "application/pdf", l.Filename, l.PDF)
}

// ocEvidence sends a file of an application's snapshot, checked against
// its hash, even if the company has since removed it from its profile.
func (h *Handler) ocEvidence(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := ocRequireStaff(rq); err != nil {
		return err
	}
	f, data, err := h.off.SnapshotEvidence(r.Context(), rq.Actor(), "", r.PathValue("id"), r.PathValue("file"))
	if err != nil {
		return err
	}
	return sendFile(w, f.ContentType, f.Filename, data)
}

// ocOrgCaseRow is one application of an organization.
type ocOrgCaseRow struct {
	App program.Application
	Tag string
	Age string
}

// ocOrgMemberRow is one membership of an organization.
type ocOrgMemberRow struct {
	M   program.Membership
	Tag string
}

type ocOrgCasesData struct {
	Org     program.Organization
	Apps    []ocOrgCaseRow
	Members []ocOrgMemberRow
}

// ocOrgCases lists an organization's applications and memberships for
// staff, linked from the organization's page.
func (h *Handler) ocOrgCases(w http.ResponseWriter, r *http.Request, rq *request) error {
	if err := ocRequireStaff(rq); err != nil {
		return err
	}
	sv, err := h.off.StaffOrg(r.Context(), rq.Actor(), r.PathValue("org"), 0, 1)
	if err != nil {
		return err
	}
	apps, ms, err := h.off.CompanyCases(r.Context(), rq.Actor(), sv.Org.ID)
	if err != nil {
		return err
	}
	d := ocOrgCasesData{Org: sv.Org}
	for _, a := range apps {
		d.Apps = append(d.Apps, ocOrgCaseRow{App: a, Tag: appTag(a.State), Age: ocAge(rq, a.UpdatedAt)})
	}
	for _, m := range ms {
		d.Members = append(d.Members, ocOrgMemberRow{M: m, Tag: memberTag(m.State)})
	}
	v := h.ocView(r, rq, "")
	v.Title = rq.L.T("staffcase.org.title", map[string]any{"Org": sv.Org.LegalName})
	v.Data = d
	return h.render(w, http.StatusOK, "staff-org-cases", v)
}
