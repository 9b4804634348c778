package office

import (
	"context"
	"slices"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/partner"
	"trustlane/internal/program"
	"trustlane/internal/store"
)

var errProgramClosed = errs.Fields(errs.F("partner", "error.partner_link.program", "choose a partner program with an arrangement in force"))

// recognizedProgram loads a partner program a company may declare or
// consent to: one whose arrangement is in force.
func recognizedProgram(tx *store.Tx, code string) (partner.Program, error) {
	p, err := tx.PartnerProgram(code)
	if errs.Is(err, errs.NotFound) || (err == nil && !p.Recognized()) {
		return p, errProgramClosed
	}
	return p, err
}

// DeclarePartnerLink records a company's declared membership of a partner
// program and proposes candidates from the partner's member data in the
// same transaction. The declaration links nothing: an officer confirms.
func (o *Office) DeclarePartnerLink(ctx context.Context, a auth.Actor, orgID, code, ref string) (partner.Link, error) {
	code = partnerCode(code)
	var l partner.Link
	err := o.update(ctx, func(tx *store.Tx) error {
		if _, err := authorizeOrg(tx, a, orgID, auth.PartnerDeclare); err != nil {
			return err
		}
		if _, err := recognizedProgram(tx, code); err != nil {
			return err
		}
		var err error
		if l, err = partner.DeclareLink(orgID, code, ref, a.UserID, tx.Now()); err != nil {
			return err
		}
		if err := tx.InsertPartnerLink(&l); err != nil {
			if store.IsDuplicate(err) {
				return errs.E(errs.Conflict, "error.partner_link.twice", "you already declared a membership of this program; withdraw it first")
			}
			return err
		}
		if l.Candidates, err = matchLink(tx, l); err != nil {
			return err
		}
		return linkChanged(tx, a, l, "partner_link.declared", map[string]any{"partner": code, "declared_ref": l.DeclaredRef,
			"candidates": len(l.Candidates)})
	})
	return l, err
}

// matchLink recomputes and stores a declared link's candidates.
func matchLink(tx *store.Tx, l partner.Link) ([]partner.Candidate, error) {
	org, err := tx.Org(l.OrgID)
	if err != nil {
		return nil, err
	}
	c := companyOf(org)
	ms, err := tx.PartnerMatchMembers(l.PartnerCode, c, l.DeclaredRef)
	if err != nil {
		return nil, err
	}
	cands := partner.Match(c, l.DeclaredRef, ms)
	return cands, tx.SetCandidates(l.ID, cands)
}

func companyOf(org program.Organization) partner.Company {
	return partner.Company{LegalName: org.LegalName, OperatingName: org.OperatingName, Country: org.Address.Country, Identifiers: org.Identifiers}
}

// linkChanged writes a link's audit event and change notice.
func linkChanged(tx *store.Tx, a auth.Actor, l partner.Link, action string, data map[string]any) error {
	tx.Changed(store.Change{Kind: "partner_link", ID: l.ID, OrgID: l.OrgID})
	return tx.Audit(a, store.Event{OrgID: l.OrgID, SubjectType: "partner_link", SubjectID: l.ID, Action: action, Data: data})
}

// WithdrawPartnerLink ends a company's declared or confirmed link.
func (o *Office) WithdrawPartnerLink(ctx context.Context, a auth.Actor, orgID, id string) error {
	return o.update(ctx, func(tx *store.Tx) error {
		if _, err := authorizeOrg(tx, a, orgID, auth.PartnerDeclare); err != nil {
			return err
		}
		l, err := tx.PartnerLink(orgID, id)
		if err != nil {
			return err
		}
		if l, err = l.Apply(partner.LinkInput{Cmd: partner.CmdWithdraw, By: a.UserID, Now: tx.Now()}); err != nil {
			return err
		}
		if err := tx.SavePartnerLink(&l); err != nil {
			return err
		}
		return linkChanged(tx, a, l, "partner_link.withdrawn", map[string]any{"partner": l.PartnerCode})
	})
}

// PartnerLinks lists a company's links. Candidates name other companies in
// partner data, so only staff see them.
func (o *Office) PartnerLinks(ctx context.Context, a auth.Actor, orgID string) ([]partner.Link, error) {
	var out []partner.Link
	err := o.view(ctx, func(tx *store.Tx) error {
		if _, err := authorizeOrg(tx, a, orgID, auth.OrgView); err != nil {
			return err
		}
		var err error
		out, err = tx.PartnerLinks(orgID)
		return err
	})
	if !a.IsStaff() {
		for i := range out {
			out[i].Candidates = nil
		}
	}
	return out, err
}

// ConsentView is one partner program with the company's consent to share
// its standing with it.
type ConsentView struct {
	Program partner.Program
	Consent partner.Consent
}

// PartnerConsents lists the programs in force and the company's consent to
// each (not given when it never chose), and any other program the company
// still consents to, so it can always take that consent back.
func (o *Office) PartnerConsents(ctx context.Context, a auth.Actor, orgID string) ([]ConsentView, error) {
	var out []ConsentView
	err := o.view(ctx, func(tx *store.Tx) error {
		if _, err := authorizeOrg(tx, a, orgID, auth.OrgView); err != nil {
			return err
		}
		progs, err := tx.PartnerPrograms()
		if err != nil {
			return err
		}
		cs, err := tx.PartnerConsents(orgID)
		if err != nil {
			return err
		}
		for _, p := range progs {
			v := ConsentView{Program: p, Consent: partner.Consent{OrgID: orgID, PartnerCode: p.Code}}
			if i := slices.IndexFunc(cs, func(c partner.Consent) bool { return c.PartnerCode == p.Code }); i >= 0 {
				v.Consent = cs[i]
			}
			if p.Recognized() || v.Consent.Granted {
				out = append(out, v)
			}
		}
		return nil
	})
	return out, err
}

// SetPartnerConsent gives or withdraws the company's consent to share its
// standing with one partner program; a withdrawal hides it from that
// program's exchange at once. Consent is given only to a program with an
// arrangement in force, but withdrawn from any program of the registry:
// the program-level sharing may outlive the arrangement's status.
func (o *Office) SetPartnerConsent(ctx context.Context, a auth.Actor, orgID, code string, granted bool) error {
	code = partnerCode(code)
	return o.update(ctx, func(tx *store.Tx) error {
		if _, err := authorizeOrg(tx, a, orgID, auth.PartnerConsent); err != nil {
			return err
		}
		var err error
		if granted {
			_, err = recognizedProgram(tx, code)
		} else if _, err = tx.PartnerProgram(code); errs.Is(err, errs.NotFound) {
			err = errProgramClosed
		}
		if err != nil {
			return err
		}
		c := partner.Consent{OrgID: orgID, PartnerCode: code, Granted: granted, ChangedBy: a.UserID}
		if err := tx.SetPartnerConsent(&c); err != nil {
			return err
		}
		action := "partner_consent.withdrawn"
		if granted {
			action = "partner_consent.granted"
		}
		tx.Changed(store.Change{Kind: "partner_consent", ID: code, OrgID: orgID})
		return tx.Audit(a, store.Event{OrgID: orgID, SubjectType: "partner_consent", SubjectID: code, Action: action,
			Data: map[string]any{"partner": code}})
	})
}
