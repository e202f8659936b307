package profile

import (
	"strings"
)

// Machine codes of a FieldError. They are stable: the UI and the import
// report key on them, the messages are for people.
const (
	CodeSyntax       = "syntax"        // the document is not well-formed JSON
	CodeTooLarge     = "too_large"     // the document exceeds MaxDocumentSize
	CodeType         = "type"          // a value has the wrong JSON type
	CodeUnknownField = "unknown_field" // a key that the format does not define
	CodeUnknownValue = "unknown_value" // a value outside an enumeration
	CodeRequired     = "required"      // a required value is missing or empty
	CodeFormat       = "format"        // a string or number is malformed (code, date, year, decimal places)
	CodeCheckDigit   = "check_digit"   // the USCC check digit is wrong
	CodeRange        = "range"         // a value outside its allowed range
	CodeNegative     = "negative"      // a negative amount or count
	CodeExceeds      = "exceeds"       // a part exceeds its whole (研发人员 > 从业人员)
	CodeDateOrder    = "date_order"    // an end date before its start date
	CodeDuplicate    = "duplicate"     // a repeated member of a set
	CodeInconsistent = "inconsistent"  // facts that contradict each other (mostly warnings)
)

// FieldError is one problem with one field of a profile. Path is the dotted
// path into the JSON document ("years.2025.rd_expense", "ip[2].kind"); it is
// empty for a problem with the document as a whole.
type FieldError struct {
	Path      string `json:"path"`
	Code      string `json:"code"`
	Message   string `json:"message"`    // English, starts with the path
	MessageZH string `json:"message_zh"` // Chinese, names the field: "years.2025.rd_expense（研发费用）：不能为负数"
	Warning   bool   `json:"warning,omitempty"`
}

// Error returns the English message.
func (e FieldError) Error() string { return e.Message }

// Errors is every problem found in one profile, in document order.
type Errors []FieldError

// Error joins the English messages.
func (es Errors) Error() string {
	msgs := make([]string, len(es))
	for i, e := range es {
		msgs[i] = e.Message
	}
	return strings.Join(msgs, "; ")
}

// HasErrors reports whether es holds a problem that is not a warning.
func (es Errors) HasErrors() bool {
	for _, e := range es {
		if !e.Warning {
			return true
		}
	}
	return false
}

// Err returns es as an error when it holds an error, and nil otherwise (a
// profile with only warnings is usable). It avoids the typed-nil trap of
// returning an empty Errors as an error.
func (es Errors) Err() error {
	if es.HasErrors() {
		return es
	}
	return nil
}

// Warnings returns the warnings alone.
func (es Errors) Warnings() Errors {
	var ws Errors
	for _, e := range es {
		if e.Warning {
			ws = append(ws, e)
		}
	}
	return ws
}

// ByPath returns the problems reported at path.
func (es Errors) ByPath(path string) Errors {
	var out Errors
	for _, e := range es {
		if e.Path == path {
			out = append(out, e)
		}
	}
	return out
}

// newError builds a FieldError whose messages lead with the path and, in
// Chinese, with the field's Chinese name, so that a user reading a list of
// problems sees which field each one is about.
func newError(path, code, en, zh string) FieldError {
	e := FieldError{Path: path, Code: code, Message: en, MessageZH: zh}
	if path != "" {
		e.Message = path + ": " + en
		if label := Label(path); label != "" {
			e.MessageZH = path + "（" + label + "）：" + zh
		} else {
			e.MessageZH = path + "：" + zh
		}
	}
	return e
}

func newWarning(path, code, en, zh string) FieldError {
	e := newError(path, code, en, zh)
	e.Warning = true
	return e
}
