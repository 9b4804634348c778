package worker_test

import (
	"context"
	"io"
	"log/slog"
	"strings"
	"testing"
	"time"

	"trustlane/internal/auth"
	"trustlane/internal/i18n"
	"trustlane/internal/notify"
	"trustlane/internal/notify/smtptest"
	"trustlane/internal/store"
	"trustlane/internal/store/storetest"
	"trustlane/internal/worker"
)

var ctx = context.Background()

type env struct {
	db    *store.DB
	clock *storetest.Clock
	relay *smtptest.Relay
	w     *worker.Worker
}

func setup(t *testing.T, e storetest.Engine) *env {
	t.Helper()
	clock := storetest.NewClock(time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC))
	db := storetest.Open(t, e.URL(t), clock.Now)
	relay := smtptest.Start(t)
	cfg, err := notify.ParseURL(relay.URL)
	if err != nil {
		t.Fatal(err)
	}
	b, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	w := worker.New(worker.Config{DB: db, Mailer: notify.NewSMTP(cfg), I18n: b, Host: "test.example",
		Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	return &env{db, clock, relay, w}
}

func (e *env) enqueue(t *testing.T, kind string, payload any) {
	t.Helper()
	if err := e.db.Update(ctx, func(tx *store.Tx) error { return tx.Enqueue(kind, payload, time.Time{}) }); err != nil {
		t.Fatal(err)
	}
}

func (e *env) stats(t *testing.T) (pending, failed int) {
	t.Helper()
	p, f, err := e.db.OutboxStats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return p, f
}

func reset(lang string) notify.Job {
	return notify.Job{Template: "password_reset", Lang: lang, To: "ann@example.com",
		Data: map[string]string{"Name": "Ann", "Link": "http://x/password/reset/abc", "Minutes": "60"}}
}

func TestMailIsSentInTheRecipientsLanguage(t *testing.T) {
	for _, eng := range storetest.Engines() {
		t.Run(eng.Name, func(t *testing.T) {
			e := setup(t, eng)
			e.enqueue(t, notify.KindMail, reset("fr"))
			if n := e.w.RunOnce(ctx); n != 1 {
				t.Fatalf("claimed %d rows", n)
			}
			m := e.relay.Wait(t, "ann@example.com", "Réinitialisation")
			if !strings.Contains(m.Text, "Bonjour Ann") || m.Link() != "http://x/password/reset/abc" {
				t.Errorf("mail text = %q", m.Text)
			}
			if id := m.Header.Get("Message-Id"); !strings.Contains(id, "@test.example") {
				t.Errorf("Message-ID = %q", id)
			}
			if p, f := e.stats(t); p != 0 || f != 0 {
				t.Errorf("after sending: pending %d failed %d", p, f)
			}
		})
	}
}

func TestTemporaryFailureRetriesLaterPermanentFailureStops(t *testing.T) {
	for _, eng := range storetest.Engines() {
		t.Run(eng.Name, func(t *testing.T) {
			e := setup(t, eng)
			e.relay.Refuse(451)
			e.enqueue(t, notify.KindMail, reset("en"))
			e.w.RunOnce(ctx)
			if p, f := e.stats(t); p != 1 || f != 0 {
				t.Fatalf("after a 451: pending %d failed %d", p, f)
			}
			if n := e.w.RunOnce(ctx); n != 0 {
				t.Fatalf("retried at once (%d rows) instead of backing off", n)
			}
			e.relay.Refuse(0)
			e.clock.Advance(time.Minute)
			if n := e.w.RunOnce(ctx); n != 1 {
				t.Fatalf("not retried after the back-off (%d rows)", n)
			}
			e.relay.Wait(t, "ann@example.com", "Reset")

			e.relay.Refuse(550)
			e.enqueue(t, notify.KindMail, reset("en"))
			e.w.RunOnce(ctx)
			if p, f := e.stats(t); p != 0 || f != 1 {
				t.Fatalf("after a 550: pending %d failed %d", p, f)
			}
			e.clock.Advance(24 * time.Hour)
			if n := e.w.RunOnce(ctx); n != 0 {
				t.Errorf("a permanently failed row was claimed again")
			}
		})
	}
}

// Work of a kind this worker does not handle stays in the outbox untouched
// (another instance, or a later version, may handle it); mail with an
// unknown template can never be sent and fails for good.
func TestUnknownWorkWaitsUnknownTemplateFailsForGood(t *testing.T) {
	e := setup(t, storetest.Engines()[0])
	e.enqueue(t, "no_such_kind", map[string]string{})
	e.enqueue(t, notify.KindMail, notify.Job{Template: "no_such_template", Lang: "en", To: "a@example.com"})
	if n := e.w.RunOnce(ctx); n != 1 {
		t.Fatalf("claimed %d rows, want only the mail", n)
	}
	if p, f := e.stats(t); p != 1 || f != 1 {
		t.Fatalf("pending %d failed %d, want 1 and 1", p, f)
	}
}

// Without a relay, mail is not claimed at all: it waits in the outbox for
// the administrators' page.
func TestWithoutRelayMailWaits(t *testing.T) {
	e := setup(t, storetest.Engines()[0])
	b, _ := i18n.Load()
	w := worker.New(worker.Config{DB: e.db, I18n: b, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	e.enqueue(t, notify.KindMail, reset("en"))
	if n := w.RunOnce(ctx); n != 0 {
		t.Fatalf("a worker without a relay claimed %d rows", n)
	}
	if p, _ := e.stats(t); p != 1 {
		t.Fatalf("pending %d, want the mail waiting", p)
	}
}

func TestHousekeepingRemovesEndedSessions(t *testing.T) {
	for _, eng := range storetest.Engines() {
		t.Run(eng.Name, func(t *testing.T) {
			e := setup(t, eng)
			u := &auth.User{Email: "a@example.com", Name: "A", PasswordHash: "x"}
			err := e.db.Update(ctx, func(tx *store.Tx) error {
				if err := tx.InsertUser(u); err != nil {
					return err
				}
				for _, id := range []string{"old", "live"} {
					s := auth.Session{IDHash: id, UserID: u.ID, ExpiresAt: tx.Now().Add(auth.AbsoluteTimeout)}
					if err := tx.InsertSession(&s); err != nil {
						return err
					}
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			e.clock.Advance(auth.IdleTimeout + time.Minute)
			if err := e.db.Update(ctx, func(tx *store.Tx) error { return tx.TouchSession("live") }); err != nil {
				t.Fatal(err)
			}
			n, _, err := worker.Housekeeping(ctx, e.db)
			if err != nil || n != 1 {
				t.Fatalf("housekeeping removed %d sessions (%v), want 1", n, err)
			}
			err = e.db.View(ctx, func(tx *store.Tx) error { _, err := tx.Session("live"); return err })
			if err != nil {
				t.Errorf("the live session was removed: %v", err)
			}
		})
	}
}
