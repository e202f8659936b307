package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"time"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
)

// SessionMeta describes where a login came from, for the user's list of
// sessions and for the audit log.
type SessionMeta struct {
	UserAgent string
	IP        string
}

// Login checks a username and password and, when they match, starts a
// session and returns the user and the session token (to set as a cookie).
//
// Wrong credentials give EUNAUTHORIZED with one message whether the user
// exists or not, after the same amount of hashing work. A locked or disabled
// account is refused before its password is checked. The password is checked
// outside the write transaction: argon2id takes tens of milliseconds, and on
// SQLite the write transaction holds the only writer.
func (s *Store) Login(ctx context.Context, username, password string, meta SessionMeta) (*auth.User, string, error) {
	u, token, err := s.login(ctx, username, password, meta)
	if err != nil {
		return nil, "", fmt.Errorf("sqlstore: login %s: %w", auth.NormalizeUsername(username), err)
	}
	return u, token, nil
}

var errBadCredentials = apperr.Errorf(apperr.EUNAUTHORIZED, "用户名或密码错误")

func lockedError(until time.Time) error {
	return apperr.Errorf(apperr.EUNAUTHORIZED, "连续登录失败次数过多，账号已锁定至 %s",
		until.In(cst).Format("15:04"))
}

// cst is China Standard Time, for times shown to users.
var cst = time.FixedZone("CST", 8*3600)

func (s *Store) login(ctx context.Context, username, password string, meta SessionMeta) (*auth.User, string, error) {
	u, err := s.FindUserByUsername(ctx, username)
	if apperr.Is(err, apperr.ENOTFOUND) {
		auth.CheckNoUser(password)
		return nil, "", errBadCredentials
	} else if err != nil {
		return nil, "", err
	}
	now := s.Now()
	if u.Disabled {
		return nil, "", apperr.Errorf(apperr.EUNAUTHORIZED, "账号已停用")
	}
	if u.Locked(now) {
		return nil, "", lockedError(u.LockedUntil)
	}
	ok, err := auth.CheckPassword(u.PasswordHash, password)
	if err != nil {
		return nil, "", err
	}
	var token string
	var result error
	err = s.WithTx(ctx, func(tx *Tx) error {
		// Another attempt may have locked the account since the read above.
		cur, err := tx.lockUserRow(ctx, u.ID)
		if err != nil {
			return err
		}
		if cur.Locked(tx.now) {
			result = lockedError(cur.LockedUntil)
			return nil
		}
		if !ok {
			if u, err = tx.RecordLoginFailure(ctx, u.ID); err != nil {
				return err
			}
			result = errBadCredentials
			if u.Locked(tx.now) {
				result = lockedError(u.LockedUntil)
			}
			return nil // commit the count: a failure must not roll back
		}
		if u, err = tx.RecordLoginSuccess(ctx, u.ID); err != nil {
			return err
		}
		token, _, err = tx.CreateSession(auth.WithCaller(ctx, u.Caller()), meta)
		return err
	})
	if err != nil {
		return nil, "", err
	}
	if result != nil {
		return nil, "", result
	}
	return u, token, nil
}

// CreateSession starts a session for the caller and returns its token.
func (tx *Tx) CreateSession(ctx context.Context, meta SessionMeta) (string, *auth.Session, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return "", nil, fmt.Errorf("sqlstore: create session: %w", err)
	}
	if c.UserID == 0 {
		return "", nil, fmt.Errorf("sqlstore: create session: %w", apperr.Errorf(apperr.EINVALID, "系统账号不能登录"))
	}
	sess, token := auth.NewSession(c.UserID, tx.now)
	sess.UserAgent, sess.IP = truncate(meta.UserAgent, 300), truncate(meta.IP, 64)
	err = tx.queryRow(ctx, `INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at, user_agent, ip)
		VALUES ($1, $2, $3, $3, $4, $5, $6) RETURNING id`,
		sess.TokenHash, sess.UserID, ts(sess.CreatedAt), ts(sess.ExpiresAt), sess.UserAgent, sess.IP).Scan(&sess.ID)
	if err != nil {
		return "", nil, fmt.Errorf("sqlstore: create session: %w", err)
	}
	err = tx.audit(ctx, c, auditRow{action: "session.create", entity: "session",
		entityID: strconv.FormatInt(sess.ID, 10), region: c.Region,
		after: map[string]any{"user_id": sess.UserID, "ip": sess.IP, "user_agent": sess.UserAgent}})
	if err != nil {
		return "", nil, fmt.Errorf("sqlstore: create session: %w", err)
	}
	return token, sess, nil
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// FindSession returns the live session with the token and its user. An
// unknown or idle-expired token, or a disabled user, gives EUNAUTHORIZED.
// It does not extend the session: see TouchSession and Authenticate.
func (tx *Tx) FindSession(ctx context.Context, token string) (*auth.Session, *auth.User, error) {
	sess, u, err := tx.findSession(ctx, token)
	if err != nil {
		return nil, nil, fmt.Errorf("sqlstore: find session: %w", err)
	}
	return sess, u, nil
}

var errSessionGone = apperr.Errorf(apperr.EUNAUTHORIZED, "登录已过期，请重新登录")

