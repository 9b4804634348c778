package border

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"testing"
)

// TestShardMapMatchesMap drives a shardMap and a Go map with the same
// random writes, through copies as snapshots make them, and checks that
// every key answers alike and that older copies never change. Thousands
// of keys make tables grow and probe chains form, so backward shift
// deletion moves entries.
func TestShardMapMatchesMap(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var cur shardMap[int]
	model := map[string]int{}
	type frozen struct {
		m     shardMap[int]
		model map[string]int
	}
	var history []frozen
	for round := range 60 {
		next := cur
		w := newWriter(&next, 0)
		for range rng.IntN(400) {
			k := fmt.Sprintf("k%d", rng.IntN(6000))
			if rng.IntN(3) == 0 {
				w.del(k)
				delete(model, k)
			} else {
				v := rng.Int()
				w.set(k, v)
				model[k] = v
			}
		}
		history = append(history, frozen{next, maps.Clone(model)})
		cur = next
		if round%10 == 9 {
			for _, f := range history {
				checkShardMap(t, &f.m, f.model)
			}
		}
	}
}

// checkShardMap compares m with want over every key ever used.
func checkShardMap(t *testing.T, m *shardMap[int], want map[string]int) {
	t.Helper()
	if m.len() != len(want) {
		t.Fatalf("len %d, want %d", m.len(), len(want))
	}
	for i := range 6000 {
		k := fmt.Sprintf("k%d", i)
		got, ok := m.get(k)
		w, wok := want[k]
		if ok != wok || got != w {
			t.Fatalf("get(%s) = %d %v, want %d %v", k, got, ok, w, wok)
		}
		if b, _ := m.getBytes([]byte(k)); b != got {
			t.Fatalf("getBytes(%s) = %d, get %d", k, b, got)
		}
	}
}

func TestShardMapZeroValue(t *testing.T) {
	var m shardMap[int]
	if _, ok := m.get(""); ok || m.len() != 0 {
		t.Fatal("zero shardMap not empty")
	}
	w := newWriter(&m, 0)
	w.del("x")
	if _, ok := m.get(""); ok {
		t.Fatal("empty key found")
	}
}
