package auth

import (
	"strings"
	"time"
	"unicode/utf8"

	"zjtx/internal/apperr"
)

// Login rules (账号安全).
const (
	MaxFailedLogins = 5                // failures in a row that lock an account
	LockDuration    = 15 * time.Minute // how long a lock lasts
)

// User is an account.
type User struct {
	ID            int64
	Username      string // lower-case, unique
	Name          string // the person's or unit's name, shown in the UI
	Role          Role
	Region        string // district code (区县代码) for district officials
	EnterpriseID  int64  // for enterprise accounts
	InstitutionID int64  // for institution and bank accounts
	PasswordHash  string // PHC string; never leaves the server
	FailedLogins  int    // failures since the last success or lock
	LockedUntil   time.Time
	Disabled      bool
	LastLoginAt   time.Time
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// Caller returns the caller acting as u.
func (u *User) Caller() Caller {
	return Caller{UserID: u.ID, Username: u.Username, Role: u.Role, Region: u.Region,
		EnterpriseID: u.EnterpriseID, InstitutionID: u.InstitutionID}
}

// Locked reports whether u is locked at now.
func (u *User) Locked(now time.Time) bool { return now.Before(u.LockedUntil) }

// RecordFailure applies a failed login at now: the MaxFailedLogins-th failure
// in a row locks the account for LockDuration and restarts the count, so an
// unlocked account again has MaxFailedLogins tries. It reports whether this
// failure locked the account.
func (u *User) RecordFailure(now time.Time) (locked bool) {
	u.FailedLogins++
	if u.FailedLogins >= MaxFailedLogins {
		u.FailedLogins = 0
		u.LockedUntil = now.Add(LockDuration)
		return true
	}
	return false
}

// RecordSuccess applies a successful login at now.
func (u *User) RecordSuccess(now time.Time) {
	u.FailedLogins = 0
	u.LockedUntil = time.Time{}
	u.LastLoginAt = now
}

// NormalizeUsername trims and lower-cases a username, so that logins are
// case-insensitive and the unique index sees one spelling.
func NormalizeUsername(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// Validate checks the fields a store needs before it writes u.
func (u *User) Validate() error {
	u.Username = NormalizeUsername(u.Username)
	if n := utf8.RuneCountInString(u.Username); n < 3 || n > 64 {
		return apperr.Errorf(apperr.EINVALID, "用户名须为 3 至 64 个字符")
	}
	for _, r := range u.Username {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '_' || r == '-' || r == '@') {
			return apperr.Errorf(apperr.EINVALID, "用户名只能包含字母、数字和 . _ - @")
		}
	}
	if strings.TrimSpace(u.Name) == "" {
		return apperr.Errorf(apperr.EINVALID, "姓名或单位名称不能为空")
	}
	if u.PasswordHash == "" {
		return apperr.Errorf(apperr.EINVALID, "密码不能为空")
	}
	return ValidateRoleBinding(u.Role, u.Region, u.EnterpriseID, u.InstitutionID)
}
