package web_test

import (
	"bytes"
	"context"
	"image/png"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/office"
	"trustlane/internal/server/servertest"
)

const changedPassword = "a brand new passphrase"

// wantPage fails the test unless resp has status and, for a redirect, goes to
// location (a prefix), and body holds every want.
func wantPage(t *testing.T, step string, resp *http.Response, body string, status int, location string, want ...string) {
	t.Helper()
	if resp.StatusCode != status {
		t.Fatalf("%s: status %d, want %d\n%s", step, resp.StatusCode, status, body)
	}
	if loc := resp.Header.Get("Location"); !strings.HasPrefix(loc, location) {
		t.Fatalf("%s: redirected to %q, want %q", step, loc, location)
	}
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Errorf("%s: page lacks %q", step, w)
		}
	}
}

func TestChangePasswordEndsOtherSessions(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	const email = "owner@maple.example"
	inst.SignUpCompany(t, "Maple Freight Ltd.", email)
	resp, body := inst.NewBrowser(t).Get("/account")
	wantPage(t, "anonymous", resp, body, http.StatusSeeOther, "/signin?next=%2Faccount")

	a, other := inst.NewBrowser(t), inst.NewBrowser(t)
	a.SignIn(email, servertest.Password)
	other.SignIn(email, servertest.Password)
	resp, body = a.Get("/account")
	wantPage(t, "settings", resp, body, 200, "", email, "Owner of Maple Freight Ltd.", "English", `href="/account/password"`, "Off")
	resp, body = a.Get("/account/password")
	wantPage(t, "form", resp, body, 200, "", `name="current_password"`, `autocomplete="new-password"`)

	for _, c := range []struct{ name, current, next, confirm, want string }{
		{"wrong current", "not my password", changedPassword, changedPassword, `href="#f-current-password"`},
		{"mismatch", servertest.Password, changedPassword, changedPassword + "x", "do not match"},
		{"too short", servertest.Password, "short", "short", "at least 12 characters"},
	} {
		resp, body = a.Post("/account/password", url.Values{"current_password": {c.current}, "password": {c.next}, "password_confirm": {c.confirm}})
		wantPage(t, c.name, resp, body, http.StatusUnprocessableEntity, "", "<title>Error:", c.want)
		if strings.Contains(body, changedPassword) || strings.Contains(body, servertest.Password) {
			t.Errorf("%s: a password was echoed back", c.name)
		}
	}
	resp, body = a.Post("/account/password", url.Values{"current_password": {servertest.Password}, "password": {changedPassword}, "password_confirm": {changedPassword}})
	wantPage(t, "change", resp, body, http.StatusSeeOther, "/account")
	resp, body = a.Get("/account")
	wantPage(t, "after change", resp, body, 200, "", "Your password has been changed")
	resp, body = other.Get("/account")
	wantPage(t, "other session", resp, body, http.StatusSeeOther, "/signin")

	resp, body = inst.NewBrowser(t).Post("/signin", url.Values{"email": {email}, "password": {servertest.Password}})
	wantPage(t, "old password", resp, body, http.StatusUnauthorized, "")
	inst.NewBrowser(t).SignIn(email, changedPassword)
}

var (
	secretRE   = regexp.MustCompile(`id="totp-secret">([A-Z2-7 ]+)<`)
	recoveryRE = regexp.MustCompile(`<li><code>([a-z0-9]{5}-[a-z0-9]{5})</code></li>`)
)

