package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"trustlane/internal/server/servertest"
)

func TestHomeInBothLanguagesAndToggleRemembered(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	b := inst.NewBrowser(t)
	resp, body := b.Get("/")
	if resp.StatusCode != 200 || !strings.Contains(body, `<html lang="en">`) || !strings.Contains(body, "Partners in Protection") {
		t.Fatalf("home: %d\n%s", resp.StatusCode, body)
	}
	for _, h := range []string{"Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options"} {
		if resp.Header.Get(h) == "" {
			t.Errorf("missing header %s", h)
		}
	}
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "frame-ancestors 'none'") || strings.Contains(csp, "unsafe-inline") {
		t.Errorf("CSP = %q", csp)
	}
	resp, _ = b.Get("/lang/fr?back=/signin")
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/signin" {
		t.Fatalf("toggle: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, body = b.Get("/signin")
	if !strings.Contains(body, `<html lang="fr">`) || !strings.Contains(body, "Ouvrir une session") {
		t.Errorf("French not remembered:\n%s", body)
	}
	resp, _ = b.Get("/lang/fr?back=//evil.example/")
	if loc := resp.Header.Get("Location"); loc != "/" {
		t.Errorf("open redirect: %q", loc)
	}
	// A browser asking for French gets French on first visit.
	req, _ := http.NewRequest("GET", inst.URL+"/", nil)
	req.Header.Set("Accept-Language", "fr-CA,fr;q=0.9")
	r2, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	r2.Body.Close()
	if r2.Header.Get("Content-Language") != "fr" {
		t.Errorf("Accept-Language ignored: %q", r2.Header.Get("Content-Language"))
	}
}

func signUpForm() url.Values {
	return url.Values{
		"legal_name": {"Northern Haulage Inc."}, "category": {"member"}, "sectors": {"highway_carrier", "importer"},
		"address.line1": {"100 Wellington St"}, "address.city": {"Ottawa"}, "address.region": {"ON"},
		"address.postal_code": {"k1a0a9"}, "address.country": {"CA"},
		"identifiers.bn15": {"123026635 RM 0001"}, "identifiers.cbsa_carrier": {"8080"},
		"name": {"Nadia Owner"}, "email": {"Nadia@Example.com"},
		"password": {servertest.Password}, "password_confirm": {servertest.Password},
	}
}

func TestSignUpKeepsAnswersOnErrorThenSignsIn(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	b := inst.NewBrowser(t)
	bad := signUpForm()
	bad.Set("identifiers.bn15", "123026636RM0001") // wrong check digit
	bad.Set("address.postal_code", "ABC")
	resp, body := b.Post("/signup", bad)
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("bad sign-up: status %d", resp.StatusCode)
	}
	for _, want := range []string{"<title>Error:", `href="#f-identifiers-bn15"`, `href="#f-address-postal-code"`,
		"check digit does not match", `value="Northern Haulage Inc."`, `aria-invalid="true"`} {
		if !strings.Contains(body, want) {
			t.Errorf("error page lacks %q", want)
		}
	}
	if strings.Contains(body, servertest.Password) {
		t.Error("the password was echoed back")
	}
	resp, _ = b.Post("/signup", signUpForm())
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/app" {
		t.Fatalf("sign-up: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	// The same business number cannot sign up twice.
	again := signUpForm()
	again.Set("email", "other@example.com")
	resp, body = inst.NewBrowser(t).Post("/signup", again)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "already registered") {
		t.Errorf("duplicate BN: %d", resp.StatusCode)
	}
	b2 := inst.NewBrowser(t)
	resp, body = b2.Post("/signin", url.Values{"email": {"nadia@example.com"}, "password": {"wrong password!!"}})
	if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "is not right") || !strings.Contains(body, `value="nadia@example.com"`) {
		t.Errorf("wrong password: %d", resp.StatusCode)
	}
	b2.SignIn("NADIA@example.com", servertest.Password)
	resp, _ = b2.Post("/signout", nil)
	if resp.StatusCode != http.StatusSeeOther {
		t.Errorf("sign out: %d", resp.StatusCode)
	}
}

func TestCrossOriginPostIsRefused(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	req, _ := http.NewRequest("POST", inst.URL+"/signup", strings.NewReader(signUpForm().Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Fatalf("cross-site post: %d", resp.StatusCode)
	}
}

func TestUnknownPageIsFriendly404InFrench(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	b := inst.NewBrowser(t)
	b.Get("/lang/fr?back=/")
	resp, body := b.Get("/no/such/page")
	if resp.StatusCode != 404 || !strings.Contains(body, "Page introuvable") {
		t.Fatalf("404: %d\n%s", resp.StatusCode, body)
	}
}

func TestFooterPagesExistInBothLanguages(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	b := inst.NewBrowser(t)
	_, home := b.Get("/")
	for _, p := range []struct{ path, en, fr string }{
		{"/help", "Our account owner left the company", "Le titulaire de notre compte a quitté l'entreprise"},
		{"/accessibility", "WCAG", "WCAG"},
		{"/privacy", "one-way hash", "hachage à sens unique"},
	} {
		if !strings.Contains(home, `href="`+p.path+`"`) {
			t.Errorf("the footer does not link %s", p.path)
		}
		resp, body := b.Get(p.path)
		if resp.StatusCode != 200 || !strings.Contains(body, p.en) {
			t.Errorf("%s in English: %d", p.path, resp.StatusCode)
		}
	}
	b.Get("/lang/fr?back=/")
	for _, p := range []struct{ path, fr string }{{"/help", "quitté l&#39;entreprise"}, {"/privacy", "hachage à sens unique"}} {
		if resp, body := b.Get(p.path); resp.StatusCode != 200 || !strings.Contains(body, p.fr) {
			t.Errorf("%s in French: %d", p.path, resp.StatusCode)
		}
	}
}

func TestSignedInPersonRegistersAnotherCompany(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	c := inst.SignUpCompany(t, "First Co", "first@example.com")
	b := inst.NewBrowser(t)
	b.SignIn("first@example.com", servertest.Password)
	if resp, _ := b.Get("/signup"); resp.Header.Get("Location") != "/app/new" {
		t.Fatalf("sign-up while signed in goes to %q", resp.Header.Get("Location"))
	}
	form := signUpForm()
	form.Set("legal_name", "Second Co")
	form.Set("identifiers.bn15", "123026635RM000") // too short
	resp, body := b.Post("/app/new", form)
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, `value="Second Co"`) {
		t.Fatalf("invalid registration: %d", resp.StatusCode)
	}
	form.Set("identifiers.bn15", "123026635RM0001")
	resp, _ = b.Post("/app/new", form)
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/app/orgs/") {
		t.Fatalf("registration: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, body = b.Get("/app")
	if !strings.Contains(body, "First Co") || !strings.Contains(body, "Second Co") {
		t.Errorf("/app does not list both companies")
	}
	_, dash := b.Get(resp.Header.Get("Location"))
	if !strings.Contains(dash, "Second Co") || strings.Contains(dash, c.Org.ID) {
		t.Errorf("the new company's page is wrong")
	}
}
