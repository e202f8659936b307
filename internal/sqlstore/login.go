package sqlstore

import (
	"context"
	"fmt"
	"strconv"
	"time"
	"unicode/utf8"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
)

// SessionMeta describes where a login came from, for the user's list of
// sessions, the failure counts per address and the audit log.
type SessionMeta struct {
	UserAgent string
	IP        string // the client address (httpx.ClientIP)
}

// errBadCredentials is the one answer to every refused login: a wrong
// password, an unknown or disabled account, a demo account without --demo,
// and an account locked for the address. Telling them apart would tell a
// guesser which usernames exist and which it has locked.
var errBadCredentials = apperr.Errorf(apperr.EUNAUTHORIZED, "用户名或密码错误")

// Reasons a login is refused, for the audit log only.
const (
	refusedUnknown  = "unknown_user"
	refusedDisabled = "disabled"
	refusedDemo     = "demo_account" // a demo account while the server runs without --demo
	refusedAdmin    = "locked_by_administrator"
	refusedAddress  = "locked_for_address"
	refusedPassword = "wrong_password"
)

// mayLogIn reports whether u may hold a session or token at all.
func (s *Store) mayLogIn(u *auth.User) bool {
	return !u.Disabled && (!u.Demo || s.Policy.DemoLogins)
}

// Login checks a username and password from the address in meta and, when
// they match, starts a session and returns the user and the session token
// (to set as a cookie).
//
// Every refusal is EUNAUTHORIZED with one message (errBadCredentials) after
// the same work: a delay that grows with the address's recent failures
// (auth.LoginDelay), one argon2id check (against a dummy hash for an unknown
// username, against the real one for a locked account, whose answer is then
// ignored), and one write transaction that counts the failure for the
// account and address (auth.LoginFailures) and audits it with the address.
// A locked account answering at once, as it used to, told a guesser it had
// locked it. The password is checked outside the write transaction: argon2id
// takes tens of milliseconds, and on SQLite the write transaction holds the
// only writer.
func (s *Store) Login(ctx context.Context, username, password string, meta SessionMeta) (*auth.User, string, error) {
	u, token, err := s.login(ctx, username, password, meta)
	if err != nil {
		return nil, "", fmt.Errorf("sqlstore: login %s: %w", auth.NormalizeUsername(username), err)
	}
	return u, token, nil
}

func (s *Store) login(ctx context.Context, username, password string, meta SessionMeta) (*auth.User, string, error) {
	meta.IP = truncate(meta.IP, 64)
	var u *auth.User
	var addressFailures int
	err := s.view(ctx, func(tx *Tx) error {
		var err error
		if u, err = tx.FindUserByUsername(ctx, username); apperr.Is(err, apperr.ENOTFOUND) {
			u, err = nil, nil
		}
		if err != nil {
			return err
		}
		addressFailures, err = tx.addressFailures(ctx, meta.IP)
		return err
	})
	if err != nil {
		return nil, "", err
	}
	if err := sleep(ctx, auth.LoginDelay(addressFailures, s.Policy.MaxDelay())); err != nil {
		return nil, "", err
	}
	refused := ""
	if u == nil {
		auth.CheckNoUser(password)
		refused = refusedUnknown
	} else {
		ok, err := auth.CheckPassword(u.PasswordHash, password)
		if err != nil {
			return nil, "", err
		}
		switch {
		case u.Disabled:
			refused = refusedDisabled
		case u.Demo && !s.Policy.DemoLogins:
			refused = refusedDemo
		case u.Locked(s.Now()):
			refused = refusedAdmin
		case !ok:
			refused = refusedPassword
		}
	}
	var token string
	err = s.WithTx(ctx, func(tx *Tx) error {
		var uid int64
		if u != nil {
			uid = u.ID
		}
		f, err := tx.lockLoginFailures(ctx, uid, meta.IP)
		if err != nil {
			return err
		}
		if refused == "" && f.Locked(tx.now) {
			refused = refusedAddress
		}
		if refused != "" {
			return tx.recordLoginFailure(ctx, u, username, f, refused)
		}
		if u, err = tx.recordLoginSuccess(ctx, u.ID, meta.IP); err != nil {
			return err
		}
		token, _, err = tx.CreateSession(auth.WithCaller(ctx, u.Caller()), meta)
		return err
	})
	if err != nil {
		return nil, "", err
	}
	if refused != "" {
		return nil, "", errBadCredentials
	}
	// The session reports an expired password the way FindSession does.
	u.MustChangePassword = u.MustChangePassword || u.PasswordExpired(s.Now(), s.Policy.PasswordMaxAge)
	return u, token, nil
}

// sleep waits d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// addressFailures is the number of failed logins from ip, over all
// accounts, in the last auth.LockDuration.
func (tx *Tx) addressFailures(ctx context.Context, ip string) (int, error) {
	var n int
	err := tx.queryRow(ctx, `SELECT COALESCE(SUM(failures), 0) FROM login_failures WHERE ip = $1 AND last_at > $2`,
		ip, ts(tx.now.Add(-auth.LockDuration))).Scan(&n)
	return n, err
}

