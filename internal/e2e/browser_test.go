// Package e2e drives the real program in a real browser (Debian's
// chromium, headless) the way a company's employee would.
package e2e

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"trustlane/internal/server/servertest"
	"trustlane/internal/store/storetest"
)

// browser starts a headless chromium for the test, with the flags a closed
// network needs (no background traffic, no component updates, no QUIC).
func browser(t *testing.T) context.Context {
	t.Helper()
	path := os.Getenv("TRUSTLANE_TEST_CHROMIUM")
	if path == "" {
		path, _ = exec.LookPath("chromium")
	}
	if path == "" {
		storetest.Skip(t, "chromium is not installed (apt-get install chromium); browser tests not run")
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.WindowSize(1280, 900),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelCtx := chromedp.NewContext(actx)
	t.Cleanup(func() { cancelCtx(); cancelAlloc() })
	// The first action starts the browser, which lives as long as ctx: no
	// timeout on it; each later step gets its own (see step).
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// step runs browser actions with a deadline, failing the test on error.
func step(t *testing.T, ctx context.Context, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("%s: %v", what, err)
	}
}

// read runs one browser action that returns a value.
func read[T any](t *testing.T, ctx context.Context, a chromedp.Action[T]) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatalf("browser: %v", err)
	}
	return v
}

// accessibilityProblems lists basic WCAG failures on the current page: a
// missing lang, not exactly one h1, form controls without a label, images
// without alt text, no skip link to a main landmark.
const accessibilityProblems = `(() => {
  const p = [];
  if (!document.documentElement.lang) p.push("html has no lang");
  const h1 = document.querySelectorAll("h1").length;
  if (h1 !== 1) p.push(h1 + " h1 elements");
  if (!document.querySelector("main#main")) p.push("no main landmark");
  if (!document.querySelector("a.skip-link[href='#main']")) p.push("no skip link");
  for (const el of document.querySelectorAll("input, select, textarea")) {
    if (el.type === "hidden") continue;
    const labelled = (el.id && document.querySelector("label[for='" + el.id + "']")) || el.closest("label") || el.getAttribute("aria-label");
    if (!labelled) p.push("unlabelled " + el.tagName.toLowerCase() + " " + (el.name || ""));
  }
  for (const img of document.querySelectorAll("img")) if (!img.hasAttribute("alt")) p.push("img without alt");
  return p;
})()`

func checkAccessible(t *testing.T, ctx context.Context, where string) {
	t.Helper()
	for _, p := range read(t, ctx, chromedp.Evaluate[[]string](accessibilityProblems)) {
		t.Errorf("%s: %s", where, p)
	}
}

func TestCompanySignsUpSwitchesToFrenchInvitesAndSignsOut(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	ctx := browser(t)
	css := func(sel string) chromedp.CSS { return chromedp.CSS(sel) }
	fill := func(sel, val string) chromedp.Action[chromedp.Void] { return chromedp.SendKeys(css(sel), val) }

	step(t, ctx, "open sign-up",
		chromedp.Navigate(inst.URL+"/"),
		chromedp.Click(css(`a[href="/signup"]`)),
		chromedp.WaitVisible(css(`#f-legal-name`)),
	)
	checkAccessible(t, ctx, "sign-up")
	step(t, ctx, "sign up",
		fill(`#f-legal-name`, "Fleuve Transport Inc."),
		chromedp.Click(css(`input[name=sectors][value=highway_carrier]`)),
		fill(`#f-address-line1`, "10 rue du Port"),
		fill(`#f-address-city`, "Québec"),
		fill(`#f-address-region`, "QC"),
		fill(`#f-address-postal-code`, "G1K 4E2"),
		fill(`#f-identifiers-bn9`, "871136073"),
		fill(`#f-identifiers-cbsa-carrier`, "FT12"),
		fill(`#f-name`, "Émilie Fortin"),
		fill(`#f-email`, "emilie@fleuve.example"),
		fill(`#f-password`, servertest.Password),
		fill(`#f-password-confirm`, servertest.Password),
		chromedp.Click(css(`form[action="/signup"] button[type=submit]`)),
		chromedp.WaitVisible(css(`#invite`)),
	)
	if url := read(t, ctx, chromedp.Location()); !strings.Contains(url, "/app/orgs/") {
		t.Fatalf("after sign-up the browser is at %s", url)
	}
	checkAccessible(t, ctx, "dashboard")

	// Switch to French: the same page, in French.
	step(t, ctx, "switch to French",
		chromedp.Click(css(`a.lang-toggle`)),
		chromedp.WaitVisible(css(`html[lang=fr] #invite`)),
	)
	url, text := read(t, ctx, chromedp.Location()), read(t, ctx, chromedp.Text(css(`#invite`)))
	if !strings.Contains(url, "/app/orgs/") || !strings.Contains(text, "Inviter") {
		t.Fatalf("French dashboard: at %s, invite section %q", url, text)
	}

	// Invite a colleague; the page stays French.
	step(t, ctx, "invite",
		fill(`section[aria-labelledby=invite] input[name=email]`, "marc@fleuve.example"),
		chromedp.Click(css(`section[aria-labelledby=invite] input[name=role][value=full_access]`)),
		chromedp.Click(css(`form[action$="/invitations"] button[type=submit]`)),
		chromedp.WaitVisible(css(`html[lang=fr] .notification-banner`)),
	)
	if text := read(t, ctx, chromedp.Text(css(`.notification-banner`))); !strings.Contains(text, "invitation est envoyée") {
		t.Fatalf("after inviting, the notice is %q", text)
	}
	checkAccessible(t, ctx, "dashboard after invitation")
	mail := inst.Mail.Wait(t, "marc@fleuve.example", "Fleuve Transport Inc.")
	if !strings.Contains(mail.Link(), "/invitations/") {
		t.Errorf("the invitation mail has no link: %q", mail.Text)
	}

	// Sign out: back on the home page, still French, offered to sign in.
	step(t, ctx, "sign out",
		chromedp.Click(css(`form[action="/signout"] button`)),
		chromedp.WaitVisible(css(`header a[href="/signin"]`)),
	)
	url, text = read(t, ctx, chromedp.Location()), read(t, ctx, chromedp.Text(css(`.notification-banner`)))
	if !strings.HasSuffix(url, "/") || !strings.Contains(text, "session est fermée") {
		t.Fatalf("after sign-out: at %s, notice %q", url, text)
	}
	if lang := read(t, ctx, chromedp.AttributeValue(css("html"), "lang")); lang.Value != "fr" {
		t.Errorf("after sign-out the language is %q", lang.Value)
	}
	checkAccessible(t, ctx, "home")
}
