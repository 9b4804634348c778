package api_test

import (
	"net/http"
	"net/url"
	"testing"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/ident"
	"trustlane/internal/program"
	"trustlane/internal/store"
)

// unboundScopes are every scope but exchange:read, which only a token
// bound to a partner program may hold.
func unboundScopes() []auth.Scope {
	var out []auth.Scope
	for _, s := range auth.AllScopes() {
		if s != auth.ScopeExchange {
			out = append(out, s)
		}
	}
	return out
}

type standingWire struct {
	Standing    string `json:"standing"`
	PartnerRef  string `json:"partner_ref"`
	Memberships []struct {
		Number   string `json:"number"`
		Standing string `json:"standing"`
	} `json:"memberships"`
}

func TestExchangeWithARealPartnerToken(t *testing.T) {
	inst := start(t)
	c := inst.SignUpCompany(t, "Maple Freight", "owner@exchange.test")
	tok, _ := companyToken(t, inst, c)
	number, _ := ident.MemberNumber(4242)
	now := time.Now()
	if err := inst.Office.DB().Update(ctx, func(tx *store.Tx) error {
		return tx.SaveMembership(&program.Membership{OrgID: c.Org.ID, Sector: program.Importer, Number: number, ApplicationID: "app",
			State: program.MemberActive, ApprovedAt: now, MOUDueAt: now, ActivatedAt: now})
	}); err != nil {
		t.Fatal(err)
	}
	adminTok, _ := admin(t, inst, "admin@exchange.test", auth.ScopeStaff, auth.ScopeTokens)
	var created struct {
		Secret  string `json:"secret"`
		Partner string `json:"partner"`
	}
	do(t, inst, call{method: http.MethodPost, path: "/api/v1/tokens", token: adminTok, body: `{"name": "CBP exchange",
		"scopes": ["exchange:read"], "partner": "CTPAT", "expires_at": "` + now.Add(24*time.Hour).UTC().Format(time.RFC3339) + `"}`}).
		want(t, http.StatusCreated, &created)
	do(t, inst, call{method: http.MethodPost, path: "/api/v1/tokens", token: adminTok, body: `{"name": "unbound",
		"scopes": ["exchange:read"], "expires_at": "` + now.Add(24*time.Hour).UTC().Format(time.RFC3339) + `"}`}).problem(t, http.StatusUnprocessableEntity)
	ct := created.Secret
	byNumber := "/api/v1/exchange/members/" + url.PathEscape(number)
	byBN := "/api/v1/exchange/members?kind=bn9&value=" + c.Org.Identifiers["bn9"]
	since := "/api/v1/exchange/changes?since=" + url.QueryEscape(now.Add(-time.Hour).UTC().Format(time.RFC3339))

	// Not consenting: the same 404 as an unknown number.
	do(t, inst, call{method: http.MethodGet, path: byNumber, token: ct}).problem(t, http.StatusNotFound)
	do(t, inst, call{method: http.MethodGet, path: "/api/v1/exchange/members/PIP-0000000-0", token: ct}).problem(t, http.StatusNotFound)

	consent := "/api/v1/organizations/" + c.Org.ID + "/partner-consents/CTPAT"
	do(t, inst, call{method: http.MethodPut, path: consent, token: tok, body: `{"granted": true}`}).want(t, http.StatusNoContent, nil)
	var got standingWire
	do(t, inst, call{method: http.MethodGet, path: byNumber, token: ct}).want(t, http.StatusOK, &got)
	if got.Standing != "active" || len(got.Memberships) != 1 || got.Memberships[0].Number != number {
		t.Fatalf("standing = %+v", got)
	}
	do(t, inst, call{method: http.MethodGet, path: byBN, token: ct}).want(t, http.StatusOK, &got)
	var changes struct {
		Items     []standingWire `json:"items"`
		NextSince time.Time      `json:"next_since"`
	}
	do(t, inst, call{method: http.MethodGet, path: since, token: ct}).want(t, http.StatusOK, &changes)
	if len(changes.Items) != 1 || changes.NextSince.IsZero() {
		t.Fatalf("changes = %+v", changes)
	}
	do(t, inst, call{method: http.MethodGet, path: "/api/v1/exchange/changes?since=yesterday", token: ct}).problem(t, http.StatusUnprocessableEntity)
	// Staff without a partner binding are refused.
	do(t, inst, call{method: http.MethodGet, path: byNumber, token: adminTok}).problem(t, http.StatusForbidden)

	do(t, inst, call{method: http.MethodPut, path: consent, token: tok, body: `{"granted": false}`}).want(t, http.StatusNoContent, nil)
	do(t, inst, call{method: http.MethodGet, path: byNumber, token: ct}).problem(t, http.StatusNotFound)
	do(t, inst, call{method: http.MethodGet, path: byBN, token: ct}).problem(t, http.StatusNotFound)
	do(t, inst, call{method: http.MethodGet, path: since, token: ct}).want(t, http.StatusOK, &changes)
	if len(changes.Items) != 0 {
		t.Fatalf("changes after withdrawal = %+v", changes)
	}
}

func TestPartnerLinksOverTheAPI(t *testing.T) {
	inst := start(t)
	c := inst.SignUpCompany(t, "Maple Freight", "owner@links.test")
	other := inst.SignUpCompany(t, "Other Freight", "owner@other-links.test")
	tok, _ := companyToken(t, inst, c)
	otherTok, _ := companyToken(t, inst, other)
	path := "/api/v1/organizations/" + c.Org.ID + "/partner-links"
	var l struct {
		ID         string `json:"id"`
		State      string `json:"state"`
		Candidates []any  `json:"candidates"`
	}
	do(t, inst, call{method: http.MethodPost, path: path, token: tok, body: `{"partner": "CTPAT", "member_ref": "ct-12"}`}).
		want(t, http.StatusCreated, &l)
	if l.State != "declared" || l.Candidates != nil {
		t.Fatalf("declared = %+v; want declared, without candidates for a company", l)
	}
	do(t, inst, call{method: http.MethodPost, path: path, token: tok, body: `{"partner": "CTPAT", "member_ref": "ct-13"}`}).problem(t, http.StatusConflict)
	do(t, inst, call{method: http.MethodDelete, path: "/api/v1/organizations/" + other.Org.ID + "/partner-links/" + l.ID, token: otherTok}).
		problem(t, http.StatusNotFound)
	do(t, inst, call{method: http.MethodGet, path: path, token: otherTok}).problem(t, http.StatusNotFound)
	do(t, inst, call{method: http.MethodGet, path: "/api/v1/partner-links", token: tok}).problem(t, http.StatusForbidden)
	do(t, inst, call{method: http.MethodDelete, path: path + "/" + l.ID, token: tok}).want(t, http.StatusNoContent, nil)
}
