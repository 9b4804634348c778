package api_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"trustlane/internal/auth"
)

// orgWire reads an organization body.
type orgWire struct {
	ID            string            `json:"id"`
	LegalName     string            `json:"legal_name"`
	OperatingName string            `json:"operating_name"`
	Category      string            `json:"category"`
	Phone         string            `json:"phone"`
	Website       string            `json:"website"`
	Lang          string            `json:"lang"`
	Role          string            `json:"role"`
	Address       map[string]string `json:"address"`
	Sectors       []string          `json:"sectors"`
	Identifiers   map[string]string `json:"identifiers"`
	CreatedAt     time.Time         `json:"created_at"`
	UpdatedAt     time.Time         `json:"updated_at"`
}

func TestUpdateOrganizationThenReadIt(t *testing.T) {
	inst := start(t)
	c := inst.SignUpCompany(t, "Maple Freight", "owner@maple.test")
	tok, _ := companyToken(t, inst, c)
	path := "/api/v1/organizations/" + c.Org.ID
	body := `{
		"legal_name": "Maple Freight  Inc.", "operating_name": "Maple", "category": "member", "lang": "fr",
		"address": {"line1": "100 Rue Wellington", "city": "Montréal", "region": "qc", "postal_code": "h3c1k5", "country": "CA"},
		"phone": "+1 514 555 0100", "website": "https://maple.example",
		"sectors": ["importer", "highway_carrier"],
		"identifiers": {"bn15": "123026635rm0001", "cbsa_carrier": "` + c.Org.Identifiers["cbsa_carrier"] + `"}
	}`
	var put orgWire
	do(t, inst, call{method: http.MethodPut, path: path, token: tok, body: body}).want(t, http.StatusOK, &put)
	var got orgWire
	r := do(t, inst, call{method: http.MethodGet, path: path, token: tok})
	r.want(t, http.StatusOK, &got)
	// What was put is what is read, in canonical form.
	if got.LegalName != "Maple Freight Inc." || got.Lang != "fr" || got.OperatingName != "Maple" || got.Role != "account_owner" {
		t.Errorf("read back %+v", got)
	}
	if got.Address["region"] != "QC" || got.Address["postal_code"] != "H3C 1K5" || got.Address["city"] != "Montréal" {
		t.Errorf("address %v", got.Address)
	}
	if !slices.Equal(got.Sectors, []string{"importer", "highway_carrier"}) {
		t.Errorf("sectors %v", got.Sectors)
	}
	// The program account names its business number, which is derived.
	if got.Identifiers["bn15"] != "123026635RM0001" || got.Identifiers["bn9"] != "123026635" {
		t.Errorf("identifiers %v", got.Identifiers)
	}
	if put.UpdatedAt != got.UpdatedAt || !got.UpdatedAt.After(got.CreatedAt) || got.UpdatedAt.Location() != time.UTC {
		t.Errorf("times: put %v, got %v, created %v", put.UpdatedAt, got.UpdatedAt, got.CreatedAt)
	}
	if !strings.Contains(string(r.body), `"updated_at":"`+got.UpdatedAt.Format(time.RFC3339Nano)+`"`) ||
		!strings.HasSuffix(got.UpdatedAt.Format(time.RFC3339Nano), "Z") {
		t.Errorf("time not RFC 3339 UTC: %s", r.body)
	}
	// PUT replaces: a second PUT without the optional fields clears them.
	var replaced orgWire
	do(t, inst, call{method: http.MethodPut, path: path, token: tok, body: with(orgBody(c), "identifiers",
		map[string]string{"bn9": "123026635", "cbsa_carrier": c.Org.Identifiers["cbsa_carrier"]})}).want(t, http.StatusOK, &replaced)
	if replaced.OperatingName != "" || replaced.Phone != "" || replaced.Website != "" || replaced.Lang != "en" ||
		len(replaced.Sectors) != 1 || replaced.Identifiers["bn15"] != "" {
		t.Errorf("after replacement %+v", replaced)
	}
	// The change is in the audit trail, with the token that made it.
	var evs struct {
		Items []struct {
			ID     int64  `json:"id"`
			Action string `json:"action"`
			Actor  string `json:"actor"`
		} `json:"items"`
		NextBefore int64 `json:"next_before"`
	}
	do(t, inst, call{method: http.MethodGet, path: path + "/events?limit=1", token: tok}).want(t, http.StatusOK, &evs)
	if len(evs.Items) != 1 || evs.Items[0].Action != "organization.updated" || !strings.Contains(evs.Items[0].Actor, "token") ||
		evs.NextBefore != evs.Items[0].ID {
		t.Fatalf("newest event %+v", evs)
	}
	first := evs.Items[0].ID
	do(t, inst, call{method: http.MethodGet, path: fmt.Sprintf("%s/events?limit=1&before=%d", path, first), token: tok}).want(t, http.StatusOK, &evs)
	if len(evs.Items) != 1 || evs.Items[0].ID >= first || evs.Items[0].Action != "organization.updated" {
		t.Errorf("second page %+v", evs)
	}
}

