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
	return &ocDue{At: t, Left: rq.daysLeft(t), Overdue: t.Before(rq.Now)}
}

// ocAge says how long a case has waited since it last changed, in whole
// days.
func ocAge(rq *request, since time.Time) string {
	days := max(0, int(rq.Now.Sub(since).Hours()/24))
	return rq.L.N("staffcase.age_days", days)
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
