package office_test

import (
	"fmt"
	"testing"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/office"
	"trustlane/internal/store"
)

// programCase is what a program-wide use case acts on: a fresh company and
// a program token made by an administrator.
type programCase struct {
	company
	progTokenID string
}

type programOp struct {
	name   string
	action auth.Action
	chain  func(p programCase) string // where its event goes
	event  string
	run    func(e *env, p programCase, a auth.Actor) error
	// others, when set, is what staff allowed the action get for a record
	// that is not theirs (program tokens are each staff member's own).
	others errs.Code
}

func programChain(programCase) string { return store.ProgramChain }

var programOps = []programOp{
	{"SearchOrgs", auth.OrgsSearch, programChain, "", func(e *env, p programCase, a auth.Actor) error {
		page, err := e.off.SearchOrgs(ctx, a, store.OrgQuery{Text: p.org.LegalName})
		if err == nil && (page.Total != 1 || page.Orgs[0].ID != p.org.ID) {
			return fmt.Errorf("search found %d organizations", page.Total)
		}
		return err
	}, ""},
	{"StaffUsers", auth.OrgsSearch, programChain, "", func(e *env, p programCase, a auth.Actor) error {
		_, err := e.off.StaffUsers(ctx, a)
		return err
	}, ""},
	{"CreateStaff", auth.StaffManage, programChain, "staff.created", func(e *env, p programCase, a auth.Actor) error {
		_, err := e.off.CreateStaff(ctx, a, office.StaffInput{Name: "New Officer", Email: fmt.Sprintf("officer%d@cbsa.example", unique()),
			Password: password, Role: auth.Officer})
		return err
	}, ""},
	{"ReassignOwnership", auth.OwnershipReassign, func(p programCase) string { return p.org.ID }, "ownership.transferred",
		func(e *env, p programCase, a auth.Actor) error {
			return e.off.ReassignOwnership(ctx, a, p.org.ID, p.full.ID, auth.ReadOnly, "owner retired; request verified by phone with the CFO")
		}, ""},
	{"VerifyAudit", auth.AuditVerify, programChain, "", func(e *env, p programCase, a auth.Actor) error {
		rep, err := e.off.VerifyAudit(ctx, a)
		if err == nil && (rep.Events == 0 || len(rep.Faults) > 0) {
			return fmt.Errorf("verify report %+v", rep)
		}
		return err
	}, ""},
	{"CreateProgramToken", auth.CaseQueue, programChain, "token.created", func(e *env, p programCase, a auth.Actor) error {
		in := tokenInput(e)
		in.Scopes = []auth.Scope{auth.ScopeStaff}
		_, _, err := e.off.CreateToken(ctx, a, "", in)
		return err
	}, ""},
	{"ProgramTokens", auth.CaseQueue, programChain, "", func(e *env, p programCase, a auth.Actor) error {
		toks, err := e.off.Tokens(ctx, a, "")
		// Administrators see every program token (the one made for this case
		// among them); others only their own.
		seesCase := false
		for _, tk := range toks {
			seesCase = seesCase || tk.ID == p.progTokenID
			if tk.UserID != a.UserID && !auth.Can(a.Staff, auth.SystemTokens) {
				return fmt.Errorf("%s sees another's program token", a.Staff)
			}
		}
		if err == nil && seesCase != auth.Can(a.Staff, auth.SystemTokens) {
			return fmt.Errorf("%s: sees the administrator's token: %v", a.Staff, seesCase)
		}
		return err
	}, ""},
	{"RevokeProgramToken", auth.CaseQueue, programChain, "token.revoked", func(e *env, p programCase, a auth.Actor) error {
		return e.off.RevokeToken(ctx, a, "", p.progTokenID)
	}, errs.NotFound},
}

func TestProgramUseCasePermissionWalk(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		admin := e.staff(t, auth.Administrator)
		ws := walkers(t, e)
		for _, w := range ws {
			for _, op := range programOps {
				t.Run(w.name+"/"+op.name, func(t *testing.T) {
					p := programCase{company: e.company(t)}
					in := tokenInput(e)
					in.Scopes = []auth.Scope{auth.ScopeStaff}
					tok, _, err := e.off.CreateToken(ctx, admin, "", in)
					if err != nil {
						t.Fatal(err)
					}
					p.progTokenID = tok.ID
					a := w.actor(p.company)
					// Company members and outsiders are refused alike: the
					// action names no organization to hide.
					want := errs.Forbidden
					if a.IsStaff() && a.MFA && auth.Can(a.Staff, op.action) {
						want = ""
						if op.others != "" && !auth.Can(a.Staff, auth.SystemTokens) {
							want = op.others // the administrator's token is not theirs
						}
					}
					before := e.snapshot(t, p.org.ID)
					err = op.run(e, p, a)
					wantCode(t, err, want, op.name+" by "+w.name)
					before.check(t, e, op.chain(p), a, op.event, want == "")
				})
			}
		}
		e.auditCount(t)
	})
}

func TestOperatorCreatesTheFirstAdministrator(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		in := office.StaffInput{Name: "First Admin", Email: "Admin@CBSA.example", Password: password, Role: auth.Administrator}
		u, err := e.off.CreateStaff(ctx, auth.System, in)
		if err != nil || u.Staff != auth.Administrator || u.Email != "admin@cbsa.example" {
			t.Fatalf("create staff = %+v, %v", u, err)
		}
		_, err = e.off.CreateStaff(ctx, auth.System, in)
		wantField(t, err, "email", "error.email_taken")
		in.Email, in.Role = "clerk@cbsa.example", auth.FullAccess
		_, err = e.off.CreateStaff(ctx, auth.System, in)
		wantField(t, err, "role", "error.choose_option")
		evs := e.events(t, store.ProgramChain)
		if len(evs) != 1 || evs[0].Action != "staff.created" || evs[0].ActorID != "system" {
			t.Fatalf("program chain = %+v", evs)
		}
	})
}
