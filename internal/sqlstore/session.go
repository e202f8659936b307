package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
)

// CreateSession starts a session for the caller and returns its token.
func (tx *Tx) CreateSession(ctx context.Context, meta SessionMeta) (string, *auth.Session, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return "", nil, fmt.Errorf("sqlstore: create session: %w", err)
	}
	if c.UserID == 0 {
		return "", nil, fmt.Errorf("sqlstore: create session: %w", apperr.Errorf(apperr.EINVALID, "系统账号不能登录"))
	}
	sess, token := auth.NewSession(c.UserID, tx.now, tx.store.Policy.SessionLifetime)
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
	if sess.Expired(tx.now, tx.store.Policy.SessionLifetime) || !tx.store.mayLogIn(u) {
		return nil, nil, errSessionGone
	}
	// A session whose password has expired may only change it.
	u.MustChangePassword = u.MustChangePassword || u.PasswordExpired(tx.now, tx.store.Policy.PasswordMaxAge)
	return &sess, u, nil
}

// TouchSession records a request on a live session, pushing its idle expiry
// back by auth.SessionIdle (at most once a minute, never past its absolute
// lifetime; see auth.Session.Touch).
// Touches are bookkeeping, not changes to platform data, and are not audited:
// one audit row per request would bury the log.
func (tx *Tx) TouchSession(ctx context.Context, sess *auth.Session) error {
	if !sess.TouchDue(tx.now) {
		return nil
	}
	sess.Touch(tx.now, tx.store.Policy.SessionLifetime)
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

// DeleteExpiredSessions removes sessions idle past their expiry or older
// than their lifetime, and returns how many. Expired sessions are already
// refused; this only frees space, so it is not audited.
func (tx *Tx) DeleteExpiredSessions(ctx context.Context) (int64, error) {
	lifetime := tx.store.Policy.SessionLifetime
	if lifetime <= 0 {
		lifetime = auth.DefaultSessionLifetime
	}
	res, err := tx.exec(ctx, `DELETE FROM sessions WHERE expires_at <= $1 OR created_at <= $2`,
		ts(tx.now), ts(tx.now.Add(-lifetime)))
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
