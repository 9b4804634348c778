package web_test

import (
	"context"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"trustlane/internal/auth"
	"trustlane/internal/program"
	"trustlane/internal/server/servertest"
)

// ccCaseState is everything of a company's cases a refused request could
// change, read through the office as its owner.
type ccCaseState struct {
	Apps    []program.Application
	Members []program.Membership
	Events  int
}

func ccStateOf(t *testing.T, inst *servertest.Instance, co servertest.Company) ccCaseState {
	t.Helper()
	ctx, a := context.Background(), co.Owner.Actor()
	var s ccCaseState
	var err error
	s.Apps, s.Members, err = inst.Office.CompanyCases(ctx, a, co.Org.ID)
	ccMust(t, "company cases", err)
	evs, err := inst.Office.OrgEvents(ctx, a, co.Org.ID, 0, 1000)
	ccMust(t, "events", err)
	s.Events = len(evs)
	return s
}

// ccRequest is one request a test makes.
type ccRequest struct {
	method, path string
	form         url.Values
}

func (c ccRequest) do(b *servertest.Browser) (*http.Response, string) {
	if c.method == "GET" {
		return b.Get(c.path)
	}
	return b.Post(c.path, c.form)
}

// ccSuspendedCompany is a company with a suspended membership (its
// suspension open to appeal, its corrective action to answer) and a draft
// revalidation application.
type ccSuspendedCompany struct {
	co         servertest.Company
	app, draft program.Application
	m          program.Membership
	dec        program.Decision
	planID     string
	letterID   string
	fileID     string
}

func ccSuspended(t *testing.T, inst *servertest.Instance, team ccTeam, name string) ccSuspendedCompany {
	t.Helper()
	co, _ := ccCompany(t, inst, name)
	s := ccSuspendedCompany{co: co}
	s.app, s.m = ccActive(t, inst, team, co)
	s.dec = ccSuspend(t, inst, team, s.m)
	s.planID = ccMember(t, inst, co.Owner.Actor(), co.Org.ID, s.m.ID).Plans[0].ID
	v := ccApp(t, inst, team.Officer, s.app.ID)
	s.letterID, s.fileID = v.Decisions[0].LetterID, v.Body.Evidence[0].ID
	var err error
	s.draft, err = inst.Office.CreateApplication(context.Background(), co.Owner.Actor(), co.Org.ID, co.Org.Sectors[0])
	ccMust(t, "revalidation draft", err)
	return s
}

// changes are the requests that would change a company's cases.
func (s ccSuspendedCompany) changes(base string) []ccRequest {
	draft, member := base+"/applications/"+s.draft.ID, base+"/memberships/"+s.m.ID
	all := url.Values{"eligibility": {"facilities", "trade_history", "recent_movement", "solvent", "no_convictions", "customs_account"},
		"last_movement": {"2020-01-01"}}
	return []ccRequest{
		{"POST", base + "/applications", url.Values{"sector": {"highway_carrier"}}},
		{"POST", draft + "/eligibility", all},
		{"POST", draft + "/submit", nil},
		{"GET", draft + "/withdraw", nil},
		{"POST", draft + "/withdraw", nil},
		{"POST", draft + "/info", url.Values{"answer": {"Here is everything you asked for."}}},
		{"POST", member + "/plans/" + s.planID + "/actions/A1", url.Values{"response": {"Fence repaired."}}},
		{"POST", base + "/decisions/" + s.dec.ID + "/appeal", url.Values{"grounds": {"The fence was broken by a storm."}}},
		{"POST", member + "/confirm", nil},
		{"POST", member + "/mou", url.Values{"title": {"Boss"}, "code": {"123456"}}},
		{"GET", member + "/withdraw", nil},
		{"POST", member + "/withdraw", nil},
	}
}

