package store

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"time"

	"github.com/jackc/pgx/v5"
)

// KindResync is the change notice a listener raises after it (re)connects:
// notices sent while it was away are lost, so in-memory copies must reload
// everything once.
const KindResync = "resync"

// changeChannel is the PostgreSQL channel change notices travel on. Channels
// are database-wide, so deployments (and test runs) that share a database
// in separate schemas get one channel per schema.
func changeChannel(dsn string) string {
	ch := "trustlane_changes"
	if u, err := url.Parse(dsn); err == nil {
		if sp := u.Query().Get("search_path"); sp != "" {
			ch += "_" + sp
		}
	}
	return ch
}

// maxNotifyPayload stays under PostgreSQL's 8000-byte NOTIFY payload limit.
const maxNotifyPayload = 7000

type notice struct {
	From    string   `json:"from"`
	Changes []Change `json:"changes"`
}

// notifyChanges sends the transaction's change notices to the other
// instances. NOTIFY is transactional: PostgreSQL delivers it at commit and
// drops it on rollback, exactly like the in-process notices.
func (tx *Tx) notifyChanges() error {
	if tx.db.engine != Postgres || len(tx.changes) == 0 {
		return nil
	}
	for start := 0; start < len(tx.changes); {
		n := notice{From: tx.db.instance}
		size := 64
		for start < len(tx.changes) {
			b, err := json.Marshal(tx.changes[start])
			if err != nil {
				return fmt.Errorf("notify: %w", err)
			}
			if len(n.Changes) > 0 && size+len(b) > maxNotifyPayload {
				break
			}
			n.Changes = append(n.Changes, tx.changes[start])
			size += len(b) + 1
			start++
		}
		b, _ := json.Marshal(n)
		if _, err := tx.exec(`SELECT pg_notify(?, ?)`, tx.db.channel, string(b)); err != nil {
			return fmt.Errorf("notify: %w", err)
		}
	}
	return nil
}

// Listen receives the change notices other instances commit on the same
// PostgreSQL database and hands them to this process's OnChange listeners,
// until ctx ends. After every (re)connection it raises a KindResync notice.
// On SQLite, which one process owns, it only waits for ctx.
func (db *DB) Listen(ctx context.Context) error {
	if db.engine != Postgres {
		<-ctx.Done()
		return nil
	}
	wait := 250 * time.Millisecond
	for {
		err := db.listenOnce(ctx)
		if ctx.Err() != nil {
			return nil
		}
		db.log.Warn("change listener lost its connection; reconnecting", "err", err, "in", wait)
		select {
		case <-ctx.Done():
			return nil
		case <-time.After(wait):
		}
		wait = min(wait*2, 5*time.Second)
	}
}

func (db *DB) listenOnce(ctx context.Context) error {
	conn, err := pgx.Connect(ctx, db.pgURL)
	if err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	defer conn.Close(context.WithoutCancel(ctx))
	if _, err := conn.Exec(ctx, "LISTEN "+pgx.Identifier{db.channel}.Sanitize()); err != nil {
		return fmt.Errorf("listen: %w", err)
	}
	db.publish([]Change{{Kind: KindResync}})
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return fmt.Errorf("listen: %w", err)
		}
		var msg notice
		if err := json.Unmarshal([]byte(n.Payload), &msg); err != nil {
			db.log.Warn("change listener: unreadable notice", "err", err)
			continue
		}
		if msg.From != db.instance {
			db.publish(msg.Changes)
		}
	}
}
