package store

// ExecForTest runs a statement written with ? placeholders, so tests can
// put rows the store has no writer for.
func (db *DB) ExecForTest(query string, args ...any) error {
	_, err := db.writer.Exec(db.rebind(query), args...)
	return err
}
