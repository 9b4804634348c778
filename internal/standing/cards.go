package standing

import (
	"trustlane/internal/border"
	"trustlane/internal/errs"
	"trustlane/internal/fast"
	"trustlane/internal/store"
)

// cardOf is a FAST card as the border index holds it.
func cardOf(c fast.Card) border.Card {
	return border.Card{Number: c.Number, Holder: c.Holder, Kind: string(c.Kind), ValidUntil: c.ValidUntil,
		Revoked: !c.RevokedAt.IsZero(), South: c.SouthOnly}
}

// allCards loads every FAST card for a full build.
func allCards(tx *store.Tx) ([]border.Card, error) {
	var out []border.Card
	err := tx.AllFastCards(func(c fast.Card) error {
		out = append(out, cardOf(c))
		return nil
	})
	return out, err
}

// loadCards reloads the cards numbered; the numbers no longer on file are
// returned as gone.
func loadCards(tx *store.Tx, numbers []string) (cards []border.Card, gone []string, err error) {
	for _, n := range numbers {
		c, err := tx.FastCard(n)
		switch {
		case errs.Is(err, errs.NotFound):
			gone = append(gone, n)
		case err != nil:
			return nil, nil, err
		default:
			cards = append(cards, cardOf(c))
		}
	}
	return cards, gone, nil
}
