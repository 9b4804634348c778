// Package standing keeps the border's status index current. It builds an
// immutable snapshot from the store at start and applies every committed
// change notice (in process, and from other instances through PostgreSQL
// LISTEN/NOTIFY) as soon as it arrives, swapping snapshots atomically, so a
// suspension is refused benefits at the border moments after its commit.
package standing

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"trustlane/internal/border"
	"trustlane/internal/store"
)

// Config wires a Keeper.
type Config struct {
	DB    *store.DB
	Rules border.Rules
	// Program is our program's key in the rules; "pip" when empty.
	Program string
	Log     *slog.Logger
}

// Keeper owns the border index and keeps it current.
type Keeper struct {
	db    *store.DB
	rules border.Rules
	ours  string
	log   *slog.Logger
	idx   *border.Index

	mu      sync.Mutex
	pending pending
	wake    chan struct{}
	ready   chan struct{}
	st      *state
}

// pending is the work change notices have asked for since the last refresh.
type pending struct {
	full  bool
	orgs  map[string]bool
	cards map[string]bool
}

// New makes a Keeper whose index answers "none" to everything until Run
// has loaded the store.
func New(cfg Config) *Keeper {
	k := &Keeper{db: cfg.DB, rules: cfg.Rules, ours: cfg.Program, log: cfg.Log,
		wake: make(chan struct{}, 1), ready: make(chan struct{})}
	if k.ours == "" {
		k.ours = "pip"
	}
	if k.log == nil {
		k.log = slog.Default()
	}
	k.idx = border.NewIndex(border.Build(nil, nil, cfg.Rules, time.Time{}))
	k.pending.full = true
	cfg.DB.OnChange(k.notice)
	return k
}

// Index is the index the border's handlers read.
func (k *Keeper) Index() *border.Index { return k.idx }

// Ready is closed once the first full load is in the index.
func (k *Keeper) Ready() <-chan struct{} { return k.ready }

// notice records what a change notice asks for and wakes the loop. It
// never blocks: the store calls it after every commit.
func (k *Keeper) notice(c store.Change) {
	k.mu.Lock()
	switch c.Kind {
	case store.KindResync, "partner_members", "partner_program":
		k.pending.full = true
	case "organization", "membership", "partner_link", "fast_approval":
		if c.OrgID == "" {
			k.pending.full = true
			break
		}
		if k.pending.orgs == nil {
			k.pending.orgs = map[string]bool{}
		}
		k.pending.orgs[c.OrgID] = true
	case "fast_card":
		if c.ID == "*" { // an import: every card may have changed
			k.pending.full = true
			break
		}
		if k.pending.cards == nil {
			k.pending.cards = map[string]bool{}
		}
		k.pending.cards[c.ID] = true
	default:
		k.mu.Unlock()
		return
	}
	k.mu.Unlock()
	select {
	case k.wake <- struct{}{}:
	default:
	}
}

// Run loads the index and applies changes until ctx ends. A failed refresh
// is retried; the previous snapshot keeps answering meanwhile.
func (k *Keeper) Run(ctx context.Context) error {
	retry := time.Duration(0)
	for {
		k.mu.Lock()
		work := k.pending
		k.pending = pending{}
		k.mu.Unlock()
		if work.full || len(work.orgs) > 0 || len(work.cards) > 0 {
			if err := k.refresh(ctx, work); err != nil {
				if ctx.Err() != nil {
					return nil
				}
				k.log.Error("border index refresh failed; retrying", "err", err)
				k.requeue(work)
				retry = min(max(2*retry, 100*time.Millisecond), 5*time.Second)
				select {
				case <-ctx.Done():
					return nil
				case <-time.After(retry):
				}
				continue
			}
			retry = 0
		}
		select {
		case <-ctx.Done():
			return nil
		case <-k.wake:
		}
	}
}

func (k *Keeper) requeue(work pending) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.pending.full = k.pending.full || work.full
	for id := range work.orgs {
		if k.pending.orgs == nil {
			k.pending.orgs = map[string]bool{}
		}
		k.pending.orgs[id] = true
	}
	for n := range work.cards {
		if k.pending.cards == nil {
			k.pending.cards = map[string]bool{}
		}
		k.pending.cards[n] = true
	}
}

func (k *Keeper) refresh(ctx context.Context, work pending) error {
	if work.full || k.st == nil {
		return k.rebuild(ctx)
	}
	var changed []border.Party
	var removed []string
	var cards []border.Card
	var gone []string
	err := k.db.View(ctx, func(tx *store.Tx) error {
		ids := keys(work.orgs)
		for start := 0; start < len(ids); start += 500 {
			batch := ids[start:min(start+500, len(ids))]
			fresh, err := tx.BorderOrgs(batch...)
			if err != nil {
				return err
			}
			c, r := k.st.updateOrgs(batch, fresh)
			changed, removed = append(changed, c...), append(removed, r...)
		}
		var err error
		cards, gone, err = loadCards(tx, keys(work.cards))
		return err
	})
	if err != nil {
		// The state may be half updated: start again from the store.
		k.st = nil
		return fmt.Errorf("border index: %w", err)
	}
	k.publish(k.idx.Load().With(changed, removed, cards, gone))
	return nil
}

func (k *Keeper) rebuild(ctx context.Context) error {
	var orgs []store.BorderOrg
	var partners []store.BorderPartnerMember
	var cards []border.Card
	at := k.db.Now()
	err := k.db.View(ctx, func(tx *store.Tx) error {
		var err error
		if orgs, err = tx.BorderOrgs(); err != nil {
			return err
		}
		if partners, err = tx.BorderPartnerMembers(""); err != nil {
			return err
		}
		cards, err = allCards(tx)
		return err
	})
	if err != nil {
		return fmt.Errorf("border index: %w", err)
	}
	k.st = newState(k.ours, orgs, partners)
	k.publish(border.Build(k.st.parties(), cards, k.rules, at))
	return nil
}

// publish swaps the snapshot in; the first one makes the keeper ready.
func (k *Keeper) publish(s *border.Snapshot) {
	k.idx.Swap(s)
	select {
	case <-k.ready:
	default:
		close(k.ready)
	}
}

func keys[T comparable](m map[T]bool) []T {
	out := make([]T, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
