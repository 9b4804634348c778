package border

import "maps"

// shardCount splits every map of a snapshot into this many shards. With
// copies only the shards a change touches: at 100,000 parties (about
// 300,000 identifiers) a shard holds about a thousand entries, so a change
// notice clones a few small maps instead of the whole index.
const shardCount = 256

// shardMap is a map split into shards. Copying the struct copies 256 map
// pointers, not the entries: that is how snapshots share their data.
type shardMap[V any] struct {
	shards [shardCount]map[string]V
}

// shardOf picks the shard of key k with FNV-1a, which is cheap on the short
// keys used here and needs no seed shared between snapshots.
func shardOf[K ~string | ~[]byte](k K) int {
	h := uint32(2166136261)
	for i := 0; i < len(k); i++ {
		h ^= uint32(k[i])
		h *= 16777619
	}
	return int(h % shardCount)
}

// get returns the value of key k.
func (m *shardMap[V]) get(k string) (V, bool) {
	v, ok := m.shards[shardOf(k)][k]
	return v, ok
}

// getBytes returns the value of key k without converting k to a string
// on the heap.
func (m *shardMap[V]) getBytes(k []byte) (V, bool) {
	v, ok := m.shards[shardOf(k)][string(k)]
	return v, ok
}

// len counts the entries of every shard.
func (m *shardMap[V]) len() int {
	n := 0
	for _, s := range m.shards {
		n += len(s)
	}
	return n
}

// shardWriter changes a copy of a shardMap, cloning each shard on its first
// write so the snapshot it came from is never modified.
type shardWriter[V any] struct {
	m     *shardMap[V]
	owned [shardCount]bool
	hint  int // initial capacity of a shard created from nothing
}

// newWriter prepares writes to m, which must be a copy the caller owns.
// sizeHint is the expected total number of entries, used when a shard is
// created empty (as in Build).
func newWriter[V any](m *shardMap[V], sizeHint int) *shardWriter[V] {
	return &shardWriter[V]{m: m, hint: sizeHint / shardCount}
}

// shard returns shard i ready for writing.
func (w *shardWriter[V]) shard(i int) map[string]V {
	if !w.owned[i] {
		old := w.m.shards[i]
		if len(old) == 0 {
			w.m.shards[i] = make(map[string]V, w.hint)
		} else {
			w.m.shards[i] = maps.Clone(old)
		}
		w.owned[i] = true
	}
	return w.m.shards[i]
}

// set stores v under k.
func (w *shardWriter[V]) set(k string, v V) { w.shard(shardOf(k))[k] = v }

// del removes k.
func (w *shardWriter[V]) del(k string) {
	i := shardOf(k)
	if _, ok := w.m.shards[i][k]; ok {
		delete(w.shard(i), k)
	}
}
