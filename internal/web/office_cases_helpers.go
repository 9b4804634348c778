package web

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/program"
)

// Helpers shared by the program office's case screens.

// ocView starts a view in the office area.
func (h *Handler) ocView(r *http.Request, rq *request, titleKey string) *view {
	v := h.newView(r, rq, titleKey)
	v.Nav = "office"
	return v
}

// ocRequireStaff lets in signed-in program staff. Company users get 403 on
// every office page, whatever the record, so these pages never tell them
// whether a case exists.
func ocRequireStaff(rq *request) error {
	if err := requireUser(rq); err != nil {
		return err
	}
	if !rq.Session.User.Staff.IsStaff() {
		return errRoleForbids
	}
	return nil
}

// ocCan reports whether the signed-in staff member's role allows an
// action, so pages offer only the forms the office would accept.
func ocCan(rq *request, action auth.Action) bool {
	a := rq.Actor()
	return a.IsStaff() && a.Allows(a.Staff, action)
}

// ocDue is a due date ready to show: the date, how far it is in words, and
// whether it has passed.
type ocDue struct {
	At      time.Time
	Left    string
	Overdue bool
}

// ocDueOf describes a due date from now; nil when there is none.
func ocDueOf(rq *request, t time.Time) *ocDue {
	if t.IsZero() {
		return nil
	}
	return &ocDue{At: t, Left: rq.L.DaysLeft(t, rq.Now), Overdue: t.Before(rq.Now)}
}

// ocAge says how long a case has waited since it last changed, in whole
// days.
func ocAge(rq *request, since time.Time) string {
	days := max(0, int(rq.Now.Sub(since).Hours()/24))
	return rq.L.N("staffcase.age_days", days)
}

// ocAppTag is the colour of an application's state tag: red for a
// denial, green once approved, yellow while the company must act, grey when
// closed otherwise, blue while the office works on it.
func ocAppTag(s program.AppState) string {
	switch s {
	case program.AppApproved:
		return "tag--green"
	case program.AppDenied, program.AppDenialProposed:
		return "tag--red"
	case program.AppInfoRequested:
		return "tag--yellow"
	case program.AppWithdrawn, program.AppDraft:
		return "tag--grey"
	}
	return ""
}

// ocMemberTag is the colour of a membership's state tag.
func ocMemberTag(s program.MemberState) string {
	switch s {
	case program.MemberActive:
		return "tag--green"
	case program.MemberSuspended, program.MemberCancelled:
		return "tag--red"
	case program.MemberPendingMOU:
		return "tag--yellow"
	}
	return "tag--grey"
}

// ocStaffNames is the staff directory as ID → name, for officers and
// validators shown on case screens.
func (h *Handler) ocStaffNames(ctx context.Context, rq *request) (map[string]string, []auth.User, error) {
	us, err := h.off.StaffUsers(ctx, rq.Actor())
	if err != nil {
		return nil, nil, err
	}
	out := make(map[string]string, len(us))
	for _, u := range us {
		out[u.ID] = u.Name
	}
	return out, us, nil
}

// ocPage reads ?page=, anything but a sensible number meaning 1.
func ocPage(s string) int {
	page, err := strconv.Atoi(s)
	if err != nil || page < 1 {
		return 1
	}
	return min(page, 1_000_000)
}

// ocReason is a reason code with its label in the reader's language.
type ocReason struct{ Code, Label string }

// ocReasons lists the policy's reason codes for a decision kind.
func (h *Handler) ocReasons(rq *request, kind program.DecisionKind) []ocReason {
	var out []ocReason
	for _, r := range h.off.Policy().Reasons[kind] {
		out = append(out, ocReason{Code: r.Code, Label: r.Label.In(rq.L.Lang())})
	}
	return out
}

// ocReasonLabels names the codes a decision cites, in the reader's language;
// a code the policy no longer lists shows as the code alone.
func (h *Handler) ocReasonLabels(rq *request, kind program.DecisionKind, codes []string) []ocReason {
	out := make([]ocReason, 0, len(codes))
	for _, c := range codes {
		r := ocReason{Code: c}
		if p, ok := h.off.Policy().Reason(kind, c); ok {
			r.Label = p.Label.In(rq.L.Lang())
		}
		out = append(out, r)
	}
	return out
}

// ocFieldsTo ties every error of a form to one field: forms repeated on a
// page (one per corrective action) share field names, so their errors are
// shown beside the one that was sent.
func ocFieldsTo(fe *formErrors, field string) *formErrors {
	if fe == nil {
		return nil
	}
	out := &formErrors{byField: map[string]string{}}
	for _, m := range fe.Summary {
		if _, dup := out.byField[field]; dup {
			continue
		}
		out.byField[field] = m.Message
		out.Summary = append(out.Summary, fieldMessage{field, m.Message})
	}
	return out
}
