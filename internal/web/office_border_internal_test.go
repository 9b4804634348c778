package web

import (
	"testing"

	"trustlane/internal/border"
	"trustlane/internal/i18n"
)

// Every reason code screening can give has a sentence in both languages,
// and the two differ, so a new code cannot reach a page as a raw key.
func TestEveryBorderReasonIsExplained(t *testing.T) {
	b, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	en, fr := b.For("en"), b.For("fr")
	for _, r := range border.AllReasons() {
		key := reasonKey(r)
		if !b.Has(key) {
			t.Errorf("%s: no sentence (%s)", r, key)
			continue
		}
		if e, f := en.T(key), fr.T(key); e == key || f == key || e == f {
			t.Errorf("%s: English %q, French %q", r, e, f)
		}
	}
	for _, lane := range []border.Lane{border.LaneFAST, border.LaneExpedited, border.LaneStandard} {
		for _, key := range []string{"border_web.lane." + string(lane), "border_web.lane_hint." + string(lane)} {
			if !b.Has(key) {
				t.Errorf("lane %s: no %s", lane, key)
			}
		}
	}
}
