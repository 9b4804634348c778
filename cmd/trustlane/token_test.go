package main

import (
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// An operator makes a border system's token from the command line; the
// served border endpoint takes it.
func TestTokenCreateForABorderSystem(t *testing.T) {
	env := []string{"TRUSTLANE_DB=sqlite:" + filepath.Join(t.TempDir(), "tl.db"), "TRUSTLANE_PASSWORD=correct horse battery staple"}
	if out, err := trustlane(t, env, "user", "create", "--email", "ops@cbsa.test", "--name", "Ops", "--role", "officer"); err != nil {
		t.Fatalf("user create: %v\n%s", err, out)
	}
	if out, err := trustlane(t, env, "token", "create", "--email", "nobody@cbsa.test", "--name", "Booth"); err == nil {
		t.Fatalf("a token for an unknown account was made:\n%s", out)
	}
	if out, err := trustlane(t, env, "token", "create", "--email", "ops@cbsa.test", "--name", "Booth", "--scopes", "exchange:read"); err == nil {
		t.Fatalf("an unbound exchange token was made:\n%s", out)
	}
	cmd := command(t, "token", "create", "--email", "ops@cbsa.test", "--name", "Sarnia booths", "--days", "30")
	cmd.Env = append(cmd.Env, env...)
	out, err := cmd.Output()
	secret := strings.TrimSpace(string(out))
	if err != nil || !strings.HasPrefix(secret, "tla_") || strings.Contains(secret, "\n") {
		t.Fatalf("token create printed %q (%v); want the secret alone on stdout", out, err)
	}
	borderAddr := freePort(t)
	base, _ := startServe(t, env, "--border-addr", borderAddr)
	// Both listeners answer the lookup: the main one and the border's own.
	for _, url := range []string{base, "http://" + borderAddr} {
		req, _ := http.NewRequest(http.MethodGet, url+"/api/v1/border/parties/scac/NOPE", nil)
		req.Header.Set("Authorization", "Bearer "+secret)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `"standing":"none"`) {
			t.Fatalf("border lookup at %s = %d %s", url, resp.StatusCode, body)
		}
	}
}

// The demonstration shows mutual recognition at the border: Maple Leaf
// Freightways, linked to its C-TPAT record, is active in both programs and
// FAST-approved both ways; its declared C-TPAT number names it too.
func TestDemoShowsRecognitionAtTheBorder(t *testing.T) {
	env := []string{"TRUSTLANE_DB=sqlite:" + filepath.Join(t.TempDir(), "tl.db")}
	if out, err := trustlane(t, env, "demo"); err != nil {
		t.Fatalf("demo: %v\n%s", err, out)
	}
	cmd := command(t, "token", "create", "--email", "officer@demo.trustlane.example", "--name", "Booth")
	cmd.Env = append(cmd.Env, env...)
	out, err := cmd.Output()
	if err != nil {
		t.Fatal(err)
	}
	secret := strings.TrimSpace(string(out))
	base, _ := startServe(t, env)
	for _, path := range []string{"/api/v1/border/parties/scac/MLFW", "/api/v1/border/parties/partner:CTPAT/CT-100231"} {
		var st struct {
			Standing string   `json:"standing"`
			Name     string   `json:"name"`
			FAST     []string `json:"fast"`
			Programs []struct {
				Program, Standing string
			} `json:"programs"`
		}
		for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(20 * time.Millisecond) {
			req, _ := http.NewRequest(http.MethodGet, base+path, nil)
			req.Header.Set("Authorization", "Bearer "+secret)
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			err = json.NewDecoder(resp.Body).Decode(&st)
			resp.Body.Close()
			if err == nil && st.Standing == "active" || time.Now().After(deadline) {
				break
			}
		}
		if st.Name != "Maple Leaf Freightways Inc." || len(st.Programs) != 2 || len(st.FAST) != 2 {
			t.Fatalf("%s = %+v; want Maple Leaf Freightways in PIP and C-TPAT, FAST both ways", path, st)
		}
	}
}
