package office

import (
	"context"
	"encoding/json"

	"trustlane/internal/auth"
	"trustlane/internal/notify"
	"trustlane/internal/store"
)

// QueuedMail is a message waiting in the outbox (no relay configured, or
// failing), for the administrators' outbox page.
type QueuedMail struct {
	Row store.OutboxRow
	Job notify.Job
}

// PendingMail lists mail not sent yet, newest first, with the total.
func (o *Office) PendingMail(ctx context.Context, a auth.Actor, limit, offset int) ([]QueuedMail, int, error) {
	if err := authorizeStaff(a, auth.OutboxView); err != nil {
		return nil, 0, err
	}
	var out []QueuedMail
	var total int
	err := o.view(ctx, func(tx *store.Tx) error {
		rows, n, err := tx.PendingOutbox(notify.KindMail, min(max(limit, 1), 200), max(offset, 0))
		if err != nil {
			return err
		}
		total = n
		for _, r := range rows {
			var j notify.Job
			if err := json.Unmarshal(r.Payload, &j); err != nil {
				continue // an unreadable row shows nothing rather than failing the page
			}
			out = append(out, QueuedMail{Row: r, Job: j})
		}
		return nil
	})
	return out, total, err
}