// enrolTOTP sets up two-step verification through the pages, reading the
// key as a person typing it by hand would, and returns it with the
// recovery codes shown.
func enrolTOTP(t *testing.T, b *servertest.Browser) (string, []string) {
	t.Helper()
	resp, body := b.Get("/account/totp/qr.png")
	wantPage(t, "qr before start", resp, body, http.StatusNotFound, "")
	resp, body = b.Get("/account/totp")
	wantPage(t, "set-up page", resp, body, 200, "", `action="/account/totp/start"`)
	if secretRE.MatchString(body) {
		t.Fatal("a key is shown before the set-up starts")
	}
	resp, body = b.Post("/account/totp/start", nil)
	wantPage(t, "start", resp, body, http.StatusSeeOther, "/account/totp")
	resp, body = b.Get("/account/totp")
	wantPage(t, "pending", resp, body, 200, "", `src="/account/totp/qr.png"`, `name="code"`)
	m := secretRE.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no key on the page:\n%s", body)
	}
	secret := strings.ReplaceAll(m[1], " ", "")

	resp, body = b.Get("/account/totp/qr.png")
	wantPage(t, "qr", resp, body, 200, "")
	if resp.Header.Get("Content-Type") != "image/png" || resp.Header.Get("Cache-Control") != "no-store" {
		t.Errorf("qr headers: %v", resp.Header)
	}
	if img, err := png.Decode(bytes.NewReader([]byte(body))); err != nil || img.Bounds().Dx() != 240 {
		t.Errorf("qr image: %v", err)
	}

	code, _ := auth.TOTPCode(secret, time.Now())
	resp, body = b.Post("/account/totp", url.Values{"code": {wrongCode(code)}})
	wantPage(t, "wrong first code", resp, body, http.StatusUnprocessableEntity, "", "<title>Error:", `href="#f-code"`, "your phone sets its time", "totp-secret")
	resp, body = b.Post("/account/totp", url.Values{"code": {code}})
	wantPage(t, "confirm", resp, body, 200, "", "Two-step verification is on", "only time these codes are shown")
	if cc := resp.Header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("recovery codes page may be cached: %q", cc)
	}
	var codes []string
	for _, m := range recoveryRE.FindAllStringSubmatch(body, -1) {
		codes = append(codes, m[1])
	}
	if len(codes) != 10 {
		t.Fatalf("%d recovery codes shown:\n%s", len(codes), body)
	}
	return secret, codes
}

// wrongCode returns a 6-digit code that differs from code.
func wrongCode(code string) string {
	if code[0] == '9' {
		return "1" + code[1:]
	}
	return string(code[0]+1) + code[1:]
}

// signInWithCode signs b out and in again, then posts code at /signin/code.
func signInWithCode(t *testing.T, b *servertest.Browser, email, code string) (*http.Response, string) {
	t.Helper()
	b.Post("/signout", nil)
	resp, body := b.Post("/signin", url.Values{"email": {email}, "password": {servertest.Password}})
	wantPage(t, "password step", resp, body, http.StatusSeeOther, "/signin/code")
	return b.Post("/signin/code", url.Values{"code": {code}})
}

func TestTOTPEnrolmentSecondFactorAndRecoveryCodes(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	const email = "owner@birch.example"
	inst.SignUpCompany(t, "Birch Logistics Inc.", email)
	b := inst.NewBrowser(t)
	b.SignIn(email, servertest.Password)
	secret, codes := enrolTOTP(t, b)
	resp, body := b.Get("/account")
	wantPage(t, "settings", resp, body, 200, "", "On", "10 recovery codes left", `href="/account/totp/disable"`)

	next, _ := auth.TOTPCode(secret, time.Now().Add(30*time.Second)) // the step after the one used to confirm
	resp, body = signInWithCode(t, b, email, wrongCode(next))
	wantPage(t, "wrong code", resp, body, http.StatusUnprocessableEntity, "", "<title>Error:", "code is not right")
	resp, body = b.Post("/signin/code", url.Values{"code": {next}})
	wantPage(t, "good code", resp, body, http.StatusSeeOther, "/app")
	resp, body = signInWithCode(t, b, email, next)
	wantPage(t, "replayed code", resp, body, http.StatusUnprocessableEntity, "", "code is not right")
	resp, body = signInWithCode(t, b, email, strings.ToUpper(codes[0]))
	wantPage(t, "recovery code", resp, body, http.StatusSeeOther, "/app")
	resp, body = signInWithCode(t, b, email, codes[0])
	wantPage(t, "recovery code again", resp, body, http.StatusUnprocessableEntity, "", "code is not right")
	resp, body = b.Post("/signin/code", url.Values{"code": {codes[1]}})
	wantPage(t, "second recovery code", resp, body, http.StatusSeeOther, "/app")
	resp, body = b.Get("/account")
	wantPage(t, "codes spent", resp, body, 200, "", "8 recovery codes left")

	resp, body = b.Get("/account/recovery-codes")
	wantPage(t, "renew check", resp, body, 200, "", "will stop working")
	resp, body = b.Post("/account/recovery-codes", nil)
	wantPage(t, "renew", resp, body, 200, "", "You have new recovery codes")
	if n := len(recoveryRE.FindAllString(body, -1)); n != 10 {
		t.Errorf("%d new codes shown", n)
	}
	resp, body = b.Post("/account/totp/disable", url.Values{"password": {"not my password"}})
	wantPage(t, "disable, wrong password", resp, body, http.StatusUnprocessableEntity, "", `href="#f-password"`)
	resp, body = b.Post("/account/totp/disable", url.Values{"password": {servertest.Password}})
	wantPage(t, "disable", resp, body, http.StatusSeeOther, "/account")
	b.Post("/signout", nil)
	resp, body = b.Post("/signin", url.Values{"email": {email}, "password": {servertest.Password}})
	wantPage(t, "sign in without code", resp, body, http.StatusSeeOther, "/app")
}

