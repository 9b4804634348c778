package program_test

import (
	"reflect"
	"testing"
	"time"

	"trustlane/internal/errs"
	"trustlane/internal/policy"
	"trustlane/internal/program"
)

// expectedMemberFlow: command → from → to ("" keeps the state).
var expectedMemberFlow = map[program.MemberCommand]map[program.MemberState]program.MemberState{
	program.CmdSignMOU:         {program.MemberPendingMOU: program.MemberActive},
	program.CmdSuspend:         {program.MemberActive: program.MemberSuspended},
	program.CmdReinstate:       {program.MemberSuspended: program.MemberActive},
	program.CmdCancel:          {program.MemberActive: program.MemberCancelled, program.MemberSuspended: program.MemberCancelled},
	program.CmdWithdrawMember:  {program.MemberPendingMOU: program.MemberWithdrawn, program.MemberActive: program.MemberWithdrawn, program.MemberSuspended: program.MemberWithdrawn},
	program.CmdConfirmAnnual:   {program.MemberActive: program.MemberActive, program.MemberSuspended: program.MemberSuspended},
	program.CmdRevalidated:     {program.MemberActive: program.MemberActive},
	program.CmdAppealOverturns: {program.MemberSuspended: program.MemberActive, program.MemberCancelled: program.MemberActive},
}

// memberGuardsMet returns a membership and an input that meet every guard.
func memberGuardsMet(t *testing.T, state program.MemberState) (program.Membership, program.MemberInput) {
	t.Helper()
	p := defaultPolicy(t)
	text, err := policy.MOU(p.MOUVersion, "en")
	if err != nil {
		t.Fatal(err)
	}
	m := program.Membership{ID: "m1", OrgID: "org1", Sector: program.CustomsBroker, Number: "PIP-0000001-X", ApplicationID: "app1",
		State: state, ApprovedAt: caseNow.AddDate(0, -1, 0), MOUDueAt: caseNow.AddDate(0, 0, 5)}
	in := program.MemberInput{Now: caseNow, Policy: p, Actor: "manager", SuspendedBy: "officer",
		MOU: program.MOUSignature{Version: p.MOUVersion, Lang: "en", TextSHA256: policy.Hash(text), SignerID: "owner",
			SignerName: "Olive Owner", Title: "President", SignedAt: caseNow}}
	return m, in
}

func TestMembershipEveryStateAndCommand(t *testing.T) {
	if len(program.MemberStates()) != 5 || len(expectedMemberFlow) != len(program.MemberCommands()) {
		t.Fatal("the expected table needs updating")
	}
	for _, cmd := range program.MemberCommands() {
		for _, from := range program.MemberStates() {
			t.Run(string(cmd)+"/"+string(from), func(t *testing.T) {
				m, in := memberGuardsMet(t, from)
				want, allowed := expectedMemberFlow[cmd][from]
				if cmd.Allowed(from) != allowed {
					t.Errorf("Allowed = %v, want %v", cmd.Allowed(from), allowed)
				}
				got, err := m.Apply(cmd, in)
				if !allowed {
					wantErr(t, err, errs.Conflict, "error.case.wrong_state", "refused move")
					if !reflect.DeepEqual(got, m) {
						t.Errorf("a refused move changed the membership: %+v", got)
					}
					return
				}
				if err != nil {
					t.Fatalf("allowed move refused: %v", err)
				}
				if got.State != want || !got.UpdatedAt.Equal(caseNow) {
					t.Errorf("state %s at %v, want %s", got.State, got.UpdatedAt, want)
				}
			})
		}
	}
}

