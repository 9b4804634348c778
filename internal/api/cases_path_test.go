package api_test

import (
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"trustlane/internal/program"
	"trustlane/internal/server/servertest"
)

// casework is one test's program: the real server, its clock, the program
// office, and a company applying.
type casework struct {
	inst *servertest.Instance
	clk  *clock
	tm   team
	c    applicant
}

func newCasework(t *testing.T) *casework {
	t.Helper()
	inst, clk := startClocked(t)
	return &casework{inst: inst, clk: clk, tm: newTeam(t, inst, clk, "office.test"),
		c: newApplicant(t, inst, clk, "Path Carriers", "owner@path.test")}
}

// company calls the real server with the owner's token.
func (w *casework) company(t *testing.T, method, path string, body any) response {
	t.Helper()
	return do(t, w.inst, call{method: method, path: "/api/v1/organizations/" + w.c.Org.ID + path, token: w.c.token, body: bodyOf(body)})
}

// staff calls the API as s.
func (w *casework) staff(t *testing.T, s staffer, method, path string, body any) response {
	t.Helper()
	return do(t, w.tm.api, call{method: method, path: "/api/v1" + path, token: s.secret, body: bodyOf(body)})
}

func bodyOf(body any) string {
	switch b := body.(type) {
	case nil:
		return ""
	case string:
		return b
	}
	return jsonBody(body)
}

func (w *casework) app(t *testing.T, id string) appWire {
	t.Helper()
	var a appWire
	w.company(t, "GET", "/applications/"+id, nil).want(t, http.StatusOK, &a)
	return a
}

func (w *casework) membership(t *testing.T, id string, header map[string]string) membershipWire {
	t.Helper()
	var m membershipWire
	do(t, w.inst, call{method: "GET", path: "/api/v1/organizations/" + w.c.Org.ID + "/memberships/" + id, token: w.c.token,
		header: header}).want(t, http.StatusOK, &m)
	return m
}

