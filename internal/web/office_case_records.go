package web

import (
	"net/url"

	"trustlane/internal/auth"
	"trustlane/internal/catalog"
	"trustlane/internal/program"
)

// The records an application and a membership both carry: decisions with
// their letters, action plans and appeals, ready to show.

// ocDecisionRow is a decision with its reasons in words and its letter.
type ocDecisionRow struct {
	D         program.Decision
	Reasons   []ocReason
	By        string
	LetterURL string
	AppealBy  *ocDue // while it can still be appealed
}

// ocActionView is one corrective action and, when the viewer may check it,
// its verification form.
type ocActionView struct {
	Item      program.ActionItem
	Criterion string // the criterion's title in the reader's language
	Tag       string
	CanVerify bool
	FormURL   string
	Field     string // where the form's errors are shown
	Due       *ocDue
}

// ocPlanView is an action plan with its actions.
type ocPlanView struct {
	Plan  program.ActionPlan
	Tag   string
	Items []ocActionView
}

// ocCaseAppeal is an appeal of a decision of the case.
type ocCaseAppeal struct {
	A         program.Appeal
	Tag       string
	FiledBy   string
	Reviewer  string
	CanDecide bool
}

// ocRecords is what both case pages show below their own details.
type ocRecords struct {
	Decisions []ocDecisionRow
	Plans     []ocPlanView
	Appeals   []ocCaseAppeal
	Timeline  []officeEvent
}

// ocRecordsOf builds the records of a case whose page is base; v is the
// catalog version that names criteria (nil for a membership).
func (h *Handler) ocRecordsOf(rq *request, base string, ds []program.Decision, ps []program.ActionPlan, as []program.Appeal,
	names map[string]string, v *catalog.Version) ocRecords {
	var out ocRecords
	decidedBy := map[string]string{}
	for _, d := range ds {
		row := ocDecisionRow{D: d, Reasons: h.ocReasonLabels(rq, d.Kind, d.Reasons), By: names[d.DecidedBy]}
		if d.LetterID != "" {
			row.LetterURL = "/office/letters/" + url.PathEscape(d.OrgID) + "/" + url.PathEscape(d.LetterID)
		}
		if d.Appealable(rq.Now) {
			row.AppealBy = ocDueOf(rq, d.AppealDeadline)
		}
		decidedBy[d.ID] = d.DecidedBy
		out.Decisions = append(out.Decisions, row)
	}
	for _, p := range ps {
		out.Plans = append(out.Plans, ocPlanOf(rq, base, p, v))
	}
	for _, a := range as {
		tag := "tag--yellow"
		switch a.State {
		case program.AppealStands:
			tag = "tag--red"
		case program.AppealReverses:
			tag = "tag--green"
		}
		out.Appeals = append(out.Appeals, ocCaseAppeal{A: a, Tag: tag, FiledBy: names[a.FiledBy], Reviewer: names[a.ReviewerID],
			CanDecide: a.State == program.AppealFiled && ocCan(rq, auth.AppealDecide) && decidedBy[a.DecisionID] != rq.Actor().UserID})
	}
	return out
}

// ocPlanOf describes a plan; an answered action not yet accepted gets a
// verification form for staff who review cases.
func ocPlanOf(rq *request, base string, p program.ActionPlan, v *catalog.Version) ocPlanView {
	pv := ocPlanView{Plan: p, Tag: "tag--yellow"}
	if p.State == program.PlanCompleted {
		pv.Tag = "tag--green"
	}
	canReview := ocCan(rq, auth.CaseReview)
	for _, it := range p.Items {
		av := ocActionView{Item: it, Tag: "tag--grey", Field: "verdict-" + p.ID + "-" + it.ID,
			FormURL: base + "/plans/" + url.PathEscape(p.ID) + "/actions/" + url.PathEscape(it.ID)}
		switch it.Verdict {
		case program.VerdictAccepted:
			av.Tag = "tag--green"
		case program.VerdictRejected:
			av.Tag = "tag--red"
		}
		if it.Verdict != program.VerdictAccepted {
			av.Due = ocDueOf(rq, it.DueAt)
		}
		if v != nil && it.CriterionID != "" {
			if cr, ok := v.Criterion(it.CriterionID); ok {
				av.Criterion = cr.Title.In(rq.L.Lang())
			}
		}
		av.CanVerify = canReview && p.State == program.PlanOpen && it.Response != "" && it.Verdict == program.VerdictNone
		pv.Items = append(pv.Items, av)
	}
	return pv
}