func TestStaffMustSetUpTOTPAndCannotTurnItOff(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	ctx := context.Background()
	const email = "sam@program.example"
	staff, err := inst.Office.CreateStaff(ctx, auth.System, office.StaffInput{
		Name: "Sam Officer", Email: email, Password: servertest.Password, Lang: "en", Role: auth.Officer})
	if err != nil {
		t.Fatal(err)
	}
	b := inst.NewBrowser(t)
	resp, body := b.Post("/signin", url.Values{"email": {email}, "password": {servertest.Password}})
	wantPage(t, "staff sign-in", resp, body, http.StatusSeeOther, "/account/totp")
	resp, body = b.Get("/account/totp")
	wantPage(t, "set-up", resp, body, 200, "", "Staff accounts need two-step verification", "Program staff must use two-step verification")
	enrolTOTP(t, b)

	resp, body = b.Get("/account")
	wantPage(t, "settings", resp, body, 200, "", "Program officer", "10 recovery codes left")
	if strings.Contains(body, "/account/totp/disable") {
		t.Error("staff are offered to turn two-step verification off")
	}
	resp, body = b.Get("/account/totp/disable")
	wantPage(t, "disable page", resp, body, http.StatusForbidden, "", "must keep two-step verification")
	resp, body = b.Post("/account/totp/disable", url.Values{"password": {servertest.Password}})
	wantPage(t, "disable", resp, body, http.StatusForbidden, "")
	acc, err := inst.Office.Account(ctx, staff.Actor())
	if err != nil || !acc.User.TOTPEnabled {
		t.Errorf("staff second factor turned off: %v %v", acc.User.TOTPEnabled, err)
	}
}

func TestPasswordResetByMailInTheUsersLanguage(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	ctx := context.Background()
	const email = "owner@cedar.example"
	c := inst.SignUpCompany(t, "Cedar Brokers Ltd.", email)
	if err := inst.Office.SetLanguage(ctx, c.Owner.Actor(), "fr"); err != nil {
		t.Fatal(err)
	}
	signedIn := inst.NewBrowser(t)
	signedIn.SignIn(email, servertest.Password)

	b := inst.NewBrowser(t)
	resp, body := b.Get("/password/forgot")
	wantPage(t, "form", resp, body, 200, "", `name="email"`)
	resp, body = b.Post("/password/forgot", url.Values{"email": {"Owner@Cedar.example"}})
	wantPage(t, "ask", resp, body, http.StatusSeeOther, "/password/forgot/sent")
	m := inst.Mail.Wait(t, email, "Réinitialisation")
	if !strings.Contains(m.Text, "Bonjour") {
		t.Errorf("the mail is not in French:\n%s", m.Text)
	}
	link := strings.TrimPrefix(m.Link(), inst.URL)
	if !strings.HasPrefix(link, "/password/reset/") {
		t.Fatalf("link %q", m.Link())
	}
	resp, body = b.Get(link)
	wantPage(t, "reset form", resp, body, 200, "", `name="password_confirm"`)
	resp, body = b.Post(link, url.Values{"password": {changedPassword}, "password_confirm": {"something else entirely"}})
	wantPage(t, "mismatch", resp, body, http.StatusUnprocessableEntity, "", "do not match")
	resp, body = b.Post(link, url.Values{"password": {changedPassword}, "password_confirm": {changedPassword}})
	wantPage(t, "reset", resp, body, http.StatusSeeOther, "/signin")
	resp, body = b.Get("/signin")
	wantPage(t, "notice", resp, body, 200, "", "Your password has been reset")

	resp, body = b.Get(link)
	wantPage(t, "used link", resp, body, http.StatusGone, "", "Ask for a new link")
	resp, body = b.Post(link, url.Values{"password": {"yet another passphrase"}, "password_confirm": {"yet another passphrase"}})
	wantPage(t, "used link again", resp, body, http.StatusGone, "")
	resp, body = signedIn.Get("/account")
	wantPage(t, "old session", resp, body, http.StatusSeeOther, "/signin")
	resp, body = inst.NewBrowser(t).Post("/signin", url.Values{"email": {email}, "password": {servertest.Password}})
	wantPage(t, "old password", resp, body, http.StatusUnauthorized, "")
	inst.NewBrowser(t).SignIn(email, changedPassword)
}

