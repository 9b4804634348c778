package api_test

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/border"
	"trustlane/internal/ident"
	"trustlane/internal/program"
	"trustlane/internal/server/servertest"
	"trustlane/internal/store"
	"trustlane/internal/store/storetest"
)

// activeMember gives c an active highway-carrier membership and returns
// its number and ID.
func activeMember(t *testing.T, inst *servertest.Instance, c servertest.Company, n int) (string, string) {
	t.Helper()
	number, _ := ident.MemberNumber(n)
	now := time.Now()
	m := program.Membership{OrgID: c.Org.ID, Sector: program.HighwayCarrier, Number: number, ApplicationID: "app",
		State: program.MemberActive, ApprovedAt: now, MOUDueAt: now, ActivatedAt: now}
	if err := inst.Office.DB().Update(ctx, func(tx *store.Tx) error {
		tx.Changed(store.Change{Kind: "membership", ID: number, OrgID: c.Org.ID})
		return tx.SaveMembership(&m)
	}); err != nil {
		t.Fatal(err)
	}
	return number, m.ID
}

func standingOf(t *testing.T, inst *servertest.Instance, tok, kind, value string) border.Status {
	t.Helper()
	var st border.Status
	do(t, inst, call{method: http.MethodGet, path: "/api/v1/border/parties/" + kind + "/" + value, token: tok}).want(t, http.StatusOK, &st)
	return st
}

