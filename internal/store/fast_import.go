package store

import (
	"fmt"

	"trustlane/internal/fast"
)

// FastImport counts what an import of cards did.
type FastImport struct {
	Rows      int `json:"rows"`
	Added     int `json:"added"`
	Changed   int `json:"changed"`
	Unchanged int `json:"unchanged"`
}

// ImportFastCards writes cards in this transaction: new numbers are added,
// changed ones replaced, identical ones left alone (so importing the same
// file twice changes nothing and keeps updated_at). A revocation is final:
// a row without one does not clear a card's revocation. The caller commits
// all or nothing.
func (tx *Tx) ImportFastCards(cards []fast.Card) (FastImport, error) {
	res := FastImport{Rows: len(cards)}
	existing := make(map[string]fast.Card, len(cards))
	if err := tx.AllFastCards(func(c fast.Card) error {
		existing[c.Number] = c
		return nil
	}); err != nil {
		return res, fmt.Errorf("import FAST cards: %w", err)
	}
	var write [][]any
	for _, c := range cards {
		old, ok := existing[c.Number]
		if ok && old.Revoked() && !c.Revoked() {
			c.RevokedAt, c.RevokedReason = old.RevokedAt, old.RevokedReason
		}
		switch {
		case !ok:
			res.Added++
		case sameCard(old, c):
			res.Unchanged++
			continue
		default:
			res.Changed++
		}
		c.UpdatedAt = tx.now
		write = append(write, fastCardRow(c))
	}
	if err := tx.insertRows("fast_cards", columnList(fastCardColumns), fastCardUpsert, write); err != nil {
		return res, fmt.Errorf("import FAST cards: %w", err)
	}
	return res, nil
}

// sameCard compares what an import can set, at the microsecond both
// engines keep.
func sameCard(a, b fast.Card) bool {
	return a.Holder == b.Holder && a.Kind == b.Kind && a.SouthOnly == b.SouthOnly && a.RevokedReason == b.RevokedReason &&
		a.ValidUntil.Truncate(1000).Equal(b.ValidUntil.Truncate(1000)) && a.RevokedAt.Truncate(1000).Equal(b.RevokedAt.Truncate(1000))
}
