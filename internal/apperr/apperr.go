// Package apperr is dualuse's one error vocabulary: a Kind that says what went
// wrong in terms a caller can act on, a user-safe message, and the field or
// place (file, line, field) the error is about. Only the HTTP layer turns a
// Kind into a status code; only Internal errors hide their message.
package apperr

import (
	"errors"
	"fmt"
)

// Kind classifies an error for callers and for the HTTP mapping.
type Kind string

// The kinds of error dualuse reports.
const (
	Internal        Kind = "internal"
	Invalid         Kind = "invalid"           // malformed input: 400
	Unprocessable   Kind = "unprocessable"     // well-formed but not acceptable: 422
	NotFound        Kind = "not_found"         // 404
	Conflict        Kind = "conflict"          // 409
	Unauthenticated Kind = "unauthenticated"   // 401
	Forbidden       Kind = "forbidden"         // 403
	TooManyRequests Kind = "too_many_requests" // 429
)

// Error is an error with a Kind, a message safe to show users and an optional
// field naming what the error is about.
type Error struct {
	Kind    Kind
	Message string // safe to show to the user
	Field   string // the input field, or "file:line" place, the error is about
	Err     error  // the underlying cause, never shown to users for Internal
}

func (e *Error) Error() string {
	msg := e.Message
	if e.Field != "" {
		msg = e.Field + ": " + msg
	}
	if e.Err != nil {
		if msg == "" {
			return e.Err.Error()
		}
		return msg + ": " + e.Err.Error()
	}
	return msg
}

func (e *Error) Unwrap() error { return e.Err }

// New returns an error of the given kind with a user-safe message.
func New(kind Kind, format string, args ...any) error {
	return &Error{Kind: kind, Message: fmt.Sprintf(format, args...)}
}

// Field returns an error of the given kind about one input field.
func Field(kind Kind, field, format string, args ...any) error {
	return &Error{Kind: kind, Field: field, Message: fmt.Sprintf(format, args...)}
}

// KindOf returns the Kind of err: the innermost *Error's kind, Internal for
// any other non-nil error, and "" for nil.
func KindOf(err error) Kind {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return Internal
}

// Is reports whether err is of the given kind.
func Is(err error, kind Kind) bool { return KindOf(err) == kind }

// Safe returns the message and field to show a user: the *Error's own message
// for application errors, a generic text for internal ones.
func Safe(err error) (message, field string) {
	var e *Error
	if errors.As(err, &e) && e.Kind != Internal {
		return e.Message, e.Field
	}
	return "internal error", ""
}

// Wrap annotates *errp with an operation name, keeping its Kind. Use as
// `defer apperr.Wrap(&err, "store.CreateUser(%q)", email)`.
func Wrap(errp *error, format string, args ...any) {
	if *errp != nil {
		*errp = fmt.Errorf("%s: %w", fmt.Sprintf(format, args...), *errp)
	}
}
