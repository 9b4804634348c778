package store

import (
	"fmt"
	"strings"
)

// Parameter limits per statement: SQLite's SQLITE_MAX_VARIABLE_NUMBER
// (32766 since 3.32) and PostgreSQL's wire protocol (65535). Bulk writes
// stay under the lower of the engine's limit and maxBatchRows rows, so a
// statement stays small enough to parse quickly.
const (
	sqliteMaxParams   = 32766
	postgresMaxParams = 65535
	maxBatchRows      = 2000
)

// batchRows is how many rows of cols columns one INSERT may carry.
func (db *DB) batchRows(cols int) int {
	limit := sqliteMaxParams
	if db.engine == Postgres {
		limit = postgresMaxParams
	}
	return max(1, min(limit/cols, maxBatchRows))
}

// insertRows writes rows into table with multi-row INSERT statements, as
// many rows per statement as the parameter limit allows. suffix follows the
// VALUES list (an ON CONFLICT clause, or ""). Every row must have
// len(cols) values.
func (tx *Tx) insertRows(table string, cols []string, suffix string, rows [][]any) error {
	per := tx.db.batchRows(len(cols))
	one := "(" + placeholders(len(cols)) + ")"
	head := `INSERT INTO ` + table + ` (` + strings.Join(cols, ", ") + `) VALUES `
	var full string // the statement for a full batch, built once
	args := make([]any, 0, per*len(cols))
	for start := 0; start < len(rows); start += per {
		batch := rows[start:min(start+per, len(rows))]
		args = args[:0]
		for _, r := range batch {
			if len(r) != len(cols) {
				return fmt.Errorf("bulk insert %s: row has %d values, want %d", table, len(r), len(cols))
			}
			args = append(args, r...)
		}
		q := full
		if len(batch) < per || q == "" {
			q = tx.db.rebind(head + strings.TrimSuffix(strings.Repeat(one+", ", len(batch)), ", ") + suffix)
			if len(batch) == per {
				full = q
			}
		}
		if _, err := tx.tx.ExecContext(tx.ctx, q, args...); err != nil {
			return fmt.Errorf("bulk insert %s: %w", table, tx.db.wrap(err))
		}
	}
	return nil
}
