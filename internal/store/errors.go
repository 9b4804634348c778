package store

import (
	"errors"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"trustlane/internal/errs"
)

// Shared sentinel causes, so callers can tell one constraint from another
// without knowing the engine.
var (
	ErrDuplicate  = errors.New("duplicate key")
	ErrForeignKey = errors.New("foreign key violation")
	ErrCheck      = errors.New("constraint violation")
	ErrBusy       = errors.New("database busy")
)

// wrap turns a driver error into a shared one. Both engines' constraint
// failures become errs.Conflict with a shared cause; everything else passes
// through and counts as internal.
func (db *DB) wrap(err error) error {
	if err == nil {
		return nil
	}
	if _, ok := errs.As(err); ok {
		return err
	}
	var cause error
	switch db.engine {
	case SQLite:
		cause = sqliteCause(err)
	case Postgres:
		cause = pgCause(err)
	}
	switch cause {
	case nil:
		return err
	case ErrBusy:
		return errs.Wrap(errs.TooMany, errors.Join(cause, err), "error.busy", "the database is busy, try again")
	case ErrDuplicate:
		return errs.Wrap(errs.Conflict, errors.Join(cause, err), "error.duplicate", "that record already exists")
	default:
		return errs.Wrap(errs.Conflict, errors.Join(cause, err), "error.conflict", "the change conflicts with existing records")
	}
}

func sqliteCause(err error) error {
	var se *sqlite.Error
	if !errors.As(err, &se) {
		return nil
	}
	switch se.Code() {
	case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
		return ErrDuplicate
	case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
		return ErrForeignKey
	case sqlite3.SQLITE_CONSTRAINT_CHECK, sqlite3.SQLITE_CONSTRAINT_NOTNULL:
		return ErrCheck
	case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
		return ErrBusy
	}
	return nil
}

func pgCause(err error) error {
	var pe *pgconn.PgError
	if !errors.As(err, &pe) {
		return nil
	}
	switch pe.Code {
	case "23505":
		return ErrDuplicate
	case "23503":
		return ErrForeignKey
	case "23502", "23514":
		return ErrCheck
	case "40001", "40P01", "55P03":
		return ErrBusy
	}
	return nil
}

// IsDuplicate reports whether err is a unique-constraint failure.
func IsDuplicate(err error) bool { return errors.Is(err, ErrDuplicate) }
