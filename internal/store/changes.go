package store

// Change is a notice that something other instances and in-memory indexes
// may care about has been committed: the kind of record and its ID.
type Change struct {
	Kind  string `json:"kind"`
	ID    string `json:"id"`
	OrgID string `json:"org_id,omitempty"`
}

// Changed queues a change notice; it goes out only if the transaction
// commits.
func (tx *Tx) Changed(c Change) { tx.changes = append(tx.changes, c) }

// OnChange registers fn to receive every committed change notice of this
// process. fn must not block.
func (db *DB) OnChange(fn func(Change)) {
	db.mu.Lock()
	defer db.mu.Unlock()
	db.listeners = append(db.listeners, fn)
}

func (db *DB) publish(changes []Change) {
	if len(changes) == 0 {
		return
	}
	db.mu.RLock()
	ls := db.listeners
	db.mu.RUnlock()
	for _, c := range changes {
		for _, fn := range ls {
			fn(c)
		}
	}
}
