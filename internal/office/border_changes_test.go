package office_test

import (
	"slices"
	"testing"

	"trustlane/internal/auth"
	"trustlane/internal/partner"
	"trustlane/internal/store"
)

// The border index follows the store through change notices: a new
// organization (whose identifiers may claim a partner's member record) and
// a partner program's new status (which decides whether its members count)
// must each send one.
func TestBorderRelevantWritesSendChangeNotices(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		seen := e.changes()
		org, owner, _ := e.signUp(t)
		if !slices.Contains(seen(), store.Change{Kind: "organization", ID: org.ID, OrgID: org.ID}) {
			t.Fatalf("sign-up sent %+v", seen())
		}
		in := signUpInput().Org
		other, err := e.off.RegisterOrganization(ctx, owner.Actor(), in)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(seen(), store.Change{Kind: "organization", ID: other.ID, OrgID: other.ID}) {
			t.Fatalf("registration sent %+v", seen())
		}
		admin := e.staff(t, auth.Administrator)
		p, err := e.off.PartnerProgram(ctx, admin, "CTPAT")
		if err != nil {
			t.Fatal(err)
		}
		p.Status = partner.Ended
		if _, err := e.off.SavePartnerProgram(ctx, admin, p, false); err != nil {
			t.Fatal(err)
		}
		if !slices.Contains(seen(), store.Change{Kind: "partner_program", ID: "CTPAT"}) {
			t.Fatalf("saving a partner program sent %+v", seen())
		}
	})
}

// An approval creates the membership and its number, which the border must
// know at once (with no standing until the memorandum is signed).
func TestApprovalAnnouncesTheNewMembership(t *testing.T) {
	eachCase(t, func(t *testing.T, c *caseEnv) {
		f := c.newFirm(t)
		seen := c.changes()
		app, _ := c.approved(t, f)
		if !slices.Contains(seen(), store.Change{Kind: "membership", ID: app.MembershipID, OrgID: app.OrgID}) {
			t.Fatalf("the approval sent %+v, without the new membership", seen())
		}
	})
}