func TestInvitations(t *testing.T) {
	inst := start(t)
	c := inst.SignUpCompany(t, "Invite Freight", "owner@invite.test")
	tok, _ := companyToken(t, inst, c)
	base := "/api/v1/organizations/" + c.Org.ID + "/invitations"
	r := do(t, inst, call{method: http.MethodPost, path: base, token: tok, body: `{"email":"Newcomer@Invite.test","role":"read_only"}`})
	var inv struct {
		ID    string `json:"id"`
		Email string `json:"email"`
		Role  string `json:"role"`
		State string `json:"state"`
	}
	r.want(t, http.StatusCreated, &inv)
	if inv.Email != "newcomer@invite.test" || inv.Role != "read_only" || inv.State != "pending" {
		t.Errorf("created %+v", inv)
	}
	loc := r.Header.Get("Location")
	if loc != base+"/"+inv.ID {
		t.Errorf("Location = %q", loc)
	}
	mail := inst.Mail.Wait(t, "newcomer@invite.test", "Invite Freight")
	if !strings.Contains(mail.Link(), "/invitations/") {
		t.Errorf("mail has no link: %s", mail.Text)
	}
	do(t, inst, call{method: http.MethodGet, path: loc, token: tok}).want(t, http.StatusOK, &inv)
	if inv.State != "pending" {
		t.Errorf("read back %+v", inv)
	}
	do(t, inst, call{method: http.MethodDelete, path: loc, token: tok}).want(t, http.StatusNoContent, nil)
	var all struct{ Items []struct{ ID, State string } }
	do(t, inst, call{method: http.MethodGet, path: base, token: tok}).want(t, http.StatusOK, &all)
	if len(all.Items) != 1 || all.Items[0].State != "revoked" {
		t.Errorf("list %+v", all)
	}
	// Withdrawing twice conflicts with the state; inviting a member is invalid.
	do(t, inst, call{method: http.MethodDelete, path: loc, token: tok}).problem(t, http.StatusConflict)
	p := do(t, inst, call{method: http.MethodPost, path: base, token: tok, body: `{"email":"owner@invite.test","role":"read_only"}`}).
		problem(t, http.StatusUnprocessableEntity)
	if !p.hasField("body.email", "error.already_member") {
		t.Errorf("inviting a member: %+v", p)
	}
}

type memberWire struct {
	UserID string `json:"user_id"`
	Email  string `json:"email"`
	Role   string `json:"role"`
}

func TestRolesAndOwnership(t *testing.T) {
	inst := start(t)
	c := inst.SignUpCompany(t, "Role Freight", "owner@role.test")
	tok, _ := companyToken(t, inst, c)
	clerk := addMember(t, inst, c, "clerk@role.test", auth.ReadOnly)
	base := "/api/v1/organizations/" + c.Org.ID
	roles := func() map[string]string {
		var l struct{ Items []memberWire }
		do(t, inst, call{method: http.MethodGet, path: base + "/members", token: tok}).want(t, http.StatusOK, &l)
		out := map[string]string{}
		for _, m := range l.Items {
			out[m.Email] = m.Role
		}
		return out
	}
	do(t, inst, call{method: http.MethodPut, path: base + "/members/" + clerk.ID, token: tok, body: `{"role":"full_access"}`}).
		want(t, http.StatusNoContent, nil)
	if got := roles(); got["clerk@role.test"] != "full_access" || got["owner@role.test"] != "account_owner" {
		t.Errorf("after role change %v", got)
	}
	// The owner's role changes only by a transfer.
	do(t, inst, call{method: http.MethodPut, path: base + "/members/" + c.Owner.ID, token: tok, body: `{"role":"read_only"}`}).
		problem(t, http.StatusConflict)
	do(t, inst, call{method: http.MethodPost, path: base + "/ownership-transfer", token: tok,
		body: `{"to_user_id":"` + clerk.ID + `","former_owner_role":"proxy_owner"}`}).want(t, http.StatusNoContent, nil)
	if got := roles(); got["clerk@role.test"] != "account_owner" || got["owner@role.test"] != "proxy_owner" {
		t.Errorf("after transfer %v", got)
	}
	// A transfer to someone who is not a member names the field.
	p := do(t, inst, call{method: http.MethodPost, path: base + "/ownership-transfer", token: tok, body: `{"to_user_id":"nobody"}`}).
		problem(t, http.StatusUnprocessableEntity)
	if !p.hasField("body.to_user_id", "error.transfer_target") {
		t.Errorf("transfer to nobody: %+v", p)
	}
	// The former owner, now proxy, removes nobody above them; the new owner
	// removes the proxy.
	do(t, inst, call{method: http.MethodDelete, path: base + "/members/" + clerk.ID, token: tok}).problem(t, http.StatusConflict)
	ownerTok, _ := tokenFor(t, inst, clerk.Actor(), c.Org.ID, auth.ScopeMembersRead, auth.ScopeMembersWrite)
	do(t, inst, call{method: http.MethodDelete, path: base + "/members/" + c.Owner.ID, token: ownerTok}).want(t, http.StatusNoContent, nil)
	// The removed person's token stops working with their membership.
	do(t, inst, call{method: http.MethodGet, path: "/api/v1/me", token: tok}).problem(t, http.StatusUnauthorized)
}

