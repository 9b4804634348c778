package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"trustlane/internal/auth"
	"trustlane/internal/office"
	"trustlane/internal/server/servertest"
)

// join invites email into co with role, and accepts through the link the
// invitee receives by mail, creating their account.
func join(t *testing.T, inst *servertest.Instance, co servertest.Company, name, email string, role auth.Role) auth.User {
	t.Helper()
	ctx := context.Background()
	if _, err := inst.Office.Invite(ctx, co.Owner.Actor(), co.Org.ID, email, role); err != nil {
		t.Fatalf("invite %s: %v", email, err)
	}
	u, _, err := inst.Office.AcceptInvitationNewAccount(ctx, inviteSecret(t, inst, email), name, "", servertest.Password, "en")
	if err != nil {
		t.Fatalf("accept %s: %v", email, err)
	}
	return u
}

// inviteSecret reads the secret of the invitation link mailed to email.
func inviteSecret(t *testing.T, inst *servertest.Instance, email string) string {
	t.Helper()
	link := inst.Mail.Wait(t, email, "invited").Link()
	i := strings.LastIndex(link, "/invitations/")
	if i < 0 {
		t.Fatalf("no invitation link in mail to %s: %q", email, link)
	}
	return link[i+len("/invitations/"):]
}

func signedIn(t *testing.T, inst *servertest.Instance, email string) *servertest.Browser {
	t.Helper()
	b := inst.NewBrowser(t)
	b.SignIn(email, servertest.Password)
	return b
}

func contains(t *testing.T, what, body string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(body, w) {
			t.Errorf("%s lacks %q", what, w)
		}
	}
}

func lacks(t *testing.T, what, body string, unwanted ...string) {
	t.Helper()
	for _, w := range unwanted {
		if strings.Contains(body, w) {
			t.Errorf("%s shows %q", what, w)
		}
	}
}

func wantStatus(t *testing.T, what string, resp *http.Response, status int) {
	t.Helper()
	if resp.StatusCode != status {
		t.Fatalf("%s: status %d, want %d", what, resp.StatusCode, status)
	}
}

// rolesOf reads the company's members by e-mail, as its original owner, who
// stays a member through every scenario here.
func rolesOf(t *testing.T, inst *servertest.Instance, co servertest.Company) map[string]auth.Role {
	t.Helper()
	ms, err := inst.Office.Members(context.Background(), co.Owner.Actor(), co.Org.ID)
	if err != nil {
		t.Fatalf("members: %v", err)
	}
	out := map[string]auth.Role{}
	for _, m := range ms {
		out[m.Email] = m.Role
	}
	return out
}

