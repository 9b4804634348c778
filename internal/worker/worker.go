// Package worker drains the outbox: the work that state changes left to do
// after their commit (mail now; deadlines later). Every instance runs one;
// rows are leased, so several instances share the work without doing it
// twice, and a crashed instance's rows return after their lease.
package worker

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"trustlane/internal/i18n"
	"trustlane/internal/notify"
	"trustlane/internal/store"
)

// Handler does one kind of outbox work. A returned error retries it later,
// unless Permanent says it never can succeed.
type Handler func(ctx context.Context, item store.OutboxItem) error

// Config wires a Worker.
type Config struct {
	DB     *store.DB
	Mailer notify.Mailer
	I18n   *i18n.Bundle
	Log    *slog.Logger
	// Poll is how often the outbox is checked when idle.
	Poll time.Duration
	// Host names this server in Message-IDs.
	Host string
}

// Worker claims and runs outbox rows.
type Worker struct {
	cfg      Config
	handlers map[string]Handler
	wake     chan struct{}
	periodic []func(context.Context) error
}

// Periodic adds work to run with the housekeeping, every few minutes (for
// sweeps that look for what is due rather than wait for an outbox row).
func (w *Worker) Periodic(fn func(context.Context) error) { w.periodic = append(w.periodic, fn) }

// maxAttempts bounds retries; after it the row is kept, marked failed, for
// an operator to look at.
const maxAttempts = 15

// New makes a Worker that sends mail when it has a Mailer (without one,
// mail stays in the outbox for the administrators' page); Handle adds other
// kinds.
func New(cfg Config) *Worker {
	if cfg.Poll <= 0 {
		cfg.Poll = 2 * time.Second
	}
	if cfg.Log == nil {
		cfg.Log = slog.Default()
	}
	if cfg.Host == "" {
		cfg.Host = "trustlane"
	}
	w := &Worker{cfg: cfg, handlers: map[string]Handler{}, wake: make(chan struct{}, 1)}
	if cfg.Mailer != nil {
		w.Handle(notify.KindMail, w.sendMail)
	}
	return w
}

// Handle registers the handler of a kind.
func (w *Worker) Handle(kind string, h Handler) { w.handlers[kind] = h }

// Wake asks the worker to look at the outbox now (after a commit that
// queued work), instead of at its next poll.
func (w *Worker) Wake() {
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

// Run works until ctx ends.
func (w *Worker) Run(ctx context.Context) {
	t := time.NewTicker(w.cfg.Poll)
	defer t.Stop()
	hk := time.NewTicker(housekeepingEvery)
	defer hk.Stop()
	for {
		for w.RunOnce(ctx) > 0 && ctx.Err() == nil {
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-w.wake:
		case <-hk.C:
			if s, o, err := Housekeeping(ctx, w.cfg.DB); err != nil {
				w.cfg.Log.Warn("housekeeping", "err", err)
			} else if s+o > 0 {
				w.cfg.Log.Debug("housekeeping", "sessions", s, "outbox", o)
			}
			for _, fn := range w.periodic {
				if err := fn(ctx); err != nil && ctx.Err() == nil {
					w.cfg.Log.Warn("periodic work", "err", err)
				}
			}
		}
	}
}

// RunOnce claims one batch and runs it; it returns how many rows it took.
func (w *Worker) RunOnce(ctx context.Context) int {
	kinds := make([]string, 0, len(w.handlers))
	for k := range w.handlers {
		kinds = append(kinds, k)
	}
	if len(kinds) == 0 {
		return 0
	}
	items, err := w.cfg.DB.ClaimOutbox(ctx, 20, 2*time.Minute, kinds...)
	if err != nil {
		if ctx.Err() == nil {
			w.cfg.Log.Error("claim outbox", "err", err)
		}
		return 0
	}
	for _, it := range items {
		w.run(ctx, it)
	}
	return len(items)
}

func (w *Worker) run(ctx context.Context, it store.OutboxItem) {
	h, ok := w.handlers[it.Kind]
	var err error
	if !ok {
		err = fmt.Errorf("%w: no handler for outbox kind %q", errPermanent, it.Kind)
	} else {
		err = h(ctx, it)
	}
	switch {
	case err == nil:
		err = w.cfg.DB.CompleteOutbox(ctx, it.ID)
	case permanent(err) || it.Attempts >= maxAttempts:
		w.cfg.Log.Error("outbox item failed for good", "id", it.ID, "kind", it.Kind, "attempts", it.Attempts, "err", err)
		err = w.cfg.DB.RetryOutbox(ctx, it.ID, err, time.Time{})
	default:
		w.cfg.Log.Warn("outbox item failed, will retry", "id", it.ID, "kind", it.Kind, "attempts", it.Attempts, "err", err)
		err = w.cfg.DB.RetryOutbox(ctx, it.ID, err, w.cfg.DB.Now().Add(backoff(it.Attempts)))
	}
	if err != nil && ctx.Err() == nil {
		w.cfg.Log.Error("record outbox result", "id", it.ID, "err", err)
	}
}

// backoff grows from 30 s to 4 h between attempts; with maxAttempts the
// retries span about a day, so a relay down overnight loses nothing.
func backoff(attempt int) time.Duration {
	d := 30 * time.Second << min(attempt-1, 9)
	return min(d, 4*time.Hour)
}

var errPermanent = errors.New("permanent failure")

func permanent(err error) bool { return errors.Is(err, errPermanent) || notify.Permanent(err) }

func (w *Worker) sendMail(ctx context.Context, it store.OutboxItem) error {
	var j notify.Job
	if err := json.Unmarshal(it.Payload, &j); err != nil {
		return fmt.Errorf("%w: mail payload: %v", errPermanent, err)
	}
	m, err := notify.Render(w.cfg.I18n, j)
	if err != nil {
		return err
	}
	m.MessageID = fmt.Sprintf("outbox-%d@%s", it.ID, w.cfg.Host)
	ctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	return w.cfg.Mailer.Send(ctx, m)
}
