package e2e

import (
	"context"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"trustlane/internal/auth"
	"trustlane/internal/catalog"
	"trustlane/internal/ident"
	"trustlane/internal/office"
	"trustlane/internal/program"
	"trustlane/internal/server/servertest"
)

// casePDF is the smallest file the upload check takes for a PDF.
var casePDF = []byte("%PDF-1.7\n% Security procedures\n1 0 obj <<>> endobj\n")

// TestCasePath follows one highway carrier along the whole case path, each
// person in a browser context of their own, signing in with a password and
// a code from their authenticator app: the owner applies and submits; an
// officer reviews the case, verifies the eligibility and schedules the site
// validation; the validator records the checklist and completes it; a
// manager approves; the owner signs the memorandum; the officer suspends the
// membership; the owner appeals; an appeals reviewer overturns the
// suspension, and the membership is active again. Every decision's letter
// downloads as a PDF in the company's session, and the audit log verifies.
func TestCasePath(t *testing.T) {
	started := time.Now()
	inst := servertest.Start(t, servertest.Options{})
	ctx := context.Background()
	root := browser(t)

	// Set-up through the office: the company with a ready Security Profile,
	// its owner with two-step verification, and the program office's staff.
	co := inst.SignUpCompany(t, "Rideau Haulage Inc.", "owner@rideau.example")
	caseReadyProfile(t, inst, co)
	ownerSecret, enrolStep := caseEnrolOwner(t, inst, co)
	staff := func(role auth.Role, name, email string) (*person, string) {
		t.Helper()
		u, err := inst.Office.CreateStaff(ctx, auth.System, office.StaffInput{Name: name, Email: email,
			Password: servertest.Password, Role: role, Lang: "en"})
		if err != nil {
			t.Fatalf("create %s: %v", role, err)
		}
		secret := totpSecret(string(role))
		if err := inst.Office.EnrolTOTPForDemo(ctx, u.ID, secret); err != nil {
			t.Fatalf("enrol %s: %v", role, err)
		}
		return newPerson(t, root, name, email, secret), u.ID
	}
	officer, _ := staff(auth.Officer, "Olivia Officer", "olivia@office.example")
	validator, validatorID := staff(auth.Validator, "Victor Validator", "victor@office.example")
	manager, _ := staff(auth.Manager, "Maya Manager", "maya@office.example")
	reviewer, _ := staff(auth.AppealsReviewer, "Rita Reviewer", "rita@office.example")
	owner := newPerson(t, root, co.Owner.Name, co.Owner.Email, ownerSecret)
	owner.lastStep = enrolStep

	css := func(sel string) chromedp.CSS { return chromedp.CSS(sel) }
	click := func(sel string) chromedp.Action[chromedp.Void] { return chromedp.Click(css(sel)) }
	fill := func(sel, val string) chromedp.Action[chromedp.Void] { return chromedp.SendKeys(css(sel), val) }
	flash := func(p *person, where string, wants ...string) {
		t.Helper()
		expectText(t, p.ctx, where, `.notification-banner[role=status]`, wants...)
	}
	toronto, err := time.LoadLocation("America/Toronto")
	if err != nil {
		t.Fatal(err)
	}
	day := func(days int) string { return time.Now().In(toronto).AddDate(0, 0, days).Format(time.DateOnly) }

	// 2. The owner applies for highway carrier, declares the eligibility,
	// checks the answers and submits.
	owner.signIn(t, inst)
	orgBase := "/app/orgs/" + co.Org.ID
	if at := read(t, owner.ctx, chromedp.Location()); at != inst.URL+orgBase {
		t.Fatalf("owner: after signing in, the browser is at %s", at)
	}
	load(t, owner.ctx, "owner: open the applications", click(`main a[href="`+orgBase+`/applications"]`))
	checkAccessible(t, owner.ctx, "company applications")
	step(t, owner.ctx, "owner: choose the sector", click(`input[name=sector][value=highway_carrier]`))
	load(t, owner.ctx, "owner: apply", click(`form[action="`+orgBase+`/applications"] button[type=submit]`))
	flash(owner, "new application", "The application is started")
	appURL := read(t, owner.ctx, chromedp.Location())
	appID := appURL[strings.LastIndex(appURL, "/")+1:]
	if !strings.HasPrefix(appURL, inst.URL+orgBase+"/applications/") || appID == "" {
		t.Fatalf("owner: the new application is at %s", appURL)
	}
	checkAccessible(t, owner.ctx, "draft application")
	for _, it := range program.EligibilityItems() {
		step(t, owner.ctx, "owner: tick "+string(it), click(`input[name=eligibility][value=`+string(it)+`]`))
	}
	step(t, owner.ctx, "owner: date of the latest movement", chromedp.SetValue(css(`#f-last-movement`), day(-4)))
	load(t, owner.ctx, "owner: declare the eligibility", click(`form[action$="/eligibility"] button[type=submit]`))
	flash(owner, "check your answers", "Your eligibility is saved")
	checkAccessible(t, owner.ctx, "check before submitting")
	load(t, owner.ctx, "owner: submit", click(`form[action$="/submit"] button[type=submit]`))
	flash(owner, "submitted application", "The application is submitted")
	expectText(t, owner.ctx, "submitted application", `main > dl.summary-list strong.tag`, "Submitted")
	checkAccessible(t, owner.ctx, "company case page")

	// 3. The officer opens the queue and the case, starts the review,
	// verifies every eligibility item and schedules the site validation.
	officer.signIn(t, inst)
	staffApp := "/office/applications/" + appID
	load(t, officer.ctx, "officer: open the queue", click(`main a[href="/office/cases"]`))
	expectText(t, officer.ctx, "queue", `main table tbody`, "Rideau Haulage Inc.", "Submitted")
	checkAccessible(t, officer.ctx, "staff queue")
	load(t, officer.ctx, "officer: open the case", click(`main table a[href="`+staffApp+`"]`))
	checkAccessible(t, officer.ctx, "staff case page")
	load(t, officer.ctx, "officer: start the review", click(`form[action="`+staffApp+`/review"] button[type=submit]`))
	flash(officer, "review started", "You have taken the case")
	expectText(t, officer.ctx, "review started", `dl[aria-labelledby=summary] span.tag`, "In review")
	for _, it := range program.EligibilityItems() {
		step(t, officer.ctx, "officer: verify "+string(it), click(`input[name=verified][value=`+string(it)+`]`))
	}
	step(t, officer.ctx, "officer: eligibility notes", fill(`#f-check-notes`, "Checked in the CBSA records."))
	load(t, officer.ctx, "officer: record the eligibility check", click(`form[action="`+staffApp+`/eligibility"] button[type=submit]`))
	flash(officer, "eligibility verified", "The eligibility check is recorded")
	step(t, officer.ctx, "officer: plan the visit",
		chromedp.SetValue(css(`#f-date`), day(3)),
		click(`input[name=validators][value="`+validatorID+`"]`),
	)
	if sites := read(t, officer.ctx, chromedp.Value(css(`#f-sites`))); !strings.Contains(sites, "1 Main St") {
		t.Errorf("officer: the site is not the company's address: %q", sites)
	}
	load(t, officer.ctx, "officer: schedule the validation", click(`form[action="`+staffApp+`/validations"] button[type=submit]`))
	flash(officer, "validation scheduled", "The site validation is scheduled")
	expectText(t, officer.ctx, "validation scheduled", `dl[aria-labelledby=summary] span.tag`, "Validation scheduled")
	checklist := attr(t, officer.ctx, `section[aria-labelledby=f-validations] a[href^="/office/validations/"]`, "href")

	// 4. The validator records "met" for every item and completes the
	// validation as satisfactory.
	validator.signIn(t, inst)
	load(t, validator.ctx, "validator: open the queue", click(`main a[href="/office/cases"]`))
	load(t, validator.ctx, "validator: open the case", click(`main table a[href="`+staffApp+`"]`))
	load(t, validator.ctx, "validator: open the checklist", click(`a[href="`+checklist+`"]`))
	checkAccessible(t, validator.ctx, "checklist")
	// Seventy-odd rows of radios: one script ticks "met" in each, then the
	// validator saves the form with its button.
	items := read(t, validator.ctx, chromedp.Evaluate[int](`(() => {
  const rs = document.querySelectorAll('form input[type=radio][name^="outcome."][value="met"]');
  rs.forEach(r => { r.checked = true; });
  return rs.length;
})()`))
	if items == 0 {
		t.Fatal("validator: the checklist has no items")
	}
	load(t, validator.ctx, "validator: save the findings", click(`button[name=save]`))
	flash(validator, "findings saved", "The findings are saved")
	expectText(t, validator.ctx, "findings saved", `main dl.summary-list`, strconv.Itoa(items)+" of "+strconv.Itoa(items)+" findings recorded")
	step(t, validator.ctx, "validator: result and summary",
		click(`input[name=result][value=satisfactory]`),
		fill(`#f-summary`, "All criteria met at the main yard."),
	)
	load(t, validator.ctx, "validator: complete the validation", click(`form[action="`+checklist+`/complete"] button[type=submit]`))
	flash(validator, "validation completed", "The validation is complete")
	expectText(t, validator.ctx, "validation completed", `dl[aria-labelledby=summary] span.tag`, "Validated")

	// 5. The manager approves, through the check of the answers.
	manager.signIn(t, inst)
	load(t, manager.ctx, "manager: open the queue", click(`main a[href="/office/cases"]`))
	load(t, manager.ctx, "manager: open the case", click(`main table a[href="`+staffApp+`"]`))
	load(t, manager.ctx, "manager: start the approval", click(`a[href="`+staffApp+`/decide/approve"]`))
	checkAccessible(t, manager.ctx, "approval form")
	step(t, manager.ctx, "manager: narrative", fill(`#f-narrative`, "Approved after a satisfactory site validation."))
	load(t, manager.ctx, "manager: continue", click(`form[action="`+staffApp+`/decide/approve/check"] button[type=submit]`))
	expectText(t, manager.ctx, "check the approval", `main dl.summary-list`, "Approval of your application",
		"Approved after a satisfactory site validation.")
	checkAccessible(t, manager.ctx, "check the approval")
	load(t, manager.ctx, "manager: approve", click(`form[action="`+staffApp+`/decide/approve"] > button[type=submit]`))
	flash(manager, "approved", "The application is approved")
	expectText(t, manager.ctx, "approved", `dl[aria-labelledby=summary] span.tag`, "Approved")
	number := textOf(t, manager.ctx, `dl[aria-labelledby=summary] a[href^="/office/memberships/"] code`)
	if canon, err := ident.CheckMemberNumber(number); err != nil || canon != number {
		t.Errorf("membership number %q: %v (canonical %q)", number, err, canon)
	}
	staffMember := attr(t, manager.ctx, `dl[aria-labelledby=summary] a[href^="/office/memberships/"]`, "href")

	// 6. The owner sees the number on the case, opens the membership and
	// signs the memorandum with a fresh code.
	load(t, owner.ctx, "owner: reload the case", chromedp.Reload())
	expectText(t, owner.ctx, "approved application", `main > dl.summary-list strong.tag`, "Approved")
	expectText(t, owner.ctx, "approved application", `main > dl.summary-list dd.mono`, number)
	load(t, owner.ctx, "owner: open the membership", click(`main > dl.summary-list a[href*="/memberships/"]`))
	memberURL := read(t, owner.ctx, chromedp.Location())
	expectText(t, owner.ctx, "membership", `main > dl.summary-list strong.tag`, "Awaiting signature")
	checkAccessible(t, owner.ctx, "membership page")
	load(t, owner.ctx, "owner: open the memorandum", click(`main a.button[href$="/mou"]`))
	checkAccessible(t, owner.ctx, "memorandum")
	step(t, owner.ctx, "owner: title and code",
		fill(`#f-title`, "President"),
		fill(`#f-code`, owner.code(t)),
	)
	load(t, owner.ctx, "owner: sign", click(`form[action$="/mou"] button[type=submit]`))
	flash(owner, "signed", "The memorandum is signed")
	expectText(t, owner.ctx, "signed", `main > dl.summary-list strong.tag`, "Active")

	// 7. The officer suspends the membership, through the check.
	load(t, officer.ctx, "officer: back to the case", chromedp.Navigate(inst.URL+staffApp))
	load(t, officer.ctx, "officer: open the membership", click(`dl[aria-labelledby=summary] a[href="`+staffMember+`"]`))
	expectText(t, officer.ctx, "staff membership", `dl[aria-labelledby=summary] span.tag`, "Active")
	load(t, officer.ctx, "officer: start the suspension", click(`a[href="`+staffMember+`/decide/suspend"]`))
	checkAccessible(t, officer.ctx, "suspension form")
	step(t, officer.ctx, "officer: the suspension's answers",
		click(`input[name=reasons][value=SU-MSR]`),
		fill(`#f-narrative`, "The perimeter fence of the main yard is broken and the gate is left open."),
		fill(`#f-actions`, "Repair the perimeter fence\nLock the gate outside working hours"),
		chromedp.SetValue(css(`#f-remedy-due`), day(60)),
	)
	load(t, officer.ctx, "officer: continue", click(`form[action="`+staffMember+`/decide/suspend/check"] button[type=submit]`))
	expectText(t, officer.ctx, "check the suspension", `main dl.summary-list`, "Suspension of your membership", "SU-MSR",
		"The perimeter fence of the main yard is broken", "Repair the perimeter fence", "Lock the gate outside working hours")
	checkAccessible(t, officer.ctx, "check the suspension")
	load(t, officer.ctx, "officer: suspend", click(`form[action="`+staffMember+`/decide/suspend"] > button[type=submit]`))
	flash(officer, "suspended", "The membership is suspended")
	expectText(t, officer.ctx, "suspended", `dl[aria-labelledby=summary] span.tag`, "Suspended")
	load(t, owner.ctx, "owner: reload the membership", chromedp.Navigate(memberURL))
	expectText(t, owner.ctx, "suspended membership", `main > dl.summary-list strong.tag`, "Suspended")
	expectText(t, owner.ctx, "suspended membership", `main > dl.summary-list`, inst.I18n.For("en").Date(time.Now().In(toronto).AddDate(0, 0, 60)))
	expectText(t, owner.ctx, "suspended membership", `section[aria-labelledby=plans]`, "Repair the perimeter fence",
		"Lock the gate outside working hours")

	// 8. The owner appeals the suspension.
	load(t, owner.ctx, "owner: open the appeal", click(`section[aria-labelledby=decisions] a[href$="/appeal"]`))
	checkAccessible(t, owner.ctx, "appeal form")
	step(t, owner.ctx, "owner: grounds", fill(`#f-grounds`, "The fence was repaired the day after the visit; photos are in the profile."))
	load(t, owner.ctx, "owner: file the appeal", click(`form[action$="/appeal"] button[type=submit]`))
	flash(owner, "appeal filed", "Your appeal is filed")
	expectText(t, owner.ctx, "appeal filed", `section[aria-labelledby=appeals]`, "Waiting for a reviewer", "The fence was repaired")

	// 9. The appeals reviewer overturns the suspension.
	reviewer.signIn(t, inst)
	load(t, reviewer.ctx, "reviewer: open the appeals", click(`main a[href="/office/appeals"]`))
	expectText(t, reviewer.ctx, "appeals", `main table tbody`, "Rideau Haulage Inc.", "Suspension of your membership")
	checkAccessible(t, reviewer.ctx, "appeals queue")
	appeal := attr(t, reviewer.ctx, `main table a[href^="/office/appeals/"]`, "href")
	load(t, reviewer.ctx, "reviewer: open the appeal", click(`main table a[href="`+appeal+`"]`))
	checkAccessible(t, reviewer.ctx, "appeal decision form")
	step(t, reviewer.ctx, "reviewer: the outcome's answers",
		click(`input[name=outcome][value=overturn]`),
		click(`input[name=reasons][value=AP-REMEDIED]`),
		fill(`#f-narrative`, "The fence was repaired promptly; the suspension is no longer warranted."),
	)
	load(t, reviewer.ctx, "reviewer: continue", click(`form[action="`+appeal+`/check"] button[type=submit]`))
	expectText(t, reviewer.ctx, "check the outcome", `main dl.summary-list`, "Outcome of your appeal: the decision is reversed", "AP-REMEDIED")
	load(t, reviewer.ctx, "reviewer: decide", click(`form[action="`+appeal+`"] > button[type=submit]`))
	flash(reviewer, "appeal decided", "The appeal is decided")
	expectText(t, reviewer.ctx, "appeal decided", `dl[aria-labelledby=summary] span.tag`, "Active")

	load(t, owner.ctx, "owner: reload the membership", chromedp.Navigate(memberURL))
	expectText(t, owner.ctx, "restored membership", `main > dl.summary-list strong.tag`, "Active")
	expectText(t, owner.ctx, "restored membership", `section[aria-labelledby=appeals]`, "Decision reversed")
	expectText(t, owner.ctx, "timeline", `ol.timeline`, "Membership suspended", "Decision: suspension", "Appeal filed",
		"Decision: appeal — the decision is reversed")
	checkAccessible(t, owner.ctx, "membership page after the appeal")

	// 10. Every decision's letter downloads as a PDF in the company's
	// session: the approval on the application, the suspension and the
	// appeal's outcome on the membership.
	letters := caseLetters(t, owner.ctx)
	load(t, owner.ctx, "owner: back to the application", chromedp.Navigate(appURL))
	letters = append(letters, caseLetters(t, owner.ctx)...)
	if len(letters) != 3 {
		t.Errorf("letters on the company's pages: %q, want 3", letters)
	}
	for _, l := range fetchAll(t, owner.ctx, inst.URL, letters) {
		if l.Status != 200 || l.Type != "application/pdf" || l.Magic != "%PDF-" {
			t.Errorf("letter %s: status %d, type %q, starts %q", l.URL, l.Status, l.Type, l.Magic)
		}
	}

	rep, err := inst.DB.VerifyAudit(ctx)
	if err != nil {
		t.Fatalf("verify the audit log: %v", err)
	}
	for _, f := range rep.Faults {
		t.Errorf("audit log: %s", f)
	}
	t.Logf("case path done in %s (%d events in %d chains)", time.Since(started).Round(time.Millisecond), rep.Events, rep.Chains)
}

