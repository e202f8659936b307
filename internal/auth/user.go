package auth

import (
	"strings"
	"time"
	"unicode/utf8"

	"zjtx/internal/apperr"
)

// User is an account.
type User struct {
	ID            int64
	Username      string // lower-case, unique
	Name          string // the person's or unit's name, shown in the UI
	Role          Role
	Region        string // district code (区县代码) for district officials
	EnterpriseID  int64  // for enterprise accounts
	InstitutionID int64  // for institution and bank accounts, once institutions have a table
	// Organization names the institution or bank of such an account. There
	// is no institution or bank table yet, so the account keeps the name;
	// InstitutionID will point to the record when the service hub brings it.
	Organization string
	// Unit is an official's unit (单位), e.g. 金水区科技工业和信息化局 企业服务科:
	// the 包联 ledger names the official with it.
	Unit         string
	PasswordHash string    // PHC string; never leaves the server
	LockedUntil  time.Time // a lock an administrator set; zero: none
	Disabled     bool
	// Demo marks the demo's public accounts: they log in only while the
	// server runs with --demo.
	Demo              bool
	PasswordChangedAt time.Time
	// MustChangePassword: the password was set by an administrator, or (as
	// the store reports it for a session) is older than the configured
	// maximum age; the user must change it before anything else.
	MustChangePassword bool
	LastLoginAt        time.Time
	Version            int64
	CreatedAt          time.Time
	UpdatedAt          time.Time
}

// Caller returns the caller acting as u.
func (u *User) Caller() Caller {
	return Caller{UserID: u.ID, Username: u.Username, Role: u.Role, Region: u.Region,
		EnterpriseID: u.EnterpriseID, InstitutionID: u.InstitutionID, MustChangePassword: u.MustChangePassword}
}

// Locked reports whether an administrator's lock holds u at now.
func (u *User) Locked(now time.Time) bool { return now.Before(u.LockedUntil) }

// PasswordExpired reports whether u's password is older than maxAge at now
// (等保三级: periodic change); maxAge 0 turns the rule off.
func (u *User) PasswordExpired(now time.Time, maxAge time.Duration) bool {
	return maxAge > 0 && !u.PasswordChangedAt.IsZero() && !now.Before(u.PasswordChangedAt.Add(maxAge))
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
	u.Organization = strings.TrimSpace(u.Organization)
	u.Unit = strings.TrimSpace(u.Unit)
	if utf8.RuneCountInString(u.Unit) > 100 {
		return apperr.Errorf(apperr.EINVALID, "unit：单位名称不能超过 100 个字符")
	}
	if utf8.RuneCountInString(u.Name) > 100 || utf8.RuneCountInString(u.Organization) > 100 {
		return apperr.Errorf(apperr.EINVALID, "姓名或单位名称不能超过 100 个字符")
	}
	return ValidateRoleBinding(u.Role, u.Region, u.EnterpriseID, u.Organization)
}

// UserFilter selects accounts for the administrators' list; zero fields do
// not filter.
type UserFilter struct {
	Q      string // part of the username, name or organisation
	Role   Role
	Region string
	Status string // active | disabled | locked (an administrator's lock or an address lock)
	Limit  int
	Offset int
}

// User statuses for UserFilter.Status.
const (
	UserActive   = "active"
	UserDisabled = "disabled"
	UserLocked   = "locked"
)

// UserChange is what an administrator changes of an account; nil and zero
// fields keep the stored value.
type UserChange struct {
	Name         *string
	Organization *string // institution and bank accounts only
	Unit         *string // officials only
	Disabled     *bool
	// PasswordHash, when set, replaces the password; with MustChange the
	// owner must change it at the next login (a password someone else chose).
	PasswordHash string
	MustChange   bool
	// Unlock lifts an administrator's lock and the locks of every address.
	Unlock bool
}

// NewAccount is what an administrator gives to create an account (the
// command line, the API and the pages alike).
type NewAccount struct {
	Username     string
	Name         string
	Role         Role
	Region       string // district officials
	EnterpriseID int64  // enterprise accounts
	Organization string // institution and bank accounts
	Unit         string // officials (单位)
	Password     string
}

// User checks the password against the policy and returns the account to
// create with the password hashed; mustChange makes its owner change the
// password at the first login (an administrator chose it). A bad password
// is an EINVALID error; the other fields are checked by User.Validate when
// the store writes the account.
func (n NewAccount) User(mustChange bool) (*User, error) {
	if err := ValidatePassword(n.Password, n.Username); err != nil {
		return nil, err
	}
	hash, err := HashPassword(n.Password)
	if err != nil {
		return nil, err
	}
	return &User{Username: n.Username, Name: n.Name, Role: n.Role, Region: n.Region, EnterpriseID: n.EnterpriseID,
		Organization: n.Organization, Unit: n.Unit, PasswordHash: hash, MustChangePassword: mustChange}, nil
}
