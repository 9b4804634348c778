package web_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"trustlane/internal/auth"
	"trustlane/internal/office"
	"trustlane/internal/partner"
	"trustlane/internal/server/servertest"
	"trustlane/internal/store"
)

// The partner screens: a company declares its membership of a partner
// program and consents to share its standing; an officer confirms or
// rejects the declaration from the matching queue; an administrator binds
// a program token to one partner's exchange.

// plPartnerMember puts a record in a partner's member list, as an import
// would.
func plPartnerMember(t *testing.T, inst *servertest.Instance, code, ref, name string) {
	t.Helper()
	err := inst.DB.Update(context.Background(), func(tx *store.Tx) error {
		return tx.PutPartnerMember(partner.Member{PartnerCode: code, Ref: ref, LegalName: name, Country: "CA", Status: "active"}, "test")
	})
	if err != nil {
		t.Fatalf("partner member: %v", err)
	}
}

// plDeclared has co's owner declare a membership on the page and returns
// the link's ID.
func plDeclared(t *testing.T, inst *servertest.Instance, co servertest.Company, owner *servertest.Browser, code, ref string) string {
	t.Helper()
	base := "/app/orgs/" + co.Org.ID + "/partners"
	ocPostForm(t, owner, base+"/links", url.Values{"partner": {code}, "member_ref": {ref}}, http.StatusSeeOther, base)
	ls, err := inst.Office.PartnerLinks(context.Background(), co.Owner.Actor(), co.Org.ID)
	if err != nil {
		t.Fatalf("links: %v", err)
	}
	for _, l := range ls {
		if l.DeclaredRef == ref && l.State == partner.LinkDeclared {
			return l.ID
		}
	}
	t.Fatalf("no declared link %q among %+v", ref, ls)
	return ""
}

func TestPartnerDeclareThenOfficerConfirms(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	co, owner := ccCompany(t, inst, "Maple Freight Inc.")
	plPartnerMember(t, inst, "CTPAT", "CT-77", co.Org.LegalName)
	base := "/app/orgs/" + co.Org.ID + "/partners"

	// The dashboard leads to the page; a blank declaration shows the
	// error summary and keeps the answer.
	_, body := owner.Get("/app/orgs/" + co.Org.ID)
	contains(t, "dashboard", body, `href="`+base+`"`)
	body = ocPostForm(t, owner, base+"/links", url.Values{"partner": {"CTPAT"}, "member_ref": {"  "}}, 422, "")
	contains(t, "blank number", body, "<title>Error:", `href="#f-member-ref"`, "Enter your member number", `<option value="CTPAT" selected>`)

	id := plDeclared(t, inst, co, owner, "CTPAT", "ct 77")
	_, body = owner.Get(base)
	contains(t, "declared", body, "Your membership is declared", "Awaiting confirmation", "ct 77", "<caption>Partner program memberships")
	row := tableRow(t, body, "ct 77")
	contains(t, "declared row", row, base+"/links/"+id+"/withdraw")
	body = ocPostForm(t, owner, base+"/links", url.Values{"partner": {"CTPAT"}, "member_ref": {"CT-78"}}, http.StatusConflict, "")
	contains(t, "twice", body, "<title>Error:", "already declared a membership")

	officer, _ := staffBrowser(t, inst, auth.Officer)
	body = officeExpect(t, officer, "/office/partners/matching", 200, "Partner matching", "<caption>Declarations awaiting", "Maple Freight Inc.")
	contains(t, "queue row", tableRow(t, body, "Maple Freight Inc."), "/office/partners/matching/links/"+id, "CTPAT", "ct 77", "<td>90</td>")
	link := "/office/partners/matching/links/" + id
	body = officeExpect(t, officer, link, 200, `href="/office/orgs/`+co.Org.ID+`"`, "CT-77", "Same member number as declared",
		"Same legal name", "Same country (CA)", `name="member_ref" type="radio" value="CT-77"`)

	// A rejection needs a note; the page says so and nothing changes.
	body = ocPostForm(t, officer, link+"/reject", url.Values{"note": {" "}}, 422, "")
	contains(t, "reject without note", body, "<title>Error:", `href="#f-note"`, "Say why the declaration is rejected")
	body = ocPostForm(t, officer, link+"/confirm", url.Values{}, 422, "")
	contains(t, "confirm without choice", body, `href="#f-member-ref"`)

	ocPostForm(t, officer, link+"/confirm", url.Values{"member_ref": {"CT-77"}}, http.StatusSeeOther, "/office/partners/matching")
	body = officeExpect(t, officer, "/office/partners/matching", 200, "The link is confirmed", "No declaration is waiting")
	lacks(t, "queue after", body, "Maple Freight Inc.")
	body = officeExpect(t, officer, link, 200, "Confirmed")
	lacks(t, "decided link", body, `action="`+link+`/confirm"`)

	_, body = owner.Get(base)
	row = tableRow(t, body, "ct 77")
	contains(t, "confirmed row", row, "Confirmed", "tag--green")
	// Staff read the company's page under /office, without its forms.
	body = officeExpect(t, officer, "/office/orgs/"+co.Org.ID+"/partners", 200, "Confirmed")
	lacks(t, "staff view", body, "Declare the membership", "/partners/links", "/partners/consents")
}

