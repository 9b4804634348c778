package office_test

import (
	"strings"
	"testing"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/partner"
	"trustlane/internal/store"
)

const partnerList = "ref,legal_name,status,scac\nCT-1,Maple Freight Inc.,Tier II,MAPL\nCT-2,Acme Imports LLC,Suspended,\n"

func TestImportPartnerMembersAuthorizationAndAllOrNothing(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		org, owner, _ := e.signUp(t)
		_ = org
		company := owner.Actor()
		officer, manager := e.staff(t, auth.Officer), e.staff(t, auth.Manager)
		noMFA := e.addUser(t, auth.Manager).Actor()
		for name, a := range map[string]auth.Actor{"company": company, "officer": officer, "no second factor": noMFA} {
			_, err := e.off.ImportPartnerMembers(ctx, a, "CTPAT", "l.csv", []byte(partnerList), partner.ModeFull)
			if !errs.Is(err, errs.Forbidden) && !errs.Is(err, errs.NotFound) {
				t.Errorf("%s import: %v, want forbidden", name, err)
			}
		}
		if _, err := e.off.PartnerPrograms(ctx, company); !errs.Is(err, errs.Forbidden) {
			t.Errorf("company lists the registry: %v", err)
		}
		if _, err := e.off.ImportPartnerMembers(ctx, manager, "NOPE", "l.csv", []byte(partnerList), ""); !errs.Is(err, errs.NotFound) {
			t.Errorf("unknown program: %v", err)
		}
		before := e.auditCount(t)
		bad := partnerList + "CT-3,,Certified,AB12\nCT-1,Dup,Certified,\n"
		rep, err := e.off.ImportPartnerMembers(ctx, manager, "CTPAT", "l.csv", []byte(bad), partner.ModeFull)
		if !errs.Is(err, errs.Invalid) || rep.ErrorCount != 3 || rep.Errors[0].Row != 4 {
			t.Fatalf("broken file: %v %+v", err, rep)
		}
		page, err := e.off.PartnerMembers(ctx, officer, store.PartnerMemberQuery{Partner: "CTPAT"})
		if err != nil || page.Total != 0 || e.auditCount(t) != before {
			t.Fatalf("a refused file changed something: %+v %v", page, err)
		}

		rep, err = e.off.ImportPartnerMembers(ctx, manager, "CTPAT", "l.csv", []byte(partnerList), "")
		if err != nil || rep.Added != 2 || rep.Mode != partner.ModeFull || len(rep.SHA256) != 64 || rep.ImportID == "" {
			t.Fatalf("import: %v %+v", err, rep)
		}
		evs := e.events(t, store.ProgramChain)
		last := evs[len(evs)-1]
		if last.Action != "partner.import" || last.SubjectID != "CTPAT" || !strings.Contains(last.Data, rep.SHA256) ||
			!strings.Contains(last.Data, `"added":2`) || e.auditCount(t) != before+1 {
			t.Fatalf("audit = %+v", last)
		}
		// The command line imports as the system.
		e.clock.Advance(time.Minute)
		rep, err = e.off.ImportPartnerMembers(ctx, auth.System, "CTPAT", "l.csv", []byte(partnerList), partner.ModeFull)
		if err != nil || rep.Unchanged != 2 || rep.Added+rep.Changed+rep.Removed != 0 {
			t.Fatalf("re-import by the system: %v %+v", err, rep)
		}
		m, hist, err := e.off.PartnerMember(ctx, officer, "CTPAT", "ct-1")
		if err != nil || m.LegalName != "Maple Freight Inc." || len(hist) != 1 {
			t.Fatalf("member: %+v %v %v", m, hist, err)
		}
		imps, err := e.off.PartnerImports(ctx, officer, "CTPAT")
		if err != nil || len(imps) != 2 {
			t.Fatalf("imports: %v %v", imps, err)
		}
		rows, err := e.off.PartnerPrograms(ctx, officer)
		if err != nil || rows[0].Code != "CTPAT" || rows[0].Current() != 2 {
			t.Fatalf("registry: %+v %v", rows, err)
		}
	})
}

func TestSavePartnerProgram(t *testing.T) {
	each(t, func(t *testing.T, e *env) {
		admin, manager := e.staff(t, auth.Administrator), e.staff(t, auth.Manager)
		p := partner.Program{Code: "br-oea", Name: partner.Text{EN: "Brazil AEO", FR: "OEA du Brésil"},
			Administration: partner.Text{EN: "Receita Federal", FR: "Receita Federal"}, Country: "BR", Status: partner.Planned, Framework: "safe"}
		if _, err := e.off.SavePartnerProgram(ctx, manager, p, true); !errs.Is(err, errs.Forbidden) {
			t.Fatalf("manager saves: %v", err)
		}
		got, err := e.off.SavePartnerProgram(ctx, admin, p, true)
		if err != nil || got.Code != "BR-OEA" {
			t.Fatalf("create: %+v %v", got, err)
		}
		if _, err := e.off.SavePartnerProgram(ctx, admin, p, true); !errs.Is(err, errs.Invalid) {
			t.Fatalf("second create: %v", err)
		}
		got.Status, got.ArrangedOn = partner.Active, time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC)
		if _, err := e.off.SavePartnerProgram(ctx, admin, got, false); err != nil {
			t.Fatal(err)
		}
		missing := got
		missing.Code = "XX-NONE"
		if _, err := e.off.SavePartnerProgram(ctx, admin, missing, false); !errs.Is(err, errs.NotFound) {
			t.Fatalf("update of an unknown code: %v", err)
		}
		bad := got
		bad.Country = ""
		if _, err := e.off.SavePartnerProgram(ctx, admin, bad, false); !errs.Is(err, errs.Invalid) {
			t.Fatalf("invalid: %v", err)
		}
		evs := e.events(t, store.ProgramChain)
		if evs[len(evs)-1].Action != "partner.program_saved" {
			t.Fatalf("audit = %+v", evs[len(evs)-1])
		}
	})
}
