package office

import (
	"context"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/partner"
	"trustlane/internal/program"
	"trustlane/internal/store"
)

// MatchQueue is a page of the officers' matching queue.
type MatchQueue struct {
	Items []store.MatchQueueItem
	Total int
}

// PartnerMatchQueue lists declared links waiting for an officer, oldest
// first, with each one's best candidate score.
func (o *Office) PartnerMatchQueue(ctx context.Context, a auth.Actor, limit, offset int) (MatchQueue, error) {
	var q MatchQueue
	err := o.view(ctx, func(tx *store.Tx) error {
		if err := authorizeStaff(a, auth.PartnersMatch); err != nil {
			return err
		}
		var err error
		q.Items, q.Total, err = tx.PartnerMatchQueue(min(max(limit, 1), 200), max(offset, 0))
		return err
	})
	return q, err
}

// LinkView is a link with the company and program it concerns, for the
// officer who decides it.
type LinkView struct {
	Link    partner.Link
	Org     program.Organization
	Program partner.Program
}

// PartnerLinkForOfficer loads one link with its candidates.
func (o *Office) PartnerLinkForOfficer(ctx context.Context, a auth.Actor, id string) (LinkView, error) {
	var v LinkView
	err := o.view(ctx, func(tx *store.Tx) error {
		if err := authorizeStaff(a, auth.PartnersMatch); err != nil {
			return err
		}
		var err error
		if v.Link, err = tx.PartnerLink("", id); err != nil {
			return err
		}
		if v.Org, err = tx.Org(v.Link.OrgID); err != nil {
			return err
		}
		v.Program, err = tx.PartnerProgram(v.Link.PartnerCode)
		return err
	})
	return v, err
}

// RecomputePartnerCandidates scores a declared link again, after the
// partner's data or the company's identifiers changed.
func (o *Office) RecomputePartnerCandidates(ctx context.Context, a auth.Actor, id string) (partner.Link, error) {
	var l partner.Link
	err := o.update(ctx, func(tx *store.Tx) error {
		if err := authorizeStaff(a, auth.PartnersMatch); err != nil {
			return err
		}
		var err error
		if l, err = tx.PartnerLink("", id); err != nil {
			return err
		}
		if l.State != partner.LinkDeclared {
			return errs.E(errs.Conflict, "error.partner_link.state", "the link is no longer in a state that allows this")
		}
		if l.Candidates, err = matchLink(tx, l); err != nil {
			return err
		}
		return linkChanged(tx, a, l, "partner_link.rematched", map[string]any{"candidates": len(l.Candidates)})
	})
	return l, err
}

// RematchPartner recomputes the candidates of every declared link of one
// partner program, for the import of a partner's member list to call once
// the new list is in. It proposes only; nothing is linked.
func (o *Office) RematchPartner(ctx context.Context, code string) error {
	code = partnerCode(code)
	return o.update(ctx, func(tx *store.Tx) error {
		n, err := rematch(tx, code)
		if err != nil {
			return err
		}
		return tx.Audit(auth.System, store.Event{SubjectType: "partner_program", SubjectID: code, Action: "partner_link.rematched",
			Data: map[string]any{"partner": code, "links": n}})
	})
}

// rematch recomputes the candidates of every link of partner code still
// waiting for an officer, and returns how many there were.
func rematch(tx *store.Tx, code string) (int, error) {
	ls, err := tx.DeclaredPartnerLinks(code)
	if err != nil {
		return 0, err
	}
	for _, l := range ls {
		if _, err := matchLink(tx, l); err != nil {
			return 0, err
		}
		tx.Changed(store.Change{Kind: "partner_link", ID: l.ID, OrgID: l.OrgID})
	}
	return len(ls), nil
}

// ConfirmPartnerLink ties a declared link to one partner member record: one
// of its candidates, or the record whose number is exactly the declared one.
func (o *Office) ConfirmPartnerLink(ctx context.Context, a auth.Actor, id, memberRef string) error {
	return o.update(ctx, func(tx *store.Tx) error {
		if err := authorizeStaff(a, auth.PartnersMatch); err != nil {
			return err
		}
		l, err := tx.PartnerLink("", id)
		if err != nil {
			return err
		}
		ref, err := confirmable(tx, l, memberRef)
		if err != nil {
			return err
		}
		if err := recordFree(tx, l, ref); err != nil {
			return err
		}
		if l, err = l.Apply(partner.LinkInput{Cmd: partner.CmdConfirm, MemberRef: ref, By: a.UserID, Now: tx.Now()}); err != nil {
			return err
		}
		if err := tx.SavePartnerLink(&l); err != nil {
			return err
		}
		return linkChanged(tx, a, l, "partner_link.confirmed", map[string]any{"partner": l.PartnerCode, "member_ref": l.MemberRef})
	})
}

// confirmable returns the record's number as the partner writes it, or a
// field error when it is neither a candidate nor the declared number.
func confirmable(tx *store.Tx, l partner.Link, ref string) (string, error) {
	want := partner.NormalizeRef(ref)
	for _, c := range l.Candidates {
		if want != "" && partner.NormalizeRef(c.MemberRef) == want {
			return c.MemberRef, nil
		}
	}
	if want != "" && want == partner.NormalizeRef(l.DeclaredRef) {
		m, err := tx.PartnerMatchMember(l.PartnerCode, ref)
		if err == nil {
			return m.Ref, nil
		}
		if !errs.Is(err, errs.NotFound) {
			return "", err
		}
	}
	if l.State != partner.LinkDeclared {
		return ref, nil // Apply refuses it with the state's error
	}
	return "", errs.Fields(errs.F("member_ref", "error.partner_link.candidate", "choose the partner member record to link"))
}

// recordFree refuses a partner member record another company's confirmed
// link already holds: one record is one company, and the partner's look-up
// by its own number must find exactly that one.
func recordFree(tx *store.Tx, l partner.Link, ref string) error {
	ls, err := tx.PartnerLinksConfirmedTo(l.PartnerCode, ref)
	if err != nil {
		return err
	}
	for _, o := range ls {
		if o.ID != l.ID {
			const key, msg = "error.partner_link.taken", "this partner member record is already linked to another company"
			e := errs.E(errs.Conflict, key, msg)
			e.Fields = []errs.FieldError{errs.F("member_ref", key, msg)}
			return e
		}
	}
	return nil
}

// RejectPartnerLink refuses a declaration, with the officer's reason.
func (o *Office) RejectPartnerLink(ctx context.Context, a auth.Actor, id, note string) error {
	return o.update(ctx, func(tx *store.Tx) error {
		if err := authorizeStaff(a, auth.PartnersMatch); err != nil {
			return err
		}
		l, err := tx.PartnerLink("", id)
		if err != nil {
			return err
		}
		if l, err = l.Apply(partner.LinkInput{Cmd: partner.CmdReject, Note: note, By: a.UserID, Now: tx.Now()}); err != nil {
			return err
		}
		if err := tx.SavePartnerLink(&l); err != nil {
			return err
		}
		return linkChanged(tx, a, l, "partner_link.rejected", map[string]any{"partner": l.PartnerCode, "note": l.Note})
	})
}