func TestTokenLifecycle(t *testing.T) {
	inst := start(t)
	c := inst.SignUpCompany(t, "Token Freight", "owner@token.test")
	tok, _ := companyToken(t, inst, c)
	base := "/api/v1/organizations/" + c.Org.ID + "/tokens"
	expires := time.Now().Add(90 * 24 * time.Hour).UTC().Truncate(time.Second)
	r := do(t, inst, call{method: http.MethodPost, path: base, token: tok,
		body: `{"name":"ERP export","scopes":["org:read","members:read"],"expires_at":"` + expires.Format(time.RFC3339) + `"}`})
	var created struct {
		ID        string    `json:"id"`
		Secret    string    `json:"secret"`
		Scopes    []string  `json:"scopes"`
		ExpiresAt time.Time `json:"expires_at"`
		OrgID     string    `json:"org_id"`
	}
	r.want(t, http.StatusCreated, &created)
	if !strings.HasPrefix(created.Secret, "tla_") || !created.ExpiresAt.Equal(expires) || created.OrgID != c.Org.ID ||
		!slices.Equal(created.Scopes, []string{"members:read", "org:read"}) {
		t.Errorf("created %+v", created)
	}
	if r.Header.Get("Location") != base+"/"+created.ID {
		t.Errorf("Location = %q", r.Header.Get("Location"))
	}
	// The secret works as a bearer token, with its scopes only.
	var me struct {
		TokenID string   `json:"token_id"`
		OrgID   string   `json:"org_id"`
		Email   string   `json:"email"`
		Scopes  []string `json:"scopes"`
	}
	do(t, inst, call{method: http.MethodGet, path: "/api/v1/me", token: created.Secret}).want(t, http.StatusOK, &me)
	if me.TokenID != created.ID || me.OrgID != c.Org.ID || me.Email != "owner@token.test" || len(me.Scopes) != 2 {
		t.Errorf("me %+v", me)
	}
	do(t, inst, call{method: http.MethodGet, path: "/api/v1/organizations/" + c.Org.ID + "/members", token: created.Secret}).
		want(t, http.StatusOK, nil)
	do(t, inst, call{method: http.MethodPut, path: "/api/v1/organizations/" + c.Org.ID, token: created.Secret, body: with(orgBody(c), "phone", "")}).
		problem(t, http.StatusForbidden)
	// No listing or reading ever shows a secret.
	for _, path := range []string{base, base + "/" + created.ID} {
		r := do(t, inst, call{method: http.MethodGet, path: path, token: tok})
		r.want(t, http.StatusOK, nil)
		if strings.Contains(string(r.body), created.Secret) || strings.Contains(string(r.body), `"secret"`) ||
			strings.Contains(string(r.body), "hash") {
			t.Errorf("%s shows a secret: %s", path, r.body)
		}
		if !strings.Contains(string(r.body), "last_used_at") {
			t.Errorf("%s: use of the token not recorded: %s", path, r.body)
		}
	}
	do(t, inst, call{method: http.MethodDelete, path: base + "/" + created.ID, token: tok}).want(t, http.StatusNoContent, nil)
	do(t, inst, call{method: http.MethodGet, path: "/api/v1/me", token: created.Secret}).problem(t, http.StatusUnauthorized)
	var got struct {
		RevokedAt time.Time `json:"revoked_at"`
	}
	do(t, inst, call{method: http.MethodGet, path: base + "/" + created.ID, token: tok}).want(t, http.StatusOK, &got)
	if got.RevokedAt.IsZero() {
		t.Error("revoked token shows no revoked_at")
	}
	// A token never grants more than the token that makes it.
	narrow, _ := companyToken(t, inst, c, auth.ScopeTokens)
	do(t, inst, call{method: http.MethodPost, path: base, token: narrow,
		body: `{"name":"wider","scopes":["org:write"],"expires_at":"` + expires.Format(time.RFC3339) + `"}`}).problem(t, http.StatusForbidden)
}
