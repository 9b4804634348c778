// Package servertest boots the real program for tests: a migrated store
// (SQLite in a temporary directory, or PostgreSQL), the whole HTTP surface
// on a loopback port, the outbox worker, and a real SMTP relay that keeps
// the mail it receives.
package servertest

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/notify/smtptest"
	"trustlane/internal/office"
	"trustlane/internal/program"
	"trustlane/internal/server"
	"trustlane/internal/store/storetest"
)

// CheapArgon makes password hashing fast in tests; the format and the code
// path are the production ones.
var CheapArgon = auth.Argon2Params{MemoryKiB: 1024, Time: 1, Threads: 1}

// Instance is a running program.
type Instance struct {
	*server.Server
	URL  string
	Mail *smtptest.Relay
	HTTP *httptest.Server
}

// Options adjust Start.
type Options struct {
	DB      string // default: a new SQLite file
	KeyFile string // share the sealing key between instances
	Mail    *smtptest.Relay
	Now     func() time.Time
	Demo    bool
}

// Start boots an instance that stops when the test ends.
func Start(tb testing.TB, o Options) *Instance {
	tb.Helper()
	if o.DB == "" {
		o.DB = storetest.SQLiteURL(tb)
	}
	if o.Mail == nil {
		o.Mail = smtptest.Start(tb)
	}
	if o.KeyFile == "" {
		o.KeyFile = filepath.Join(tb.TempDir(), "seal.key")
	}
	inst := &Instance{Mail: o.Mail}
	inst.HTTP = httptest.NewUnstartedServer(nil)
	inst.URL = "http://" + inst.HTTP.Listener.Addr().String()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	if testing.Verbose() {
		log = slog.New(slog.NewTextHandler(testWriter{tb}, &slog.HandlerOptions{Level: slog.LevelWarn}))
	}
	srv, err := server.Open(context.Background(), server.Options{
		DB: o.DB, KeyFile: o.KeyFile, BaseURL: inst.URL, SMTP: o.Mail.URL, Log: log,
		Argon: CheapArgon, Now: o.Now, MailPoll: 50 * time.Millisecond, Demo: o.Demo,
	})
	if err != nil {
		tb.Fatalf("open server: %v", err)
	}
	inst.Server = srv
	inst.HTTP.Config.Handler = srv.Handler()
	inst.HTTP.Start()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { srv.Background(ctx); close(done) }()
	tb.Cleanup(func() {
		inst.HTTP.Close()
		cancel()
		<-done
		srv.Close()
	})
	return inst
}

type testWriter struct{ tb testing.TB }

func (w testWriter) Write(p []byte) (int, error) {
	w.tb.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// Browser is an HTTP client with a cookie jar that does not follow
// redirects, so tests see each step; it sends the headers a same-origin
// browser form post sends.
type Browser struct {
	tb     testing.TB
	base   string
	Client *http.Client
}

// NewBrowser returns a fresh browser for inst.
func (inst *Instance) NewBrowser(tb testing.TB) *Browser {
	jar, _ := cookiejar.New(nil)
	return &Browser{tb: tb, base: inst.URL, Client: &http.Client{
		Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

// Get fetches a path and returns the response with its body read.
func (b *Browser) Get(path string) (*http.Response, string) {
	b.tb.Helper()
	req, _ := http.NewRequest(http.MethodGet, b.base+path, nil)
	return b.do(req)
}

// Post submits a form as the portal's own page would (same origin).
func (b *Browser) Post(path string, form url.Values) (*http.Response, string) {
	b.tb.Helper()
	req, _ := http.NewRequest(http.MethodPost, b.base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", b.base)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return b.do(req)
}

func (b *Browser) do(req *http.Request) (*http.Response, string) {
	b.tb.Helper()
	resp, err := b.Client.Do(req)
	if err != nil {
		b.tb.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

// Company is a signed-up organization and its account owner.
type Company struct {
	Org      program.Organization
	Owner    auth.User
	Password string
}

// Password is the password every test account gets.
const Password = "correct horse battery staple"

// SignUpCompany creates an organization through the office, as sign-up does.
func (inst *Instance) SignUpCompany(tb testing.TB, name, email string) Company {
	tb.Helper()
	org, u, err := inst.Office.SignUp(context.Background(), office.SignUpInput{
		Org: program.OrgInput{
			LegalName: name, Category: "member", Sectors: []string{"highway_carrier"},
			Address:     program.Address{Line1: "1 Main St", City: "Ottawa", Region: "ON", PostalCode: "K1A 0L5", Country: "CA"},
			Identifiers: map[string]string{"bn9": nextBN(), "cbsa_carrier": nextCarrier()},
		},
		Name: "Owner of " + name, Email: email, Password: Password, Lang: "en",
	})
	if err != nil {
		tb.Fatalf("sign up %s: %v", name, err)
	}
	return Company{Org: org, Owner: u, Password: Password}
}

// SignIn signs a browser in with a password (no second factor).
func (b *Browser) SignIn(email, password string) {
	b.tb.Helper()
	resp, body := b.Post("/signin", url.Values{"email": {email}, "password": {password}})
	if resp.StatusCode != http.StatusSeeOther {
		b.tb.Fatalf("sign in %s: status %d\n%s", email, resp.StatusCode, body)
	}
}
