package web_test

import (
	"context"
	"net/http"
	"net/url"
	"reflect"
	"testing"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/office"
	"trustlane/internal/program"
	"trustlane/internal/server/servertest"
)

// TestCompanyCrossCompanyAccess signs in as company A's owner and tries
// every company page against company B, with the real IDs of B's people,
// invitation and token: every answer is 404, nothing of B shows, nothing of
// B changes.
func TestCompanyCrossCompanyAccess(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	a := inst.SignUpCompany(t, "Alder Imports Inc.", "ann@alder.test")
	b := inst.SignUpCompany(t, "Borealis Freight Ltd.", "bea@borealis.test")
	ctx, bOwner := context.Background(), b.Owner.Actor()
	proxy := join(t, inst, b, "Bruno Proxy", "bruno@borealis.test", auth.ProxyOwner)
	reader := join(t, inst, b, "Brenda Reader", "brenda@borealis.test", auth.ReadOnly)
	inv, err := inst.Office.Invite(ctx, bOwner, b.Org.ID, "bill@borealis.test", auth.FullAccess)
	if err != nil {
		t.Fatal(err)
	}
	tok, _, err := inst.Office.CreateToken(ctx, bOwner, b.Org.ID, office.TokenInput{
		Name: "Borealis dispatch", Scopes: []auth.Scope{auth.ScopeOrgRead}, Expires: time.Now().Add(48 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, inst, b)

	ann := signedIn(t, inst, "ann@alder.test")
	bb, ab := "/app/orgs/"+b.Org.ID, "/app/orgs/"+a.Org.ID
	expires := time.Now().AddDate(0, 0, 10).Format(time.DateOnly)
	edit := orgForm(b)
	edit.Set("legal_name", "Hijacked Inc.")
	cases := []struct {
		method, path string
		form         url.Values
	}{
		{"GET", bb, nil},
		{"GET", bb + "/edit", nil},
		{"POST", bb + "/edit", edit},
		{"POST", bb + "/invitations", url.Values{"email": {"mole@alder.test"}, "role": {"full_access"}}},
		{"POST", bb + "/invitations", url.Values{"email": {"bad"}, "role": {""}}},
		{"POST", bb + "/invitations/" + inv.ID + "/withdraw", nil},
		{"GET", bb + "/members/" + reader.ID + "/role", nil},
		{"POST", bb + "/members/" + reader.ID + "/role", url.Values{"role": {"full_access"}}},
		{"GET", bb + "/members/" + reader.ID + "/remove", nil},
		{"POST", bb + "/members/" + reader.ID + "/remove", nil},
		{"POST", bb + "/members/" + b.Owner.ID + "/remove", nil},
		{"GET", bb + "/transfer", nil},
		{"GET", bb + "/transfer?user_id=" + proxy.ID, nil},
		{"POST", bb + "/transfer", url.Values{"user_id": {proxy.ID}, "former_owner_role": {"read_only"}}},
		{"POST", bb + "/transfer", url.Values{"user_id": {proxy.ID}, "former_owner_role": {"read_only"}, "confirm": {"yes"}}},
		{"GET", bb + "/tokens", nil},
		{"POST", bb + "/tokens", url.Values{"name": {"Mole"}, "scopes": {"org:read"}, "expires": {expires}}},
		{"GET", bb + "/tokens/" + tok.ID + "/revoke", nil},
		{"POST", bb + "/tokens/" + tok.ID + "/revoke", nil},
		{"GET", bb + "/history", nil},
		{"GET", bb + "/history?before=1000000", nil},
		// A's own pages with B's records in the path.
		{"POST", ab + "/invitations/" + inv.ID + "/withdraw", nil},
		{"GET", ab + "/members/" + reader.ID + "/role", nil},
		{"POST", ab + "/members/" + reader.ID + "/role", url.Values{"role": {"full_access"}}},
		{"GET", ab + "/members/" + proxy.ID + "/remove", nil},
		{"POST", ab + "/members/" + proxy.ID + "/remove", nil},
		{"GET", ab + "/tokens/" + tok.ID + "/revoke", nil},
		{"POST", ab + "/tokens/" + tok.ID + "/revoke", nil},
	}
	secrets := []string{"Borealis", "borealis.test", b.Org.Identifiers["bn9"], b.Org.Identifiers["cbsa_carrier"], "Bruno", "Brenda", "bill@"}
	for _, c := range cases {
		t.Run(c.method+" "+c.path, func(t *testing.T) {
			var resp *http.Response
			var body string
			if c.method == "GET" {
				resp, body = ann.Get(c.path)
			} else {
				resp, body = ann.Post(c.path, c.form)
			}
			wantStatus(t, c.path, resp, http.StatusNotFound)
			contains(t, "404 page", body, "Page not found")
			lacks(t, "404 page", body, secrets...)
		})
	}
	// A choosing one of B's people as A's new owner is an answer to fix.
	resp, body := ann.Post(ab+"/transfer", url.Values{"user_id": {proxy.ID}, "former_owner_role": {"read_only"}, "confirm": {"yes"}})
	wantStatus(t, "transfer to B's member", resp, http.StatusUnprocessableEntity)
	lacks(t, "transfer to B's member", body, secrets...)

	if after := snapshot(t, inst, b); !reflect.DeepEqual(before, after) {
		t.Errorf("company B changed:\nbefore %+v\nafter  %+v", before, after)
	}
	for _, m := range inst.Mail.All() {
		if m.To == "mole@alder.test" {
			t.Error("an invitation into B was mailed")
		}
	}
}

// companyState is everything of a company a cross-company attempt could
// change, read through the office as its owner.
type companyState struct {
	Org         program.Organization
	Members     []program.Member
	Invitations []program.Invitation
	Tokens      []auth.APIToken
	Events      int
}

func snapshot(t *testing.T, inst *servertest.Instance, co servertest.Company) companyState {
	t.Helper()
	ctx, a := context.Background(), co.Owner.Actor()
	var s companyState
	var err error
	if s.Org, _, err = inst.Office.Org(ctx, a, co.Org.ID); err != nil {
		t.Fatal(err)
	}
	if s.Members, err = inst.Office.Members(ctx, a, co.Org.ID); err != nil {
		t.Fatal(err)
	}
	if s.Invitations, err = inst.Office.Invitations(ctx, a, co.Org.ID); err != nil {
		t.Fatal(err)
	}
	if s.Tokens, err = inst.Office.Tokens(ctx, a, co.Org.ID); err != nil {
		t.Fatal(err)
	}
	evs, err := inst.Office.OrgEvents(ctx, a, co.Org.ID, 0, 200)
	if err != nil {
		t.Fatal(err)
	}
	s.Events = len(evs)
	return s
}