func TestPartnerRejectedShowsNoteAndWithdraw(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	co, owner := ccCompany(t, inst, "Spruce Carriers Ltd.")
	base := "/app/orgs/" + co.Org.ID + "/partners"
	id := plDeclared(t, inst, co, owner, "JP-AEO", "JP-1")
	manager, _ := staffBrowser(t, inst, auth.Manager)
	ocPostForm(t, manager, "/office/partners/matching/links/"+id+"/reject", url.Values{"note": {"No such number in the Japanese list."}},
		http.StatusSeeOther, "/office/partners/matching")
	_, body := owner.Get(base)
	contains(t, "rejected", body, "Rejected", "No such number in the Japanese list.")
	resp, _ := owner.Get(base + "/links/" + id + "/withdraw")
	wantStatus(t, "withdraw a rejected link", resp, http.StatusConflict)

	id = plDeclared(t, inst, co, owner, "JP-AEO", "JP-2")
	_, body = owner.Get(base + "/links/" + id + "/withdraw")
	contains(t, "withdraw check", body, "Check before you withdraw", "JP-2", `action="`+base+`/links/`+id+`/withdraw"`)
	ocPostForm(t, owner, base+"/links/"+id+"/withdraw", nil, http.StatusSeeOther, base)
	_, body = owner.Get(base)
	contains(t, "withdrawn", body, "The membership is withdrawn.", "Withdrawn")
}

func TestPartnerConsentCheckGrantWithdraw(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	co, owner := ccCompany(t, inst, "Cedar Trade Inc.")
	base := "/app/orgs/" + co.Org.ID + "/partners"
	_, body := owner.Get(base)
	row := tableRow(t, body, "U.S. Customs and Border Protection")
	contains(t, "consent row", row, "U.S. Customs and Border Protection", "Not given", base+"/consents/CTPAT")
	contains(t, "consent text", body, "takes effect at once", "<caption>Consent of Cedar Trade Inc.")

	_, body = owner.Get(base + "/consents/CTPAT")
	contains(t, "check", body, "Check before you consent", "U.S. Customs and Border Protection", "since when",
		`action="`+base+`/consents/CTPAT/grant"`, `href="`+base+`#consent"`)
	resp, _ := owner.Get(base + "/consents/NOPE")
	wantStatus(t, "unknown program", resp, http.StatusNotFound)

	ocPostForm(t, owner, base+"/consents/CTPAT/grant", nil, http.StatusSeeOther, base+"#consent")
	_, body = owner.Get(base)
	contains(t, "granted", body, "Your consent is recorded")
	row = tableRow(t, body, "U.S. Customs and Border Protection")
	contains(t, "granted row", row, "Given", `action="`+base+`/consents/CTPAT/withdraw"`)
	cs, err := inst.Office.PartnerConsents(context.Background(), co.Owner.Actor(), co.Org.ID)
	if err != nil || !plGranted(cs, "CTPAT") {
		t.Fatalf("consent not recorded: %v", err)
	}

	ocPostForm(t, owner, base+"/consents/CTPAT/withdraw", nil, http.StatusSeeOther, base+"#consent")
	_, body = owner.Get(base)
	contains(t, "withdrawn", body, "Your consent is withdrawn")
	contains(t, "withdrawn row", tableRow(t, body, "U.S. Customs and Border Protection"), "Not given")
	cs, _ = inst.Office.PartnerConsents(context.Background(), co.Owner.Actor(), co.Org.ID)
	if plGranted(cs, "CTPAT") {
		t.Fatal("consent still granted after withdrawal")
	}

	// Without a sharing arrangement between the programs, the page says
	// nothing is shared and offers no consent.
	err = inst.DB.Update(context.Background(), func(tx *store.Tx) error {
		p, err := tx.PartnerProgram("JP-AEO")
		if err != nil {
			return err
		}
		p.Sharing = false
		return tx.SavePartnerProgram(&p)
	})
	if err != nil {
		t.Fatal(err)
	}
	_, body = owner.Get(base)
	row = tableRow(t, body, "Japan Customs")
	contains(t, "no arrangement row", row, "Nothing is shared", "no information-sharing arrangement")
	lacks(t, "no arrangement row", row, "/consents/JP-AEO")
	_, body = owner.Get(base + "/consents/JP-AEO")
	contains(t, "no arrangement check", body, "no information-sharing arrangement")
	lacks(t, "no arrangement check", body, "/consents/JP-AEO/grant")
}

