// Package apperr is the application error: a machine code that decides how a
// caller reacts (HTTP status, retry, form message) and a Chinese message a user
// may read. Internal detail travels in the wrapped cause and reaches the logs,
// never the user.
//
// It is its own package, not part of auth, because every layer raises these
// errors: the store, profile validation, imports and the criteria engine.
package apperr

import (
	"errors"
	"fmt"
)

// Error codes. The HTTP layer maps each to one status (EINVALID 400,
// EUNAUTHORIZED 401, EFORBIDDEN 403, ENOTFOUND 404, ECONFLICT 409,
// EPRECONDITION 428, ETOOLARGE 413, EUNAVAILABLE 503, EINTERNAL 500).
const (
	EINVALID      = "invalid"               // the input breaks a rule; the message names the field
	ENOTFOUND     = "not_found"             // no such thing, or not visible to the caller
	ECONFLICT     = "conflict"              // duplicate key or a stale edit
	EPRECONDITION = "precondition_required" // an update that does not say which version it read
	EUNAUTHORIZED = "unauthorized"          // not logged in, bad credentials, locked account
	EFORBIDDEN    = "forbidden"             // logged in, but the role may not do this
	EINTERNAL     = "internal"              // a bug or an outage; the user sees a generic message
)

// Codes of input refused for what it would cost rather than for what it says.
const (
	ETOOLARGE    = "too_large"   // the input is over a size limit (an upload that unpacks too large); the message names the limit
	EUNAVAILABLE = "unavailable" // too many such requests at once; the caller may retry later
)

// internalMessage is what a user reads for any EINTERNAL error.
const internalMessage = "系统内部错误，请稍后再试"

// Error is an error with a code and a user message (Chinese).
type Error struct {
	Code    string // one of the E* constants
	Message string // shown to the user
	Err     error  // the cause, for logs; may be nil
}

// Error returns the code, the message and the cause, for logs.
func (e *Error) Error() string {
	s := e.Code + ": " + e.Message
	if e.Err != nil {
		s += ": " + e.Err.Error()
	}
	return s
}

// Unwrap returns the cause.
func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an error with the code and a formatted user message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Wrap returns an error with the code and message whose cause is err.
func Wrap(err error, code, message string) *Error {
	return &Error{Code: code, Message: message, Err: err}
}

// Code returns the code of the first *Error in err's chain, EINTERNAL for any
// other error and "" for nil.
func Code(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// Message returns the user message of err: the message of its first *Error,
// or a generic one for internal errors, whose detail is not for users.
func Message(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) && e.Code != EINTERNAL {
		return e.Message
	}
	return internalMessage
}

// Is reports whether err carries the code.
func Is(err error, code string) bool { return Code(err) == code }
