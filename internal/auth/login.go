package auth

import "time"

// Login rules (账号安全). Failures are counted per account and client
// address: five in a row from one address lock the account for that address
// only, so whoever guesses passwords cannot lock the real user out from
// everywhere, and the real user logs in from another address (or an
// administrator unlocks the account).
const (
	MaxFailedLogins = 5                // failures in a row that lock an account for an address
	LockDuration    = 15 * time.Minute // how long a lock lasts; also the window failures count in
)

// Failures an address may make (over all accounts, known or not) in
// LockDuration before its further attempts are slowed down.
const freeAddressFailures = 3

// DefaultLoginMaxDelay bounds the delay before a login attempt of an
// address that keeps failing.
const DefaultLoginMaxDelay = 2 * time.Second

// LoginFailures are the failed logins of one account from one address.
type LoginFailures struct {
	UserID      int64 // 0 for a username that does not exist
	IP          string
	Failures    int // in a row, since FirstAt
	FirstAt     time.Time
	LastAt      time.Time
	LockedUntil time.Time
}

// Locked reports whether the account is locked for this address at now.
func (f *LoginFailures) Locked(now time.Time) bool { return now.Before(f.LockedUntil) }

// Record applies a failed login at now and reports whether it locked the
// account for the address. A count whose last failure is older than
// LockDuration, or whose lock has ended, starts again; the
// MaxFailedLogins-th failure locks for LockDuration. Failures while locked
// still count (they slow the address down, see LoginDelay) but do not extend
// the lock: the real user retrying from the same place gets in when it ends.
func (f *LoginFailures) Record(now time.Time) (locked bool) {
	stale := f.Failures == 0 || !now.Before(f.LastAt.Add(LockDuration))
	lockEnded := !f.LockedUntil.IsZero() && !now.Before(f.LockedUntil)
	if stale || lockEnded {
		f.Failures, f.FirstAt, f.LockedUntil = 0, now, time.Time{}
	}
	f.Failures++
	f.LastAt = now
	if f.LockedUntil.IsZero() && f.Failures >= MaxFailedLogins {
		f.LockedUntil = now.Add(LockDuration)
		return true
	}
	return false
}

// LoginDelay is how long a login attempt from an address waits before its
// password is checked, given the address's failures in the last
// LockDuration over all accounts: none for the first few, then 250 ms
// doubling with each further failure, never more than max. It depends on
// the address alone, so the delay tells an attacker nothing about an
// account, only what the attacker's own address has done.
func LoginDelay(addressFailures int, max time.Duration) time.Duration {
	n := addressFailures - freeAddressFailures
	if n <= 0 || max <= 0 {
		return 0
	}
	d := 250 * time.Millisecond
	for i := 1; i < n && d < max; i++ {
		d *= 2
	}
	return min(d, max)
}

// Policy is what a deployment chooses of the account rules (zjtx serve's
// flags). Zero fields take the defaults.
type Policy struct {
	DemoLogins      bool          // the demo's public accounts may log in (zjtx serve --demo)
	PasswordMaxAge  time.Duration // a password older than this must be changed; 0: never
	SessionLifetime time.Duration // absolute session lifetime; 0: DefaultSessionLifetime
	LoginMaxDelay   time.Duration // bound of LoginDelay; 0: DefaultLoginMaxDelay; negative: no delay
}

// MaxDelay is the bound of the login delay under p.
func (p Policy) MaxDelay() time.Duration {
	if p.LoginMaxDelay == 0 {
		return DefaultLoginMaxDelay
	}
	return max(p.LoginMaxDelay, 0)
}