// TestCaseReadOnlyMemberSeesNoForms: a read-only member reads every case
// page and letter, sees no form, and is refused (403) every change.
func TestCaseReadOnlyMemberSeesNoForms(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	team := ccStaffTeam(t, inst)
	s := ccSuspended(t, inst, team, "Willow Transport Inc.")
	join(t, inst, s.co, "Rita Reader", "rita@willow.test", auth.ReadOnly)
	rb := signedIn(t, inst, "rita@willow.test")
	base := "/app/orgs/" + s.co.Org.ID
	before := ccStateOf(t, inst, s.co)

	for _, path := range []string{base + "/applications", base + "/applications/" + s.draft.ID, base + "/applications/" + s.draft.ID + "/submit",
		base + "/applications/" + s.app.ID, base + "/memberships/" + s.m.ID, base + "/decisions/" + s.dec.ID + "/appeal"} {
		resp, body := rb.Get(path)
		ccExpect(t, "read-only "+path, resp, body, 200, "")
		lacks(t, "read-only "+path, body, `method="post" action="/app/`, "/withdraw\"", `name="grounds"`)
	}
	_, body := rb.Get(base + "/memberships/" + s.m.ID)
	contains(t, "read-only membership", body, "Suspended", "Repair the perimeter fence", "Download the letter (PDF)")
	_, body = rb.Get(base + "/decisions/" + s.dec.ID + "/appeal")
	contains(t, "read-only appeal page", body, "Only the account owner or a proxy account owner can appeal")
	resp, pdf := rb.Get(base + "/letters/" + s.letterID)
	if resp.StatusCode != 200 || !strings.HasPrefix(pdf, "%PDF") {
		t.Errorf("read-only letter: %d", resp.StatusCode)
	}

	for _, c := range s.changes(base) {
		t.Run(c.method+" "+c.path, func(t *testing.T) {
			resp, _ := c.do(rb)
			wantStatus(t, c.path, resp, http.StatusForbidden)
		})
	}
	if after := ccStateOf(t, inst, s.co); !reflect.DeepEqual(before, after) {
		t.Errorf("a read-only member changed the cases:\nbefore %+v\nafter  %+v", before, after)
	}
}

// TestCaseCrossCompanyNotFound signs in as company A's owner and tries
// every case page and change against company B's application, membership,
// plan, decision, letter and evidence file, under B's organization and
// under A's own: every answer is the 404 page, nothing of B shows, and
// nothing of B changes.
func TestCaseCrossCompanyNotFound(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	team := ccStaffTeam(t, inst)
	a, ab := ccCompany(t, inst, "Aspen Cargo Inc.")
	aApp, err := inst.Office.CreateApplication(context.Background(), a.Owner.Actor(), a.Org.ID, a.Org.Sectors[0])
	ccMust(t, "A's application", err)
	s := ccSuspended(t, inst, team, "Balsam Freight Ltd.")
	before := ccStateOf(t, inst, s.co)

	bBase, aBase := "/app/orgs/"+s.co.Org.ID, "/app/orgs/"+a.Org.ID
	bApp, bMember := "/applications/"+s.app.ID, "/memberships/"+s.m.ID
	reqs := append(s.changes(bBase), s.changes(aBase)[1:]...) // A's own new application is allowed
	for _, p := range []string{bBase, aBase} {
		reqs = append(reqs,
			ccRequest{"GET", p + bApp, nil},
			ccRequest{"GET", p + bApp + "/submit", nil},
			ccRequest{"GET", p + bApp + "/evidence/" + s.fileID, nil},
			ccRequest{"GET", p + bMember, nil},
			ccRequest{"GET", p + bMember + "/mou", nil},
			ccRequest{"GET", p + "/decisions/" + s.dec.ID + "/appeal", nil},
			ccRequest{"GET", p + "/letters/" + s.letterID, nil})
	}
	reqs = append(reqs, ccRequest{"GET", bBase + "/applications", nil},
		// A's own case with B's records in the path.
		ccRequest{"POST", aBase + "/applications/" + aApp.ID + "/plans/" + s.planID + "/actions/A1", url.Values{"response": {"Fence repaired."}}},
		ccRequest{"GET", aBase + "/applications/" + aApp.ID + "/evidence/" + s.fileID, nil})

	secrets := []string{"Balsam", s.m.Number, "perimeter fence"}
	for _, c := range reqs {
		t.Run(c.method+" "+c.path, func(t *testing.T) {
			resp, body := c.do(ab)
			wantStatus(t, c.path, resp, http.StatusNotFound)
			contains(t, "404 page", body, "Page not found")
			lacks(t, "404 page", body, secrets...)
		})
	}
	if after := ccStateOf(t, inst, s.co); !reflect.DeepEqual(before, after) {
		t.Errorf("company B changed:\nbefore %+v\nafter  %+v", before, after)
	}
}
