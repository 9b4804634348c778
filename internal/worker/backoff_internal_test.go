package worker

import (
	"testing"
	"time"
)

// The retries of an outbox row span about a day: long enough for a relay
// down overnight, short enough that a dead address is reported the next day.
func TestRetriesSpanAboutADay(t *testing.T) {
	var total time.Duration
	prev := time.Duration(0)
	for attempt := 1; attempt < maxAttempts; attempt++ {
		d := backoff(attempt)
		if d < prev || d > 4*time.Hour {
			t.Fatalf("attempt %d waits %s after %s", attempt, d, prev)
		}
		prev, total = d, total+d
	}
	if total < 20*time.Hour || total > 30*time.Hour {
		t.Errorf("retries span %s, want about a day", total)
	}
}
