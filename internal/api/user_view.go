package api

import (
	"time"

	"zjtx/internal/auth"
	"zjtx/internal/sqlstore"
)

// accountView is an account as the administrators' routes show it: never
// its hash.
type accountView struct {
	userView
	Organization       string     `json:"organization,omitempty"`
	Unit               string     `json:"unit,omitempty"`
	RegionName         string     `json:"region_name,omitempty"`
	Disabled           bool       `json:"disabled"`
	Demo               bool       `json:"demo"`
	LockedUntil        *time.Time `json:"locked_until,omitempty"` // an administrator's lock
	AddressLocks       int        `json:"address_locks"`          // addresses the account is locked for now
	Locks              []lockView `json:"locks,omitempty"`        // those addresses (one account's view only)
	MustChangePassword bool       `json:"must_change_password"`
	PasswordChangedAt  *time.Time `json:"password_changed_at,omitempty"`
	LastLoginAt        *time.Time `json:"last_login_at,omitempty"`
	Version            int64      `json:"version"`
	CreatedAt          time.Time  `json:"created_at"`
	UpdatedAt          time.Time  `json:"updated_at"`
}

// lockView is an address an account is locked for.
type lockView struct {
	IP          string    `json:"ip"`
	Failures    int       `json:"failures"`
	LockedUntil time.Time `json:"locked_until"`
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

func (a *API) account(it sqlstore.UserListItem) accountView {
	u := it.User
	return accountView{userView: userOf(u), Organization: u.Organization, Unit: u.Unit, RegionName: a.regions[u.Region],
		Disabled: u.Disabled, Demo: u.Demo, LockedUntil: timePtr(u.LockedUntil), AddressLocks: it.AddressLocks,
		MustChangePassword: u.MustChangePassword, PasswordChangedAt: timePtr(u.PasswordChangedAt),
		LastLoginAt: timePtr(u.LastLoginAt), Version: u.Version, CreatedAt: u.CreatedAt, UpdatedAt: u.UpdatedAt}
}

// accountWithLocks is account with the locked addresses, for one account.
func (a *API) accountWithLocks(it sqlstore.UserListItem) accountView {
	v := a.account(it)
	for _, l := range it.Locks {
		v.Locks = append(v.Locks, lockView{l.IP, l.Failures, l.LockedUntil})
	}
	return v
}

type accountList struct {
	Items  []accountView `json:"items"`
	Total  int           `json:"total"`
	Limit  int           `json:"limit"`
	Offset int           `json:"offset"`
}

// tokenView is an API token as its owner sees it; Token is set once, in the
// answer to its creation.
type tokenView struct {
	ID         int64      `json:"id"`
	Name       string     `json:"name"`
	Prefix     string     `json:"prefix"`
	Token      string     `json:"token,omitempty"`
	CreatedAt  time.Time  `json:"created_at"`
	LastUsedAt *time.Time `json:"last_used_at,omitempty"`
	ExpiresAt  *time.Time `json:"expires_at,omitempty"`
	RevokedAt  *time.Time `json:"revoked_at,omitempty"`
}

func tokenOf(t *auth.APIToken) tokenView {
	return tokenView{ID: t.ID, Name: t.Name, Prefix: t.Prefix, CreatedAt: t.CreatedAt,
		LastUsedAt: timePtr(t.LastUsedAt), ExpiresAt: timePtr(t.ExpiresAt), RevokedAt: timePtr(t.RevokedAt)}
}