func TestForgotPasswordAnswersAlikeForUnknownAddress(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	const known, unknown = "owner@spruce.example", "nobody@spruce.example"
	inst.SignUpCompany(t, "Spruce Carriers Inc.", known)
	b := inst.NewBrowser(t)
	resp, body := b.Post("/password/forgot", url.Values{"email": {""}})
	wantPage(t, "empty", resp, body, http.StatusUnprocessableEntity, "", `href="#f-email"`)

	r1, _ := b.Post("/password/forgot", url.Values{"email": {unknown}})
	r2, _ := b.Post("/password/forgot", url.Values{"email": {known}})
	if r1.StatusCode != r2.StatusCode || r1.Header.Get("Location") != r2.Header.Get("Location") {
		t.Errorf("answers differ: %d %q vs %d %q", r1.StatusCode, r1.Header.Get("Location"), r2.StatusCode, r2.Header.Get("Location"))
	}
	_, page := b.Get(r1.Header.Get("Location"))
	if !strings.Contains(page, "If an account exists") {
		t.Errorf("confirmation page:\n%s", page)
	}
	inst.Mail.Wait(t, known, "Reset your")
	// Mail leaves in order: once the second request's arrived, the first
	// would have too.
	for _, m := range inst.Mail.All() {
		if strings.EqualFold(m.To, unknown) {
			t.Errorf("mail sent to an address with no account: %q", m.Subject)
		}
	}
}

// mailedInvitation has owner invite email to their company and returns the link's
// path from the mail.
func mailedInvitation(t *testing.T, inst *servertest.Instance, c servertest.Company, email string, role auth.Role) (string, string) {
	t.Helper()
	inv, err := inst.Office.Invite(context.Background(), c.Owner.Actor(), c.Org.ID, email, role)
	if err != nil {
		t.Fatal(err)
	}
	link := strings.TrimPrefix(inst.Mail.Wait(t, email, "invited").Link(), inst.URL)
	if !strings.HasPrefix(link, "/invitations/") {
		t.Fatalf("invitation link %q", link)
	}
	return link, inv.ID
}

// memberRoleOf returns the role of email in c's company, or "".
func memberRoleOf(t *testing.T, inst *servertest.Instance, c servertest.Company, email string) auth.Role {
	t.Helper()
	ms, err := inst.Office.Members(context.Background(), c.Owner.Actor(), c.Org.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.Email == email {
			return m.Role
		}
	}
	return ""
}

func TestInvitationCreatesAccountAndJoins(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	c := inst.SignUpCompany(t, "Maple Freight Ltd.", "owner@maple.example")
	const email = "nina@maple.example"
	link, _ := mailedInvitation(t, inst, c, email, auth.FullAccess)
	b := inst.NewBrowser(t)
	resp, body := b.Get(link)
	wantPage(t, "invitation", resp, body, 200, "", "Maple Freight Ltd.", "Full access", "Fills in profiles", email,
		"Create your account", `action="`+link+`/account"`, "(in 14 days)")

	form := url.Values{"name": {"Nina New"}, "title": {"Logistics lead"}, "password": {changedPassword}, "password_confirm": {"not the same"}}
	resp, body = b.Post(link+"/account", form)
	wantPage(t, "mismatch", resp, body, http.StatusUnprocessableEntity, "", "<title>Error:", "do not match", `value="Nina New"`, `value="Logistics lead"`)
	form.Set("password_confirm", changedPassword)
	form.Set("name", "")
	resp, body = b.Post(link+"/account", form)
	wantPage(t, "no name", resp, body, http.StatusUnprocessableEntity, "", `href="#f-name"`)
	if memberRoleOf(t, inst, c, email) != "" {
		t.Fatal("a refused form added a member")
	}
	form.Set("name", "Nina New")
	resp, body = b.Post(link+"/account", form)
	wantPage(t, "create", resp, body, http.StatusSeeOther, "/app/orgs/"+c.Org.ID)
	resp, body = b.Get("/account")
	wantPage(t, "signed in", resp, body, 200, "", "Nina New", "Logistics lead", "Your account is ready")
	if r := memberRoleOf(t, inst, c, email); r != auth.FullAccess {
		t.Errorf("member role %q", r)
	}
	resp, body = b.Get(link)
	wantPage(t, "used", resp, body, http.StatusGone, "", "already been accepted", `href="/app/orgs/`+c.Org.ID+`"`)
	inst.NewBrowser(t).SignIn(email, changedPassword)
}

