// Package errs defines the few error codes every layer agrees on, so a
// failure deep in the store or the domain reaches the edge (HTTP status,
// problem type, translated message) without each layer inventing its own.
package errs

import (
	"errors"
	"fmt"
)

// Code classifies an error for the edge. The set is small on purpose: the
// edge only needs to know which status to answer and whether the detail is
// safe to show.
type Code string

// The codes, mapped to HTTP status in one place (Status).
const (
	Invalid      Code = "invalid"      // the input is wrong; the message says how
	NotFound     Code = "not_found"    // missing, or not visible to this actor
	Conflict     Code = "conflict"     // the state does not allow it (duplicate, stale)
	Forbidden    Code = "forbidden"    // the actor is known but may not do this
	Unauthorized Code = "unauthorized" // no valid identity
	TooMany      Code = "too_many"     // throttled or locked out
	Internal     Code = "internal"     // a bug or an outage; detail never shown
)

// Error is an error with a code, a message key the edge can translate, and
// optional field errors for forms and problem details.
type Error struct {
	Code Code
	// Key names the user-facing message in the i18n catalog (e.g.
	// "error.email_taken"); Message is its English text for logs and for
	// clients that do not localize.
	Key     string
	Message string
	Fields  []FieldError
	Err     error // the cause, if any; never shown to users
}

// FieldError ties a message to one input field.
type FieldError struct {
	Field   string // form field or JSON pointer-ish path, e.g. "legal_name"
	Key     string // i18n key
	Message string // English text
}

func (e *Error) Error() string {
	msg := e.Message
	if msg == "" {
		msg = string(e.Code)
	}
	if e.Err != nil {
		return msg + ": " + e.Err.Error()
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

// E builds an error with a code, an i18n key and its English message.
func E(code Code, key, message string) *Error {
	return &Error{Code: code, Key: key, Message: message}
}

// Wrap attaches a code and message to a cause.
func Wrap(code Code, err error, key, message string) *Error {
	return &Error{Code: code, Key: key, Message: message, Err: err}
}

// Fields builds an Invalid error carrying field errors.
func Fields(fields ...FieldError) *Error {
	return &Error{Code: Invalid, Key: "error.invalid_input", Message: "some fields need correcting", Fields: fields}
}

// F builds one field error.
func F(field, key, message string) FieldError {
	return FieldError{Field: field, Key: key, Message: message}
}

// CodeOf returns the code of the first *Error in err's chain, Internal when
// there is none, and "" for nil.
func CodeOf(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return Internal
}

// Is reports whether err carries code.
func Is(err error, code Code) bool { return err != nil && CodeOf(err) == code }

// As returns the first *Error in err's chain.
func As(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// Status maps a code to its HTTP status.
func Status(code Code) int {
	switch code {
	case Invalid:
		return 422
	case NotFound:
		return 404
	case Conflict:
		return 409
	case Forbidden:
		return 403
	case Unauthorized:
		return 401
	case TooMany:
		return 429
	default:
		return 500
	}
}

// Op wraps err with the name of the operation that failed, keeping the code.
// Use it in a deferred call so error chains read like a trace.
func Op(err *error, format string, args ...any) {
	if *err != nil {
		*err = fmt.Errorf(format+": %w", append(args, *err)...)
	}
}
