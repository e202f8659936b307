package httpx

import (
	"strings"

	"zjtx/internal/apperr"
)

// Named gives an invalid-input error from a domain or store check that
// words its field as a prefix ("tier：…", "evidence：…") the field list
// clients read, so that an API answer names the field as a decoding error
// does. Any other error is returned as it is.
func Named(err error) error {
	if !apperr.Is(err, apperr.EINVALID) || len(Fields(err)) > 0 {
		return err
	}
	msg := apperr.Message(err)
	name, _, ok := strings.Cut(msg, "：")
	if !ok || name == "" || strings.ContainsFunc(name, func(r rune) bool {
		return !(r == '_' || r == '.' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	}) {
		return err
	}
	return Invalid(msg, Field{Path: name, Message: msg})
}
