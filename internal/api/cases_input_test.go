package api_test

import (
	"net/http"
	"testing"

	"trustlane/internal/catalog"
	"trustlane/internal/program"
	"trustlane/internal/server/servertest"
)

// Bad input to casework is a 422 problem naming each value to correct
// where the request holds it (body, path or query), whether huma finds it
// from the schema or the office from its rules, and the case is unchanged.
func TestCaseBadInput(t *testing.T) {
	inst, clk := startClocked(t)
	tm := newTeam(t, inst, clk, "input.test")
	draft := newApplicant(t, inst, clk, "Draft Carriers", "owner@draft.test")
	dc := openCase(t, inst, draft, tm, declared)
	review := newApplicant(t, inst, clk, "Review Carriers", "owner@review.test")
	rc := openCase(t, inst, review, tm, inReview)
	visit := newApplicant(t, inst, clk, "Visited Carriers", "owner@visited.test")
	vc := openCase(t, inst, visit, tm, scheduled)
	done := newApplicant(t, inst, clk, "Validated Carriers", "owner@validated.test")
	doneC := openCase(t, inst, done, tm, validated)
	susp := newApplicant(t, inst, clk, "Suspended Carriers", "owner@suspended.test")
	sc := openCase(t, inst, susp, tm, suspended)
	// One must-criterion of the visit is not met, so it cannot be
	// satisfactory.
	vv, err := inst.Office.Application(ctx, visit.Owner.Actor(), visit.Org.ID, vc.app)
	if err != nil {
		t.Fatal(err)
	}
	var must string
	for _, it := range vv.Validations[0].Items {
		outcome := program.OutcomeMet
		if must == "" && it.Level == string(catalog.Must) {
			must, outcome = it.CriterionID, program.OutcomeNotMet
		}
		if err := inst.Office.RecordFinding(ctx, tm.validator.actor, vc.validation, it.CriterionID, outcome, ""); err != nil {
			t.Fatal(err)
		}
	}

	org := func(c applicant) string { return "/api/v1/organizations/" + c.Org.ID }
	real, api := inst, tm.api
	allItems := toStrings(program.EligibilityItems())
	cases := []struct {
		name   string
		via    *servertest.Instance
		token  string
		method string
		path   string
		body   any
		loc    string
		code   string
	}{
		// Checked by the schema, before anyone is asked.
		{"unknown reason code", api, tm.officer.secret, "POST", "/api/v1/applications/" + rc.app + "/denial-notice",
			map[string]any{"reasons": []string{"DN-ELIG", "NOT-A-CODE"}, "narrative": "Not eligible at all."}, "body.reasons[1]", "api.field.enum"},
		{"reason code of another decision", api, tm.officer.secret, "POST", "/api/v1/memberships/" + sc.membership + "/suspension",
			map[string]any{"reasons": []string{"DN-ELIG"}, "narrative": "Not eligible.", "actions": []string{"Fix it."}}, "body.reasons[0]", "api.field.enum"},
		{"no reason", api, tm.reviewer.secret, "POST", "/api/v1/appeals/" + sc.suspension + "/decision",
			map[string]any{"overturn": true, "reasons": []string{}, "narrative": "New facts came to light."}, "body.reasons", "api.field.too_few"},
		{"overturn missing", api, tm.reviewer.secret, "POST", "/api/v1/appeals/" + sc.suspension + "/decision",
			map[string]any{"reasons": []string{"AP-FACTS"}, "narrative": "New facts came to light."}, "body.overturn", "error.required"},
		{"bad visit date", api, tm.officer.secret, "POST", "/api/v1/applications/" + rc.app + "/validations",
			map[string]any{"date": "2026-02-30", "sites": []string{"Yard"}, "validators": []string{tm.validator.user.ID}}, "body.date", "api.field.date"},
		{"bad movement date", real, draft.token, "PUT", org(draft) + "/applications/" + dc.app + "/eligibility",
			map[string]any{"items": allItems, "last_movement": "last Tuesday"}, "body.last_movement", "api.field.date"},
		{"bad remedy date", api, tm.officer.secret, "POST", "/api/v1/memberships/" + sc.membership + "/suspension",
			map[string]any{"reasons": []string{"SU-MSR"}, "narrative": "Seals not applied.", "actions": []string{"Apply seals."},
				"remedy_due": "31/12/2027"}, "body.remedy_due", "api.field.date"},
		{"bad calendar day", api, tm.validator.secret, "GET", "/api/v1/validations?from=tomorrow", nil, "query.from", "api.field.date"},
		{"unknown outcome", api, tm.validator.secret, "PUT", "/api/v1/validations/" + vc.validation + "/findings/" + must,
			map[string]any{"outcome": "fine"}, "body.outcome", "api.field.enum"},
		{"unknown result", api, tm.validator.secret, "POST", "/api/v1/validations/" + vc.validation + "/complete",
			map[string]any{"result": "great"}, "body.result", "api.field.enum"},
		{"result missing", api, tm.validator.secret, "POST", "/api/v1/validations/" + vc.validation + "/complete",
			map[string]any{"summary": "Done."}, "body.result", "error.required"},
		{"unknown verdict", api, tm.officer.secret, "PUT", "/api/v1/plans/" + sc.plan + "/actions/A1/verification",
			map[string]any{"verdict": "maybe"}, "body.verdict", "api.field.enum"},
		{"unknown eligibility item", api, tm.officer.secret, "PUT", "/api/v1/applications/" + rc.app + "/eligibility-check",
			map[string]any{"verified": []string{"facilities", "good_vibes"}}, "body.verified[1]", "api.field.enum"},
		{"questions missing", api, tm.officer.secret, "POST", "/api/v1/applications/" + rc.app + "/info-requests",
			map[string]any{}, "body.questions", "error.required"},
		{"unknown sector", real, draft.token, "POST", org(draft) + "/applications", map[string]any{"sector": "pirate"},
			"body.sector", "api.field.enum"},
		{"sites missing", api, tm.officer.secret, "POST", "/api/v1/applications/" + rc.app + "/validations",
			map[string]any{"date": clk.day(3), "validators": []string{tm.validator.user.ID}}, "body.sites", "error.required"},
		{"unknown language", real, draft.token, "GET", "/api/v1/mou?lang=de", nil, "query.lang", "api.field.enum"},
		{"unknown queue state", api, tm.officer.secret, "GET", "/api/v1/cases?state=in_review,lost", nil, "query.state[1]", "api.field.enum"},
		// Checked by the office, against the case and the policy.
		{"reason the approval cannot cite", api, tm.approver.secret, "POST", "/api/v1/applications/" + doneC.app + "/approval",
			map[string]any{"reasons": []string{"DN-ELIG"}}, "body.reasons", "error.case.reason_unknown"},
		{"narrative too short", api, tm.officer.secret, "POST", "/api/v1/applications/" + rc.app + "/denial-notice",
			map[string]any{"reasons": []string{"DN-ELIG"}, "narrative": "No."}, "body.narrative", "error.case.narrative_required"},
		{"visit in the past", api, tm.officer.secret, "POST", "/api/v1/applications/" + rc.app + "/validations",
			map[string]any{"date": clk.day(-2), "sites": []string{"Yard"}, "validators": []string{tm.validator.user.ID}}, "body.date", "error.case.date_past"},
		{"validator who does not validate", api, tm.officer.secret, "POST", "/api/v1/applications/" + rc.app + "/validations",
			map[string]any{"date": clk.day(2), "sites": []string{"Yard"}, "validators": []string{tm.reviewer.user.ID}}, "body.validators", "error.case.not_a_validator"},
		{"criterion not on the checklist", api, tm.validator.secret, "PUT", "/api/v1/validations/" + vc.validation + "/findings/NOPE-1",
			map[string]any{"outcome": "met"}, "path.criterionID", "error.case.not_on_checklist"},
		{"satisfactory with a must not met", api, tm.validator.secret, "POST", "/api/v1/validations/" + vc.validation + "/complete",
			map[string]any{"result": "satisfactory"}, "body.result", "error.case.result_contradicts"},
		{"questions too short", api, tm.officer.secret, "POST", "/api/v1/applications/" + rc.app + "/info-requests",
			map[string]any{"questions": "Why?"}, "body.questions", "error.case.questions_required"},
		{"requirement not declared", real, draft.token, "PUT", org(draft) + "/applications/" + dc.app + "/eligibility",
			map[string]any{"items": allItems[1:], "last_movement": clk.day(-1)}, "body.items", "error.case.eligibility_missing"},
		{"movement too old", real, draft.token, "PUT", org(draft) + "/applications/" + dc.app + "/eligibility",
			map[string]any{"items": allItems, "last_movement": clk.day(-120)}, "body.last_movement", "error.case.movement_old"},
		{"sector not the company's", real, draft.token, "POST", org(draft) + "/applications", map[string]any{"sector": "importer"},
			"body.sector", "error.case.sector_not_yours"},
		{"grounds too short", real, susp.token, "POST", org(susp) + "/decisions/" + sc.suspension + "/appeal",
			map[string]any{"grounds": "Unfair."}, "body.grounds", "error.case.grounds_required"},
		{"response too short", real, susp.token, "POST", org(susp) + "/plans/" + sc.plan + "/actions/A1/response",
			map[string]any{"response": "ok"}, "body.response", "error.case.response_required"},
		{"period longer than a year", api, tm.validator.secret, "GET", "/api/v1/validations?from=" + clk.day(0) + "&to=" + clk.day(400),
			nil, "query.to", "api.field.date_range"},
		{"title missing", real, susp.token, "POST", org(susp) + "/memberships/" + sc.membership + "/mou",
			map[string]any{"lang": "en", "title": " ", "text_sha256": "x", "code": "123456"}, "body.title", "error.case.title_required"},
	}
	companies := []servertest.Company{draft.Company, review.Company, visit.Company, done.Company, susp.Company}
	before := map[string]string{}
	for _, c := range companies {
		before[c.Org.ID] = caseState(t, inst, c)
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := do(t, c.via, call{method: c.method, path: c.path, token: c.token, body: bodyOf(c.body)})
			p := r.problem(t, http.StatusUnprocessableEntity)
			if !p.hasField(c.loc, c.code) {
				t.Errorf("want %s at %s: %s", c.code, c.loc, r.body)
			}
		})
	}
	for _, c := range companies {
		if after := caseState(t, inst, c); after != before[c.Org.ID] {
			t.Errorf("%s changed:\nbefore %s\nafter  %s", c.Org.LegalName, before[c.Org.ID], after)
		}
	}
	// Field messages speak the reader's language.
	r := do(t, api, call{method: "POST", path: "/api/v1/applications/" + rc.app + "/validations", token: tm.officer.secret,
		header: map[string]string{"Accept-Language": "fr"},
		body:   jsonBody(map[string]any{"date": "demain", "sites": []string{"Cour"}, "validators": []string{tm.validator.user.ID}})})
	if p := r.problem(t, http.StatusUnprocessableEntity); !p.hasField("body.date", "api.field.date") || p.Errors[0].Message != inst.I18n.For("fr").T("api.field.date") {
		t.Errorf("French date message: %s", r.body)
	}
}