func TestInvitationAcceptedByTheInvitedAccountOnly(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	c := inst.SignUpCompany(t, "Maple Freight Ltd.", "owner@maple.example")
	d := inst.SignUpCompany(t, "Oak Customs Brokers", "dana@oak.example")
	link, _ := mailedInvitation(t, inst, c, d.Owner.Email, auth.ReadOnly)

	resp, body := inst.NewBrowser(t).Get(link)
	wantPage(t, "anonymous", resp, body, 200, "", "Read only", "Sign in to accept", "next=%2Finvitations%2F")
	if strings.Contains(body, `name="password"`) {
		t.Error("an account form is offered for an address that has an account")
	}

	b := inst.NewBrowser(t)
	b.SignIn(c.Owner.Email, servertest.Password)
	resp, body = b.Get(link)
	wantPage(t, "wrong account", resp, body, 200, "", "but this invitation was sent to dana@oak.example", link+"/signout")
	resp, body = b.Post(link+"/accept", nil)
	wantPage(t, "wrong account accepts", resp, body, http.StatusForbidden, "", "<title>Error:", "sent to another e-mail address")
	if memberRoleOf(t, inst, c, d.Owner.Email) != "" {
		t.Fatal("the wrong account's attempt added the invited person")
	}
	resp, body = b.Post(link+"/signout", nil)
	wantPage(t, "sign out", resp, body, http.StatusSeeOther, link)

	b.SignIn(d.Owner.Email, servertest.Password)
	resp, body = b.Get(link)
	wantPage(t, "invited account", resp, body, 200, "", "Accept the invitation", `action="`+link+`/accept"`)
	resp, body = b.Post(link+"/accept", nil)
	wantPage(t, "accept", resp, body, http.StatusSeeOther, "/app/orgs/"+c.Org.ID)
	if r := memberRoleOf(t, inst, c, d.Owner.Email); r != auth.ReadOnly {
		t.Errorf("member role %q", r)
	}
	resp, body = b.Post(link+"/accept", nil)
	wantPage(t, "accept twice", resp, body, http.StatusGone, "", "already been accepted")
}

func TestInvitationRevokedOrUnknown(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	c := inst.SignUpCompany(t, "Maple Freight Ltd.", "owner@maple.example")
	const email = "late@maple.example"
	link, id := mailedInvitation(t, inst, c, email, auth.FullAccess)
	if err := inst.Office.RevokeInvitation(context.Background(), c.Owner.Actor(), c.Org.ID, id); err != nil {
		t.Fatal(err)
	}
	b := inst.NewBrowser(t)
	resp, body := b.Get(link)
	wantPage(t, "revoked", resp, body, http.StatusGone, "", "Withdrawn", "was withdrawn")
	if strings.Contains(body, `name="password"`) {
		t.Error("a withdrawn invitation still offers its form")
	}
	form := url.Values{"name": {"Late Comer"}, "password": {changedPassword}, "password_confirm": {changedPassword}}
	resp, body = b.Post(link+"/account", form)
	wantPage(t, "revoked, create", resp, body, http.StatusGone, "", "was withdrawn")
	resp, body = inst.NewBrowser(t).Post("/signin", url.Values{"email": {email}, "password": {changedPassword}})
	wantPage(t, "no account made", resp, body, http.StatusUnauthorized, "")

	b.Get("/lang/fr?back=/")
	for _, p := range []string{"/invitations/tli_nosuchthing", "/invitations/" + id} {
		resp, body = b.Get(p)
		wantPage(t, "unknown "+p, resp, body, http.StatusNotFound, "", "pas trouvé cette invitation")
		resp, body = b.Post(p+"/account", form)
		wantPage(t, "unknown create "+p, resp, body, http.StatusNotFound, "")
	}
}