// lockLoginFailures reads the failures of an account from an address for
// update, creating the row when there is none: the INSERT … ON CONFLICT DO
// NOTHING and the no-op UPDATE take the row lock on PostgreSQL, so
// concurrent attempts count one after another.
func (tx *Tx) lockLoginFailures(ctx context.Context, userID int64, ip string) (*auth.LoginFailures, error) {
	if _, err := tx.exec(ctx, `INSERT INTO login_failures (user_id, ip, failures, first_at, last_at)
		VALUES ($1, $2, 0, $3, $3) ON CONFLICT (user_id, ip) DO NOTHING`, userID, ip, ts(tx.now)); err != nil {
		return nil, err
	}
	if _, err := tx.exec(ctx, `UPDATE login_failures SET failures = failures WHERE user_id = $1 AND ip = $2`,
		userID, ip); err != nil {
		return nil, err
	}
	f := &auth.LoginFailures{UserID: userID, IP: ip}
	err := tx.queryRow(ctx, `SELECT failures, first_at, last_at, locked_until FROM login_failures
		WHERE user_id = $1 AND ip = $2`, userID, ip).Scan(&f.Failures, timeCol{&f.FirstAt}, timeCol{&f.LastAt},
		timeCol{&f.LockedUntil})
	return f, err
}

// recordLoginFailure counts a refused login and audits it with the address
// and the reason. A failure is attributed to no one: whoever typed the
// password is not known to be the account's owner.
func (tx *Tx) recordLoginFailure(ctx context.Context, u *auth.User, username string, f *auth.LoginFailures, reason string) error {
	locked := f.Record(tx.now)
	if _, err := tx.exec(ctx, `UPDATE login_failures SET failures = $1, first_at = $2, last_at = $3, locked_until = $4
		WHERE user_id = $5 AND ip = $6`, f.Failures, ts(f.FirstAt), ts(f.LastAt), nullTS(f.LockedUntil),
		f.UserID, f.IP); err != nil {
		return err
	}
	after := map[string]any{"ip": f.IP, "reason": reason, "failures": f.Failures}
	if !f.LockedUntil.IsZero() {
		after["locked_until"] = ts(f.LockedUntil)
	}
	r := auditRow{action: "login.failed", entity: "user", after: after}
	if u == nil {
		// What was typed, cut short: it may be a mistyped password.
		name := auth.NormalizeUsername(username)
		if utf8.RuneCountInString(name) > 32 {
			name = string([]rune(name)[:32])
		}
		after["username"] = name
	} else {
		r.entityID, r.region = strconv.FormatInt(u.ID, 10), u.Region
		after["username"] = u.Username
		if locked {
			r.action = "login.locked"
		}
	}
	return tx.audit(ctx, anonymous, r)
}

// recordLoginSuccess forgets the account's failures from the address and
// notes the login.
func (tx *Tx) recordLoginSuccess(ctx context.Context, userID int64, ip string) (*auth.User, error) {
	if _, err := tx.exec(ctx, `DELETE FROM login_failures WHERE user_id = $1 AND ip = $2`, userID, ip); err != nil {
		return nil, err
	}
	if _, err := tx.exec(ctx, `UPDATE users SET last_login_at = $1 WHERE id = $2`, ts(tx.now), userID); err != nil {
		return nil, err
	}
	u, err := tx.FindUserByID(ctx, userID)
	if err != nil {
		return nil, err
	}
	return u, tx.audit(ctx, u.Caller(), auditRow{action: "login.success", entity: "user",
		entityID: strconv.FormatInt(u.ID, 10), region: u.Region, after: map[string]any{"ip": ip}})
}

// PruneLoginFailures deletes the failure counts that no longer matter: no
// failure for auth.LockDuration and no lock in force. Housekeeping, not
// audited.
func (tx *Tx) PruneLoginFailures(ctx context.Context) (int64, error) {
	res, err := tx.exec(ctx, `DELETE FROM login_failures WHERE last_at <= $1
		AND (locked_until IS NULL OR locked_until <= $2)`, ts(tx.now.Add(-auth.LockDuration)), ts(tx.now))
	if err != nil {
		return 0, fmt.Errorf("sqlstore: prune login failures: %w", err)
	}
	return res.RowsAffected()
}

// PruneLoginFailures is Tx.PruneLoginFailures in its own transaction.
func (s *Store) PruneLoginFailures(ctx context.Context) (n int64, err error) {
	err = s.WithTx(ctx, func(tx *Tx) error {
		n, err = tx.PruneLoginFailures(ctx)
		return err
	})
	return n, err
}

// DemoAccounts returns the usernames of the demo's accounts still in the
// database, for the warning of a server started without --demo.
func (s *Store) DemoAccounts(ctx context.Context) ([]string, error) {
	var out []string
	err := s.view(ctx, func(tx *Tx) error {
		rows, err := tx.query(ctx, `SELECT username FROM users WHERE demo ORDER BY username`)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var name string
			if err := rows.Scan(&name); err != nil {
				return err
			}
			out = append(out, name)
		}
		return rows.Err()
	})
	if err != nil {
		return nil, fmt.Errorf("sqlstore: demo accounts: %w", err)
	}
	return out, nil
}
