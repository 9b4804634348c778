package web_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/catalog"
	"trustlane/internal/office"
	"trustlane/internal/program"
	"trustlane/internal/server/servertest"
)

// The case tests drive the company's pages with browsers and the program
// office's steps through the office, as staff actors who proved a second
// factor. Helpers are prefixed cc (company cases).

var ccSeq atomic.Int64

// ccPDF is the smallest file the upload check takes for a PDF.
var ccPDF = []byte("%PDF-1.7\n% Security procedures\n1 0 obj <<>> endobj\n")

// ccToronto is the program's time zone, in which pages show dates.
var ccToronto, _ = time.LoadLocation("America/Toronto")

// ccCompany signs up a highway carrier and signs its owner in.
func ccCompany(t *testing.T, inst *servertest.Instance, name string) (servertest.Company, *servertest.Browser) {
	t.Helper()
	email := fmt.Sprintf("owner%d@%s.test", ccSeq.Add(1), strings.ToLower(strings.Fields(name)[0]))
	co := inst.SignUpCompany(t, name, email)
	return co, signedIn(t, inst, email)
}

// ccReadyProfile answers the generic part and the company's sector parts
// of its Security Profile compliantly, as the owner through the office, and
// attaches a tiny PDF wherever a visible question wants evidence. The
// catalog decides what is asked, so the helper follows it as it grows.
func ccReadyProfile(t *testing.T, inst *servertest.Instance, co servertest.Company) {
	t.Helper()
	ctx, owner := context.Background(), co.Owner.Actor()
	v := version(t, inst)
	sectors := make([]string, len(co.Org.Sectors))
	for i, s := range co.Org.Sectors {
		sectors[i] = string(s)
	}
	byPart := map[string]map[string]string{}
	for _, sec := range v.Sections(sectors) {
		if byPart[sec.Part] == nil {
			byPart[sec.Part] = map[string]string{}
		}
		for _, q := range sec.Questions {
			if vals := compliant(q); vals != nil {
				byPart[sec.Part][q.ID] = strings.Join(vals, ";")
			}
		}
	}
	for part, answers := range byPart {
		if _, err := inst.Office.SaveAnswers(ctx, owner, co.Org.ID, part, answers); err != nil {
			t.Fatalf("answer part %s: %v", part, err)
		}
	}
	p := profileOf(t, inst, co)
	answers := map[catalog.Key]catalog.Value{}
	for k, a := range p.Answers {
		answers[k] = a.Value
	}
	for _, sec := range v.Sections(sectors) {
		for _, q := range sec.Questions {
			k := catalog.Key{Part: sec.Part, Question: q.ID}
			wants := q.Evidence == catalog.EvidenceRequired || q.Type == catalog.File
			if !wants || !q.Visible(sec.Part, answers) || len(p.Evidence[k]) > 0 {
				continue
			}
			if _, err := inst.Office.UploadEvidence(ctx, owner, co.Org.ID, sec.Part, q.ID, "procedure-"+q.ID+".pdf", ccPDF); err != nil {
				t.Fatalf("evidence for %s: %v", q.ID, err)
			}
		}
	}
	if a := profileOf(t, inst, co).Assessment; !a.Ready() {
		t.Fatalf("profile not ready: %d of %d answered, %d gaps", a.Done, a.Required, len(a.Gaps))
	}
}

// ccSubmitted readies the profile and submits an application for the
// company's sector through the office, as the owner would on the pages.
func ccSubmitted(t *testing.T, inst *servertest.Instance, co servertest.Company) program.Application {
	t.Helper()
	ctx, owner := context.Background(), co.Owner.Actor()
	ccReadyProfile(t, inst, co)
	app, err := inst.Office.CreateApplication(ctx, owner, co.Org.ID, co.Org.Sectors[0])
	ccMust(t, "create application", err)
	ccMust(t, "declare eligibility", inst.Office.DeclareEligibility(ctx, owner, co.Org.ID, app.ID, program.EligibilityItems(),
		time.Now().AddDate(0, 0, -20)))
	app, err = inst.Office.SubmitApplication(ctx, owner, co.Org.ID, app.ID)
	ccMust(t, "submit", err)
	return app
}

