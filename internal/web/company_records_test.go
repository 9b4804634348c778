package web_test

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/office"
	"trustlane/internal/server/servertest"
)

func TestCompanyTransferOwnership(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	co := inst.SignUpCompany(t, "Northern Haulage Inc.", "owner@north.test")
	fay := join(t, inst, co, "Fay Full", "fay@north.test", auth.FullAccess)
	join(t, inst, co, "Pia Proxy", "pia@north.test", auth.ProxyOwner)
	base := "/app/orgs/" + co.Org.ID
	owner := signedIn(t, inst, "owner@north.test")

	resp, body := owner.Get(base + "/transfer")
	wantStatus(t, "transfer form", resp, 200)
	contains(t, "transfer form", body, "Fay Full", "Pia Proxy", `value="`+fay.ID+`"`, "never locked out", "What role will you keep?")
	lacks(t, "transfer form", body, `value="`+co.Owner.ID+`"`)
	resp, body = owner.Post(base+"/transfer", url.Values{"user_id": {"nobody"}, "former_owner_role": {"proxy_owner"}})
	wantStatus(t, "unknown member", resp, http.StatusUnprocessableEntity)
	contains(t, "unknown member", body, "<title>Error:", `href="#f-user-id"`, `value="proxy_owner" checked`)

	answers := url.Values{"user_id": {fay.ID}, "former_owner_role": {"proxy_owner"}}
	resp, body = owner.Post(base+"/transfer", answers)
	wantStatus(t, "check page", resp, 200)
	contains(t, "check page", body, "Check your answers before transferring ownership", "Fay Full", "Proxy account owner",
		`name="confirm" value="yes"`, `name="user_id" value="`+fay.ID+`"`)
	if rolesOf(t, inst, co)["owner@north.test"] != auth.AccountOwner {
		t.Fatal("the check page transferred ownership")
	}
	answers.Set("confirm", "yes")
	resp, _ = owner.Post(base+"/transfer", answers)
	wantStatus(t, "transfer", resp, http.StatusSeeOther)
	if got := rolesOf(t, inst, co); got["fay@north.test"] != auth.AccountOwner || got["owner@north.test"] != auth.ProxyOwner {
		t.Fatalf("after transfer: %v", got)
	}
	fb := signedIn(t, inst, "fay@north.test")
	_, body = fb.Get(base)
	contains(t, "new owner's dashboard", body, "Your role: Account owner", base+"/members/"+co.Owner.ID+"/role", `action="`+base+`/invitations"`)

	// The former owner, now a proxy, takes ownership back, as a proxy may
	// when an owner leaves; Fay keeps read-only access.
	resp, _ = owner.Post(base+"/transfer", url.Values{"user_id": {co.Owner.ID}, "former_owner_role": {"read_only"}, "confirm": {"yes"}})
	wantStatus(t, "proxy transfers", resp, http.StatusSeeOther)
	if got := rolesOf(t, inst, co); got["owner@north.test"] != auth.AccountOwner || got["fay@north.test"] != auth.ReadOnly {
		t.Fatalf("after proxy transfer: %v", got)
	}
	_, body = fb.Get(base)
	contains(t, "former owner's dashboard", body, "Your role: Read only")
	lacks(t, "former owner's dashboard", body, `action="`+base+`/invitations"`)
	resp, _ = fb.Get(base + "/transfer")
	wantStatus(t, "read-only transfer form", resp, http.StatusForbidden)
	_, body = owner.Get(base)
	contains(t, "owner's dashboard", body, "Ownership is transferred.", "Your role: Account owner")
}

// orgForm is the company details form as the edit page would post it.
func orgForm(co servertest.Company) url.Values {
	return url.Values{
		"legal_name": {co.Org.LegalName}, "category": {"member"}, "sectors": {"highway_carrier"},
		"address.line1": {"1 Main St"}, "address.city": {"Ottawa"}, "address.region": {"ON"},
		"address.postal_code": {"K1A 0L5"}, "address.country": {"CA"},
		"identifiers.bn9": {co.Org.Identifiers["bn9"]}, "identifiers.cbsa_carrier": {co.Org.Identifiers["cbsa_carrier"]},
	}
}

