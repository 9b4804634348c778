package web

import (
	"slices"
	"time"

	"trustlane/internal/office"
	"trustlane/internal/program"
)

// nextStep is what the company must do next on a case, and by when: the
// "What happens next" banner of a case page and the "next" column of the
// tables. ID picks the messages casepage.next.ID.title (short, for tables)
// and casepage.next.ID.body (the banner, which may name .Date and .Left).
type nextStep struct {
	ID      string
	Due     time.Time // zero when nothing is due by a date
	Link    string    // where to do it; "" when there is nothing to do
	LinkKey string    // the link's text, a message key
}

// nextStepIDs lists every ID a next step may have, so a test can check
// that each has its messages in both languages.
var nextStepIDs = []string{"draft_eligibility", "draft_submit", "waiting", "info", "validation", "validated", "plan",
	"plan_waiting", "decision", "denial", "review_waiting", "sign", "approved", "denied", "withdrawn", "active",
	"suspended", "cancelled_appeal", "appeal_waiting", "ended"}

// appNextBrief is the next step of an application as its record alone
// tells: enough for the lists. The case page refines it with the whole case
// (appNext).
func appNextBrief(a program.Application, m *program.Membership) nextStep {
	switch a.State {
	case program.AppDraft:
		if a.Eligibility.Complete() != nil {
			return nextStep{ID: "draft_eligibility"}
		}
		return nextStep{ID: "draft_submit"}
	case program.AppInfoRequested:
		return nextStep{ID: "info", Due: a.InfoDueAt}
	case program.AppValidationScheduled:
		return nextStep{ID: "validation"}
	case program.AppValidated:
		return nextStep{ID: "validated"}
	case program.AppDenialProposed:
		if a.ReviewRequested {
			return nextStep{ID: "review_waiting"}
		}
		return nextStep{ID: "denial", Due: a.DenialEffectiveAt}
	case program.AppApproved:
		if m != nil && m.State == program.MemberPendingMOU {
			return nextStep{ID: "sign", Due: m.MOUDueAt}
		}
		return nextStep{ID: "approved"}
	case program.AppDenied:
		return nextStep{ID: "denied"}
	case program.AppWithdrawn:
		return nextStep{ID: "withdrawn"}
	}
	return nextStep{ID: "waiting"}
}

// memberNextBrief is the next step of a membership as its record tells.
func memberNextBrief(m program.Membership) nextStep {
	switch m.State {
	case program.MemberPendingMOU:
		return nextStep{ID: "sign", Due: m.MOUDueAt}
	case program.MemberActive:
		return nextStep{ID: "active", Due: m.AnnualDueAt}
	case program.MemberSuspended:
		return nextStep{ID: "suspended", Due: m.RemedyDueAt}
	}
	return nextStep{ID: "ended"}
}

// appNext is the next step of an application, knowing its whole case: the
// visit's date, the action plan, the decision to ask a review of. caseURL
// is the application's page.
func appNext(v *office.ApplicationView, caseURL, base string) nextStep {
	n := appNextBrief(v.App, v.Membership)
	switch n.ID {
	case "draft_eligibility":
		n.Link, n.LinkKey = "#eligibility", "casepage.next.link.eligibility"
	case "draft_submit":
		n.Link, n.LinkKey = caseURL+"/submit", "casepage.next.link.submit"
	case "info":
		n.Link, n.LinkKey = "#info-requests", "casepage.next.link.info"
	case "validation":
		n.Link, n.LinkKey = "#validation", "casepage.next.link.validation"
		for _, val := range v.Validations {
			if val.State == program.ValScheduled {
				n.Due = val.ScheduledFor
			}
		}
		if n.Due.IsZero() {
			n = nextStep{ID: "waiting"}
		}
	case "validated":
		n = planNext(v.Plans, nextStep{ID: "decision"})
	case "denial":
		if d, ok := lastOfKind(v.Decisions, program.DenialNotice); ok {
			n.Link, n.LinkKey = base+"/decisions/"+d.ID+"/appeal", "casepage.next.link.review"
		}
	case "sign":
		n.Link, n.LinkKey = base+"/memberships/"+v.Membership.ID+"/mou", "casepage.next.link.sign"
	case "approved":
		if v.Membership != nil {
			n.Link, n.LinkKey = base+"/memberships/"+v.Membership.ID, "casepage.next.link.membership"
		}
	case "denied":
		n.Link, n.LinkKey = "#decisions", "casepage.next.link.decisions"
	}
	return n
}

// memberNext is the next step of a membership, knowing its plans,
// decisions and appeals. caseURL is the membership's page.
func memberNext(v *office.MembershipView, caseURL, base string) nextStep {
	m := v.Membership
	n := memberNextBrief(m)
	appealing := slices.ContainsFunc(v.Appeals, func(a program.Appeal) bool { return a.State == program.AppealFiled })
	waiting := nextStep{ID: "plan_waiting", Link: "#plans", LinkKey: "casepage.next.link.plan_view"}
	if appealing {
		waiting = nextStep{ID: "appeal_waiting", Link: "#appeals", LinkKey: "casepage.next.link.appeals"}
	}
	switch m.State {
	case program.MemberPendingMOU:
		n.Link, n.LinkKey = caseURL+"/mou", "casepage.next.link.sign"
	case program.MemberActive:
		n.Link, n.LinkKey = "#confirm", "casepage.next.link.confirm"
	case program.MemberSuspended:
		// The corrections are due whatever an appeal decides; once they
		// are answered, an appeal under way is the news to wait for.
		switch n = planNext(v.Plans, waiting); {
		case n.ID == "plan":
			n.ID, n.Due = "suspended", m.RemedyDueAt
		case appealing:
			n = waiting
		}
	case program.MemberCancelled:
		d, ok := lastOfKind(v.Decisions, program.Cancellation)
		switch {
		case appealing:
			n = waiting
		case ok && d.Appealable(v.Now) && !slices.ContainsFunc(v.Appeals, func(a program.Appeal) bool { return a.DecisionID == d.ID }):
			n = nextStep{ID: "cancelled_appeal", Due: d.AppealDeadline, Link: base + "/decisions/" + d.ID + "/appeal",
				LinkKey: "casepage.next.link.appeal"}
		}
	}
	return n
}

// planNext is "answer the corrective actions" while an open plan has an
// action the company has not answered (or must answer again), "your
// answers are being checked" while it waits on the officer, and otherwise
// the step given.
func planNext(plans []program.ActionPlan, otherwise nextStep) nextStep {
	for _, p := range plans {
		if p.State != program.PlanOpen {
			continue
		}
		for _, it := range p.Items {
			if it.Response == "" || it.Verdict == program.VerdictRejected {
				return nextStep{ID: "plan", Due: p.DueAt(), Link: "#plans", LinkKey: "casepage.next.link.plan"}
			}
		}
		return nextStep{ID: "plan_waiting", Link: "#plans", LinkKey: "casepage.next.link.plan_view"}
	}
	return otherwise
}

// lastOfKind returns the latest decision of a kind.
func lastOfKind(ds []program.Decision, kind program.DecisionKind) (program.Decision, bool) {
	for i := len(ds) - 1; i >= 0; i-- {
		if ds[i].Kind == kind {
			return ds[i], true
		}
	}
	return program.Decision{}, false
}
