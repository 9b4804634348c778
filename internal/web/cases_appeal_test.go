package web_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"

	"trustlane/internal/office"
	"trustlane/internal/program"
	"trustlane/internal/server/servertest"
)

// TestCaseDenialInformalReview: a denial announced on an application asks
// the company to request the informal review before a date; the request
// goes through the decision's page and stops the denial meanwhile.
func TestCaseDenialInformalReview(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	ctx := context.Background()
	team := ccStaffTeam(t, inst)
	co, b := ccCompany(t, inst, "Birch Logistics Inc.")
	app := ccSubmitted(t, inst, co)
	caseURL := "/app/orgs/" + co.Org.ID + "/applications/" + app.ID
	ccMust(t, "start review", inst.Office.StartReview(ctx, team.Officer, app.ID))
	dec, err := inst.Office.ProposeDenial(ctx, team.Officer, app.ID, office.DecisionInput{Reasons: []string{"DN-MSR"},
		Narrative: "Cargo is left unattended in an open yard."})
	ccMust(t, "propose denial", err)
	appealURL := "/app/orgs/" + co.Org.ID + "/decisions/" + dec.ID + "/appeal"

	resp, body := b.Get(caseURL)
	ccExpect(t, "denial proposed", resp, body, 200, "", `tag--red">Denial announced</strong>`, "Notice of intent to deny your application",
		"Minimum security requirements not met <span class=\"mono\">(DN-MSR)</span>", "Cargo is left unattended in an open yard.",
		"Ask for an informal review by", `href="`+appealURL+`"`)
	contains(t, "denial banner", ccBanner(t, body), "Ask for an informal review if you disagree",
		"before "+ccDate(inst, dec.AppealDeadline)+" (in 30 days)", `href="`+appealURL+`"`)

	resp, body = b.Get(appealURL)
	ccExpect(t, "review page", resp, body, 200, "", "<h1>Ask for an informal review</h1>", `name="grounds"`,
		"The denial does not take effect while the review is under way.")
	resp, body = b.Post(appealURL, url.Values{"grounds": {"We disagree."}})
	ccExpect(t, "short grounds", resp, body, http.StatusUnprocessableEntity, "", "<title>Error:", `href="#f-grounds"`,
		"at least 20 characters", "We disagree.")
	grounds := "The yard has been fenced and a guard hired since the visit."
	resp, body = b.Post(appealURL, url.Values{"grounds": {grounds}})
	ccExpect(t, "review requested", resp, body, http.StatusSeeOther, caseURL+"#appeals")

	_, body = b.Get(caseURL)
	contains(t, "review under way", body, "Your request for an informal review is sent.", "Informal review of the notice of intent to deny",
		grounds, "Waiting for a reviewer", "Informal review requested")
	contains(t, "review banner", ccBanner(t, body), "Nothing to do: your informal review is under way")
	lacks(t, "review under way", body, `href="`+appealURL+`"`)
	if v := ccApp(t, inst, team.Officer, app.ID); !v.App.ReviewRequested || len(v.Appeals) != 1 {
		t.Errorf("review not recorded: %+v", v.App)
	}
	// A second request is refused on the page, and changes nothing.
	resp, body = b.Get(appealURL)
	ccExpect(t, "review page after", resp, body, 200, "", "Your appeal", grounds)
	lacks(t, "review page after", body, `name="grounds"`)
}

// TestCaseSuspensionAppealAndOutcome: a suspended member answers its
// corrective action and appeals on the membership's pages; the outcome of
// the appeal shows on the membership, which is active again.
func TestCaseSuspensionAppealAndOutcome(t *testing.T) {
	inst := servertest.Start(t, servertest.Options{})
	ctx := context.Background()
	team := ccStaffTeam(t, inst)
	co, b := ccCompany(t, inst, "Cedar Carriers Ltd.")
	_, m := ccActive(t, inst, team, co)
	dec := ccSuspend(t, inst, team, m)
	memberURL := "/app/orgs/" + co.Org.ID + "/memberships/" + m.ID
	appealURL := "/app/orgs/" + co.Org.ID + "/decisions/" + dec.ID + "/appeal"

	resp, body := b.Get(memberURL)
	ccExpect(t, "suspended", resp, body, 200, "", `tag--red">Suspended</strong>`, "Suspension of your membership",
		"Repair the perimeter fence", "Appeal by", `href="`+appealURL+`">Appeal</a>`)
	contains(t, "suspended banner", ccBanner(t, body), "Carry out the corrective actions", ccDate(inst, ccMember(t, inst,
		co.Owner.Actor(), co.Org.ID, m.ID).Membership.RemedyDueAt))
	plan := ccMember(t, inst, co.Owner.Actor(), co.Org.ID, m.ID).Plans[0]
	action := memberURL + "/plans/" + plan.ID + "/actions/A1"
	resp, body = b.Post(action, url.Values{"response": {"The fence was repaired by a contractor."}})
	ccExpect(t, "response", resp, body, http.StatusSeeOther, memberURL+"#plans")

	resp, body = b.Get(appealURL)
	ccExpect(t, "appeal page", resp, body, 200, "", "<h1>Appeal the decision</h1>", "Suspension of your membership",
		"The decision stays in effect while the appeal is decided.", m.Number)
	grounds := "The fence was damaged by a storm the night before the visit."
	resp, body = b.Post(appealURL, url.Values{"grounds": {grounds}})
	ccExpect(t, "appeal", resp, body, http.StatusSeeOther, memberURL+"#appeals")
	_, body = b.Get(memberURL)
	contains(t, "appealed", body, "Your appeal is filed.", "Appeal of the decision: Suspension of your membership", grounds,
		"Waiting for a reviewer", "The fence was repaired by a contractor.")
	contains(t, "appealed banner", ccBanner(t, body), "Nothing to do: your appeal is under way")

	ap := ccMember(t, inst, co.Owner.Actor(), co.Org.ID, m.ID).Appeals[0]
	ccMust(t, "decide appeal", inst.Office.DecideAppeal(ctx, team.Reviewer, ap.ID, true, office.DecisionInput{
		Reasons: []string{"AP-FACTS"}, Narrative: "The storm damage is documented."}))
	_, body = b.Get(memberURL)
	contains(t, "overturned", body, `tag--green">Active</strong>`, `tag--green">Decision reversed</strong>`,
		"The storm damage is documented.", "Outcome of your appeal: the decision is reversed", "Membership restored on appeal")
	if got := ccMember(t, inst, co.Owner.Actor(), co.Org.ID, m.ID).Membership.State; got != program.MemberActive {
		t.Errorf("membership %s after the appeal", got)
	}
}