func TestCompanyEditKeepsAnswers(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	co := inst.SignUpCompany(t, "Northern Haulage Inc.", "owner@north.test")
	base := "/app/orgs/" + co.Org.ID
	owner := signedIn(t, inst, "owner@north.test")
	resp, body := owner.Get(base + "/edit")
	wantStatus(t, "edit form", resp, 200)
	contains(t, "edit form", body, `value="Northern Haulage Inc."`, `value="`+co.Org.Identifiers["bn9"]+`"`, `value="highway_carrier" checked`)

	bn := co.Org.Identifiers["bn9"]
	badBN := bn[:8] + string('0'+(bn[8]-'0'+1)%10)
	bad := orgForm(co)
	bad.Set("legal_name", "Northern Haulage Ltd.")
	bad.Set("identifiers.bn9", badBN)
	bad.Set("identifiers.scac", "1")
	bad.Set("phone", "613 555 0100")
	resp, body = owner.Post(base+"/edit", bad)
	wantStatus(t, "bad edit", resp, http.StatusUnprocessableEntity)
	contains(t, "bad edit", body, "<title>Error:", `href="#f-identifiers-bn9"`, `href="#f-identifiers-scac"`,
		`value="Northern Haulage Ltd."`, `value="`+badBN+`"`, `value="613 555 0100"`, `value="highway_carrier" checked`)
	if org, _, _ := inst.Office.Org(context.Background(), co.Owner.Actor(), co.Org.ID); org.LegalName != "Northern Haulage Inc." {
		t.Fatalf("a refused edit was saved: %s", org.LegalName)
	}
	good := orgForm(co)
	good.Set("legal_name", "Northern Haulage Ltd.")
	resp, _ = owner.Post(base+"/edit", good)
	wantStatus(t, "edit", resp, http.StatusSeeOther)
	_, body = owner.Get(base)
	contains(t, "dashboard after edit", body, "The company details are saved.", "<h1>Northern Haulage Ltd.</h1>")
	_, body = owner.Get(base + "/history")
	contains(t, "history after edit", body, "Company details changed", "Changed: Legal name")
}

var tokenSecretRE = regexp.MustCompile(`tla_[a-z0-9]+`)

