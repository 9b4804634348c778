package api_test

import (
	"encoding/json"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"trustlane/internal/api"
	"trustlane/internal/auth"
	"trustlane/internal/catalog"
	"trustlane/internal/office"
	"trustlane/internal/program"
	"trustlane/internal/server/servertest"
)

// clock is a program clock a test can move forward, to reach the end of a
// window (an appeal's 30 days) without waiting.
type clock struct{ offset atomic.Int64 }

func (c *clock) now() time.Time {
	if c == nil {
		return time.Now().UTC()
	}
	return time.Now().UTC().Add(time.Duration(c.offset.Load()))
}

func (c *clock) advance(d time.Duration) { c.offset.Add(int64(d)) }

// startClocked starts the program on a clock the test moves.
func startClocked(t testing.TB) (*servertest.Instance, *clock) {
	t.Helper()
	c := &clock{}
	return servertest.Start(t, servertest.Options{Now: c.now}), c
}

// day is the day d days from the clock's today, as the API writes days.
func (c *clock) day(d int) string { return c.now().AddDate(0, 0, d).Format(time.DateOnly) }

// readyProfile answers every question of the generic part and of sector's
// part compliantly, with a small PDF wherever evidence is expected, so the
// company may apply for sector. It goes through the office as the owner
// would on the portal, against the real catalog.
func readyProfile(t testing.TB, inst *servertest.Instance, c servertest.Company, sector string) {
	t.Helper()
	v, err := inst.Office.Catalog().Version(inst.Office.DefaultCatalogVersion())
	if err != nil {
		t.Fatal(err)
	}
	answers := map[string]map[string]string{}
	files := map[catalog.Key]bool{}
	for _, s := range v.Sections([]string{sector}) {
		if answers[s.Part] == nil {
			answers[s.Part] = map[string]string{}
		}
		for _, cr := range s.Criteria {
			a, _ := compliant(cr)
			for id, val := range a {
				answers[s.Part][id] = val
			}
			for i := range cr.Questions {
				if q := &cr.Questions[i]; q.Evidence != catalog.EvidenceNone || q.Type == catalog.File {
					files[catalog.Key{Part: s.Part, Question: q.ID}] = true
				}
			}
		}
	}
	owner := c.Owner.Actor()
	for part, a := range answers {
		if _, err := inst.Office.SaveAnswers(ctx, owner, c.Org.ID, part, a); err != nil {
			t.Fatalf("answer part %s: %v", part, err)
		}
	}
	for k := range files {
		if _, err := inst.Office.UploadEvidence(ctx, owner, c.Org.ID, k.Part, k.Question, "evidence-"+k.Question+".pdf", []byte(pdfFile)); err != nil {
			t.Fatalf("upload evidence for %s: %v", k, err)
		}
	}
	p, err := inst.Office.Profile(ctx, owner, c.Org.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !p.Assessment.Ready() {
		t.Fatalf("profile of %s not ready: %d gaps, first %+v", c.Org.LegalName, len(p.Assessment.Gaps), p.Assessment.Gaps[0])
	}
}

// staffer is a person of the program office: their signed-in actor (second
// factor proved) for the office, and a secret for the staff API.
type staffer struct {
	user   auth.User
	actor  auth.Actor
	secret string
}

// team is a program office with one person per role, and two managers: the
// one who validates a case and the one who approves it.
type team struct {
	officer, validator, manager, approver, reviewer, admin staffer
	// api is the API with every staffer's secret: the real handlers on the
	// program's office. The office makes program tokens for administrators
	// only, and a token acts for its maker, so the other roles reach the API
	// through api.NewWithStaff. The administrator's secret is a real token,
	// which the real server (inst) takes as well.
	api *servertest.Instance
}

func newTeam(t testing.TB, inst *servertest.Instance, clk *clock, domain string) team {
	t.Helper()
	mk := func(name string, role auth.Role) staffer {
		u, err := inst.Office.CreateStaff(ctx, auth.System, office.StaffInput{
			Name: "Staff " + name, Email: name + "@" + domain, Password: servertest.Password, Role: role, Lang: "en"})
		if err != nil {
			t.Fatalf("create staff %s: %v", name, err)
		}
		a := u.Actor()
		a.MFA = true
		return staffer{user: u, actor: a, secret: "test-staff-" + name + "-" + u.ID}
	}
	tm := team{officer: mk("officer", auth.Officer), validator: mk("validator", auth.Validator),
		manager: mk("manager", auth.Manager), approver: mk("approver", auth.Manager),
		reviewer: mk("reviewer", auth.AppealsReviewer), admin: mk("admin", auth.Administrator)}
	tm.admin.secret = clockedToken(t, inst, clk, tm.admin.actor, "", unboundScopes()...)
	secrets := map[string]auth.Actor{}
	for _, s := range []staffer{tm.officer, tm.validator, tm.manager, tm.approver, tm.reviewer} {
		a := s.user.Actor()
		a.TokenID, a.Scopes = "test-"+string(s.user.Staff), []auth.Scope{auth.ScopeStaff}
		secrets[s.secret] = a
	}
	h, err := api.NewWithStaff(api.Config{Office: inst.Office, I18n: inst.I18n, BaseURL: inst.URL}, secrets)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	tm.api = &servertest.Instance{URL: srv.URL}
	return tm
}

// clockedToken makes a token that expires on the program's clock, so a
// test may move the clock by weeks and keep its tokens.
func clockedToken(t testing.TB, inst *servertest.Instance, clk *clock, a auth.Actor, orgID string, scopes ...auth.Scope) string {
	t.Helper()
	_, secret, err := inst.Office.CreateToken(ctx, a, orgID, office.TokenInput{
		Name: "test system", Scopes: scopes, Expires: clk.now().Add(300 * 24 * time.Hour)})
	if err != nil {
		t.Fatalf("create token: %v", err)
	}
	return secret
}

// applicant is a company ready to apply as a highway carrier: its profile
// ready, its owner with two-step verification on and a token with every
// company scope.
type applicant struct {
	servertest.Company
	token string
	totp  string // the owner's TOTP secret, as their authenticator app holds it
	clk   *clock
}

const appSector = "highway_carrier"

func newApplicant(t testing.TB, inst *servertest.Instance, clk *clock, name, email string) applicant {
	t.Helper()
	c := applicant{Company: inst.SignUpCompany(t, name, email), clk: clk}
	readyProfile(t, inst, c.Company, appSector)
	setup, err := inst.Office.BeginTOTP(ctx, c.Owner.Actor())
	if err != nil {
		t.Fatal(err)
	}
	c.totp = setup.Secret
	code, _ := auth.TOTPCode(c.totp, clk.now())
	if _, err := inst.Office.ConfirmTOTP(ctx, c.Owner.Actor(), code); err != nil {
		t.Fatalf("confirm TOTP: %v", err)
	}
	c.token = clockedToken(t, inst, clk, c.Owner.Actor(), c.Org.ID, office.CompanyScopes()...)
	return c
}

// nextCode is a code of the owner's app not used yet: the next time step,
// which the program accepts for clock drift.
func (c applicant) nextCode(t testing.TB) string {
	t.Helper()
	code, err := auth.TOTPCode(c.totp, c.clk.now().Add(30*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	return code
}

// caseIDs are the records of a case.
type caseIDs struct {
	app, validation, membership, approval, suspension, letter, plan string
}

// stage is how far openCase takes a case.
type stage int

const (
	declared  stage = iota // a draft with its eligibility declared
	inReview               // submitted, taken by the officer, eligibility verified
	scheduled              // its site validation scheduled
	validated              // every finding met, the validation satisfactory
	active                 // approved, the memorandum signed
	suspended              // suspended, with a corrective action
)

// openCase takes c's application through the office, as the portal would,
// up to a stage. The site validation's validators are the team's
// validator unless given.
func openCase(t testing.TB, inst *servertest.Instance, c applicant, tm team, until stage, validators ...staffer) caseIDs {
	t.Helper()
	o, owner, now := inst.Office, c.Owner.Actor(), c.clk.now()
	must := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	if len(validators) == 0 {
		validators = []staffer{tm.validator}
	}
	var ids caseIDs
	app, err := o.CreateApplication(ctx, owner, c.Org.ID, appSector)
	must("create", err)
	ids.app = app.ID
	must("declare", o.DeclareEligibility(ctx, owner, c.Org.ID, app.ID, program.EligibilityItems(), now.AddDate(0, 0, -10)))
	if until < inReview {
		return ids
	}
	_, err = o.SubmitApplication(ctx, owner, c.Org.ID, app.ID)
	must("submit", err)
	must("review", o.StartReview(ctx, tm.officer.actor, app.ID))
	must("verify", o.VerifyEligibility(ctx, tm.officer.actor, app.ID, program.EligibilityItems(), "Checked against CARM."))
	if until < scheduled {
		return ids
	}
	var vids []string
	for _, s := range validators {
		vids = append(vids, s.user.ID)
	}
	v, err := o.ScheduleValidation(ctx, tm.officer.actor, app.ID, now.AddDate(0, 0, 7), []string{"Main yard"}, vids)
	must("schedule", err)
	ids.validation = v.ID
	if until < validated {
		return ids
	}
	for _, it := range v.Items {
		must("finding", o.RecordFinding(ctx, validators[0].actor, v.ID, it.CriterionID, program.OutcomeMet, ""))
	}
	must("complete", o.CompleteValidation(ctx, validators[0].actor, v.ID, program.ResultSatisfactory, "All met."))
	if until < active {
		return ids
	}
	dec, err := o.Approve(ctx, tm.approver.actor, app.ID, office.DecisionInput{Narrative: "Meets every criterion."})
	must("approve", err)
	ids.approval = dec.ID
	view, err := o.Application(ctx, owner, c.Org.ID, app.ID)
	must("view", err)
	ids.membership = view.App.MembershipID
	_, _, hash, err := o.MOUText("en")
	must("mou", err)
	must("sign", o.SignMOU(ctx, owner, c.Org.ID, ids.membership, "en", "President", hash, c.nextCode(t)))
	if until < suspended {
		return ids
	}
	susp, err := o.Suspend(ctx, tm.officer.actor, ids.membership, office.SuspendInput{
		DecisionInput: office.DecisionInput{Reasons: []string{"SU-INCIDENT"}, Narrative: "A seizure at the border."},
		Actions:       []string{"Replace the seals of every trailer."}})
	must("suspend", err)
	ids.suspension, ids.letter = susp.ID, susp.LetterID
	mv, err := o.Membership(ctx, owner, c.Org.ID, ids.membership)
	must("membership", err)
	ids.plan = mv.Plans[len(mv.Plans)-1].ID
	return ids
}

// caseState is what a refused request must leave as it was: every
// application and membership of c, with its records and history, as the
// owner sees them.
func caseState(t testing.TB, inst *servertest.Instance, c servertest.Company) string {
	t.Helper()
	a := c.Owner.Actor()
	apps, ms, err := inst.Office.CompanyCases(ctx, a, c.Org.ID)
	if err != nil {
		t.Fatal(err)
	}
	var out []any
	for _, app := range apps {
		v, err := inst.Office.Application(ctx, a, c.Org.ID, app.ID)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, v.App, v.InfoRequests, v.Validations, v.Plans, v.Decisions, v.Appeals, len(v.Timeline))
	}
	for _, m := range ms {
		v, err := inst.Office.Membership(ctx, a, c.Org.ID, m.ID)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, v.Membership, v.Plans, v.Decisions, v.Appeals, len(v.Timeline))
	}
	b, err := json.Marshal(out)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// jsonBody marshals a request body.
func jsonBody(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
