package office

import (
	"context"
	"io"

	"trustlane/internal/auth"
	"trustlane/internal/errs"
	"trustlane/internal/fast"
	"trustlane/internal/store"
)

// FAST cards and approvals. Officers, managers and administrators maintain
// them (FastManage); every staff member and border system reads them
// (CaseQueue or BorderLookup). Each change raises a change notice so the
// border index of every instance refreshes the card or the approval.

// authorizeFastRead lets staff and border systems read cards and approvals.
func authorizeFastRead(a auth.Actor) error {
	if err := authorizeStaff(a, auth.CaseQueue); err == nil {
		return nil
	}
	return authorizeStaff(a, auth.BorderLookup)
}

// FastCards lists the cards matching q.
func (o *Office) FastCards(ctx context.Context, a auth.Actor, q store.FastCardQuery) (store.FastCardPage, error) {
	var page store.FastCardPage
	err := o.view(ctx, func(tx *store.Tx) (err error) {
		if err := authorizeFastRead(a); err != nil {
			return err
		}
		page, err = tx.FastCards(q)
		return err
	})
	return page, err
}

// FastCard loads one card by its number, as typed.
func (o *Office) FastCard(ctx context.Context, a auth.Actor, number string) (fast.Card, error) {
	var c fast.Card
	err := o.view(ctx, func(tx *store.Tx) error {
		if err := authorizeFastRead(a); err != nil {
			return err
		}
		n, err := fast.CheckNumber(number)
		if err != nil {
			return errNotFound
		}
		c, err = tx.FastCard(n)
		return err
	})
	return c, err
}

// SaveFastCard adds a card (create) or edits the card with in's number.
// Adding a number that exists, or editing one that does not, is refused.
func (o *Office) SaveFastCard(ctx context.Context, a auth.Actor, in fast.CardInput, create bool) (fast.Card, error) {
	var c fast.Card
	err := o.update(ctx, func(tx *store.Tx) error {
		if err := authorizeStaff(a, auth.FastManage); err != nil {
			return err
		}
		next, err := fast.NewCard(in, tx.Now())
		if err != nil {
			return err
		}
		old, err := tx.FastCard(next.Number)
		switch {
		case create && err == nil:
			return errs.Fields(errs.F("number", "error.fast.number_taken", "a card with this number is already recorded"))
		case create && errs.Is(err, errs.NotFound):
			c = next
		case err != nil:
			return err
		default:
			if c, err = old.Edit(in, tx.Now()); err != nil {
				return err
			}
		}
		if err := tx.SaveFastCard(&c); err != nil {
			return err
		}
		action := "fast.card_changed"
		if create {
			action = "fast.card_added"
		}
		tx.Changed(store.Change{Kind: "fast_card", ID: c.Number})
		return tx.Audit(a, store.Event{SubjectType: "fast_card", SubjectID: c.Number, Action: action,
			Data: map[string]any{"holder": c.Holder, "kind": c.Kind, "south_only": c.SouthOnly, "valid_until": c.ValidUntil}})
	})
	return c, err
}

// RevokeFastCard ends a card for reason.
func (o *Office) RevokeFastCard(ctx context.Context, a auth.Actor, number, reason string) (fast.Card, error) {
	var c fast.Card
	err := o.update(ctx, func(tx *store.Tx) error {
		if err := authorizeStaff(a, auth.FastManage); err != nil {
			return err
		}
		n, err := fast.CheckNumber(number)
		if err != nil {
			return errNotFound
		}
		old, err := tx.FastCard(n)
		if err != nil {
			return err
		}
		if c, err = old.Revoke(reason, tx.Now()); err != nil {
			return err
		}
		if err := tx.SaveFastCard(&c); err != nil {
			return err
		}
		tx.Changed(store.Change{Kind: "fast_card", ID: c.Number})
		return tx.Audit(a, store.Event{SubjectType: "fast_card", SubjectID: c.Number, Action: "fast.card_revoked",
			Data: map[string]any{"reason": c.RevokedReason}})
	})
	return c, err
}

// FastImportReport is what an import did, or why it was refused.
type FastImportReport struct {
	Filename string
	store.FastImport
	Problems []fast.RowError
}

// errImportRefused says a file had problems and nothing was imported.
var errImportRefused = errs.E(errs.Invalid, "error.fast.import_refused", "the file has problems; nothing was imported")

// ImportFastCards reads a CSV file of cards and applies it whole, or not at
// all when any row is wrong (the report lists the rows). One audit event
// records the counts; one change notice tells the border to reload.
func (o *Office) ImportFastCards(ctx context.Context, a auth.Actor, filename string, r io.Reader) (FastImportReport, error) {
	rep := FastImportReport{Filename: filename}
	if err := authorizeStaff(a, auth.FastManage); err != nil {
		return rep, err
	}
	cards, problems, err := fast.ParseCSV(r, o.db.Now())
	if err != nil {
		return rep, err
	}
	if len(problems) > 0 {
		rep.Problems = problems
		return rep, errImportRefused
	}
	err = o.update(ctx, func(tx *store.Tx) error {
		res, err := tx.ImportFastCards(cards)
		if err != nil {
			return err
		}
		rep.FastImport = res
		tx.Changed(store.Change{Kind: "fast_card", ID: "*"})
		return tx.Audit(a, store.Event{SubjectType: "fast_import", SubjectID: filename, Action: "fast.cards_imported",
			Data: map[string]any{"filename": filename, "rows": res.Rows, "added": res.Added, "changed": res.Changed, "unchanged": res.Unchanged}})
	})
	return rep, err
}
