package office

import (
	"context"
	"strings"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/partner"
	"trustlane/internal/store"
)

// PartnerProgramRow is a program of the registry with how many of its
// members we hold, by status.
type PartnerProgramRow struct {
	partner.Program
	Members map[partner.MemberStatus]int
}

// Current counts the members that are not cancelled.
func (r PartnerProgramRow) Current() int {
	return r.Members[partner.MemberActive] + r.Members[partner.MemberSuspended]
}

// PartnerPrograms lists the registry for staff, with member counts.
func (o *Office) PartnerPrograms(ctx context.Context, a auth.Actor) ([]PartnerProgramRow, error) {
	if err := authorizeStaff(a, auth.PartnersView); err != nil {
		return nil, err
	}
	var out []PartnerProgramRow
	err := o.view(ctx, func(tx *store.Tx) error {
		ps, err := tx.PartnerPrograms()
		if err != nil {
			return err
		}
		counts, err := tx.PartnerMemberCounts()
		if err != nil {
			return err
		}
		for _, p := range ps {
			out = append(out, PartnerProgramRow{Program: p, Members: counts[p.Code]})
		}
		return nil
	})
	return out, err
}

// PartnerProgram loads one program of the registry.
func (o *Office) PartnerProgram(ctx context.Context, a auth.Actor, code string) (partner.Program, error) {
	code = partnerCode(code)
	if err := authorizeStaff(a, auth.PartnersView); err != nil {
		return partner.Program{}, err
	}
	var p partner.Program
	err := o.view(ctx, func(tx *store.Tx) (err error) { p, err = tx.PartnerProgram(code); return })
	return p, err
}

// SavePartnerProgram adds a program to the registry (create) or updates the
// one with p.Code. A program's code is its key in member data, links and
// tokens, so it never changes once created: an update names the program by
// its code and cannot rename it.
func (o *Office) SavePartnerProgram(ctx context.Context, a auth.Actor, p partner.Program, create bool) (partner.Program, error) {
	if err := authorizeStaff(a, auth.PartnersManage); err != nil {
		return p, err
	}
	p, err := p.Normalize()
	if err != nil {
		return p, err
	}
	err = o.update(ctx, func(tx *store.Tx) error {
		_, err := tx.PartnerProgram(p.Code)
		switch {
		case create && err == nil:
			return errs.Fields(errs.F("code", "error.partner_data.code_taken", "a program with this code is already in the registry"))
		case !create && err != nil:
			return err
		case create && !errs.Is(err, errs.NotFound):
			return err
		}
		if err := tx.SavePartnerProgram(&p); err != nil {
			return err
		}
		// Whether its members count at the border follows its status.
		tx.Changed(store.Change{Kind: "partner_program", ID: p.Code})
		return tx.Audit(a, store.Event{SubjectType: "partner_program", SubjectID: p.Code, Action: "partner.program_saved",
			Data: map[string]any{"created": create, "name": p.Name, "administration": p.Administration, "country": p.Country,
				"status": p.Status, "arranged_on": p.ArrangedOn, "id_kinds": p.IDKinds, "framework": p.Framework, "sharing": p.Sharing}})
	})
	return p, err
}

// PartnerMembers lists a page of a partner's imported members.
func (o *Office) PartnerMembers(ctx context.Context, a auth.Actor, q store.PartnerMemberQuery) (store.PartnerMemberPage, error) {
	q.Partner = partnerCode(q.Partner)
	if err := authorizeStaff(a, auth.PartnersView); err != nil {
		return store.PartnerMemberPage{}, err
	}
	var page store.PartnerMemberPage
	err := o.view(ctx, func(tx *store.Tx) error {
		if _, err := tx.PartnerProgram(q.Partner); err != nil {
			return err
		}
		var err error
		page, err = tx.PartnerMembers(q)
		return err
	})
	return page, err
}

// PartnerMember loads one partner member with its status history.
func (o *Office) PartnerMember(ctx context.Context, a auth.Actor, code, ref string) (store.PartnerMember, []store.PartnerStatusChange, error) {
	code = partnerCode(code)
	if err := authorizeStaff(a, auth.PartnersView); err != nil {
		return store.PartnerMember{}, nil, err
	}
	var m store.PartnerMember
	var hist []store.PartnerStatusChange
	err := o.view(ctx, func(tx *store.Tx) (err error) {
		if m, err = tx.PartnerMember(code, ref); err != nil {
			return err
		}
		hist, err = tx.PartnerMemberHistory(code, m.Ref)
		return err
	})
	return m, hist, err
}

// PartnerImports lists a partner's latest imports, newest first.
func (o *Office) PartnerImports(ctx context.Context, a auth.Actor, code string) ([]store.PartnerImport, error) {
	code = partnerCode(code)
	if err := authorizeStaff(a, auth.PartnersView); err != nil {
		return nil, err
	}
	var out []store.PartnerImport
	err := o.view(ctx, func(tx *store.Tx) error {
		if _, err := tx.PartnerProgram(code); err != nil {
			return err
		}
		var err error
		out, err = tx.PartnerImports(code, 50)
		return err
	})
	return out, err
}

// partnerCode is a partner program's code as the registry keys it: people
// and files type "ctpat" or " CTPAT".
func partnerCode(code string) string { return strings.ToUpper(strings.TrimSpace(code)) }