// caseReadyProfile answers the generic part and the company's sector parts
// of its Security Profile compliantly, as the owner through the office, and
// attaches a tiny PDF wherever a visible question wants evidence (as the
// web tests' ccReadyProfile does).
func caseReadyProfile(t *testing.T, inst *servertest.Instance, co servertest.Company) {
	t.Helper()
	ctx, owner := context.Background(), co.Owner.Actor()
	v, err := inst.Office.Catalog().Version(catalog.DefaultVersion)
	if err != nil {
		t.Fatal(err)
	}
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
			if vals := compliantAnswer(q); vals != nil {
				byPart[sec.Part][q.ID] = strings.Join(vals, ";")
			}
		}
	}
	for part, answers := range byPart {
		if _, err := inst.Office.SaveAnswers(ctx, owner, co.Org.ID, part, answers); err != nil {
			t.Fatalf("answer part %s: %v", part, err)
		}
	}
	p, err := inst.Office.Profile(ctx, owner, co.Org.ID)
	if err != nil {
		t.Fatal(err)
	}
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
			if _, err := inst.Office.UploadEvidence(ctx, owner, co.Org.ID, sec.Part, q.ID, "procedure-"+q.ID+".pdf", casePDF); err != nil {
				t.Fatalf("evidence for %s: %v", q.ID, err)
			}
		}
	}
	if p, err = inst.Office.Profile(ctx, owner, co.Org.ID); err != nil || !p.Assessment.Ready() {
		t.Fatalf("profile not ready: %v", err)
	}
}

