package server_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"trustlane/internal/server/servertest"
)

func get(t *testing.T, url string, header ...string) (*http.Response, string) {
	t.Helper()
	req, _ := http.NewRequest("GET", url, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

func TestHealthReadinessAndMetrics(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	if resp, body := get(t, inst.URL+"/healthz"); resp.StatusCode != 200 || !strings.Contains(body, `"ok"`) {
		t.Errorf("healthz: %d %s", resp.StatusCode, body)
	}
	if resp, body := get(t, inst.URL+"/readyz"); resp.StatusCode != 200 || !strings.Contains(body, `"sqlite"`) {
		t.Errorf("readyz: %d %s", resp.StatusCode, body)
	}
	c := inst.SignUpCompany(t, "Metrics Co", "m@example.com")
	get(t, inst.URL+"/app/orgs/"+c.Org.ID)
	get(t, inst.URL+"/app/orgs/"+c.Org.ID+"/history")
	_, body := get(t, inst.URL+"/metrics")
	for _, want := range []string{
		`trustlane_http_requests_total{code="200",method="GET",route="GET /healthz"} 1`,
		`route="GET /app/orgs/{org}"`, "trustlane_outbox_pending ", "trustlane_outbox_failed 0", "go_goroutines",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
	if strings.Contains(body, c.Org.ID) {
		t.Error("/metrics labels a route by its raw path (an organization ID)")
	}
	// A closed database makes the instance unready, not unhealthy.
	inst.DB.Close()
	if resp, _ := get(t, inst.URL+"/readyz"); resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("readyz with the database closed: %d", resp.StatusCode)
	}
	if resp, _ := get(t, inst.URL+"/healthz"); resp.StatusCode != 200 {
		t.Errorf("healthz with the database closed: %d", resp.StatusCode)
	}
}

func TestSecurityHeadersOnEveryKindOfResponse(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	for _, path := range []string{"/", "/signin", "/no/such/page", "/api/v1/me", "/api/v1/openapi.json", "/healthz"} {
		resp, _ := get(t, inst.URL+path)
		h := resp.Header
		if h.Get("X-Content-Type-Options") != "nosniff" || h.Get("Referrer-Policy") != "no-referrer" ||
			!strings.Contains(h.Get("Content-Security-Policy"), "frame-ancestors 'none'") || h.Get("X-Frame-Options") != "DENY" {
			t.Errorf("%s: security headers missing: %v", path, h)
		}
		if h.Get("Strict-Transport-Security") != "" {
			t.Errorf("%s: HSTS sent over plain HTTP", path)
		}
	}
	resp, _ := get(t, inst.URL+"/", "X-Forwarded-Proto", "https")
	if resp.Header.Get("Strict-Transport-Security") == "" {
		t.Error("no HSTS behind a TLS-terminating proxy")
	}
}
