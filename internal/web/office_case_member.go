package web

import (
	"net/http"
	"net/url"

	"trustlane/internal/auth"
	"trustlane/internal/office"
	"trustlane/internal/program"
)

// The page of a membership: its dates and obligations, the memorandum's
// signature, its decisions, action plans and appeals, its timeline, and the
// decisions the viewer may take (suspend, reinstate, cancel).

// ocMemberCan lists the decisions the membership page offers.
type ocMemberCan struct {
	Suspend, Reinstate, Cancel bool
}

type ocMemberData struct {
	Kind    string // "membership"
	V       *office.MembershipView
	Base    string
	Tag     string
	AppTag  string
	Dues    []ocMemberDue
	Signed  bool
	Can     ocMemberCan
	Officer string
	ocRecords
}

// ocMemberDue is one of the membership's obligations with its date.
type ocMemberDue struct {
	What string // staffcase.due.* key
	Due  *ocDue
}

func (h *Handler) ocMembership(w http.ResponseWriter, r *http.Request, rq *request) error {
	return h.ocRenderMembership(w, r, rq, r.PathValue("id"), nil, nil, http.StatusOK)
}

// ocRenderMembership shows the membership page; after a refused form, with
// the posted answers and the errors.
func (h *Handler) ocRenderMembership(w http.ResponseWriter, r *http.Request, rq *request, id string, form url.Values, fe *formErrors, status int) error {
	if err := ocRequireStaff(rq); err != nil {
		return err
	}
	v, err := h.off.Membership(r.Context(), rq.Actor(), "", id)
	if err != nil {
		return err
	}
	names, _, err := h.ocStaffNames(r.Context(), rq)
	if err != nil {
		return err
	}
	for k, n := range v.Names {
		names[k] = n
	}
	m, base := v.Membership, "/office/memberships/"+url.PathEscape(v.Membership.ID)
	d := ocMemberData{Kind: "membership", V: v, Base: base, Tag: memberTag(m.State), AppTag: appTag(v.Application.State),
		Signed: !m.MOU.SignedAt.IsZero(), Officer: names[v.Application.OfficerID]}
	switch m.State {
	case program.MemberPendingMOU:
		d.Dues = []ocMemberDue{{"staffcase.due.mou", ocDueOf(rq, m.MOUDueAt)}}
	case program.MemberActive, program.MemberSuspended:
		d.Dues = []ocMemberDue{{"staffcase.due.annual", ocDueOf(rq, m.AnnualDueAt)},
			{"staffcase.due.revalidation", ocDueOf(rq, m.RevalidationDueAt)}}
		if m.State == program.MemberSuspended {
			d.Dues = append([]ocMemberDue{{"staffcase.due.remedy", ocDueOf(rq, m.RemedyDueAt)}}, d.Dues...)
		}
	}
	d.Can = ocMemberCan{
		Suspend:   ocCan(rq, auth.DecideSuspend) && program.CmdSuspend.Allowed(m.State),
		Reinstate: ocCan(rq, auth.DecideSuspend) && program.CmdReinstate.Allowed(m.State),
		Cancel:    ocCan(rq, auth.DecideCancel) && program.CmdCancel.Allowed(m.State),
	}
	d.ocRecords = h.ocRecordsOf(rq, base, v.Decisions, v.Plans, v.Appeals, names, nil)
	d.Timeline = h.officeEvents(v.Timeline, rq)
	view := h.ocView(r, rq, "")
	view.Title = rq.L.T("staffcase.member.title", map[string]any{"Number": m.Number, "Org": v.Org.LegalName})
	view.Form, view.Errors, view.Data = form, fe, d
	if view.Form == nil {
		view.Form = url.Values{}
	}
	return h.render(w, status, "staff-case", view)
}