func TestCompanyTokens(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	co := inst.SignUpCompany(t, "Northern Haulage Inc.", "owner@north.test")
	join(t, inst, co, "Rob Reader", "rob@north.test", auth.ReadOnly)
	base := "/app/orgs/" + co.Org.ID
	owner := signedIn(t, inst, "owner@north.test")

	resp, body := owner.Get(base + "/tokens")
	wantStatus(t, "tokens", resp, 200)
	contains(t, "tokens", body, "Your company has no API tokens.", `value="org:read"`, "See the company&#39;s details", `type="date"`)
	m := regexp.MustCompile(`name="expires" type="date" value="(\d{4}-\d{2}-\d{2})"`).FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no default expiry")
	}
	if d, _ := time.Parse(time.DateOnly, m[1]); d.Sub(time.Now()) < 88*24*time.Hour || d.Sub(time.Now()) > 91*24*time.Hour {
		t.Errorf("default expiry %s is not about 90 days away", m[1])
	}
	resp, body = owner.Post(base+"/tokens", url.Values{"name": {""}, "expires": {"2099-01-01"}})
	wantStatus(t, "bad token", resp, http.StatusUnprocessableEntity)
	contains(t, "bad token", body, "<title>Error:", `href="#f-name"`, `href="#f-scopes"`, `href="#f-expires"`, `value="2099-01-01"`)

	expires := time.Now().AddDate(0, 0, 30).Format(time.DateOnly)
	resp, body = owner.Post(base+"/tokens", url.Values{"name": {"Customs filing"}, "scopes": {"org:read", "members:read"}, "expires": {expires}})
	wantStatus(t, "create token", resp, 200)
	secret := tokenSecretRE.FindString(body)
	contains(t, "new token", body, "Copy the token now", "Customs filing", "See the people and invitations")
	if secret == "" {
		t.Fatal("the secret is not shown")
	}
	if a, err := inst.Office.TokenActor(context.Background(), secret); err != nil || a.OrgID != co.Org.ID {
		t.Fatalf("the token does not work: %v", err)
	}
	_, body = owner.Get(base + "/tokens")
	contains(t, "listing", body, "Customs filing", "Active")
	lacks(t, "listing", body, secret, "tla_")

	toks, _ := inst.Office.Tokens(context.Background(), co.Owner.Actor(), co.Org.ID)
	revoke := base + "/tokens/" + toks[0].ID + "/revoke"
	resp, body = owner.Get(revoke)
	wantStatus(t, "revoke check", resp, 200)
	contains(t, "revoke check", body, "Check before you revoke Customs filing", `action="`+revoke+`"`)
	resp, _ = owner.Post(revoke, nil)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != base+"/tokens" {
		t.Fatalf("revoke: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, body = owner.Get(base + "/tokens")
	contains(t, "after revoke", body, "The token is revoked.", "Revoked")
	lacks(t, "after revoke", body, revoke)
	if _, err := inst.Office.TokenActor(context.Background(), secret); err == nil {
		t.Error("a revoked token still works")
	}
	resp, _ = owner.Get(revoke)
	wantStatus(t, "revoke twice", resp, http.StatusConflict)
	resp, _ = signedIn(t, inst, "rob@north.test").Get(base + "/tokens")
	wantStatus(t, "reader's tokens", resp, http.StatusForbidden)
}

func TestCompanyHistoryInOrderAndInFrench(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	co := inst.SignUpCompany(t, "Northern Haulage Inc.", "owner@north.test")
	rob := join(t, inst, co, "Rob Reader", "rob@north.test", auth.ReadOnly)
	ctx, owner := context.Background(), co.Owner.Actor()
	if err := inst.Office.SetMemberRole(ctx, owner, co.Org.ID, rob.ID, auth.FullAccess); err != nil {
		t.Fatal(err)
	}
	if _, _, err := inst.Office.CreateToken(ctx, owner, co.Org.ID, office.TokenInput{
		Name: "Filing", Scopes: []auth.Scope{auth.ScopeOrgRead}, Expires: time.Now().Add(24 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	base := "/app/orgs/" + co.Org.ID
	b := signedIn(t, inst, "owner@north.test")
	resp, body := b.Get(base + "/history")
	wantStatus(t, "history", resp, 200)
	inOrder(t, body, "API token created", "Role changed", "Person joined the company", "Invitation sent", "Company account opened")
	contains(t, "history", body, "Role: Read only → Full access", "Rob Reader (rob@north.test)", "Permissions: See the company&#39;s details",
		"by Owner of Northern Haulage Inc. (owner@north.test)", `class="timeline"`)

	b.Get("/lang/fr?back=" + base + "/history")
	_, body = b.Get(base + "/history")
	contains(t, "French history", body, `<html lang="fr">`, "<h1>Historique</h1>", "Rôle : Lecture seule → Accès complet", " à ")
	inOrder(t, body, "Création d&#39;un jeton d&#39;API", "Modification d&#39;un rôle", "Envoi d&#39;une invitation", "Ouverture du compte de l&#39;entreprise")
}

func TestCompanyHistoryPages(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	co := inst.SignUpCompany(t, "Northern Haulage Inc.", "owner@north.test")
	ctx, owner := context.Background(), co.Owner.Actor()
	for i := 0; i < 15; i++ { // 30 events, past the 25 of a page
		tok, _, err := inst.Office.CreateToken(ctx, owner, co.Org.ID, office.TokenInput{
			Name: "T", Scopes: []auth.Scope{auth.ScopeOrgRead}, Expires: time.Now().Add(time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
		if err := inst.Office.RevokeToken(ctx, owner, co.Org.ID, tok.ID); err != nil {
			t.Fatal(err)
		}
	}
	b := signedIn(t, inst, "owner@north.test")
	_, body := b.Get("/app/orgs/" + co.Org.ID + "/history")
	lacks(t, "first page", body, "Company account opened", "Newest events")
	older := regexp.MustCompile(`href="(/app/orgs/[^"]+/history\?before=\d+)"`).FindStringSubmatch(body)
	if older == nil {
		t.Fatal("no link to older events")
	}
	resp, body := b.Get(older[1])
	wantStatus(t, "second page", resp, 200)
	contains(t, "second page", body, "Company account opened", "Newest events")
	lacks(t, "second page", body, "Older events")
}

// inOrder checks that each string appears, after the one before it.
func inOrder(t *testing.T, body string, parts ...string) {
	t.Helper()
	at := 0
	for _, p := range parts {
		i := strings.Index(body[at:], p)
		if i < 0 {
			t.Fatalf("%q missing or out of order", p)
		}
		at += i + len(p)
	}
}
