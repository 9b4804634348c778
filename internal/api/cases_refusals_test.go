package api_test

import (
	"net/http"
	"testing"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/program"
	"trustlane/internal/server/servertest"
)

// refusal is a request the program must refuse, and how.
type refusal struct {
	name   string
	via    *servertest.Instance // the real server, or the team's API for staff roles
	token  string
	method string
	path   string
	body   any
	status int
	key    string // the message the detail must be
}

// Refusals answer the right problem (wrong state or window closed 409,
// same person or wrong role 403, another company's case 404) and change
// nothing: every case is as it was.
func TestCaseRefusalsChangeNothing(t *testing.T) {
	inst, clk := startClocked(t)
	tm := newTeam(t, inst, clk, "refusals.test")
	// x: a suspended membership with an open corrective action.
	x := newApplicant(t, inst, clk, "Suspended Carriers", "owner@suspended.test")
	xc := openCase(t, inst, x, tm, suspended)
	// y: a draft whose Security Profile is not ready.
	y := applicant{Company: inst.SignUpCompany(t, "Unready Carriers", "owner@unready.test"), clk: clk}
	y.token = clockedToken(t, inst, clk, y.Owner.Actor(), y.Org.ID, auth.ScopeCasesRead, auth.ScopeCasesWrite)
	ya, err := inst.Office.CreateApplication(ctx, y.Owner.Actor(), y.Org.ID, appSector)
	if err != nil {
		t.Fatal(err)
	}
	if err := inst.Office.DeclareEligibility(ctx, y.Owner.Actor(), y.Org.ID, ya.ID, program.EligibilityItems(), clk.now().AddDate(0, 0, -3)); err != nil {
		t.Fatal(err)
	}
	// z: a validation by a manager and a validator, every finding recorded.
	z := newApplicant(t, inst, clk, "Validated Carriers", "owner@validated.test")
	zc := openCase(t, inst, z, tm, scheduled, tm.manager, tm.validator)
	zv, err := inst.Office.Application(ctx, z.Owner.Actor(), z.Org.ID, zc.app)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range zv.Validations[0].Items {
		if err := inst.Office.RecordFinding(ctx, tm.manager.actor, zc.validation, it.CriterionID, program.OutcomeMet, ""); err != nil {
			t.Fatal(err)
		}
	}
	// People of x besides its owner, and the owner's token that only reads.
	clerk := addMember(t, inst, x.Company, "clerk@suspended.test", auth.FullAccess)
	clerkTok := clockedToken(t, inst, clk, clerk.Actor(), x.Org.ID, auth.ScopeCasesRead, auth.ScopeCasesWrite)
	readTok := clockedToken(t, inst, clk, x.Owner.Actor(), x.Org.ID, auth.ScopeCasesRead)

	clk.advance(31 * time.Second) // the owner's next code is a fresh one
	xo, zo := "/api/v1/organizations/"+x.Org.ID, "/api/v1/organizations/"+z.Org.ID
	_, _, mouHash, _ := inst.Office.MOUText("en")
	decision := map[string]any{"reasons": []string{"CA-INCIDENT"}, "narrative": "A serious incident at the border."}
	const wrongState, forbidden = "error.case.wrong_state", "error.forbidden"
	real, api := inst, tm.api
	cases := []refusal{
		// Not at the stage for it.
		{"submit an approved application", real, x.token, "POST", xo + "/applications/" + xc.app + "/submit", nil, 409, wrongState},
		{"withdraw an approved application", real, x.token, "POST", xo + "/applications/" + xc.app + "/withdraw", nil, 409, wrongState},
		{"declare on an approved application", real, x.token, "PUT", xo + "/applications/" + xc.app + "/eligibility",
			map[string]any{"items": toStrings(program.EligibilityItems()), "last_movement": clk.day(-1)}, 409, wrongState},
		{"answer when nothing was asked", real, x.token, "POST", xo + "/applications/" + xc.app + "/info-answer",
			map[string]any{"answer": "Here is everything."}, 409, wrongState},
		{"submit an unready profile", real, y.token, "POST", "/api/v1/organizations/" + y.Org.ID + "/applications/" + ya.ID + "/submit",
			nil, 409, "error.case.profile_not_ready"},
		{"sign for a suspended membership", real, x.token, "POST", xo + "/memberships/" + xc.membership + "/mou",
			map[string]any{"lang": "en", "title": "President", "text_sha256": mouHash, "code": x.nextCode(t)}, 409, wrongState},
		{"appeal an approval", real, x.token, "POST", xo + "/decisions/" + xc.approval + "/appeal",
			map[string]any{"grounds": "We would like a second look at this."}, 409, "error.case.not_appealable"},
		{"review an approved application", api, tm.officer.secret, "POST", "/api/v1/applications/" + xc.app + "/review", nil, 409, wrongState},
		{"approve an approved application", api, tm.approver.secret, "POST", "/api/v1/applications/" + xc.app + "/approval",
			map[string]any{}, 409, wrongState},
		{"suspend a suspended membership", api, tm.officer.secret, "POST", "/api/v1/memberships/" + xc.membership + "/suspension",
			map[string]any{"reasons": []string{"SU-MSR"}, "narrative": "Seals not applied.", "actions": []string{"Apply seals."}}, 409, wrongState},
		{"reinstate with the plan open", api, tm.officer.secret, "POST", "/api/v1/memberships/" + xc.membership + "/reinstatement",
			map[string]any{"reasons": []string{"RE-PLAN"}, "narrative": "Seals replaced everywhere."}, 409, "error.case.plan_open"},
		{"verify an action not answered", api, tm.officer.secret, "PUT", "/api/v1/plans/" + xc.plan + "/actions/A1/verification",
			map[string]any{"verdict": "accepted"}, 409, "error.case.no_response"},
		{"cancel a completed validation", api, tm.officer.secret, "POST", "/api/v1/validations/" + xc.validation + "/cancel", nil, 409, wrongState},
		{"review a draft", api, tm.officer.secret, "POST", "/api/v1/applications/" + ya.ID + "/review", nil, 409, wrongState},
		// The wrong person or role.
		{"complete a validation one is not on", api, tm.approver.secret, "POST", "/api/v1/validations/" + zc.validation + "/complete",
			map[string]any{"result": "satisfactory"}, 403, "error.case.not_validator"},
		{"record a finding on another's validation", api, tm.officer.secret, "PUT",
			"/api/v1/validations/" + zc.validation + "/findings/" + zv.Validations[0].Items[0].CriterionID,
			map[string]any{"outcome": "not_met"}, 403, "error.case.not_validator"},
		{"an administrator reviews", real, tm.admin.secret, "POST", "/api/v1/applications/" + zc.app + "/review", nil, 403, forbidden},
		{"a validator approves", api, tm.validator.secret, "POST", "/api/v1/applications/" + zc.app + "/approval", map[string]any{}, 403, forbidden},
		{"an officer cancels", api, tm.officer.secret, "POST", "/api/v1/memberships/" + xc.membership + "/cancellation", decision, 403, forbidden},
		{"a reviewer suspends", api, tm.reviewer.secret, "POST", "/api/v1/memberships/" + xc.membership + "/suspension",
			map[string]any{"reasons": []string{"SU-MSR"}, "narrative": "Seals not applied.", "actions": []string{"Apply seals."}}, 403, forbidden},
		{"an officer decides an appeal", api, tm.officer.secret, "POST", "/api/v1/appeals/" + xc.suspension + "/decision",
			map[string]any{"overturn": true, "reasons": []string{"AP-FACTS"}, "narrative": "New facts came to light."}, 403, forbidden},
		// A company token names no organization here: the office finds no
		// case of its own under that ID.
		{"a company reviews", real, x.token, "POST", "/api/v1/applications/" + zc.app + "/review", nil, 404, "error.not_found"},
		{"a company reads the queue", real, x.token, "GET", "/api/v1/cases", nil, 403, forbidden},
		{"full access signs", real, clerkTok, "POST", xo + "/memberships/" + xc.membership + "/mou",
			map[string]any{"lang": "en", "title": "Clerk", "text_sha256": mouHash, "code": "123456"}, 403, forbidden},
		{"full access appeals", real, clerkTok, "POST", xo + "/decisions/" + xc.suspension + "/appeal",
			map[string]any{"grounds": "The seizure was not ours to answer for."}, 403, forbidden},
		{"full access withdraws the membership", real, clerkTok, "POST", xo + "/memberships/" + xc.membership + "/withdraw", nil, 403, forbidden},
		{"a read-only token answers an action", real, readTok, "POST", xo + "/plans/" + xc.plan + "/actions/A1/response",
			map[string]any{"response": "Seals replaced."}, 403, forbidden},
		// Another company's case is not there.
		{"another company's application", real, z.token, "GET", zo + "/applications/" + xc.app, nil, 404, "error.not_found"},
		{"another company's plan", real, z.token, "POST", zo + "/plans/" + xc.plan + "/actions/A1/response",
			map[string]any{"response": "Seals replaced."}, 404, "error.not_found"},
		{"another company's letter", real, z.token, "GET", zo + "/letters/" + xc.letter, nil, 404, "error.not_found"},
		{"staff on the wrong organization's path", api, tm.officer.secret, "GET", zo + "/applications/" + xc.app, nil, 404, "error.not_found"},
	}
	companies := []servertest.Company{x.Company, y.Company, z.Company}
	before := map[string]string{}
	for _, c := range companies {
		before[c.Org.ID] = caseState(t, inst, c)
	}
	en := inst.I18n.For("en")
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := do(t, c.via, call{method: c.method, path: c.path, token: c.token, body: bodyOf(c.body)})
			if p := r.problem(t, c.status); p.Detail != en.T(c.key) {
				t.Errorf("detail %q, want %s (%q)", p.Detail, c.key, en.T(c.key))
			}
		})
	}
	for _, c := range companies {
		if after := caseState(t, inst, c); after != before[c.Org.ID] {
			t.Errorf("%s changed:\nbefore %s\nafter  %s", c.Org.LegalName, before[c.Org.ID], after)
		}
	}

	// The same person: the manager who validated z may not approve it.
	if err := inst.Office.CompleteValidation(ctx, tm.manager.actor, zc.validation, program.ResultSatisfactory, "All met."); err != nil {
		t.Fatal(err)
	}
	before[z.Org.ID] = caseState(t, inst, z.Company)
	r := do(t, api, call{method: "POST", path: "/api/v1/applications/" + zc.app + "/approval", token: tm.manager.secret, body: "{}"})
	if p := r.problem(t, http.StatusForbidden); p.Detail != en.T("error.case.validator_approves") {
		t.Errorf("validator approving: %+v", p)
	}
	if caseState(t, inst, z.Company) != before[z.Org.ID] {
		t.Error("a refused approval changed the case")
	}

	// The window closed: a month after the suspension, its appeal is late.
	clk.advance(31 * 24 * time.Hour)
	r = do(t, real, call{method: "POST", path: xo + "/decisions/" + xc.suspension + "/appeal", token: x.token,
		body: jsonBody(map[string]any{"grounds": "We only now learned of the seizure."})})
	if p := r.problem(t, http.StatusConflict); p.Detail != en.T("error.case.window_closed") {
		t.Errorf("late appeal: %+v", p)
	}
	if v, err := inst.Office.Membership(ctx, x.Owner.Actor(), x.Org.ID, xc.membership); err != nil || len(v.Appeals) != 0 ||
		v.Membership.State != program.MemberSuspended {
		t.Errorf("after a late appeal: %v %+v", err, v)
	}
	// What administrators may do, they do through the real server.
	do(t, real, call{method: "GET", path: "/api/v1/cases?state=validated", token: tm.admin.secret}).want(t, http.StatusOK, nil)
}