func TestCompanyAppSendsToTheRightPlace(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	a := inst.SignUpCompany(t, "Alder Imports Inc.", "ann@alder.test")
	b := inst.SignUpCompany(t, "Birch Logistics Ltd.", "bob@birch.test")
	anon := inst.NewBrowser(t)
	resp, _ := anon.Get("/app/orgs/" + a.Org.ID)
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/signin?next=") {
		t.Errorf("anonymous: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	// A new company's owner lands on its dashboard with the sign-up notice.
	fresh := inst.NewBrowser(t)
	fresh.Post("/signup", signUpForm())
	resp, _ = fresh.Get("/app")
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/app/orgs/") {
		t.Fatalf("after sign-up: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, body := fresh.Get(resp.Header.Get("Location"))
	contains(t, "first dashboard", body, "<h1>Northern Haulage Inc.</h1>", "account is ready")

	ann := signedIn(t, inst, "ann@alder.test")
	resp, _ = ann.Get("/app")
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/app/orgs/"+a.Org.ID {
		t.Fatalf("one company: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	// Ann joins Birch too, with her existing account: now she chooses.
	if _, err := inst.Office.Invite(context.Background(), b.Owner.Actor(), b.Org.ID, "ann@alder.test", auth.ReadOnly); err != nil {
		t.Fatal(err)
	}
	if _, err := inst.Office.AcceptInvitation(context.Background(), a.Owner.Actor(), inviteSecret(t, inst, "ann@alder.test")); err != nil {
		t.Fatal(err)
	}
	resp, body = ann.Get("/app")
	wantStatus(t, "two companies", resp, 200)
	contains(t, "list", body, "Your companies", `href="/app/orgs/`+a.Org.ID+`"`, `href="/app/orgs/`+b.Org.ID+`"`,
		"Birch Logistics Ltd.", "Account owner", "Read only", "<caption>")
	resp, body = ann.Get("/app/orgs/" + b.Org.ID)
	wantStatus(t, "second company", resp, 200)
	contains(t, "Birch as reader", body, "<h1>Birch Logistics Ltd.</h1>", "Your role: Read only")

	if _, err := inst.Office.CreateStaff(context.Background(), auth.System, office.StaffInput{
		Name: "Olga Officer", Email: "olga@cbsa.test", Password: servertest.Password, Lang: "en", Role: auth.Officer}); err != nil {
		t.Fatal(err)
	}
	staff := signedIn(t, inst, "olga@cbsa.test")
	for _, p := range []string{"/app", "/app/orgs/" + a.Org.ID} {
		if resp, _ := staff.Get(p); resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/office" {
			t.Errorf("staff at %s: %d %s", p, resp.StatusCode, resp.Header.Get("Location"))
		}
	}
}

func TestCompanyDashboardByRole(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	co := inst.SignUpCompany(t, "Northern Haulage Inc.", "owner@north.test")
	rita := join(t, inst, co, "Rita Reader", "rita@north.test", auth.ReadOnly)
	base := "/app/orgs/" + co.Org.ID

	owner := signedIn(t, inst, "owner@north.test")
	resp, body := owner.Get(base)
	wantStatus(t, "owner dashboard", resp, 200)
	contains(t, "owner dashboard", body, "<h1>Northern Haulage Inc.</h1>", "Your role: Account owner",
		"Highway carrier", "Business number (BN)", co.Org.Identifiers["bn9"], "CBSA carrier code",
		"What happens next", `action="`+base+`/invitations"`, `value="proxy_owner"`, "Rita Reader", "rita@north.test",
		base+"/members/"+rita.ID+"/role", base+"/members/"+rita.ID+"/remove", base+"/transfer", base+"/tokens",
		base+"/edit#f-legal-name", "People who have access to Northern Haulage Inc.", "2 people", "Never")
	lacks(t, "owner dashboard", body, base+"/members/"+co.Owner.ID+"/role", "Security profile")

	reader := signedIn(t, inst, "rita@north.test")
	resp, body = reader.Get(base)
	wantStatus(t, "reader dashboard", resp, 200)
	contains(t, "reader dashboard", body, "Your role: Read only", "Leave the company", base+"/members/"+rita.ID+"/remove", base+"/history")
	lacks(t, "reader dashboard", body, `action="`+base+`/invitations"`, "/role", base+"/edit", base+"/tokens", base+"/transfer")

	resp, body = reader.Post(base+"/invitations", url.Values{"email": {"friend@north.test"}, "role": {"read_only"}})
	wantStatus(t, "reader invites", resp, http.StatusForbidden)
	contains(t, "403 page", body, "You do not have access", "Your role does not allow this")
	for _, p := range []string{base + "/edit", base + "/tokens", base + "/transfer", base + "/members/" + co.Owner.ID + "/role"} {
		if resp, _ := reader.Get(p); resp.StatusCode != http.StatusForbidden {
			t.Errorf("reader GET %s: %d", p, resp.StatusCode)
		}
	}
	for _, m := range inst.Mail.All() {
		if m.To == "friend@north.test" {
			t.Error("a refused invitation was mailed")
		}
	}
}

func TestCompanyInviteAndWithdraw(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	co := inst.SignUpCompany(t, "Northern Haulage Inc.", "owner@north.test")
	base := "/app/orgs/" + co.Org.ID
	owner := signedIn(t, inst, "owner@north.test")

	resp, body := owner.Post(base+"/invitations", url.Values{"email": {"not an address"}, "role": {"full_access"}})
	wantStatus(t, "bad e-mail", resp, http.StatusUnprocessableEntity)
	contains(t, "bad e-mail", body, "<title>Error:", `href="#f-email"`, `value="not an address"`, `value="full_access" checked`)
	resp, body = owner.Post(base+"/invitations", url.Values{"email": {"colleague@north.test"}})
	wantStatus(t, "no role", resp, http.StatusUnprocessableEntity)
	contains(t, "no role", body, `href="#f-role"`, `value="colleague@north.test"`)

	resp, _ = owner.Post(base+"/invitations", url.Values{"email": {"Colleague@North.test"}, "role": {"full_access"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != base+"#invitations" {
		t.Fatalf("invite: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	m := inst.Mail.Wait(t, "colleague@north.test", "Northern Haulage Inc.")
	if !strings.Contains(m.Link(), "/invitations/tli_") || !strings.Contains(m.Text, "Full access") {
		t.Errorf("invitation mail:\n%s", m.Text)
	}
	_, body = owner.Get(base)
	contains(t, "dashboard", body, "The invitation is sent", "colleague@north.test", "1 invitation pending", "Withdraw")
	if !strings.Contains(body, "(in 13 days)") && !strings.Contains(body, "(in 14 days)") {
		t.Error("the invitation's days left are not shown")
	}
	invs, err := inst.Office.Invitations(context.Background(), co.Owner.Actor(), co.Org.ID)
	if err != nil || len(invs) != 1 {
		t.Fatalf("invitations: %v %d", err, len(invs))
	}
	resp, _ = owner.Post(base+"/invitations/"+invs[0].ID+"/withdraw", nil)
	wantStatus(t, "withdraw", resp, http.StatusSeeOther)
	_, body = owner.Get(base)
	contains(t, "after withdrawal", body, "The invitation is withdrawn", "No invitation is waiting")
	lacks(t, "after withdrawal", body, "colleague@north.test")
	resp, body = owner.Post(base+"/invitations/"+invs[0].ID+"/withdraw", nil)
	wantStatus(t, "withdraw twice", resp, http.StatusConflict)
	contains(t, "withdraw twice", body, "Only a pending invitation can be withdrawn")
}

func TestCompanyRoleChangeRules(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	co := inst.SignUpCompany(t, "Northern Haulage Inc.", "owner@north.test")
	pia := join(t, inst, co, "Pia Proxy", "pia@north.test", auth.ProxyOwner)
	fay := join(t, inst, co, "Fay Full", "fay@north.test", auth.FullAccess)
	rob := join(t, inst, co, "Rob Reader", "rob@north.test", auth.ReadOnly)
	base := "/app/orgs/" + co.Org.ID
	owner, proxy, full := signedIn(t, inst, "owner@north.test"), signedIn(t, inst, "pia@north.test"), signedIn(t, inst, "fay@north.test")

	resp, body := owner.Get(base + "/members/" + rob.ID + "/role")
	wantStatus(t, "role form", resp, 200)
	contains(t, "role form", body, "Change the role of Rob Reader", `value="read_only" checked`, `value="proxy_owner"`)
	lacks(t, "role form", body, `value="account_owner"`)
	resp, _ = owner.Post(base+"/members/"+rob.ID+"/role", url.Values{"role": {"full_access"}})
	wantStatus(t, "owner changes role", resp, http.StatusSeeOther)
	if r := rolesOf(t, inst, co)["rob@north.test"]; r != auth.FullAccess {
		t.Errorf("rob is %s", r)
	}
	_, body = owner.Get(base)
	contains(t, "after change", body, "The role is changed")

	cases := []struct {
		name   string
		b      *servertest.Browser
		target string
		role   string
		status int
		msg    string
	}{
		{"full access cannot make a proxy owner", full, rob.ID, "proxy_owner", 403, "You do not have access"},
		{"full access cannot change roles at all", full, rob.ID, "read_only", 403, "You do not have access"},
		{"nobody changes the owner's role", proxy, co.Owner.ID, "read_only", 409, "changes only by a transfer of ownership"},
		{"nobody changes their own role", proxy, pia.ID, "read_only", 409, "You cannot change your own role"},
		{"ownership is not given as a role", owner, fay.ID, "account_owner", 422, "changes only by a transfer of ownership"},
		{"unknown role", owner, fay.ID, "emperor", 422, "Choose an option from the list"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			resp, body := c.b.Post(base+"/members/"+c.target+"/role", url.Values{"role": {c.role}})
			wantStatus(t, "post", resp, c.status)
			contains(t, "refusal", body, c.msg)
		})
	}
	if got := rolesOf(t, inst, co); got["rob@north.test"] != auth.FullAccess || got["pia@north.test"] != auth.ProxyOwner ||
		got["fay@north.test"] != auth.FullAccess || got["owner@north.test"] != auth.AccountOwner {
		t.Errorf("a refused change went through: %v", got)
	}
	// The invite form offers full access only what it may give.
	_, body = full.Get(base)
	lacks(t, "full access's invite form", body, `value="proxy_owner"`)
	resp, _ = full.Post(base+"/invitations", url.Values{"email": {"new@north.test"}, "role": {"proxy_owner"}})
	wantStatus(t, "full access invites a proxy", resp, http.StatusForbidden)
	resp, _ = proxy.Get(base + "/members/" + co.Owner.ID + "/role")
	wantStatus(t, "role form of the owner", resp, http.StatusConflict)
}

func TestCompanyRemoveAndLeave(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	co := inst.SignUpCompany(t, "Northern Haulage Inc.", "owner@north.test")
	join(t, inst, co, "Pia Proxy", "pia@north.test", auth.ProxyOwner)
	pat := join(t, inst, co, "Pat Proxy", "pat@north.test", auth.ProxyOwner)
	rob := join(t, inst, co, "Rob Reader", "rob@north.test", auth.ReadOnly)
	lee := join(t, inst, co, "Lee Leaver", "lee@north.test", auth.FullAccess)
	base := "/app/orgs/" + co.Org.ID
	owner := signedIn(t, inst, "owner@north.test")

	resp, body := owner.Get(base + "/members/" + rob.ID + "/remove")
	wantStatus(t, "remove check", resp, 200)
	contains(t, "remove check", body, "Check before you remove Rob Reader", "rob@north.test", `action="`+base+"/members/"+rob.ID+`/remove"`)
	if _, ok := rolesOf(t, inst, co)["rob@north.test"]; !ok {
		t.Fatal("the check page removed the member")
	}
	resp, _ = owner.Post(base+"/members/"+rob.ID+"/remove", nil)
	wantStatus(t, "remove", resp, http.StatusSeeOther)
	_, body = owner.Get(base)
	contains(t, "after removal", body, "The person no longer has access")
	lacks(t, "after removal", body, "rob@north.test")

	proxy := signedIn(t, inst, "pia@north.test")
	resp, body = proxy.Get(base + "/members/" + pat.ID + "/remove")
	wantStatus(t, "proxy removes proxy", resp, http.StatusForbidden)
	contains(t, "proxy removes proxy", body, "Only the account owner can remove a proxy owner")
	resp, _ = proxy.Post(base+"/members/"+pat.ID+"/remove", nil)
	wantStatus(t, "proxy removes proxy (post)", resp, http.StatusForbidden)
	resp, body = owner.Get(base + "/members/" + co.Owner.ID + "/remove")
	wantStatus(t, "owner leaves", resp, http.StatusConflict)
	contains(t, "owner leaves", body, "Transfer ownership before removing the account owner")

	leaver := signedIn(t, inst, "lee@north.test")
	resp, body = leaver.Get(base + "/members/" + lee.ID + "/remove")
	wantStatus(t, "leave check", resp, 200)
	contains(t, "leave check", body, "Check before you leave Northern Haulage Inc.", "Leave the company")
	resp, _ = leaver.Post(base+"/members/"+lee.ID+"/remove", nil)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/app" {
		t.Fatalf("leave: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	resp, body = leaver.Get("/app")
	wantStatus(t, "after leaving", resp, 200)
	contains(t, "after leaving", body, "You have left the company.", "You are not part of a company yet", `href="/app/new"`)
	resp, _ = leaver.Get(base)
	wantStatus(t, "former member", resp, http.StatusNotFound)
	if got := rolesOf(t, inst, co); len(got) != 3 || got["lee@north.test"] != "" || got["pat@north.test"] != auth.ProxyOwner {
		t.Errorf("members after: %v", got)
	}
}
