package program_test

import (
	"strings"
	"testing"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/program"
)

func TestPlanTransfer(t *testing.T) {
	members := []program.Member{
		{UserID: "owner", Role: auth.AccountOwner},
		{UserID: "proxy", Role: auth.ProxyOwner},
		{UserID: "full", Role: auth.FullAccess},
		{UserID: "ro", Role: auth.ReadOnly},
		{UserID: "gone", Role: auth.FullAccess, Disabled: true},
	}
	ownerless := members[1:] // the owner left and was removed from the list
	denied := outcome{errs.Forbidden, "error.forbidden"}
	badFormer := outcome{errs.Invalid, "former_owner_role error.choose_option"}
	badTarget := outcome{errs.Invalid, "user_id error.transfer_target"}
	tests := []struct {
		name     string
		members  []program.Member
		by       auth.Role
		to       auth.Role
		toUserID string
		want     outcome
		plan     program.Transfer
	}{
		{"owner to full access, default role", members, auth.AccountOwner, "", "full", pass,
			program.Transfer{From: "owner", To: "full", FormerOwnerRole: auth.FullAccess}},
		{"owner to read-only, keeps proxy", members, auth.AccountOwner, auth.ProxyOwner, "ro", pass,
			program.Transfer{From: "owner", To: "ro", FormerOwnerRole: auth.ProxyOwner}},
		{"owner keeps read-only", members, auth.AccountOwner, auth.ReadOnly, "proxy", pass,
			program.Transfer{From: "owner", To: "proxy", FormerOwnerRole: auth.ReadOnly}},
		{"proxy takes over", members, auth.ProxyOwner, "", "proxy", pass,
			program.Transfer{From: "owner", To: "proxy", FormerOwnerRole: auth.FullAccess}},
		{"proxy hands to full access", members, auth.ProxyOwner, auth.ReadOnly, "full", pass,
			program.Transfer{From: "owner", To: "full", FormerOwnerRole: auth.ReadOnly}},
		{"no owner left", ownerless, auth.AccountOwner, "", "ro", pass,
			program.Transfer{From: "", To: "ro", FormerOwnerRole: auth.FullAccess}},
		{"full access cannot", members, auth.FullAccess, "", "full", denied, program.Transfer{}},
		{"read-only cannot", members, auth.ReadOnly, "", "ro", denied, program.Transfer{}},
		{"staff role cannot", members, auth.Manager, "", "full", denied, program.Transfer{}},
		{"no role cannot", members, "", "", "full", denied, program.Transfer{}},
		{"former owner cannot stay owner", members, auth.AccountOwner, auth.AccountOwner, "full", badFormer, program.Transfer{}},
		{"former owner cannot become staff", members, auth.AccountOwner, auth.Manager, "full", badFormer, program.Transfer{}},
		{"former owner role unknown", members, auth.AccountOwner, "boss", "full", badFormer, program.Transfer{}},
		{"target disabled", members, auth.AccountOwner, "", "gone", outcome{errs.Conflict, "error.transfer_disabled"}, program.Transfer{}},
		{"target not a member", members, auth.AccountOwner, "", "stranger", badTarget, program.Transfer{}},
		{"no target", members, auth.AccountOwner, "", "", badTarget, program.Transfer{}},
		{"already owner", members, auth.AccountOwner, "", "owner", outcome{errs.Conflict, "error.already_owner"}, program.Transfer{}},
		{"proxy names the owner", members, auth.ProxyOwner, "", "owner", outcome{errs.Conflict, "error.already_owner"}, program.Transfer{}},
		{"no members", nil, auth.AccountOwner, "", "full", badTarget, program.Transfer{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plan, err := program.PlanTransfer(tt.members, tt.by, tt.toUserID, tt.to)
			check(t, err, tt.want)
			if plan != tt.plan {
				t.Errorf("plan = %+v, want %+v", plan, tt.plan)
			}
		})
	}
}

func TestInvitationStateAndAccept(t *testing.T) {
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	pending := program.Invitation{ID: "i1", Email: "ann@example.com", Role: auth.ReadOnly,
		CreatedAt: now, ExpiresAt: now.Add(program.InvitationTTL)}
	accepted, revoked, both := pending, pending, pending
	accepted.AcceptedAt, accepted.AcceptedBy = now.Add(time.Hour), "u1"
	revoked.RevokedAt = now.Add(time.Hour)
	both.AcceptedAt, both.RevokedAt = now.Add(time.Hour), now.Add(2*time.Hour)
	tests := []struct {
		name  string
		inv   program.Invitation
		at    time.Duration
		email string
		state program.InvitationState
		want  outcome
	}{
		{"pending, right e-mail", pending, time.Hour, "ann@example.com", program.InvitationPending, pass},
		{"pending, last moment", pending, program.InvitationTTL - time.Second, "ann@example.com", program.InvitationPending, pass},
		{"pending, other e-mail", pending, time.Hour, "bob@example.com", program.InvitationPending, outcome{errs.Forbidden, "error.invitation_other_email"}},
		{"pending, e-mail in other case", pending, time.Hour, "Ann@example.com", program.InvitationPending, outcome{errs.Forbidden, "error.invitation_other_email"}},
		{"expired at its end", pending, program.InvitationTTL, "ann@example.com", program.InvitationExpired, outcome{errs.Conflict, "error.invitation_expired"}},
		{"accepted", accepted, 2 * time.Hour, "ann@example.com", program.InvitationAccepted, outcome{errs.Conflict, "error.invitation_used"}},
		{"accepted, then expired", accepted, 30 * 24 * time.Hour, "ann@example.com", program.InvitationAccepted, outcome{errs.Conflict, "error.invitation_used"}},
		{"revoked", revoked, 2 * time.Hour, "ann@example.com", program.InvitationRevoked, outcome{errs.Conflict, "error.invitation_revoked"}},
		{"revoked, other e-mail", revoked, 2 * time.Hour, "bob@example.com", program.InvitationRevoked, outcome{errs.Conflict, "error.invitation_revoked"}},
		{"revoked, then expired", revoked, 30 * 24 * time.Hour, "ann@example.com", program.InvitationRevoked, outcome{errs.Conflict, "error.invitation_revoked"}},
		{"accepted wins over revoked", both, 3 * time.Hour, "ann@example.com", program.InvitationAccepted, outcome{errs.Conflict, "error.invitation_used"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			at := now.Add(tt.at)
			if s := tt.inv.State(at); s != tt.state {
				t.Errorf("State = %s, want %s", s, tt.state)
			}
			check(t, tt.inv.CheckAccept(tt.email, at), tt.want)
		})
	}
}

func TestNormalizeEmail(t *testing.T) {
	for in, want := range map[string]string{
		"ann@example.com":          "ann@example.com",
		"  Ann.Lee@Example.COM \n": "ann.lee@example.com",
		"a+pip@sub.example.ca":     "a+pip@sub.example.ca",
	} {
		if got, err := program.NormalizeEmail(in); err != nil || got != want {
			t.Errorf("NormalizeEmail(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	long := strings.Repeat("a", 64) + "@" + strings.Repeat("b", 63) + "." + strings.Repeat("c", 63) + "." + strings.Repeat("d", 60) + ".ca"
	for _, bad := range []string{"", "ann", "ann@", "@example.com", "ann@localhost", "Ann <ann@example.com>",
		"ann@example.com, bob@example.com", "ann @example.com", long} {
		_, err := program.NormalizeEmail(bad)
		check(t, err, outcome{errs.Invalid, "email error.email"})
	}
}
