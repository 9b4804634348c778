package api_test

import (
	"net/http"
	"slices"
	"testing"
)

// The other ways a case goes, through the API: a validation called off, a
// denial announced, reviewed and upheld; corrective actions answered and
// accepted, the membership reinstated, then cancelled; a draft withdrawn.
func TestCaseBranchesThroughTheAPI(t *testing.T) {
	w := newCasework(t)
	tm := w.tm

	// Denial: announced, reviewed at the company's request, upheld.
	id := openCase(t, w.inst, w.c, tm, inReview).app
	var val struct {
		ID string `json:"id"`
	}
	w.staff(t, tm.officer, "POST", "/applications/"+id+"/validations", map[string]any{"date": w.clk.day(3),
		"sites": []string{"Depot"}, "validators": []string{tm.validator.user.ID}}).want(t, http.StatusCreated, &val)
	w.staff(t, tm.officer, "POST", "/validations/"+val.ID+"/cancel", nil).want(t, http.StatusNoContent, nil)
	if a := w.app(t, id); a.State != "in_review" || a.Validations[0].State != "cancelled" {
		t.Fatalf("after cancelling: %+v", a)
	}
	var notice decisionWire
	w.staff(t, tm.officer, "POST", "/applications/"+id+"/denial-notice", map[string]any{"reasons": []string{"DN-MSR"},
		"narrative": "Seals are not controlled."}).want(t, http.StatusCreated, &notice)
	if notice.Kind != "denial_notice" || notice.AppealDeadline.IsZero() {
		t.Fatalf("notice: %+v", notice)
	}
	var review appealWire
	w.company(t, "POST", "/decisions/"+notice.ID+"/appeal", map[string]any{"grounds": "Our seal log shows every seal controlled."}).
		want(t, http.StatusCreated, &review)
	if a := w.app(t, id); a.State != "denial_proposed" || len(a.Appeals) != 1 {
		t.Fatalf("review requested: %+v", a)
	}
	w.staff(t, tm.reviewer, "POST", "/appeals/"+review.ID+"/decision", map[string]any{"overturn": false,
		"reasons": []string{"AP-STANDS"}, "narrative": "The log has gaps in March."}).want(t, http.StatusNoContent, nil)
	a := w.app(t, id)
	var kinds []string
	for _, d := range a.Decisions {
		kinds = append(kinds, d.Kind)
	}
	if a.State != "denied" || a.Appeals[0].State != "upheld" || !slices.Equal(kinds, []string{"denial_notice", "appeal_upheld", "denial"}) {
		t.Fatalf("denied: %s %+v %v", a.State, a.Appeals, kinds)
	}

	// Suspension lifted once its action is answered and accepted; then
	// cancelled by a manager, which ends it for good.
	other := newApplicant(t, w.inst, w.clk, "Branch Carriers", "owner@branch.test")
	oc := openCase(t, w.inst, other, tm, suspended)
	org := "/api/v1/organizations/" + other.Org.ID
	do(t, w.inst, call{method: "POST", path: org + "/plans/" + oc.plan + "/actions/A1/response", token: other.token,
		body: jsonBody(map[string]any{"response": "Every trailer has new seals."})}).want(t, http.StatusNoContent, nil)
	w.staff(t, tm.officer, "PUT", "/plans/"+oc.plan+"/actions/A1/verification", map[string]any{"verdict": "accepted",
		"note": "Seen on site."}).want(t, http.StatusNoContent, nil)
	var reinstated decisionWire
	w.staff(t, tm.officer, "POST", "/memberships/"+oc.membership+"/reinstatement", map[string]any{"reasons": []string{"RE-PLAN"},
		"narrative": "The seals were replaced."}).want(t, http.StatusCreated, &reinstated)
	var m membershipWire
	do(t, w.inst, call{method: "GET", path: org + "/memberships/" + oc.membership, token: other.token}).want(t, http.StatusOK, &m)
	if reinstated.Kind != "reinstatement" || m.State != "active" || m.ActionPlans[0].State != "completed" {
		t.Fatalf("reinstated: %+v", m)
	}
	w.staff(t, tm.manager, "POST", "/memberships/"+oc.membership+"/cancellation", map[string]any{"reasons": []string{"CA-COMMIT"},
		"narrative": "The memorandum's terms were not respected."}).want(t, http.StatusCreated, nil)
	do(t, w.inst, call{method: "POST", path: org + "/memberships/" + oc.membership + "/withdraw", token: other.token}).
		problem(t, http.StatusConflict)
	do(t, w.inst, call{method: "GET", path: org + "/memberships/" + oc.membership, token: other.token}).want(t, http.StatusOK, &m)
	if m.State != "cancelled" || m.Decisions[len(m.Decisions)-1].Kind != "cancellation" {
		t.Fatalf("cancelled: %+v", m)
	}

	// A draft withdrawn by the company.
	third := newApplicant(t, w.inst, w.clk, "Draft Carriers", "owner@draft.test")
	draft := openCase(t, w.inst, third, tm, declared).app
	org = "/api/v1/organizations/" + third.Org.ID
	do(t, w.inst, call{method: "POST", path: org + "/applications/" + draft + "/withdraw", token: third.token}).
		want(t, http.StatusNoContent, nil)
	var d appWire
	do(t, w.inst, call{method: "GET", path: org + "/applications/" + draft, token: third.token}).want(t, http.StatusOK, &d)
	if d.State != "withdrawn" {
		t.Errorf("withdrawn: %+v", d)
	}
}
