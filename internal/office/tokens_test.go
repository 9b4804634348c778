package office_test

import (
	"slices"
	"testing"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/office"
	"trustlane/internal/store"
)

var companyScopes = []auth.Scope{auth.ScopeOrgRead, auth.ScopeOrgWrite, auth.ScopeMembersRead, auth.ScopeMembersWrite, auth.ScopeTokens}

func TestTokenScopesLimitTheOwner(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		for _, scope := range companyScopes {
			for _, op := range companyOps {
				t.Run(string(scope)+"/"+op.name, func(t *testing.T) {
					c := e.company(t)
					a := c.owner.Actor()
					a.TokenID, a.OrgID, a.Scopes = "tok", c.org.ID, []auth.Scope{scope}
					var want errs.Code
					if auth.ScopeOf(op.action) != scope {
						want = errs.Forbidden
					}
					before := e.snapshot(t, c.org.ID)
					wantCode(t, op.run(e, c, a), want, op.name+" with "+string(scope))
					before.check(t, e, c.org.ID, a, op.event, want == "")
				})
			}
		}
		e.auditCount(t)
	})
}

func TestCompanyTokenSeesOnlyItsOrganization(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		c := e.company(t)
		other, _, _ := e.signUp(t)
		e.update(t, func(tx *store.Tx) error { return tx.AddMember(other.ID, c.owner.ID, auth.FullAccess) })
		if _, _, err := e.off.Org(ctx, c.owner.Actor(), other.ID); err != nil {
			t.Fatalf("premise: the owner's session sees the other organization: %v", err)
		}
		in := office.TokenInput{Name: "ERP", Scopes: []auth.Scope{auth.ScopeOrgRead, auth.ScopeMembersRead},
			Expires: e.clock.Now().Add(48 * time.Hour)}
		tok, secret, err := e.off.CreateToken(ctx, c.owner.Actor(), c.org.ID, in)
		if err != nil {
			t.Fatal(err)
		}
		a, err := e.off.TokenActor(ctx, secret)
		if err != nil || a.UserID != c.owner.ID || a.OrgID != c.org.ID || a.TokenID != tok.ID ||
			!slices.Equal(a.Scopes, slices.Sorted(slices.Values(in.Scopes))) || a.MFA {
			t.Fatalf("token actor = %+v, %v", a, err)
		}
		_, _, err = e.off.Org(ctx, a, c.org.ID)
		wantCode(t, err, "", "read its organization")
		_, _, err = e.off.Org(ctx, a, other.ID)
		wantCode(t, err, errs.NotFound, "read another organization of its creator")
		_, err = e.off.Members(ctx, a, other.ID)
		wantCode(t, err, errs.NotFound, "list another organization's members")
		_, err = e.off.UpdateOrg(ctx, a, c.org.ID, c.in)
		wantCode(t, err, errs.Forbidden, "edit without org:write")
		if mine, err := e.off.MyOrgs(ctx, a); err != nil || len(mine) != 1 || mine[0].Org.ID != c.org.ID {
			t.Fatalf("MyOrgs with a token = %+v, %v", mine, err)
		}
		// A token cannot mint a broader one.
		_, _, err = e.off.CreateToken(ctx, a, c.org.ID, in)
		wantCode(t, err, errs.Forbidden, "create a token without tokens:write")
		a.Scopes = []auth.Scope{auth.ScopeTokens}
		in.Scopes = []auth.Scope{auth.ScopeOrgWrite}
		_, _, err = e.off.CreateToken(ctx, a, c.org.ID, in)
		wantCode(t, err, errs.Forbidden, "create a token broader than its creator")

		wantCode(t, e.off.RevokeToken(ctx, c.owner.Actor(), other.ID, tok.ID), errs.NotFound, "revoke through another organization")
		wantCode(t, e.off.RevokeToken(ctx, c.owner.Actor(), c.org.ID, tok.ID), "", "revoke")
		_, err = e.off.TokenActor(ctx, secret)
		wantCode(t, err, errs.Unauthorized, "use a revoked token")
		_, err = e.off.TokenActor(ctx, "tla_unknown")
		wantCode(t, err, errs.Unauthorized, "use an unknown token")
	})
}

