package auth

import (
	"bufio"
	_ "embed"
	"strings"
	"unicode/utf8"

	"zjtx/internal/apperr"
)

// MinPasswordLength is the shortest password accepted, in characters.
const MinPasswordLength = 10

// commonPasswordList is a small list of passwords that guessing tools try
// first, lower-case, one a line: the most common of the public leak lists
// and the ones typical of Chinese users and of this platform.
//
//go:embed common_passwords.txt
var commonPasswordList string

var commonPasswords = func() map[string]bool {
	m := map[string]bool{}
	sc := bufio.NewScanner(strings.NewReader(commonPasswordList))
	for sc.Scan() {
		if w := strings.TrimSpace(sc.Text()); w != "" && !strings.HasPrefix(w, "#") {
			m[strings.ToLower(w)] = true
		}
	}
	return m
}()

// ValidatePassword checks a new password of the account username against
// the password policy: at least MinPasswordLength characters, not the
// username and not containing it (case-insensitive), not a common password.
// The error names the field "password".
func ValidatePassword(pw, username string) error {
	lower := strings.ToLower(pw)
	user := NormalizeUsername(username)
	switch {
	case utf8.RuneCountInString(pw) < MinPasswordLength:
		return apperr.Errorf(apperr.EINVALID, "密码至少 %d 位", MinPasswordLength)
	case len(pw) > 1024:
		return apperr.Errorf(apperr.EINVALID, "密码过长")
	case user != "" && strings.Contains(lower, user):
		return apperr.Errorf(apperr.EINVALID, "密码不能包含用户名")
	case commonPasswords[lower]:
		return apperr.Errorf(apperr.EINVALID, "密码过于常见，请换一个不易猜到的密码")
	}
	return nil
}