// ccStaff creates a staff member and returns their actor with a second
// factor proved, which every staff step requires.
func ccStaff(t *testing.T, inst *servertest.Instance, role auth.Role) auth.Actor {
	t.Helper()
	u, err := inst.Office.CreateStaff(context.Background(), auth.System, office.StaffInput{
		Name: fmt.Sprintf("Staff %s %d", role, ccSeq.Add(1)), Email: fmt.Sprintf("%s%d@office.test", role, ccSeq.Add(1)),
		Password: servertest.Password, Role: role, Lang: "en"})
	ccMust(t, "create staff", err)
	a := u.Actor()
	a.MFA = true
	return a
}

// ccTeam is the program office staff one case needs.
type ccTeam struct{ Officer, Validator, Manager, Reviewer auth.Actor }

func ccStaffTeam(t *testing.T, inst *servertest.Instance) ccTeam {
	t.Helper()
	return ccTeam{ccStaff(t, inst, auth.Officer), ccStaff(t, inst, auth.Validator), ccStaff(t, inst, auth.Manager),
		ccStaff(t, inst, auth.AppealsReviewer)}
}

// ccValidate takes a submitted application through review to a completed
// site validation. With notMet, the first must-criterion is not met (notes
// say what to fix) and the result requires an action plan; it returns the
// plan's ID then.
func ccValidate(t *testing.T, inst *servertest.Instance, team ccTeam, appID string, notMet string) string {
	t.Helper()
	ctx := context.Background()
	if app := ccApp(t, inst, team.Officer, appID); app.App.State == program.AppSubmitted {
		ccMust(t, "start review", inst.Office.StartReview(ctx, team.Officer, appID))
	}
	ccMust(t, "verify eligibility", inst.Office.VerifyEligibility(ctx, team.Officer, appID, program.EligibilityItems(), "Checked"))
	v, err := inst.Office.ScheduleValidation(ctx, team.Officer, appID, time.Now().AddDate(0, 0, 5),
		[]string{"1 Main St, Ottawa"}, []string{team.Validator.UserID})
	ccMust(t, "schedule validation", err)
	failed := false
	for _, it := range v.Items {
		outcome, notes := program.OutcomeMet, ""
		if notMet != "" && !failed && it.Level == "must" {
			outcome, notes, failed = program.OutcomeNotMet, notMet, true
		}
		ccMust(t, "record "+it.CriterionID, inst.Office.RecordFinding(ctx, team.Validator, v.ID, it.CriterionID, outcome, notes))
	}
	result := program.ResultSatisfactory
	if failed {
		result = program.ResultActionPlan
	}
	ccMust(t, "complete validation", inst.Office.CompleteValidation(ctx, team.Validator, v.ID, result, "Visit of the main yard."))
	if !failed {
		return ""
	}
	plans := ccApp(t, inst, team.Officer, appID).Plans
	if len(plans) == 0 {
		t.Fatal("no action plan after a validation that requires one")
	}
	return plans[len(plans)-1].ID
}

// ccApproved takes a submitted application to approval and returns the
// membership waiting for the memorandum's signature.
func ccApproved(t *testing.T, inst *servertest.Instance, team ccTeam, appID string) program.Membership {
	t.Helper()
	ccValidate(t, inst, team, appID, "")
	_, err := inst.Office.Approve(context.Background(), team.Manager, appID, office.DecisionInput{})
	ccMust(t, "approve", err)
	return *ccApp(t, inst, team.Officer, appID).Membership
}

