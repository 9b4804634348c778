package web_test

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/office"
	"trustlane/internal/program"
	"trustlane/internal/server/servertest"
)

// ocSubmitted signs up a highway carrier, readies its profile, declares
// eligibility and submits its application, as the company would.
func ocSubmitted(t *testing.T, inst *servertest.Instance, name, email string) (servertest.Company, program.Application) {
	t.Helper()
	ctx := context.Background()
	co := inst.SignUpCompany(t, name, email)
	ccReadyProfile(t, inst, co)
	owner := co.Owner.Actor()
	app, err := inst.Office.CreateApplication(ctx, owner, co.Org.ID, program.HighwayCarrier)
	if err != nil {
		t.Fatalf("create application: %v", err)
	}
	return co, ocDeclareAndSubmit(t, inst, co, app.ID)
}

// ocDeclareAndSubmit declares every eligibility requirement of a draft and
// submits it, as the company would.
func ocDeclareAndSubmit(t *testing.T, inst *servertest.Instance, co servertest.Company, appID string) program.Application {
	t.Helper()
	ctx, owner := context.Background(), co.Owner.Actor()
	if err := inst.Office.DeclareEligibility(ctx, owner, co.Org.ID, appID, program.EligibilityItems(), time.Now().AddDate(0, 0, -20)); err != nil {
		t.Fatalf("declare eligibility: %v", err)
	}
	app, err := inst.Office.SubmitApplication(ctx, owner, co.Org.ID, appID)
	if err != nil {
		t.Fatalf("submit: %v", err)
	}
	return app
}

// ocStaff creates a staff member with a second factor proved, for driving
// cases through the office directly (the pages under test use browsers).
func ocStaff(t *testing.T, inst *servertest.Instance, role auth.Role) auth.Actor {
	t.Helper()
	_, u := staffBrowser(t, inst, role)
	a := u.Actor()
	a.MFA = true
	return a
}

// ocValidated takes a submitted application through review, eligibility
// and a satisfactory site validation, through the office, and returns the
// validator who visited.
func ocValidated(t *testing.T, inst *servertest.Instance, appID string) auth.Actor {
	t.Helper()
	ctx := context.Background()
	off, val := ocStaff(t, inst, auth.Officer), ocStaff(t, inst, auth.Validator)
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(inst.Office.StartReview(ctx, off, appID))
	must(inst.Office.VerifyEligibility(ctx, off, appID, program.EligibilityItems(), "checked in the CBSA records"))
	v, err := inst.Office.ScheduleValidation(ctx, off, appID, time.Now().AddDate(0, 0, 3), []string{"1 Main St, Ottawa"}, []string{val.UserID})
	must(err)
	for _, it := range v.Items {
		must(inst.Office.RecordFinding(ctx, val, v.ID, it.CriterionID, program.OutcomeMet, ""))
	}
	must(inst.Office.CompleteValidation(ctx, val, v.ID, program.ResultSatisfactory, "All criteria met on site."))
	return val
}

// ocActive makes an active membership: a validated application approved by
// a manager, and the memorandum signed by the owner with a second factor.
func ocActive(t *testing.T, inst *servertest.Instance, name, email string) (servertest.Company, program.Membership) {
	t.Helper()
	ctx := context.Background()
	co, app := ocSubmitted(t, inst, name, email)
	ocValidated(t, inst, app.ID)
	if _, err := inst.Office.Approve(ctx, ocStaff(t, inst, auth.Manager), app.ID, office.DecisionInput{}); err != nil {
		t.Fatalf("approve: %v", err)
	}
	owner := co.Owner.Actor()
	setup, err := inst.Office.BeginTOTP(ctx, owner)
	if err != nil {
		t.Fatal(err)
	}
	code, _ := auth.TOTPCode(setup.Secret, time.Now())
	codes, err := inst.Office.ConfirmTOTP(ctx, owner, code)
	if err != nil {
		t.Fatal(err)
	}
	_, ms, err := inst.Office.CompanyCases(ctx, owner, co.Org.ID)
	if err != nil || len(ms) != 1 {
		t.Fatalf("memberships: %v %d", err, len(ms))
	}
	_, _, hash, _ := inst.Office.MOUText("en")
	owner.MFA = true
	if err := inst.Office.SignMOU(ctx, owner, co.Org.ID, ms[0].ID, "en", "President", hash, codes[0]); err != nil {
		t.Fatalf("sign: %v", err)
	}
	v, err := inst.Office.Membership(ctx, owner, co.Org.ID, ms[0].ID)
	if err != nil || v.Membership.State != program.MemberActive {
		t.Fatalf("membership: %v", err)
	}
	return co, v.Membership
}

// ocPostForm posts a form and checks the status and, for a redirect, where it
// goes; it returns the body.
func ocPostForm(t *testing.T, b *servertest.Browser, path string, form url.Values, status int, location string) string {
	t.Helper()
	resp, body := b.Post(path, form)
	if resp.StatusCode != status {
		t.Fatalf("POST %s: status %d, want %d\n%s", path, resp.StatusCode, status, body)
	}
	if location != "" && resp.Header.Get("Location") != location {
		t.Fatalf("POST %s: sent to %q, want %q", path, resp.Header.Get("Location"), location)
	}
	return body
}

// ocNoRawKeys fails when a page shows a message key instead of its text.
func ocNoRawKeys(t *testing.T, path, body string) {
	t.Helper()
	for _, p := range []string{"staffcase.", "case.state.", "letter.kind.", "flash.staff", "case.outcome.", "profile.level."} {
		if strings.Contains(body, p) {
			i := strings.Index(body, p)
			t.Errorf("%s shows a raw message key: %q", path, body[i:min(len(body), i+60)])
		}
	}
}
