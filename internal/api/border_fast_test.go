package api_test

import (
	"bufio"
	"bytes"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"testing"

	"trustlane/internal/api"
	"trustlane/internal/auth"
	"trustlane/internal/border"
	"trustlane/internal/server/servertest"
)

// The border's own listener (fasthttp) answers lookups with the very bytes
// and problems of the main listener.
func TestBorderListenerAnswersLikeTheMainOne(t *testing.T) {
	inst := start(t)
	c := inst.SignUpCompany(t, "Maple Freight", "owner@fast.test")
	number, _ := activeMember(t, inst, c, 7170)
	adminTok, admin := admin(t, inst, "admin@fast.test", auth.ScopeStaff, auth.ScopeTokens)
	issuer := admin.Actor()
	issuer.MFA = true
	bt, _ := tokenFor(t, inst, issuer, "", auth.ScopeBorder)
	waitStanding(t, inst, bt, "member", number, border.Active)

	srv, err := api.NewBorderServer(api.Config{Office: inst.Office, I18n: inst.I18n, Log: slog.Default(), Border: inst.Server.Border.Index()})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Shutdown() })
	fast := &servertest.Instance{URL: "http://" + ln.Addr().String()}

	path := "/api/v1/border/parties/member/" + number
	main, other := do(t, inst, call{method: http.MethodGet, path: path, token: bt}), do(t, fast, call{method: http.MethodGet, path: path, token: bt})
	if other.StatusCode != http.StatusOK || !bytes.Equal(main.body, other.body) ||
		main.Header.Get("Content-Type") != other.Header.Get("Content-Type") {
		t.Fatalf("border listener = %d %q %q; main = %q %q", other.StatusCode, other.Header.Get("Content-Type"), other.body,
			main.Header.Get("Content-Type"), main.body)
	}
	batch := `{"identifiers": [{"kind": "member", "value": "` + number + `"}, {"kind": "scac", "value": "NOPE"}]}`
	mb := do(t, inst, call{method: http.MethodPost, path: "/api/v1/border/parties", token: bt, body: batch})
	fb := do(t, fast, call{method: http.MethodPost, path: "/api/v1/border/parties", token: bt, body: batch})
	if fb.StatusCode != http.StatusOK || !bytes.Equal(mb.body, fb.body) {
		t.Fatalf("batch on the border listener = %d %s, want %s", fb.StatusCode, fb.body, mb.body)
	}

	// Refusals are the same problems, in the reader's language.
	p := do(t, fast, call{method: http.MethodGet, path: path}).problem(t, http.StatusUnauthorized)
	if p.Type != "urn:trustlane:problem:unauthorized" {
		t.Fatalf("no token: %+v", p)
	}
	do(t, fast, call{method: http.MethodGet, path: path, token: adminTok}).problem(t, http.StatusForbidden)
	fr := do(t, fast, call{method: http.MethodGet, path: path, header: map[string]string{"Accept-Language": "fr"}})
	if fr.Header.Get("Content-Language") != "fr" {
		t.Fatalf("a French reader got %q", fr.Header.Get("Content-Language"))
	}
	do(t, fast, call{method: http.MethodPost, path: path, token: bt, body: "{}"}).problem(t, http.StatusMethodNotAllowed)
	do(t, fast, call{method: http.MethodGet, path: "/api/v1/me", token: bt}).problem(t, http.StatusNotFound)
	do(t, fast, call{method: http.MethodPost, path: "/api/v1/border/parties", token: bt, body: `{"identifiers": []}`}).
		problem(t, http.StatusUnprocessableEntity)
	do(t, fast, call{method: http.MethodPost, path: "/api/v1/border/parties", token: bt, body: `{"nope": 1}`}).
		problem(t, http.StatusBadRequest)
	// A body over the bound is refused from its Content-Length, before it
	// is read (so the client reads the answer without sending the body).
	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "POST /api/v1/border/parties HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n", bt, 5<<20)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge || resp.Header.Get("Content-Type") != "application/problem+json" {
		t.Fatalf("a body over 4 MiB = %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
}
