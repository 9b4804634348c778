package office

import (
	"context"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/ident"
	"trustlane/internal/partner"
	"trustlane/internal/program"
	"trustlane/internal/store"
)

// StandingRecord is what a partner administration learns of one consenting
// member: our membership numbers and sectors, its standing and since when,
// and the partner's own member number when an officer confirmed the link.
type StandingRecord struct {
	Memberships []partner.Held
	Standing    partner.Standing
	Since       time.Time
	PartnerRef  string
	ChangedAt   time.Time
}

// ChangesPage is a page of standings changed since a time; Next is the
// since of the following page (the last change time, or the since asked
// for when the page is empty).
type ChangesPage struct {
	Items []StandingRecord
	Next  time.Time
}

// ExchangeBy names what a partner looks a member up by: our membership
// number, its own member number, or an identifier kind (scac, eori…).
const (
	ByMemberNumber = "member_number"
	ByPartnerRef   = "partner_ref"
)

// authorizeExchange admits only a token bound to a partner program.
func authorizeExchange(a auth.Actor) error {
	if a.Partner == "" || a.TokenID == "" {
		return errForbidden
	}
	return authorizeStaff(a, auth.ExchangeRead)
}

// ExchangeStanding answers a partner's look-up of one member. Unknown,
// non-consenting and not-shared all answer the same NotFound, so the
// answer never reveals who is a member. Every look-up is audited: on the
// member's chain when found, on the program chain when not.
func (o *Office) ExchangeStanding(ctx context.Context, a auth.Actor, by, value string) (StandingRecord, error) {
	if err := authorizeExchange(a); err != nil {
		return StandingRecord{}, err
	}
	var rec StandingRecord
	found := false
	err := o.update(ctx, func(tx *store.Tx) error {
		orgID, err := exchangeResolve(tx, a.Partner, by, value)
		if errs.Is(err, errs.NotFound) {
			return tx.Audit(a, store.Event{SubjectType: "partner_program", SubjectID: a.Partner, Action: "exchange.read",
				Data: map[string]any{"partner": a.Partner, "by": by, "found": 0}})
		}
		if err != nil {
			return err
		}
		r, err := tx.ExchangeRecord(a.Partner, orgID)
		if err != nil {
			return err
		}
		rec, found = standingOf(r), true
		return tx.Audit(a, store.Event{OrgID: orgID, SubjectType: "partner_program", SubjectID: a.Partner, Action: "exchange.read",
			Data: map[string]any{"partner": a.Partner, "by": by, "found": 1, "standing": rec.Standing}})
	})
	if err == nil && !found {
		err = errNotFound
	}
	return rec, err
}

func exchangeResolve(tx *store.Tx, code, by, value string) (string, error) {
	switch by {
	case ByMemberNumber:
		n, err := ident.CheckMemberNumber(value)
		if err != nil {
			return "", errNotFound
		}
		return tx.ExchangeOrgByMemberNumber(code, n)
	case ByPartnerRef:
		if partner.NormalizeRef(value) == "" {
			return "", errNotFound
		}
		return tx.ExchangeOrgByPartnerRef(code, value)
	}
	kind, err := ident.ParseKind(by)
	if err != nil {
		return "", errs.Fields(errs.F("kind", "error.exchange.kind", "look members up by member_number, partner_ref or an identifier type"))
	}
	v, err := ident.Normalize(kind, value)
	if err != nil {
		return "", errNotFound
	}
	return tx.ExchangeOrgByIdentifier(code, kind, v)
}

// ExchangeChanges lists the standings of consenting members that changed
// after since, or whose consent came after it, oldest first. A member whose
// consent is withdrawn drops out at once. The access is audited on the
// program chain with the count.
func (o *Office) ExchangeChanges(ctx context.Context, a auth.Actor, since time.Time, limit int) (ChangesPage, error) {
	if err := authorizeExchange(a); err != nil {
		return ChangesPage{}, err
	}
	limit = min(max(limit, 1), 500)
	page := ChangesPage{Next: since.UTC()}
	err := o.update(ctx, func(tx *store.Tx) error {
		recs, err := tx.ExchangeChanges(a.Partner, since, limit)
		if err != nil {
			return err
		}
		for _, r := range recs {
			page.Items = append(page.Items, standingOf(r))
			page.Next = r.ChangedAt
		}
		return tx.Audit(a, store.Event{SubjectType: "partner_program", SubjectID: a.Partner, Action: "exchange.changes",
			Data: map[string]any{"partner": a.Partner, "since": since.UTC(), "count": len(recs)}})
	})
	return page, err
}

func standingOf(r store.ExchangeRecord) StandingRecord {
	rec := StandingRecord{PartnerRef: r.PartnerRef, ChangedAt: r.ChangedAt}
	for _, m := range r.Memberships {
		s := partner.StandingOf(string(m.State))
		rec.Memberships = append(rec.Memberships, partner.Held{Number: m.Number, Sector: string(m.Sector), Standing: s, Since: heldSince(m, s)})
	}
	rec.Standing, rec.Since = partner.Summarize(rec.Memberships)
	return rec
}

// heldSince is when a membership took the standing it has.
func heldSince(m program.Membership, s partner.Standing) time.Time {
	switch {
	case s == partner.StandingActive && !m.ActivatedAt.IsZero():
		return m.ActivatedAt
	case s == partner.StandingCancelled && !m.EndedAt.IsZero():
		return m.EndedAt
	}
	return m.UpdatedAt
}
