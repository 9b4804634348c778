package worker

import (
	"context"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/store"
)

// Housekeeping removes what has served its purpose: ended sessions, stale
// throttling windows, outbox rows done long ago. Every instance may run it;
// the deletes are idempotent.
func Housekeeping(ctx context.Context, db *store.DB) (sessions, outbox int64, err error) {
	err = db.Update(ctx, func(tx *store.Tx) error {
		var err error
		if sessions, err = tx.DeleteExpiredSessions(); err != nil {
			return err
		}
		if err = tx.DeleteStaleThrottles(tx.Now().Add(-24 * time.Hour)); err != nil {
			return err
		}
		outbox, err = tx.DeleteDoneOutbox(tx.Now().Add(-30 * 24 * time.Hour))
		return err
	})
	return sessions, outbox, err
}

// housekeepingEvery spaces the runs; sessions live at least auth.IdleTimeout,
// so a fraction of it is timely enough.
const housekeepingEvery = auth.IdleTimeout / 3