// ccEnrolTOTP turns two-step verification on for a user through the
// office and returns the secret. The enrolment uses the previous 30-second
// step, so a code for now is fresh for the next use.
func ccEnrolTOTP(t *testing.T, inst *servertest.Instance, u auth.User) string {
	t.Helper()
	ctx := context.Background()
	setup, err := inst.Office.BeginTOTP(ctx, u.Actor())
	ccMust(t, "begin TOTP", err)
	code, _ := auth.TOTPCode(setup.Secret, time.Now().Add(-30*time.Second))
	_, err = inst.Office.ConfirmTOTP(ctx, u.Actor(), code)
	ccMust(t, "confirm TOTP", err)
	return setup.Secret
}

// ccActive takes a company all the way to an active membership: a ready
// profile, a submitted application, a satisfactory validation, approval
// and the owner's signature of the memorandum.
func ccActive(t *testing.T, inst *servertest.Instance, team ccTeam, co servertest.Company) (program.Application, program.Membership) {
	t.Helper()
	app := ccSubmitted(t, inst, co)
	m := ccApproved(t, inst, team, app.ID)
	secret := ccEnrolTOTP(t, inst, co.Owner)
	_, text, hash, err := inst.Office.MOUText("en")
	ccMust(t, "MOU text", err)
	if text == "" {
		t.Fatal("empty memorandum")
	}
	code, _ := auth.TOTPCode(secret, time.Now())
	ccMust(t, "sign MOU", inst.Office.SignMOU(context.Background(), co.Owner.Actor(), co.Org.ID, m.ID, "en", "President", hash, code))
	return app, ccMember(t, inst, co.Owner.Actor(), co.Org.ID, m.ID).Membership
}

// ccSuspend suspends a membership with one corrective action.
func ccSuspend(t *testing.T, inst *servertest.Instance, team ccTeam, m program.Membership) program.Decision {
	t.Helper()
	dec, err := inst.Office.Suspend(context.Background(), team.Officer, m.ID, office.SuspendInput{
		DecisionInput: office.DecisionInput{Reasons: []string{"SU-MSR"}, Narrative: "The perimeter fence of the yard is broken."},
		Actions:       []string{"Repair the perimeter fence"}, RemedyDue: time.Now().AddDate(0, 0, 30)})
	ccMust(t, "suspend", err)
	return dec
}

func ccApp(t *testing.T, inst *servertest.Instance, a auth.Actor, appID string) *office.ApplicationView {
	t.Helper()
	v, err := inst.Office.Application(context.Background(), a, "", appID)
	ccMust(t, "load application", err)
	return v
}

func ccMember(t *testing.T, inst *servertest.Instance, a auth.Actor, orgID, id string) *office.MembershipView {
	t.Helper()
	v, err := inst.Office.Membership(context.Background(), a, orgID, id)
	ccMust(t, "load membership", err)
	return v
}

func ccMust(t *testing.T, what string, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// ccDate is a date as an English page shows it.
func ccDate(inst *servertest.Instance, at time.Time) string {
	return inst.I18n.For("en").Date(at.In(ccToronto))
}

// ccExpect checks a response's status (and, for a redirect, where it goes)
// and what its page says.
func ccExpect(t *testing.T, what string, resp *http.Response, body string, status int, location string, wants ...string) {
	t.Helper()
	if resp.StatusCode != status {
		t.Fatalf("%s: status %d, want %d\n%s", what, resp.StatusCode, status, body)
	}
	if location != "" && resp.Header.Get("Location") != location {
		t.Fatalf("%s: sent to %q, want %q", what, resp.Header.Get("Location"), location)
	}
	contains(t, what, body, wants...)
}

// ccBanner returns the "What happens next" banner of a case page.
func ccBanner(t *testing.T, body string) string {
	t.Helper()
	i := strings.Index(body, `aria-labelledby="next-title"`)
	if i < 0 {
		t.Fatalf("no next-step banner:\n%s", body)
	}
	end := strings.Index(body[i:], "</div>")
	return body[i : i+end]
}