func TestMembershipDatesAndGuards(t *testing.T) {
	day := 24 * time.Hour
	given := caseNow.AddDate(0, 0, 21)
	cases := []struct {
		name  string
		state program.MemberState
		cmd   program.MemberCommand
		setup func(m *program.Membership, in *program.MemberInput)
		key   string // refusal's key; "" for success
		after func(t *testing.T, m program.Membership)
	}{
		{"MOU of an old version", program.MemberPendingMOU, program.CmdSignMOU,
			func(m *program.Membership, in *program.MemberInput) { in.MOU.Version = "2008-1" }, "error.case.mou_invalid", nil},
		{"MOU without the text's hash", program.MemberPendingMOU, program.CmdSignMOU,
			func(m *program.Membership, in *program.MemberInput) { in.MOU.TextSHA256 = "" }, "error.case.mou_invalid", nil},
		{"MOU without a signer", program.MemberPendingMOU, program.CmdSignMOU,
			func(m *program.Membership, in *program.MemberInput) { in.MOU.SignerID = "" }, "error.case.mou_invalid", nil},
		{"MOU signed", program.MemberPendingMOU, program.CmdSignMOU, nil, "", func(t *testing.T, m program.Membership) {
			eqTime(t, "activated", m.ActivatedAt, caseNow)
			eqTime(t, "annual", m.AnnualDueAt, caseNow.Add(365*day))
			eqTime(t, "revalidation", m.RevalidationDueAt, caseNow.Add(1461*day))
			if m.MOU.SignerID != "owner" || m.MOU.Title != "President" || len(m.MOU.TextSHA256) != 64 {
				t.Errorf("signature %+v", m.MOU)
			}
		}},
		{"suspension with the policy's remedy date", program.MemberActive, program.CmdSuspend, nil, "",
			func(t *testing.T, m program.Membership) { eqTime(t, "remedy", m.RemedyDueAt, caseNow.Add(90*day)) }},
		{"suspension with a given remedy date", program.MemberActive, program.CmdSuspend,
			func(m *program.Membership, in *program.MemberInput) { in.RemedyDue = given }, "",
			func(t *testing.T, m program.Membership) { eqTime(t, "remedy", m.RemedyDueAt, given) }},
		{"reinstated by the suspender, duty on", program.MemberSuspended, program.CmdReinstate,
			func(m *program.Membership, in *program.MemberInput) {
				in.Actor, in.Policy.Duties.ReinstateByAnother = "officer", true
			}, "error.case.same_person", nil},
		{"reinstated by the suspender, duty off", program.MemberSuspended, program.CmdReinstate,
			func(m *program.Membership, in *program.MemberInput) { in.Actor, m.RemedyDueAt = "officer", given }, "",
			func(t *testing.T, m program.Membership) { eqTime(t, "remedy", m.RemedyDueAt, time.Time{}) }},
		{"reinstated by another, duty on", program.MemberSuspended, program.CmdReinstate,
			func(m *program.Membership, in *program.MemberInput) { in.Policy.Duties.ReinstateByAnother = true }, "", func(*testing.T, program.Membership) {}},
		{"cancellation ends it", program.MemberSuspended, program.CmdCancel, nil, "",
			func(t *testing.T, m program.Membership) { eqTime(t, "ended", m.EndedAt, caseNow) }},
		{"withdrawal ends it", program.MemberPendingMOU, program.CmdWithdrawMember, nil, "",
			func(t *testing.T, m program.Membership) { eqTime(t, "ended", m.EndedAt, caseNow) }},
		{"annual confirmation", program.MemberSuspended, program.CmdConfirmAnnual,
			func(m *program.Membership, in *program.MemberInput) { m.AnnualDueAt = caseNow.Add(day) }, "",
			func(t *testing.T, m program.Membership) { eqTime(t, "annual", m.AnnualDueAt, caseNow.Add(365*day)) }},
		{"revalidation renews the cycle", program.MemberActive, program.CmdRevalidated, nil, "",
			func(t *testing.T, m program.Membership) {
				eqTime(t, "revalidation", m.RevalidationDueAt, caseNow.Add(1461*day))
			}},
		{"appeal restores a cancelled membership", program.MemberCancelled, program.CmdAppealOverturns,
			func(m *program.Membership, in *program.MemberInput) {
				m.EndedAt, m.RemedyDueAt = caseNow.Add(-day), given
			}, "",
			func(t *testing.T, m program.Membership) {
				eqTime(t, "ended", m.EndedAt, time.Time{})
				eqTime(t, "remedy", m.RemedyDueAt, time.Time{})
			}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, in := memberGuardsMet(t, c.state)
			if c.setup != nil {
				c.setup(&m, &in)
			}
			got, err := m.Apply(c.cmd, in)
			if c.key != "" {
				if e, ok := errs.As(err); !ok || e.Key != c.key {
					t.Fatalf("err = %v, want %s", err, c.key)
				}
				if !reflect.DeepEqual(got, m) {
					t.Errorf("refused, yet changed: %+v", got)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if want := expectedMemberFlow[c.cmd][c.state]; got.State != want {
				t.Errorf("state %s, want %s", got.State, want)
			}
			c.after(t, got)
		})
	}
}

func TestNewMembershipAwaitsTheMOU(t *testing.T) {
	p := defaultPolicy(t)
	app := program.Application{ID: "app1", OrgID: "org1", Sector: program.Importer, State: program.AppApproved}
	m := program.NewMembership(app, "PIP-0000007-Z", p, caseNow)
	if m.State != program.MemberPendingMOU || m.OrgID != "org1" || m.ApplicationID != "app1" || m.Sector != program.Importer {
		t.Errorf("membership %+v", m)
	}
	eqTime(t, "approved", m.ApprovedAt, caseNow)
	eqTime(t, "MOU due", m.MOUDueAt, caseNow.AddDate(0, 0, 30))
	if m.State.GoodStanding() || !program.MemberActive.GoodStanding() || program.MemberSuspended.GoodStanding() {
		t.Error("only an active membership is in good standing")
	}
}
