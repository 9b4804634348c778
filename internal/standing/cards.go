package standing

import (
	"trustlane/internal/border"
	"trustlane/internal/store"
)

// allCards loads every FAST card for a full build.
func allCards(tx *store.Tx) ([]border.Card, error) {
	return nil, nil
}

// loadCards reloads the cards numbered; the numbers no longer on file are
// returned as gone.
func loadCards(tx *store.Tx, numbers []string) (cards []border.Card, gone []string, err error) {
	return nil, nil, nil
}
