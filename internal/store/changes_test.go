package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"trustlane/internal/store"
	"trustlane/internal/store/storetest"
)

// Two instances on one PostgreSQL database: a change committed by one
// reaches the other's listeners, a rolled-back one never does, and an
// instance does not hear its own notices twice.
func TestChangesReachOtherInstancesThroughPostgres(t *testing.T) {
	url := storetest.PostgresURL(t)
	a := storetest.Open(t, url, nil)
	b := storetest.Open(t, url, nil)
	got := make(chan store.Change, 1000)
	b.OnChange(func(c store.Change) { got <- c })
	own := make(chan store.Change, 1000)
	a.OnChange(func(c store.Change) { own <- c })

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan struct{})
	go func() { defer close(done); _ = b.Listen(ctx) }()
	go func() { _ = a.Listen(ctx) }()
	waitFor(t, got, store.KindResync)
	waitFor(t, own, store.KindResync)

	_ = a.Update(ctx, func(tx *store.Tx) error {
		tx.Changed(store.Change{Kind: "membership", ID: "rolled-back"})
		return context.Canceled
	})
	// Enough notices to need several NOTIFY payloads.
	mustUpdate(t, a, func(tx *store.Tx) error {
		for i := range 300 {
			tx.Changed(store.Change{Kind: "membership", ID: fmt.Sprintf("m-%03d-0123456789-0123456789", i), OrgID: "org"})
		}
		tx.Changed(store.Change{Kind: "membership", ID: "last"})
		return nil
	})
	n := 0
	for c := range collect(t, got, "last") {
		if c.ID == "rolled-back" {
			t.Fatal("a rolled-back change reached the other instance")
		}
		if c.Kind == "membership" {
			n++
		}
	}
	if n != 301 {
		t.Fatalf("the other instance heard %d changes, want 301", n)
	}
	heard := 0
	for c := range collect(t, own, "last") {
		if c.Kind == "membership" {
			heard++
		}
	}
	if heard != 301 {
		t.Fatalf("the committing instance heard %d of its own changes, want each once (301)", heard)
	}
	cancel()
	<-done
}

func waitFor(t *testing.T, ch <-chan store.Change, kind string) {
	t.Helper()
	timeout := time.After(20 * time.Second)
	for {
		select {
		case c := <-ch:
			if c.Kind == kind {
				return
			}
		case <-timeout:
			t.Fatalf("no %s notice", kind)
		}
	}
}

// collect gathers notices up to and including the one with ID last.
func collect(t *testing.T, ch <-chan store.Change, last string) map[store.Change]bool {
	t.Helper()
	seen := map[store.Change]bool{}
	timeout := time.After(20 * time.Second)
	for {
		select {
		case c := <-ch:
			if seen[c] && c.Kind == "membership" {
				t.Fatalf("change %v heard twice", c)
			}
			seen[c] = true
			if c.ID == last {
				return seen
			}
		case <-timeout:
			t.Fatalf("notice %s never arrived", last)
		}
	}
}
