package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"trustlane/internal/auth"
	"trustlane/internal/ident"
	"trustlane/internal/office"
	"trustlane/internal/partner"
	"trustlane/internal/program"
	"trustlane/internal/server/servertest"
	"trustlane/internal/store"
)

// TestRecognitionAndBorder follows mutual recognition to the border, each
// person in a browser of their own: the company declares its C-TPAT
// membership and consents to share its standing with C-TPAT (checking its
// answer first); an officer confirms the proposed partner record from the
// matching queue; then, once the company is an active member, the officer
// looks it up at the border by its C-TPAT number and sees both programs.
func TestRecognitionAndBorder(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	ctx := context.Background()
	root := browser(t)

	co := inst.SignUpCompany(t, "Maple Freight Inc.", "owner@maple.example")
	mk := func(role auth.Role, name, email string) (auth.User, string) {
		t.Helper()
		u, err := inst.Office.CreateStaff(ctx, auth.System, office.StaffInput{Name: name, Email: email,
			Password: servertest.Password, Role: role, Lang: "en"})
		if err != nil {
			t.Fatal(err)
		}
		secret := totpSecret(string(role))
		if err := inst.Office.EnrolTOTPForDemo(ctx, u.ID, secret); err != nil {
			t.Fatal(err)
		}
		return u, secret
	}
	mgr, _ := mk(auth.Manager, "Maya Manager", "maya@office.example")
	_, officerSecret := mk(auth.Officer, "Olivia Officer", "olivia@office.example")
	importer := mgr.Actor()
	importer.MFA = true
	list := "ref,legal_name,status,sectors\nCT-501,MAPLE FREIGHT INC,Certified,Highway Carrier\nCT-502,Lone Star Carriers LLC,Certified,Highway Carrier\n"
	if _, err := inst.Office.ImportPartnerMembers(ctx, importer, "CTPAT", "ctpat.csv", []byte(list), partner.ModeFull); err != nil {
		t.Fatal(err)
	}

	owner := newPerson(t, root, "Owner", co.Owner.Email, "")
	owner.signIn(t, inst)
	base := inst.URL + "/app/orgs/" + co.Org.ID + "/partners"
	step(t, owner.ctx, "owner: declare the C-TPAT membership",
		chromedp.Navigate(base),
		chromedp.SetValue(chromedp.CSS(`#f-partner`), "CTPAT"),
		chromedp.SendKeys(chromedp.CSS(`#f-member-ref`), "ct 501"))
	load(t, owner.ctx, "owner: send the declaration", chromedp.Click(chromedp.CSS(`form[action$="/partners/links"] button[type=submit]`)))
	expectText(t, owner.ctx, "after declaring", "main", "ct 501", "Awaiting confirmation")
	checkAccessible(t, owner.ctx, "the company's partner programs")
	load(t, owner.ctx, "owner: give consent to C-TPAT", chromedp.Click(chromedp.CSS(`a[href$="/partners/consents/CTPAT"]`)))
	expectText(t, owner.ctx, "the check page", "main", "Customs Trade Partnership Against Terrorism")
	checkAccessible(t, owner.ctx, "the consent check")
	load(t, owner.ctx, "owner: confirm consent", chromedp.Click(chromedp.CSS(`form[action$="/consents/CTPAT/grant"] button[type=submit]`)))
	if n := read(t, owner.ctx, chromedp.Evaluate[int](`document.querySelectorAll('form[action$="/consents/CTPAT/withdraw"]').length`)); n != 1 {
		t.Fatalf("after consenting, %d withdrawal forms for C-TPAT", n)
	}

	officer := newPerson(t, root, "Officer", "olivia@office.example", officerSecret)
	officer.signIn(t, inst)
	load(t, officer.ctx, "officer: open the matching queue", chromedp.Navigate(inst.URL+"/office/partners/matching"))
	expectText(t, officer.ctx, "the queue", "main", "Maple Freight Inc.", "CTPAT")
	load(t, officer.ctx, "officer: open the declaration", chromedp.Click(chromedp.CSS(`a[href*="/office/partners/matching/links/"]`)))
	expectText(t, officer.ctx, "the candidates", "main", "CT-501")
	checkAccessible(t, officer.ctx, "the declaration and its candidates")
	step(t, officer.ctx, "officer: choose CT-501", chromedp.Click(chromedp.CSS(`input[name=member_ref][value="CT-501"]`)))
	load(t, officer.ctx, "officer: confirm", chromedp.Click(chromedp.CSS(`form[action$="/confirm"] button[type=submit]`)))
	load(t, owner.ctx, "owner: reload", chromedp.Navigate(base))
	expectText(t, owner.ctx, "after confirmation", "main", "Confirmed")

	// The company becomes an active member (its casework is TestCasePath's).
	number, _ := ident.MemberNumber(8181)
	now := time.Now()
	if err := inst.Office.DB().Update(ctx, func(tx *store.Tx) error {
		tx.Changed(store.Change{Kind: "membership", ID: number, OrgID: co.Org.ID})
		return tx.SaveMembership(&program.Membership{OrgID: co.Org.ID, Sector: program.HighwayCarrier, Number: number,
			ApplicationID: "app", State: program.MemberActive, ApprovedAt: now, MOUDueAt: now, ActivatedAt: now})
	}); err != nil {
		t.Fatal(err)
	}
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		if b, _ := inst.Server.Border.Index().Load().Lookup("member", number); strings.Contains(string(b), `"standing":"active"`) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the border index never showed the membership")
		}
	}
	step(t, officer.ctx, "officer: look up the C-TPAT number at the border",
		chromedp.Navigate(inst.URL+"/office/border"),
		chromedp.SetValue(chromedp.CSS(`#f-kind`), "partner:CTPAT"),
		chromedp.SendKeys(chromedp.CSS(`#f-value`), "CT-501"))
	load(t, officer.ctx, "officer: ask", chromedp.Click(chromedp.CSS(`form[action="/office/border"] button[type=submit]`)))
	expectText(t, officer.ctx, "the standing", "main", "Maple Freight Inc.", "Active", number, "C-TPAT")
	checkAccessible(t, officer.ctx, "the border standing")
	load(t, officer.ctx, "officer: open the screening form", chromedp.Navigate(inst.URL+"/office/border/screen"))
	checkAccessible(t, officer.ctx, "the screening form")
}