// A consent given before a program's arrangement was suspended stays on
// the page, with its withdraw button, until the company takes it back;
// the program is offered neither for a declaration nor for a new consent.
func TestPartnerConsentWithdrawnAfterSuspension(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	co, owner := ccCompany(t, inst, "Birch Logistics Inc.")
	base := "/app/orgs/" + co.Org.ID + "/partners"
	ocPostForm(t, owner, base+"/consents/CTPAT/grant", nil, http.StatusSeeOther, base+"#consent")
	err := inst.DB.Update(context.Background(), func(tx *store.Tx) error {
		p, err := tx.PartnerProgram("CTPAT")
		if err != nil {
			return err
		}
		p.Status = partner.Suspended
		return tx.SavePartnerProgram(&p)
	})
	if err != nil {
		t.Fatal(err)
	}
	_, body := owner.Get(base)
	contains(t, "suspended, consent given", tableRow(t, body, "U.S. Customs and Border Protection"), "Given",
		`action="`+base+`/consents/CTPAT/withdraw"`)
	lacks(t, "declarable", body, `<option value="CTPAT"`)
	resp, _ := owner.Get(base + "/consents/CTPAT")
	wantStatus(t, "consent check of a suspended program", resp, http.StatusNotFound)
	ocPostForm(t, owner, base+"/consents/CTPAT/withdraw", nil, http.StatusSeeOther, base+"#consent")
	_, body = owner.Get(base)
	contains(t, "withdrawn", body, "Your consent is withdrawn")
	lacks(t, "withdrawn", body, "U.S. Customs and Border Protection")
}

func plGranted(cs []office.ConsentView, code string) bool {
	for _, c := range cs {
		if c.Program.Code == code {
			return c.Consent.Granted
		}
	}
	return false
}

func TestPartnerAccessByCompanyAndRole(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	a, aOwner := ccCompany(t, inst, "Alder Partners Inc.")
	b, bOwner := ccCompany(t, inst, "Birch Partners Inc.")
	id := plDeclared(t, inst, a, aOwner, "CTPAT", "CT-1")

	// Another company's link ID is the 404 page, read or written, even
	// under its own organization's URL.
	for _, base := range []string{"/app/orgs/" + b.Org.ID + "/partners", "/app/orgs/" + a.Org.ID + "/partners"} {
		resp, _ := bOwner.Get(base + "/links/" + id + "/withdraw")
		wantStatus(t, "GET withdraw "+base, resp, http.StatusNotFound)
		resp, _ = bOwner.Post(base+"/links/"+id+"/withdraw", nil)
		wantStatus(t, "POST withdraw "+base, resp, http.StatusNotFound)
	}
	if ls, _ := inst.Office.PartnerLinks(context.Background(), a.Owner.Actor(), a.Org.ID); ls[0].State != partner.LinkDeclared {
		t.Fatalf("link changed by another company: %s", ls[0].State)
	}

	// A read-only member sees the page without any form, and the office
	// refuses what the page does not offer.
	join(t, inst, a, "Rita Reader", "rita@alder.test", auth.ReadOnly)
	reader := signedIn(t, inst, "rita@alder.test")
	base := "/app/orgs/" + a.Org.ID + "/partners"
	_, body := reader.Get(base)
	contains(t, "read-only page", body, "Awaiting confirmation", "Only the account owner and proxy owners")
	lacks(t, "read-only page", body, "<form method=\"post\" action=\""+base, "/withdraw\"", "Declare the membership", "Give consent")
	resp, _ := reader.Post(base+"/links", url.Values{"partner": {"JP-AEO"}, "member_ref": {"JP-9"}})
	wantStatus(t, "read-only declare", resp, http.StatusForbidden)
	resp, _ = reader.Post(base+"/consents/CTPAT/grant", nil)
	wantStatus(t, "read-only consent", resp, http.StatusForbidden)
	resp, _ = reader.Post(base+"/links/"+id+"/withdraw", nil)
	wantStatus(t, "read-only withdraw", resp, http.StatusForbidden)

	// Full access declares but cannot consent: owners decide what is shared.
	join(t, inst, a, "Fay Full", "fay@alder.test", auth.FullAccess)
	full := signedIn(t, inst, "fay@alder.test")
	_, body = full.Get(base)
	contains(t, "full access page", body, "Declare the membership")
	lacks(t, "full access page", body, "Give consent")
	resp, _ = full.Post(base+"/consents/CTPAT/grant", nil)
	wantStatus(t, "full access consent", resp, http.StatusForbidden)

	// Company users never reach the office's screens; a validator does
	// not match and sees no link to the queue.
	resp, _ = aOwner.Get("/office/partners/matching")
	wantStatus(t, "company user on the queue", resp, http.StatusForbidden)
	validator, _ := staffBrowser(t, inst, auth.Validator)
	resp, body = validator.Get("/office/partners/matching")
	wantStatus(t, "validator on the queue", resp, http.StatusForbidden)
	lacks(t, "validator navigation", body, `href="/office/partners/matching"`)
	resp, _ = validator.Post("/office/partners/matching/links/"+id+"/confirm", url.Values{"member_ref": {"CT-1"}})
	wantStatus(t, "validator confirms", resp, http.StatusForbidden)
	officer, _ := staffBrowser(t, inst, auth.Officer)
	officeExpect(t, officer, "/office", 200, `href="/office/partners/matching"`)
}