// caseEnrolOwner turns two-step verification on for the company's owner
// as the account page does, and returns the secret and the step its
// confirmation used (the previous one, so the current code stays fresh).
func caseEnrolOwner(t *testing.T, inst *servertest.Instance, co servertest.Company) (string, int64) {
	t.Helper()
	ctx := context.Background()
	setup, err := inst.Office.BeginTOTP(ctx, co.Owner.Actor())
	if err != nil {
		t.Fatalf("begin TOTP: %v", err)
	}
	at := time.Now().Add(-30 * time.Second)
	code, _ := auth.TOTPCode(setup.Secret, at)
	if _, err := inst.Office.ConfirmTOTP(ctx, co.Owner.Actor(), code); err != nil {
		t.Fatalf("confirm TOTP: %v", err)
	}
	return setup.Secret, auth.TOTPStep(at)
}

// caseLetters lists the letters the current case page links to.
func caseLetters(t *testing.T, ctx context.Context) []string {
	t.Helper()
	return read(t, ctx, chromedp.Evaluate[[]string](
		`Array.from(document.querySelectorAll('section[aria-labelledby=decisions] a[href*="/letters/"]'), a => a.getAttribute("href"))`))
}

// fetched is what a URL answered.
type fetched struct {
	URL, Type, Magic string
	Status           int
}

// fetchAll fetches URLs of the portal with the cookies of the person's
// browser, as the browser's download would. (The portal's Content Security
// Policy has no connect-src, so a fetch() from the page is refused.)
func fetchAll(t *testing.T, ctx context.Context, base string, urls []string) []fetched {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	jar, err := chromedp.Call(tctx, network.GetCookies, network.GetCookiesParams{URLs: []string{base}})
	if err != nil {
		t.Fatalf("read the browser's cookies: %v", err)
	}
	client := &http.Client{Timeout: 30 * time.Second}
	var out []fetched
	for _, u := range urls {
		req, _ := http.NewRequest(http.MethodGet, base+u, nil)
		for _, c := range jar.Cookies {
			req.AddCookie(&http.Cookie{Name: c.Name, Value: c.Value})
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatalf("GET %s: %v", u, err)
		}
		head := make([]byte, 5)
		n, _ := io.ReadFull(resp.Body, head)
		resp.Body.Close()
		out = append(out, fetched{URL: u, Type: resp.Header.Get("Content-Type"), Magic: string(head[:n]), Status: resp.StatusCode})
	}
	return out
}
