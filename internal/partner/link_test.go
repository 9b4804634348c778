package partner_test

import (
	"testing"
	"time"

	"trustlane/internal/errs"
	"trustlane/internal/partner"
)

func TestLinkTransitions(t *testing.T) {
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	cases := []struct {
		from partner.LinkState
		in   partner.LinkInput
		to   partner.LinkState
		code errs.Code // "" when allowed
	}{
		{partner.LinkDeclared, partner.LinkInput{Cmd: partner.CmdConfirm, MemberRef: "ct-1"}, partner.LinkConfirmed, ""},
		{partner.LinkDeclared, partner.LinkInput{Cmd: partner.CmdConfirm}, "", errs.Invalid},
		{partner.LinkDeclared, partner.LinkInput{Cmd: partner.CmdReject, Note: "no such member"}, partner.LinkRejected, ""},
		{partner.LinkDeclared, partner.LinkInput{Cmd: partner.CmdReject, Note: "  "}, "", errs.Invalid},
		{partner.LinkDeclared, partner.LinkInput{Cmd: partner.CmdWithdraw}, partner.LinkWithdrawn, ""},
		{partner.LinkConfirmed, partner.LinkInput{Cmd: partner.CmdWithdraw}, partner.LinkWithdrawn, ""},
		{partner.LinkConfirmed, partner.LinkInput{Cmd: partner.CmdConfirm, MemberRef: "X"}, "", errs.Conflict},
		{partner.LinkConfirmed, partner.LinkInput{Cmd: partner.CmdReject, Note: "n"}, "", errs.Conflict},
		{partner.LinkRejected, partner.LinkInput{Cmd: partner.CmdConfirm, MemberRef: "X"}, "", errs.Conflict},
		{partner.LinkRejected, partner.LinkInput{Cmd: partner.CmdReject, Note: "n"}, "", errs.Conflict},
		{partner.LinkRejected, partner.LinkInput{Cmd: partner.CmdWithdraw}, "", errs.Conflict},
		{partner.LinkWithdrawn, partner.LinkInput{Cmd: partner.CmdConfirm, MemberRef: "X"}, "", errs.Conflict},
		{partner.LinkWithdrawn, partner.LinkInput{Cmd: partner.CmdReject, Note: "n"}, "", errs.Conflict},
		{partner.LinkWithdrawn, partner.LinkInput{Cmd: partner.CmdWithdraw}, "", errs.Conflict},
		{partner.LinkDeclared, partner.LinkInput{Cmd: "merge"}, "", errs.Invalid},
	}
	for _, c := range cases {
		l := partner.Link{State: c.from, DeclaredRef: "CT-1"}
		c.in.By, c.in.Now = "officer", now
		got, err := l.Apply(c.in)
		if c.code != "" {
			if !errs.Is(err, c.code) || got.State != c.from {
				t.Errorf("%s %s: state %s, err %v; want refused with %s", c.from, c.in.Cmd, got.State, err, c.code)
			}
			continue
		}
		if err != nil || got.State != c.to || got.DecidedBy != "officer" || !got.DecidedAt.Equal(now) {
			t.Errorf("%s %s = %+v, %v; want %s", c.from, c.in.Cmd, got, err, c.to)
		}
	}
	l, _ := partner.Link{State: partner.LinkDeclared}.Apply(partner.LinkInput{Cmd: partner.CmdConfirm, MemberRef: " ct-1 "})
	if l.MemberRef != "CT-1" {
		t.Errorf("confirmed member ref = %q, want upper-cased and trimmed", l.MemberRef)
	}
}

func TestDeclareLinkChecksTheNumber(t *testing.T) {
	now := time.Now()
	l, err := partner.DeclareLink("org", "CTPAT", "  ab   12-345 ", "u", now)
	if err != nil || l.State != partner.LinkDeclared || l.DeclaredRef != "ab 12-345" {
		t.Fatalf("DeclareLink = %+v, %v", l, err)
	}
	for _, ref := range []string{"", "  ", "- -", "12345678901234567890123456789012345678901"} {
		if _, err := partner.DeclareLink("org", "CTPAT", ref, "u", now); !errs.Is(err, errs.Invalid) {
			t.Errorf("DeclareLink(%q) = %v, want invalid", ref, err)
		}
	}
}

func TestNormalizeRef(t *testing.T) {
	for in, want := range map[string]string{"ab-12 345": "AB12345", "AB12345": "AB12345", " c.t/9 ": "CT9"} {
		if got := partner.NormalizeRef(in); got != want {
			t.Errorf("NormalizeRef(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestStandingOf(t *testing.T) {
	for in, want := range map[string]partner.Standing{"active": partner.StandingActive, "suspended": partner.StandingSuspended,
		"cancelled": partner.StandingCancelled, "withdrawn": partner.StandingCancelled, "pending_mou": partner.StandingNone, "": partner.StandingNone} {
		if got := partner.StandingOf(in); got != want {
			t.Errorf("StandingOf(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestSharesNeedsBothLevelsOfConsent(t *testing.T) {
	p := partner.Program{Code: "CTPAT", Status: partner.Active, Sharing: true}
	c := partner.Consent{PartnerCode: "CTPAT", Granted: true}
	if !partner.Shares(p, c) {
		t.Fatal("both levels given: want shared")
	}
	noProg, noOrg, other := p, c, c
	noProg.Sharing, noOrg.Granted, other.PartnerCode = false, false, "JP-AEO"
	if partner.Shares(noProg, c) || partner.Shares(p, noOrg) || partner.Shares(p, other) {
		t.Fatal("a missing level or another program's consent must not share")
	}
}
