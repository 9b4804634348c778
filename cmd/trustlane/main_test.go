package main

import (
	"bytes"
	"database/sql"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"trustlane/internal/store/storetest"
)

// The test binary doubles as the trustlane binary: with TRUSTLANE_RUN_MAIN
// set it runs main, so tests start real processes without a separate build.
func TestMain(m *testing.M) {
	if os.Getenv("TRUSTLANE_RUN_MAIN") == "1" {
		main()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// command prepares the program as a child process.
func command(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "TRUSTLANE_RUN_MAIN=1", "TRUSTLANE_LOG_LEVEL=warn")
	return cmd
}

// trustlane runs the program to completion and returns its output.
func trustlane(t *testing.T, env []string, args ...string) (string, error) {
	t.Helper()
	cmd := command(t, args...)
	cmd.Env = append(cmd.Env, env...)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func freePort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// syncBuffer collects a child's output while the test reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// startServe runs `trustlane serve` until the test ends and waits for /readyz.
func startServe(t *testing.T, env []string, args ...string) (base string, stdout *syncBuffer) {
	t.Helper()
	addr := freePort(t)
	cmd := command(t, append([]string{"serve", "--addr", addr}, args...)...)
	cmd.Env = append(cmd.Env, env...)
	stdout = &syncBuffer{}
	cmd.Stdout = stdout
	stderr := &syncBuffer{}
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan struct{})
	var exitErr error
	go func() { exitErr = cmd.Wait(); close(done) }()
	t.Cleanup(func() {
		_ = cmd.Process.Signal(os.Interrupt)
		select {
		case <-done:
			if exitErr != nil && !t.Failed() {
				t.Errorf("serve did not shut down cleanly: %v\n%s", exitErr, stderr.String())
			}
		case <-time.After(20 * time.Second):
			_ = cmd.Process.Kill()
			t.Error("serve did not stop within 20 s of SIGINT")
		}
	})
	base = "http://" + addr
	deadline := time.Now().Add(60 * time.Second)
	for {
		resp, err := http.Get(base + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return base, stdout
			}
		}
		select {
		case <-done:
			t.Fatalf("serve exited: %v\n%s", exitErr, stderr.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve not ready after 60 s\n%s", stderr.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func TestUsageAndBadCommands(t *testing.T) {
	out, err := trustlane(t, nil)
	if err == nil || !strings.Contains(out, "Usage:") {
		t.Errorf("no command: %v\n%s", err, out)
	}
	out, err = trustlane(t, nil, "frobnicate")
	if err == nil || !strings.Contains(out, `unknown command "frobnicate"`) {
		t.Errorf("unknown command: %v\n%s", err, out)
	}
	// A misspelt subcommand is refused before the database is touched.
	dbPath := filepath.Join(t.TempDir(), "untouched.db")
	out, err = trustlane(t, []string{"TRUSTLANE_DB=sqlite:" + dbPath}, "user", "craete", "--email", "a@example.com")
	if err == nil || !strings.Contains(out, `unknown subcommand "craete"`) {
		t.Errorf("unknown user subcommand: %v\n%s", err, out)
	}
	if _, err := os.Stat(dbPath); err == nil {
		t.Error("an unknown user subcommand created the database")
	}
	out, err = trustlane(t, nil, "migrate", "--db", "mysql://x")
	if err == nil || !strings.Contains(out, "use sqlite:PATH or postgres://") {
		t.Errorf("bad --db: %v\n%s", err, out)
	}
}

func TestAuditVerifyNamesTamperedEvent(t *testing.T) {
	path := filepath.Join(t.TempDir(), "tl.db")
	db := "sqlite:" + path
	env := []string{"TRUSTLANE_DB=" + db}
	if out, err := trustlane(t, env, "demo"); err != nil {
		t.Fatalf("demo: %v\n%s", err, out)
	}
	out, err := trustlane(t, env, "audit", "verify")
	if err != nil || !strings.Contains(out, "every chain is intact") {
		t.Fatalf("clean verify: %v\n%s", err, out)
	}
	copyPath := filepath.Join(t.TempDir(), "copy.db")
	if out, err := trustlane(t, env, "backup", "--to", copyPath); err != nil || !strings.Contains(out, "backed up") {
		t.Fatalf("backup: %v\n%s", err, out)
	}
	raw, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	var id, seq int64
	var chain string
	if err := raw.QueryRow(`SELECT id, chain, seq FROM audit_events WHERE seq = 2 ORDER BY id LIMIT 1`).Scan(&id, &chain, &seq); err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`UPDATE audit_events SET data = '{"role":"account_owner","email":"mallory@example.com"}' WHERE id = ?`, id); err != nil {
		t.Fatal(err)
	}
	out, err = trustlane(t, env, "audit", "verify")
	want := fmt.Sprintf("chain %s: event %d (id %d)", chain, seq, id)
	if err == nil || !strings.Contains(out, want) || !strings.Contains(out, "altered") {
		t.Fatalf("tampered verify should name %q and fail:\n%v\n%s", want, err, out)
	}
	// The backup taken before the tampering is intact.
	if out, err := trustlane(t, []string{"TRUSTLANE_DB=sqlite:" + copyPath}, "audit", "verify"); err != nil || !strings.Contains(out, "intact") {
		t.Fatalf("verify of the backup: %v\n%s", err, out)
	}
}

func TestServeDemoPrintsSignInAndIsIdempotent(t *testing.T) {
	db := storetest.SQLiteURL(t)
	env := []string{"TRUSTLANE_DB=" + db}
	for range 2 { // the second start finds everything in place
		base, stdout := startServe(t, env, "--demo")
		resp, err := http.Get(base + "/healthz")
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("healthz: %v", err)
		}
		resp.Body.Close()
		if !strings.Contains(stdout.String(), "admin@demo.trustlane.example") || !strings.Contains(stdout.String(), "demo-password-2026") ||
			!strings.Contains(stdout.String(), "ready at "+base+"\n") {
			t.Fatalf("demo did not print how to sign in:\n%s", stdout.String())
		}
		resp, err = http.Get(base + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if !strings.Contains(string(body), "trustlane_http_requests_total") {
			t.Error("/metrics lacks the request counter")
		}
		resp, err = http.Get(base + "/signin")
		if err != nil {
			t.Fatal(err)
		}
		body, _ = io.ReadAll(resp.Body)
		resp.Body.Close()
		if !strings.Contains(string(body), "This is a demonstration") {
			t.Error("the sign-in page of serve --demo does not say where the demonstration accounts are")
		}
	}
}

// Two serve processes on one PostgreSQL share sessions: sign in on one,
// use the cookie on the other, sign out on the other, and the first sees it.
func TestTwoInstancesShareSessions(t *testing.T) {
	db := storetest.PostgresURL(t)
	key := filepath.Join(t.TempDir(), "seal.key")
	env := []string{"TRUSTLANE_DB=" + db, "TRUSTLANE_KEY_FILE=" + key}
	if out, err := trustlane(t, env, "demo"); err != nil {
		t.Fatalf("demo: %v\n%s", err, out)
	}
	a, _ := startServe(t, env)
	b, _ := startServe(t, env)
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	post := func(base, path string, form url.Values) *http.Response {
		req, _ := http.NewRequest("POST", base+path, strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	resp := post(a, "/signin", url.Values{"email": {"jf@laurentides.example"}, "password": {"demo-password-2026"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("sign in on A: %d", resp.StatusCode)
	}
	// The cookie jar is keyed by host; both instances are 127.0.0.1.
	page := func(base string) (int, string) {
		resp, err := client.Get(base + "/app")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		if resp.StatusCode == http.StatusSeeOther {
			return resp.StatusCode, resp.Header.Get("Location")
		}
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	status, where := page(b)
	if status == http.StatusSeeOther && strings.HasPrefix(where, "/signin") {
		t.Fatalf("instance B does not know the session made on A")
	}
	var session *http.Cookie
	for _, c := range jar.Cookies(mustURL(a)) {
		if c.Name == "tl_session" {
			session = c
		}
	}
	if session == nil {
		t.Fatal("no session cookie after sign-in")
	}
	post(b, "/signout", nil)
	// Present the old cookie to A: the session ended on B must be gone there.
	req, _ := http.NewRequest("GET", a+"/app", nil)
	req.AddCookie(&http.Cookie{Name: session.Name, Value: session.Value})
	resp, err := http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/signin") {
		t.Fatalf("A still accepts a session ended on B: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
}

func mustURL(s string) *url.URL {
	u, _ := url.Parse(s)
	return u
}
