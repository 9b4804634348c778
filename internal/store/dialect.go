package store

import (
	"strconv"
	"strings"
)

// rebind rewrites ? placeholders as $1, $2 … for PostgreSQL. The SQL in this
// package never has a literal question mark, so a plain scan is enough.
func (db *DB) rebind(query string) string {
	if db.engine != Postgres || !strings.Contains(query, "?") {
		return query
	}
	var b strings.Builder
	b.Grow(len(query) + 8)
	n := 0
	for i := 0; i < len(query); i++ {
		if query[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(query[i])
	}
	return b.String()
}

// skipLocked is the row-claiming suffix: PostgreSQL lets several instances
// claim different rows at once; SQLite has one writer, so it needs none.
func (db *DB) skipLocked() string {
	if db.engine == Postgres {
		return " FOR UPDATE SKIP LOCKED"
	}
	return ""
}

// forUpdate locks the selected rows on PostgreSQL; SQLite's single writer
// already serializes.
func (db *DB) forUpdate() string {
	if db.engine == Postgres {
		return " FOR UPDATE"
	}
	return ""
}

// placeholders returns "?, ?, ?" for n arguments.
func placeholders(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat("?, ", n-1) + "?"
}

// likePattern escapes s for a LIKE … ESCAPE '\' match anywhere.
func likePattern(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(s) + "%"
}
