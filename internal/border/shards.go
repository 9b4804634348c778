package border

import (
	"hash/maphash"
	"slices"
	"unsafe"
)

// shardCount splits every map of a snapshot into this many shards. With
// copies only the shards a change touches: at 100,000 parties (about
// 300,000 identifiers) a shard holds about a thousand entries, so a change
// notice clones a few small tables instead of the whole index.
//
// Each shard is a small open-addressing table rather than a Go map: one
// hash picks both the shard (top byte) and the slot, and the stored hash
// is compared before the key, so a look-up touches the slot and the key
// bytes and nothing else. Screening does three look-ups per shipment, and
// with Go maps they were a quarter of its time.
const shardCount = 256

// shardMap is a map split into shards. Copying the struct copies 256
// table pointers, not the entries: that is how snapshots share their data.
type shardMap[V any] struct {
	seed   maphash.Seed // made by the first writer; zero while empty
	shards [shardCount]*table[V]
}

// table is one shard: linear probing over a power-of-two slot array kept
// at most three quarters full, so every probe sequence ends at an empty
// slot.
type table[V any] struct {
	slots []slot[V]
	n     int
}

// slot holds one entry; hash 0 marks it empty (stored hashes have bit 0
// set).
type slot[V any] struct {
	hash uint64
	key  string
	val  V
}

// hashOf returns the stored hash of k: never 0, shard in the top byte.
func (m *shardMap[V]) hashOf(k string) uint64 { return maphash.String(m.seed, k) | 1 }

// home returns the first slot a hash probes in a table of mask+1 slots.
func home(h, mask uint64) uint64 { return (h >> 1) & mask }

// get returns the value of key k.
func (m *shardMap[V]) get(k string) (V, bool) {
	var zero V
	if m.seed == (maphash.Seed{}) {
		return zero, false
	}
	h := m.hashOf(k)
	t := m.shards[h>>56]
	if t == nil {
		return zero, false
	}
	if i, ok := t.find(h, k); ok {
		return t.slots[i].val, true
	}
	return zero, false
}

// getBytes returns the value of key k without copying k to a string: the
// string view is only compared, never kept.
func (m *shardMap[V]) getBytes(k []byte) (V, bool) {
	return m.get(unsafe.String(unsafe.SliceData(k), len(k)))
}

// find returns the slot of k (hash h), or false.
func (t *table[V]) find(h uint64, k string) (uint64, bool) {
	mask := uint64(len(t.slots) - 1)
	for i := home(h, mask); ; i = (i + 1) & mask {
		s := &t.slots[i]
		if s.hash == h && s.key == k {
			return i, true
		}
		if s.hash == 0 {
			return i, false
		}
	}
}

// len counts the entries of every shard.
func (m *shardMap[V]) len() int {
	n := 0
	for _, t := range m.shards {
		if t != nil {
			n += t.n
		}
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
	if m.seed == (maphash.Seed{}) {
		m.seed = maphash.MakeSeed()
	}
	return &shardWriter[V]{m: m, hint: sizeHint / shardCount}
}

// shard returns shard i ready for writing.
func (w *shardWriter[V]) shard(i uint64) *table[V] {
	if !w.owned[i] {
		if old := w.m.shards[i]; old == nil || old.n == 0 {
			w.m.shards[i] = &table[V]{slots: make([]slot[V], tableSize(w.hint))}
		} else {
			w.m.shards[i] = &table[V]{slots: slices.Clone(old.slots), n: old.n}
		}
		w.owned[i] = true
	}
	return w.m.shards[i]
}

// tableSize returns the slot count that holds n entries at most three
// quarters full: a power of two, at least 8.
func tableSize(n int) int {
	size := 8
	for size*3 < n*4 {
		size *= 2
	}
	return size
}

// set stores v under k.
func (w *shardWriter[V]) set(k string, v V) {
	h := w.m.hashOf(k)
	t := w.shard(h >> 56)
	i, ok := t.find(h, k)
	if ok {
		t.slots[i].val = v
		return
	}
	if (t.n+1)*4 > len(t.slots)*3 {
		t.grow()
		i, _ = t.find(h, k)
	}
	t.slots[i] = slot[V]{hash: h, key: k, val: v}
	t.n++
}

// grow doubles t's slot array and re-inserts every entry.
func (t *table[V]) grow() {
	old := t.slots
	t.slots = make([]slot[V], 2*len(old))
	mask := uint64(len(t.slots) - 1)
	for _, s := range old {
		if s.hash == 0 {
			continue
		}
		i := home(s.hash, mask)
		for t.slots[i].hash != 0 {
			i = (i + 1) & mask
		}
		t.slots[i] = s
	}
}

// del removes k. A shard is cloned only when it holds k. The hole is
// closed by shifting back the entries after it that may move (backward
// shift deletion), so probe sequences stay unbroken without tombstones.
func (w *shardWriter[V]) del(k string) {
	if _, ok := w.m.get(k); !ok {
		return
	}
	h := w.m.hashOf(k)
	t := w.shard(h >> 56)
	i, _ := t.find(h, k)
	mask := uint64(len(t.slots) - 1)
	for j := (i + 1) & mask; t.slots[j].hash != 0; j = (j + 1) & mask {
		// The entry at j may fill the hole at i when i lies on its probe
		// path, that is, no further from its home than j is.
		hj := home(t.slots[j].hash, mask)
		if (j-hj)&mask >= (j-i)&mask {
			t.slots[i] = t.slots[j]
			i = j
		}
	}
	t.slots[i] = slot[V]{}
	t.n--
}