// The whole path of a case through the API: a company applies, the program
// office reviews, asks, validates and approves, the account owner signs the
// memorandum with a fresh code, the membership is suspended, appealed and
// restored.
func TestCaseThroughTheAPI(t *testing.T) {
	w := newCasework(t)
	tm := w.tm
	allItems := toStrings(program.EligibilityItems())

	// The company opens an application and finds it where Location says.
	r := w.company(t, "POST", "/applications", map[string]any{"sector": appSector})
	var created appWire
	r.want(t, http.StatusCreated, &created)
	if loc := r.Header.Get("Location"); loc != "/api/v1/organizations/"+w.c.Org.ID+"/applications/"+created.ID || created.State != "draft" {
		t.Fatalf("created %+v at %q", created, loc)
	}
	id := created.ID
	w.company(t, "PUT", "/applications/"+id+"/eligibility", map[string]any{"items": allItems, "last_movement": w.clk.day(-10)}).
		want(t, http.StatusNoContent, nil)
	var submitted appWire
	w.company(t, "POST", "/applications/"+id+"/submit", nil).want(t, http.StatusOK, &submitted)
	a := w.app(t, id)
	if a.State != "submitted" || a.Snapshot == nil || !a.Snapshot.Ready || len(a.Eligibility.Declared) != len(allItems) ||
		a.Eligibility.LastMovement != w.clk.day(-10) {
		t.Fatalf("submitted: %+v", a)
	}
	firstSnapshot := a.Snapshot.ID

	// The officer finds it in the queue and takes it.
	var queue struct {
		Items []struct {
			ID      string `json:"id"`
			OrgName string `json:"org_name"`
		} `json:"items"`
		Total  int            `json:"total"`
		Counts map[string]int `json:"counts"`
	}
	w.staff(t, tm.officer, "GET", "/cases?state=submitted,in_review&sector="+appSector, nil).want(t, http.StatusOK, &queue)
	if queue.Total != 1 || queue.Items[0].ID != id || queue.Items[0].OrgName != w.c.Org.LegalName || queue.Counts["submitted"] != 1 || len(queue.Counts) != len(program.AppStates()) {
		t.Fatalf("queue: %+v", queue)
	}
	w.staff(t, tm.officer, "POST", "/applications/"+id+"/review", nil).want(t, http.StatusNoContent, nil)
	w.staff(t, tm.officer, "GET", "/cases?officer=me", nil).want(t, http.StatusOK, &queue)
	if queue.Total != 1 || queue.Items[0].ID != id {
		t.Fatalf("my cases: %+v", queue)
	}

	// A request for information, answered with a fresh snapshot.
	w.staff(t, tm.officer, "POST", "/applications/"+id+"/info-requests",
		map[string]any{"questions": "Send the seal log of the last quarter."}).want(t, http.StatusNoContent, nil)
	if a := w.app(t, id); a.State != "info_requested" || len(a.InfoRequests) != 1 || a.Officer == nil || a.Officer.Name != tm.officer.user.Name {
		t.Fatalf("info requested: %+v", a)
	}
	w.company(t, "POST", "/applications/"+id+"/info-answer",
		map[string]any{"answer": "The seal log is attached to the profile.", "refresh_snapshot": true}).want(t, http.StatusNoContent, nil)
	a = w.app(t, id)
	if a.State != "in_review" || a.InfoRequests[0].Answer == "" || a.Snapshot.ID == firstSnapshot || a.InfoRequests[0].SnapshotID != a.Snapshot.ID {
		t.Fatalf("answered: %+v", a)
	}

	// Eligibility verified; the validation scheduled with a validator and a
	// manager, and every finding recorded.
	w.staff(t, tm.officer, "PUT", "/applications/"+id+"/eligibility-check",
		map[string]any{"verified": allItems, "notes": "Checked against CARM."}).want(t, http.StatusNoContent, nil)
	var val struct {
		ID        string `json:"id"`
		Date      string `json:"date"`
		Checklist []struct {
			CriterionID string `json:"criterion_id"`
		} `json:"checklist"`
	}
	w.staff(t, tm.officer, "POST", "/applications/"+id+"/validations", map[string]any{"date": w.clk.day(7),
		"sites": []string{"Main yard, Ottawa"}, "validators": []string{tm.validator.user.ID, tm.manager.user.ID}}).
		want(t, http.StatusCreated, &val)
	if len(val.Checklist) < 20 || val.Date != w.clk.day(7) {
		t.Fatalf("validation: %+v", val)
	}
	var cal struct {
		Items []struct {
			ID      string `json:"id"`
			OrgName string `json:"org_name"`
		} `json:"items"`
	}
	w.staff(t, tm.validator, "GET", "/validations?from="+w.clk.day(0)+"&to="+w.clk.day(10), nil).want(t, http.StatusOK, &cal)
	if len(cal.Items) != 1 || cal.Items[0].ID != val.ID || cal.Items[0].OrgName != w.c.Org.LegalName {
		t.Fatalf("calendar: %+v", cal)
	}
	for i, it := range val.Checklist {
		outcome := "met"
		if i == 0 {
			outcome = "recommendation"
		}
		w.staff(t, tm.validator, "PUT", "/validations/"+val.ID+"/findings/"+it.CriterionID,
			map[string]any{"outcome": outcome, "notes": "Seen on site."}).want(t, http.StatusNoContent, nil)
	}
	w.staff(t, tm.validator, "POST", "/validations/"+val.ID+"/complete",
		map[string]any{"result": "satisfactory", "summary": "Every criterion met."}).want(t, http.StatusNoContent, nil)
	a = w.app(t, id)
	if v := a.Validations[0]; a.State != "validated" || v.Result != "satisfactory" || v.Findings[0].Outcome != "recommendation" ||
		v.Findings[0].Title == "" || len(v.Validators) != 2 {
		t.Fatalf("validated: %+v", a.Validations)
	}

	// A manager who validated may not approve; another manager does.
	before := caseState(t, w.inst, w.c.Company)
	p := w.staff(t, tm.manager, "POST", "/applications/"+id+"/approval", map[string]any{}).problem(t, http.StatusForbidden)
	if !strings.Contains(p.Detail, "validator") {
		t.Errorf("validator approving: %+v", p)
	}
	if after := caseState(t, w.inst, w.c.Company); after != before {
		t.Errorf("a refused approval changed the case")
	}
	var approval decisionWire
	w.staff(t, tm.approver, "POST", "/applications/"+id+"/approval", map[string]any{"narrative": "Meets every criterion."}).
		want(t, http.StatusCreated, &approval)
	a = w.app(t, id)
	if approval.Kind != "approval" || approval.LetterID == "" || a.State != "approved" || a.MembershipID == "" ||
		a.MembershipNumber == "" || a.Decisions[0].ID != approval.ID {
		t.Fatalf("approved: %+v / %+v", approval, a)
	}
	for _, want := range []string{"application.created", "application.eligibility_declared", "application.submitted",
		"application.review_started", "application.info_requested", "application.info_answered",
		"application.eligibility_checked", "application.validation_scheduled", "validation.finding",
		"application.validated", "application.approved", "decision.approval"} {
		if !slices.Contains(actions(a.Timeline), want) {
			t.Errorf("timeline lacks %s: %v", want, actions(a.Timeline))
		}
	}

	// Staff read the case on its organization's path; the company lists it.
	var staffView appWire
	w.staff(t, tm.officer, "GET", "/organizations/"+w.c.Org.ID+"/applications/"+id, nil).want(t, http.StatusOK, &staffView)
	var apps struct {
		Items []appWire `json:"items"`
	}
	w.company(t, "GET", "/applications", nil).want(t, http.StatusOK, &apps)
	if staffView.State != "approved" || len(apps.Items) != 1 || apps.Items[0].MembershipID != a.MembershipID {
		t.Errorf("staff view %+v, list %+v", staffView, apps)
	}

	// The letter is the PDF recorded with the decision.
	r = w.company(t, "GET", "/letters/"+approval.LetterID, nil)
	r.want(t, http.StatusOK, nil)
	sum := sha256.Sum256(r.body)
	if r.Header.Get("Content-Type") != "application/pdf" || !strings.HasPrefix(string(r.body), "%PDF") ||
		r.Header.Get("ETag") != `"`+hex.EncodeToString(sum[:])+`"` {
		t.Errorf("letter: %s %s", r.Header.Get("Content-Type"), r.Header.Get("ETag"))
	}

	// The account owner signs the memorandum with a code from their app.
	var ms struct {
		Items []membershipWire `json:"items"`
	}
	w.company(t, "GET", "/memberships", nil).want(t, http.StatusOK, &ms)
	if len(ms.Items) != 1 || ms.Items[0].State != "pending_mou" || ms.Items[0].ID != a.MembershipID {
		t.Fatalf("memberships: %+v", ms)
	}
	mid := a.MembershipID
	var text struct {
		Version, Lang, Text, SHA256 string
	}
	do(t, w.inst, call{method: "GET", path: "/api/v1/mou?lang=fr", token: w.c.token}).want(t, http.StatusOK, &text)
	if sum := sha256.Sum256([]byte(text.Text)); text.Lang != "fr" || hex.EncodeToString(sum[:]) != text.SHA256 {
		t.Fatalf("mou: %+v", text)
	}
	sign := map[string]any{"lang": "fr", "title": "Présidente", "text_sha256": text.SHA256, "code": "000000"}
	if p := w.company(t, "POST", "/memberships/"+mid+"/mou", sign).problem(t, http.StatusUnprocessableEntity); !p.hasField("body.code", "error.code_wrong") {
		t.Errorf("wrong code: %+v", p)
	}
	sign["code"] = w.c.nextCode(t)
	w.company(t, "POST", "/memberships/"+mid+"/mou", sign).want(t, http.StatusNoContent, nil)
	m := w.membership(t, mid, nil)
	if m.State != "active" || m.MOU == nil || m.MOU.TextSHA256 != text.SHA256 || m.MOU.Title != "Présidente" || m.MOU.SignerName != w.c.Owner.Name {
		t.Fatalf("signed: %+v", m)
	}
	// The same code again is spent; a fresh one meets a membership already
	// active.
	if p := w.company(t, "POST", "/memberships/"+mid+"/mou", sign).problem(t, http.StatusUnprocessableEntity); !p.hasField("body.code", "error.code_wrong") {
		t.Errorf("replayed code: %+v", p)
	}
	w.clk.advance(31 * time.Second)
	sign["code"] = w.c.nextCode(t)
	w.company(t, "POST", "/memberships/"+mid+"/mou", sign).problem(t, http.StatusConflict)
	w.company(t, "POST", "/memberships/"+mid+"/confirmation", nil).want(t, http.StatusNoContent, nil)

	// Suspended by the officer; appealed; overturned by the reviewer.
	var susp decisionWire
	w.staff(t, tm.officer, "POST", "/memberships/"+mid+"/suspension", map[string]any{"reasons": []string{"SU-INCIDENT"},
		"narrative": "A seizure at the border.", "actions": []string{"Replace the seals of every trailer."}, "remedy_due": w.clk.day(40)}).
		want(t, http.StatusCreated, &susp)
	if susp.Kind != "suspension" || susp.AppealDeadline.IsZero() || susp.Reasons[0].Label == "SU-INCIDENT" {
		t.Fatalf("suspension: %+v", susp)
	}
	if m := w.membership(t, mid, nil); m.State != "suspended" || len(m.ActionPlans) != 1 || m.ActionPlans[0].Actions[0].ID != "A1" {
		t.Fatalf("suspended: %+v", m)
	}
	var ap appealWire
	w.company(t, "POST", "/decisions/"+susp.ID+"/appeal", map[string]any{"grounds": "The seizure concerned a shipment we did not carry."}).
		want(t, http.StatusCreated, &ap)
	if ap.State != "filed" || ap.DecisionKind != "suspension" {
		t.Fatalf("appeal: %+v", ap)
	}
	var queued struct {
		Items []appealWire `json:"items"`
	}
	w.staff(t, tm.reviewer, "GET", "/appeals", nil).want(t, http.StatusOK, &queued)
	if len(queued.Items) != 1 || queued.Items[0].ID != ap.ID {
		t.Fatalf("appeal queue: %+v", queued)
	}
	w.staff(t, tm.reviewer, "POST", "/appeals/"+ap.ID+"/decision", map[string]any{"overturn": true, "reasons": []string{"AP-FACTS"},
		"narrative": "The shipment was not the member's."}).want(t, http.StatusNoContent, nil)
	m = w.membership(t, mid, map[string]string{"Accept-Language": "fr"})
	kinds := []string{}
	for _, d := range m.Decisions {
		kinds = append(kinds, d.Kind)
	}
	if m.State != "active" || m.Appeals[0].State != "overturned" || !slices.Equal(kinds, []string{"suspension", "appeal_overturned"}) {
		t.Fatalf("after the appeal: %+v", m)
	}
	if m.Decisions[0].Reasons[0].Label != "Incident de sécurité dans la chaîne d'approvisionnement (par exemple une saisie)" {
		t.Errorf("reason label in French: %+v", m.Decisions[0].Reasons)
	}
	last := m.Timeline[len(m.Timeline)-1]
	if !slices.Contains(actions(m.Timeline), "membership.restored_on_appeal") || last.Label == last.Action || last.Actor == "" {
		t.Errorf("membership timeline: %+v", m.Timeline)
	}
	rep, err := w.inst.DB.VerifyAudit(t.Context())
	if err != nil {
		t.Fatalf("verify the audit log: %v", err)
	}
	if len(rep.Faults) > 0 || rep.Events == 0 {
		t.Errorf("audit log after the path: %d events, faults %v", rep.Events, rep.Faults)
	}
}
