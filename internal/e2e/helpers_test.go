package e2e

import (
	"context"
	"encoding/base32"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"trustlane/internal/auth"
	"trustlane/internal/server/servertest"
)

// person is someone who uses the portal in a browser context of their own
// (their own cookies, as in a separate browser profile), with an
// authenticator app when secret is set.
type person struct {
	Name, Email string
	ctx         context.Context
	secret      string
	lastStep    int64 // the latest 30-second step whose code this person used
}

// newPerson opens a browser context of its own for someone, in the browser
// of parent (see browser).
func newPerson(t *testing.T, parent context.Context, name, email, secret string) *person {
	t.Helper()
	ctx, cancel := chromedp.NewContext(parent, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	// The first action opens the context's tab, which lives as long as ctx:
	// no timeout on it, as in browser.
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("open a browser context for %s: %v", name, err)
	}
	return &person{Name: name, Email: email, ctx: ctx, secret: secret}
}

// totpSecret is a known base32 TOTP secret made from a word, so each test
// person has their own.
func totpSecret(word string) string {
	b := []byte(word + strings.Repeat("!", 20))[:20]
	return base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b)
}

// code reads the current code from the person's authenticator app. A
// server refuses a step a person already used, so when the current step
// is used up it waits for the next one, as a person would.
func (p *person) code(t *testing.T) string {
	t.Helper()
	if p.secret == "" {
		t.Fatalf("%s has no authenticator app", p.Name)
	}
	for auth.TOTPStep(time.Now()) <= p.lastStep {
		next := time.Unix((p.lastStep+1)*30, 0)
		time.Sleep(time.Until(next) + 50*time.Millisecond)
	}
	now := time.Now()
	code, err := auth.TOTPCode(p.secret, now)
	if err != nil {
		t.Fatalf("TOTP code for %s: %v", p.Name, err)
	}
	p.lastStep = auth.TOTPStep(now)
	return code
}

// signIn signs the person in on the sign-in page, then with a code from
// their authenticator app when they have one; it leaves the browser where
// the portal sends them.
func (p *person) signIn(t *testing.T, inst *servertest.Instance) {
	t.Helper()
	step(t, p.ctx, p.Name+": open the sign-in page",
		chromedp.Navigate(inst.URL+"/signin"),
		chromedp.SendKeys(chromedp.CSS(`#f-email`), p.Email),
		chromedp.SendKeys(chromedp.CSS(`#f-password`), servertest.Password),
	)
	load(t, p.ctx, p.Name+": sign in", chromedp.Click(chromedp.CSS(`form[action="/signin"] button[type=submit]`)))
	if p.secret == "" {
		return
	}
	if at := read(t, p.ctx, chromedp.Location()); !strings.Contains(at, "/signin/code") {
		t.Fatalf("%s: after the password, the browser is at %s, not the code page", p.Name, at)
	}
	step(t, p.ctx, p.Name+": type the code", chromedp.SendKeys(chromedp.CSS(`#f-code`), p.code(t)))
	load(t, p.ctx, p.Name+": send the code", chromedp.Click(chromedp.CSS(`form[action="/signin/code"] button[type=submit]`)))
	if at := read(t, p.ctx, chromedp.Location()); strings.Contains(at, "/signin") {
		t.Fatalf("%s: the code was refused (at %s)", p.Name, at)
	}
}

// load runs actions that load a new page (a click on a link or a submit
// button), waits for the page, and fails when it answers an error: a
// refused form shows its error summary in the failure.
func load(t *testing.T, ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	tctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	resp, err := chromedp.RunResponse(tctx, actions...)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	if resp.Status >= 400 {
		summary := read(t, ctx, chromedp.Evaluate[string](`(document.querySelector(".error-summary") || document.querySelector("main") || document.body).innerText`))
		t.Fatalf("%s: %s answered %d\n%s", what, resp.URL, resp.Status, summary)
	}
}

// textOf is the visible text of the first element sel matches.
func textOf(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	return strings.Join(strings.Fields(read(t, ctx, chromedp.Text(chromedp.CSS(sel)))), " ")
}

// expectText checks that the first element sel matches shows every want.
func expectText(t *testing.T, ctx context.Context, where, sel string, wants ...string) {
	t.Helper()
	got := textOf(t, ctx, sel)
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s: %s shows %q, without %q", where, sel, got, w)
		}
	}
}

// attr is an attribute of the first element sel matches.
func attr(t *testing.T, ctx context.Context, sel, name string) string {
	t.Helper()
	a := read(t, ctx, chromedp.AttributeValue(chromedp.CSS(sel), name))
	if !a.Exists {
		t.Fatalf("%s has no %s attribute", sel, name)
	}
	return a.Value
}