func TestPartnerPagesInFrench(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	co, owner := ccCompany(t, inst, "Érable Transport Inc.")
	plDeclared(t, inst, co, owner, "CTPAT", "CT-5")
	owner.Get("/lang/fr?back=/")
	base := "/app/orgs/" + co.Org.ID + "/partners"
	_, body := owner.Get(base)
	contains(t, "French page", body, `<html lang="fr">`, "<h1>Programmes partenaires</h1>", "En attente de confirmation",
		"Partenariat douane-commerce contre le terrorisme", "Service des douanes et de la protection des frontières des États-Unis",
		"Déclarer l&#39;adhésion", "Donner le consentement")
	lacks(t, "French page", body, "partner_web.", "Awaiting confirmation")
	_, body = owner.Get(base + "/consents/CTPAT")
	contains(t, "French check", body, "Vérifiez avant de consentir", "prend effet immédiatement")
}

func TestPartnerProgramTokenFromStaffTokensPage(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	admin, _ := staffBrowser(t, inst, auth.Administrator)
	body := officeExpect(t, admin, "/office/tokens", 200, "<h1>Program API tokens</h1>", `<select id="f-partner" name="partner"`,
		`<option value="CTPAT">`)
	expires := strings.Split(strings.Split(body, `name="expires" type="date" value="`)[1], `"`)[0]

	// The binding holds the exchange permission alone.
	form := url.Values{"name": {"CBP exchange"}, "partner": {"CTPAT"}, "scopes": {"staff"}, "expires": {expires}}
	body = ocPostForm(t, admin, "/office/tokens", form, 422, "")
	contains(t, "bound token with more", body, "<title>Error:", "can only hold the exchange permission", `<option value="CTPAT" selected>`)
	form.Del("scopes")
	body = ocPostForm(t, admin, "/office/tokens", form, 200, "")
	contains(t, "created", body, `id="secret"`, "Customs Trade Partnership Against Terrorism", "CTPAT", "consenting members&#39; standing")
	secret := strings.Split(strings.Split(body, `id="secret" type="text" class="mono" value="`)[1], `"`)[0]
	a, err := inst.Office.TokenActor(context.Background(), secret)
	if err != nil || a.Partner != "CTPAT" || len(a.Scopes) != 1 || a.Scopes[0] != auth.ScopeExchange {
		t.Fatalf("token actor = %+v, %v", a, err)
	}
	body = officeExpect(t, admin, "/office/tokens", 200, "<caption>Program API tokens</caption>")
	contains(t, "token row", tableRow(t, body, "CBP exchange"), "Customs Trade Partnership Against Terrorism", `<span class="mono">CTPAT</span>`)

	// Other staff make ordinary tokens and never see the binding.
	officer, _ := staffBrowser(t, inst, auth.Officer)
	body = officeExpect(t, officer, "/office/tokens", 200, "Program API tokens")
	lacks(t, "officer tokens page", body, `name="partner"`, "CBP exchange")
	resp, _ := officer.Post("/office/tokens", url.Values{"name": {"Sneaky"}, "partner": {"CTPAT"}, "expires": {expires}})
	wantStatus(t, "officer binds", resp, http.StatusForbidden)
	ocPostForm(t, officer, "/office/tokens", url.Values{"name": {"Queue sync"}, "scopes": {"staff"}, "expires": {expires}}, 200, "")
	body = officeExpect(t, officer, "/office/tokens", 200)
	contains(t, "officer token row", tableRow(t, body, "Queue sync"), "None", "/revoke")
}