func (tx *Tx) findSession(ctx context.Context, token string) (*auth.Session, *auth.User, error) {
	// One statement for the session and its account: this runs before every
	// authenticated request.
	var sess auth.Session
	u, err := scanUser(withLeading(tx.queryRow(ctx, `SELECT s.id, s.token_hash, s.user_id, s.created_at, s.last_seen_at,
		s.expires_at, s.user_agent, s.ip, `+userColumns+`
		FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1`, auth.HashToken(token)),
		&sess.ID, &sess.TokenHash, &sess.UserID, timeCol{&sess.CreatedAt}, timeCol{&sess.LastSeenAt},
		timeCol{&sess.ExpiresAt}, &sess.UserAgent, &sess.IP))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, errSessionGone
	} else if err != nil {
		return nil, nil, err
	}
	if sess.Expired(tx.now) || u.Disabled {
		return nil, nil, errSessionGone
	}
	return &sess, u, nil
}

// TouchSession records a request on a live session, pushing its idle expiry
// back by auth.SessionIdle (at most once a minute, see auth.Session.Touch).
// Touches are bookkeeping, not changes to platform data, and are not audited:
// one audit row per request would bury the log.
func (tx *Tx) TouchSession(ctx context.Context, sess *auth.Session) error {
	if !sess.TouchDue(tx.now) {
		return nil
	}
	sess.Touch(tx.now)
	_, err := tx.exec(ctx, `UPDATE sessions SET last_seen_at = $1, expires_at = $2 WHERE id = $3`,
		ts(sess.LastSeenAt), ts(sess.ExpiresAt), sess.ID)
	if err != nil {
		return fmt.Errorf("sqlstore: touch session: %w", err)
	}
	return nil
}

// DeleteSession ends the session with the token (logout). Ending an unknown
// session is not an error.
func (tx *Tx) DeleteSession(ctx context.Context, token string) error {
	var id, userID int64
	err := tx.queryRow(ctx, `DELETE FROM sessions WHERE token_hash = $1 RETURNING id, user_id`,
		auth.HashToken(token)).Scan(&id, &userID)
	if err != nil {
		if apperr.Is(notFound(err, ""), apperr.ENOTFOUND) {
			return nil
		}
		return fmt.Errorf("sqlstore: delete session: %w", err)
	}
	c, ok := auth.CallerFrom(ctx)
	if !ok {
		c = auth.Caller{UserID: userID, Username: "user " + strconv.FormatInt(userID, 10)}
	}
	if err := tx.audit(ctx, c, auditRow{action: "session.delete", entity: "session",
		entityID: strconv.FormatInt(id, 10)}); err != nil {
		return fmt.Errorf("sqlstore: delete session: %w", err)
	}
	return nil
}

// DeleteExpiredSessions removes sessions idle past their expiry and returns
// how many. Expired sessions are already refused; this only frees space, so
// it is not audited.
func (tx *Tx) DeleteExpiredSessions(ctx context.Context) (int64, error) {
	res, err := tx.exec(ctx, `DELETE FROM sessions WHERE expires_at <= $1`, ts(tx.now))
	if err != nil {
		return 0, fmt.Errorf("sqlstore: delete expired sessions: %w", err)
	}
	return res.RowsAffected()
}

// Authenticate returns the user of a live session token and extends the
// session: FindSession then TouchSession, for the HTTP middleware. The read
// runs on the reader pool; only a due touch takes the writer.
func (s *Store) Authenticate(ctx context.Context, token string) (*auth.User, *auth.Session, error) {
	var sess *auth.Session
	var u *auth.User
	err := s.lookup(ctx, func(tx *Tx) (err error) {
		sess, u, err = tx.FindSession(ctx, token)
		return err
	})
	if err != nil {
		return nil, nil, err
	}
	if sess.TouchDue(s.Now()) {
		if err := s.WithTx(ctx, func(tx *Tx) error { return tx.TouchSession(ctx, sess) }); err != nil {
			return nil, nil, err
		}
	}
	return u, sess, nil
}

// FindSession is Tx.FindSession in its own read transaction.
func (s *Store) FindSession(ctx context.Context, token string) (sess *auth.Session, u *auth.User, err error) {
	err = s.view(ctx, func(tx *Tx) error {
		sess, u, err = tx.FindSession(ctx, token)
		return err
	})
	return sess, u, err
}

// TouchSession is Tx.TouchSession in its own transaction.
func (s *Store) TouchSession(ctx context.Context, sess *auth.Session) error {
	return s.WithTx(ctx, func(tx *Tx) error { return tx.TouchSession(ctx, sess) })
}

// DeleteSession is Tx.DeleteSession in its own transaction.
func (s *Store) DeleteSession(ctx context.Context, token string) error {
	return s.WithTx(ctx, func(tx *Tx) error { return tx.DeleteSession(ctx, token) })
}

// DeleteExpiredSessions is Tx.DeleteExpiredSessions in its own transaction.
func (s *Store) DeleteExpiredSessions(ctx context.Context) (n int64, err error) {
	err = s.WithTx(ctx, func(tx *Tx) error {
		n, err = tx.DeleteExpiredSessions(ctx)
		return err
	})
	return n, err
}