func TestTokenEndsWithExpiryAndWithItsCreatorsMembership(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		c := e.company(t)
		in := office.TokenInput{Name: "ERP", Scopes: []auth.Scope{auth.ScopeOrgRead}, Expires: e.clock.Now().Add(time.Hour)}
		_, s1, err := e.off.CreateToken(ctx, c.full.Actor(), c.org.ID, in)
		if err != nil {
			t.Fatal(err)
		}
		_, s2, err := e.off.CreateToken(ctx, c.full.Actor(), c.org.ID, office.TokenInput{Name: "BI", Scopes: in.Scopes,
			Expires: e.clock.Now().Add(24 * time.Hour)})
		if err != nil {
			t.Fatal(err)
		}
		e.clock.Advance(time.Hour)
		_, err = e.off.TokenActor(ctx, s1)
		wantCode(t, err, errs.Unauthorized, "use an expired token")
		_, err = e.off.TokenActor(ctx, s2)
		wantCode(t, err, "", "use a live token")
		wantCode(t, e.off.RemoveMember(ctx, c.owner.Actor(), c.org.ID, c.full.ID), "", "remove the token's creator")
		_, err = e.off.TokenActor(ctx, s2)
		wantCode(t, err, errs.Unauthorized, "use a token of a removed member")
	})
}

func TestTokenInputIsValidated(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		c := e.company(t)
		now := e.clock.Now()
		for _, tt := range []struct {
			name  string
			in    office.TokenInput
			field string
		}{
			{"no name", office.TokenInput{Name: " ", Scopes: companyScopes, Expires: now.Add(time.Hour)}, "name"},
			{"no scopes", office.TokenInput{Name: "x", Expires: now.Add(time.Hour)}, "scopes"},
			{"staff scope", office.TokenInput{Name: "x", Scopes: []auth.Scope{auth.ScopeStaff}, Expires: now.Add(time.Hour)}, "scopes"},
			{"unknown scope", office.TokenInput{Name: "x", Scopes: []auth.Scope{"root"}, Expires: now.Add(time.Hour)}, "scopes"},
			{"already expired", office.TokenInput{Name: "x", Scopes: companyScopes, Expires: now}, "expires"},
			{"beyond the limit", office.TokenInput{Name: "x", Scopes: companyScopes, Expires: now.Add(auth.MaxTokenLifetime + time.Second)}, "expires"},
		} {
			_, _, err := e.off.CreateToken(ctx, c.owner.Actor(), c.org.ID, tt.in)
			if e, ok := errs.As(err); !ok || e.Code != errs.Invalid || len(e.Fields) != 1 || e.Fields[0].Field != tt.field {
				t.Errorf("%s: error %v, want a field error on %s", tt.name, err, tt.field)
			}
		}
	})
}

func TestStaffTokensNeedNoSecondFactorButTheirScopes(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		c := e.company(t)
		admin := e.staff(t, auth.Administrator)
		in := office.TokenInput{Name: "border", Scopes: []auth.Scope{auth.ScopeStaff, auth.ScopeOrgRead}, Expires: e.clock.Now().Add(time.Hour)}
		_, secret, err := e.off.CreateToken(ctx, admin, "", in)
		if err != nil {
			t.Fatal(err)
		}
		a, err := e.off.TokenActor(ctx, secret)
		if err != nil || a.Staff != auth.Administrator || a.MFA || a.OrgID != "" {
			t.Fatalf("staff token actor = %+v, %v", a, err)
		}
		_, err = e.off.SearchOrgs(ctx, a, store.OrgQuery{})
		wantCode(t, err, "", "search with a staff token")
		_, _, err = e.off.Org(ctx, a, c.org.ID)
		wantCode(t, err, "", "read an organization with org:read")
		_, err = e.off.Members(ctx, a, c.org.ID)
		wantCode(t, err, errs.Forbidden, "list members without members:read")
		a.Scopes = []auth.Scope{auth.ScopeOrgRead}
		_, err = e.off.SearchOrgs(ctx, a, store.OrgQuery{})
		wantCode(t, err, errs.Forbidden, "search without the staff scope")
	})
}