// waitStanding polls the border endpoint until it answers want; only a lost
// change notice makes it fail.
func waitStanding(t *testing.T, inst *servertest.Instance, tok, kind, value string, want border.Standing) time.Duration {
	t.Helper()
	start := time.Now()
	for time.Since(start) < 15*time.Second {
		if standingOf(t, inst, tok, kind, value).Standing == want {
			return time.Since(start)
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("%s %s never became %s", kind, value, want)
	return 0
}

func TestBorderStandingBatchAndScreening(t *testing.T) {
	inst := start(t)
	c := inst.SignUpCompany(t, "Maple Freight", "owner@border.test")
	number, _ := activeMember(t, inst, c, 5150)
	adminTok, admin := admin(t, inst, "admin@border.test", auth.ScopeStaff, auth.ScopeTokens)
	issuer := admin.Actor()
	issuer.MFA = true
	bt, btTok := tokenFor(t, inst, issuer, "", auth.ScopeBorder)
	companyTok, _ := companyToken(t, inst, c, auth.ScopeOrgRead)

	waitStanding(t, inst, bt, "member", number, border.Active)
	st := standingOf(t, inst, bt, "bn9", c.Org.Identifiers["bn9"])
	if st.Name != "Maple Freight" || len(st.Programs) != 1 || st.Programs[0].Program != "pip" || st.Programs[0].Sectors[0] != "highway_carrier" {
		t.Fatalf("standing by BN9 = %+v", st)
	}
	if none := standingOf(t, inst, bt, "scac", "NOPE"); none.Standing != border.None || none.Key != "" {
		t.Fatalf("an unknown SCAC = %+v", none)
	}
	// Who may ask: a border token; not a company's, not a staff token
	// without the scope, not nobody.
	path := "/api/v1/border/parties/member/" + number
	do(t, inst, call{method: http.MethodGet, path: path}).problem(t, http.StatusUnauthorized)
	do(t, inst, call{method: http.MethodGet, path: path, token: companyTok}).problem(t, http.StatusForbidden)
	do(t, inst, call{method: http.MethodGet, path: path, token: adminTok}).problem(t, http.StatusForbidden)
	do(t, inst, call{method: http.MethodGet, path: path, token: "tla_unknown"}).problem(t, http.StatusUnauthorized)

	var batch struct {
		Results []border.Status `json:"results"`
	}
	do(t, inst, call{method: http.MethodPost, path: "/api/v1/border/parties", token: bt,
		body: `{"identifiers": [{"kind": "scac", "value": "NOPE"}, {"kind": "member", "value": "` + strings.ToLower(number) + `"}]}`}).
		want(t, http.StatusOK, &batch)
	if len(batch.Results) != 2 || batch.Results[0].Standing != border.None || batch.Results[1].Standing != border.Active {
		t.Fatalf("batch = %+v", batch.Results)
	}
	do(t, inst, call{method: http.MethodPost, path: "/api/v1/border/parties", token: bt, body: `{"identifiers": []}`}).
		problem(t, http.StatusUnprocessableEntity)
	do(t, inst, call{method: http.MethodPost, path: "/api/v1/border/parties", token: bt, body: `{"identifierz": []}`}).
		problem(t, http.StatusBadRequest)

	// Screening: the carrier is a member but holds no FAST approval and
	// the importer is nobody: the standard lane, with the reasons.
	ship := `{"ref": "S1", "direction": "into_ca", "mode": "highway", "importer_kind": "bn9", "importer": "123456782",
		"carrier_kind": "member", "carrier": "` + number + `", "driver_cards": ["42000001"], "container": "CSQU3054384", "seal_class": "H"}`
	var screened struct {
		Decisions []struct {
			Ref     string   `json:"ref"`
			Lane    string   `json:"lane"`
			Reasons []string `json:"reasons"`
		} `json:"decisions"`
	}
	do(t, inst, call{method: http.MethodPost, path: "/api/v1/border/screen", token: bt, body: `{"shipments": [` + ship + `]}`}).
		want(t, http.StatusOK, &screened)
	d := screened.Decisions[0]
	for _, want := range []string{"carrier.active", "carrier.no_fast_approval", "container.check_digit"} {
		if d.Ref != "S1" || d.Lane != "standard" || !strings.Contains(strings.Join(d.Reasons, " "), want) {
			t.Fatalf("decision = %+v; want the standard lane with %s", d, want)
		}
	}

	// NDJSON: a line that cannot be read gets its error; the stream goes on.
	r := do(t, inst, call{method: http.MethodPost, path: "/api/v1/border/screen", token: bt,
		header: map[string]string{"Content-Type": "application/x-ndjson"},
		body:   strings.ReplaceAll(ship, "\n", " ") + "\n{not json\n" + strings.ReplaceAll(ship, "\n", " ") + "\n"})
	lines := strings.Split(strings.TrimSpace(string(r.body)), "\n")
	if r.StatusCode != http.StatusOK || r.Header.Get("Content-Type") != "application/x-ndjson" || len(lines) != 3 {
		t.Fatalf("stream = %d %q", r.StatusCode, r.body)
	}
	var bad struct {
		Line  int `json:"line"`
		Error struct {
			Code string `json:"code"`
		} `json:"error"`
	}
	if err := json.Unmarshal([]byte(lines[1]), &bad); err != nil || bad.Line != 2 || bad.Error.Code == "" {
		t.Fatalf("the bad line answered %q (%v)", lines[1], err)
	}
	if !strings.Contains(lines[2], `"line":3`) || !strings.Contains(lines[2], `"lane":"standard"`) {
		t.Fatalf("the line after the bad one answered %q", lines[2])
	}

	// The token's authority is cached, but a revocation ends it at once.
	do(t, inst, call{method: http.MethodDelete, path: "/api/v1/tokens/" + btTok.ID, token: adminTok}).want(t, http.StatusNoContent, nil)
	do(t, inst, call{method: http.MethodGet, path: path, token: bt}).problem(t, http.StatusUnauthorized)
}

// The measure: a suspension made through the API on one instance
// is refused benefits by another instance on the same PostgreSQL database.
func TestBorderSuspensionReachesAnotherInstance(t *testing.T) {
	url := storetest.PostgresURL(t)
	key := t.TempDir() + "/seal.key"
	clk := &clock{}
	a := servertest.Start(t, servertest.Options{DB: url, KeyFile: key, Now: clk.now})
	b := servertest.Start(t, servertest.Options{DB: url, KeyFile: key, Now: clk.now})
	tm := newTeam(t, a, clk, "border.test")
	c := a.SignUpCompany(t, "Northern Carriers", "owner@northern.test")
	number, membershipID := activeMember(t, a, c, 6160)
	bt := clockedToken(t, a, clk, tm.admin.actor, "", auth.ScopeBorder)
	waitStanding(t, b, bt, "member", number, border.Active)

	committed := time.Now()
	do(t, tm.api, call{method: http.MethodPost, path: "/api/v1/memberships/" + membershipID + "/suspension", token: tm.officer.secret,
		body: `{"reasons": ["SU-INCIDENT"], "narrative": "A seizure at the border.", "actions": ["Replace the seals."]}`}).
		want(t, http.StatusCreated, nil)
	took := waitStanding(t, b, bt, "member", number, border.Suspended)
	t.Logf("the other instance answered suspended %v after the API's answer (%v after the request)", took, time.Since(committed))
	st := standingOf(t, b, bt, "member", number)
	for _, el := range st.Eligibility {
		if el.Carrier || el.Importer {
			t.Fatalf("a suspended member is eligible: %+v", st.Eligibility)
		}
	}
}

// A border system may keep one screening stream open and send shipments as
// trucks arrive: each line's answer comes back before the next is sent.
func TestBorderScreeningStreamAnswersAsLinesArrive(t *testing.T) {
	inst := start(t)
	_, admin := admin(t, inst, "admin@stream.test", auth.ScopeStaff, auth.ScopeTokens)
	issuer := admin.Actor()
	issuer.MFA = true
	bt, _ := tokenFor(t, inst, issuer, "", auth.ScopeBorder)
	pr, pw := io.Pipe()
	req, _ := http.NewRequest(http.MethodPost, inst.URL+"/api/v1/border/screen", pr)
	req.Header.Set("Authorization", "Bearer "+bt)
	req.Header.Set("Content-Type", "application/x-ndjson")
	line := func(ref string) string {
		return `{"ref":"` + ref + `","direction":"into_us","mode":"highway","importer_kind":"scac","importer":"NOPE","carrier_kind":"scac","carrier":"NONE"}` + "\n"
	}
	go func() { _, _ = io.WriteString(pw, line("first")) }()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	answers := bufio.NewReader(resp.Body)
	for i, ref := range []string{"first", "second", "third"} {
		if i > 0 {
			if _, err := io.WriteString(pw, line(ref)); err != nil {
				t.Fatal(err)
			}
		}
		got, err := answers.ReadString('\n')
		if err != nil || !strings.Contains(got, `"ref":"`+ref+`"`) {
			t.Fatalf("answer %d = %q, %v", i+1, got, err)
		}
	}
	pw.Close()
	if rest, _ := io.ReadAll(answers); len(rest) != 0 {
		t.Fatalf("after the last line the stream sent %q", rest)
	}
}
