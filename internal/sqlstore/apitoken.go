package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
)

const apiTokenColumns = `id, user_id, name, token_hash, prefix, created_at, last_used_at, expires_at, revoked_at`

func scanAPIToken(row scanner) (*auth.APIToken, error) {
	var t auth.APIToken
	err := row.Scan(&t.ID, &t.UserID, &t.Name, &t.TokenHash, &t.Prefix, timeCol{&t.CreatedAt},
		timeCol{&t.LastUsedAt}, timeCol{&t.ExpiresAt}, timeCol{&t.RevokedAt})
	return &t, err
}

// CreateAPIToken issues an API token for the caller, valid until expiresAt
// (zero: until revoked). The token is returned once; only its hash is kept.
func (tx *Tx) CreateAPIToken(ctx context.Context, name string, expiresAt time.Time) (string, *auth.APIToken, error) {
	token, t, err := tx.createAPIToken(ctx, name, expiresAt)
	if err != nil {
		return "", nil, fmt.Errorf("sqlstore: create api token: %w", err)
	}
	return token, t, nil
}

func (tx *Tx) createAPIToken(ctx context.Context, name string, expiresAt time.Time) (string, *auth.APIToken, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return "", nil, err
	}
	if c.UserID == 0 {
		return "", nil, apperr.Errorf(apperr.EINVALID, "系统账号不能持有令牌")
	}
	name = strings.TrimSpace(name)
	if name == "" || len(name) > 100 {
		return "", nil, apperr.Errorf(apperr.EINVALID, "令牌名称不能为空且不超过 100 字节")
	}
	if !expiresAt.IsZero() && !expiresAt.After(tx.now) {
		return "", nil, apperr.Errorf(apperr.EINVALID, "令牌有效期须晚于当前时间")
	}
	token := auth.NewAPIToken()
	t := &auth.APIToken{UserID: c.UserID, Name: name, TokenHash: auth.HashToken(token),
		Prefix: auth.TokenPrefix(token), CreatedAt: tx.now, ExpiresAt: expiresAt.UTC()}
	err = tx.queryRow(ctx, `INSERT INTO api_tokens (user_id, name, token_hash, prefix, created_at, expires_at)
		VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
		t.UserID, t.Name, t.TokenHash, t.Prefix, ts(t.CreatedAt), nullTS(t.ExpiresAt)).Scan(&t.ID)
	if err != nil {
		return "", nil, err
	}
	err = tx.audit(ctx, c, auditRow{action: "api_token.create", entity: "api_token",
		entityID: strconv.FormatInt(t.ID, 10), region: c.Region,
		after: map[string]any{"user_id": t.UserID, "name": t.Name, "prefix": t.Prefix, "expires_at": nullTS(t.ExpiresAt)}})
	return token, t, err
}

// ListAPITokens returns the caller's tokens, newest first, revoked ones too.
func (tx *Tx) ListAPITokens(ctx context.Context) ([]*auth.APIToken, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: list api tokens: %w", err)
	}
	rows, err := tx.query(ctx, `SELECT `+apiTokenColumns+` FROM api_tokens WHERE user_id = $1 ORDER BY id DESC`, c.UserID)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: list api tokens: %w", err)
	}
	defer rows.Close()
	var out []*auth.APIToken
	for rows.Next() {
		t, err := scanAPIToken(rows)
		if err != nil {
			return nil, fmt.Errorf("sqlstore: list api tokens: %w", err)
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// RevokeAPIToken revokes a token of the caller's; city officials may revoke
// anyone's. Another user's token is ENOTFOUND for everyone else.
func (tx *Tx) RevokeAPIToken(ctx context.Context, id int64) error {
	if err := tx.revokeAPIToken(ctx, id); err != nil {
		return fmt.Errorf("sqlstore: revoke api token %d: %w", id, err)
	}
	return nil
}

func (tx *Tx) revokeAPIToken(ctx context.Context, id int64) error {
	c, err := callerFrom(ctx)
	if err != nil {
		return err
	}
	var a args
	cond := "id = " + a.add(id)
	if c.Role != auth.RoleCity {
		cond += " AND user_id = " + a.add(c.UserID)
	}
	t, err := scanAPIToken(tx.queryRow(ctx, `SELECT `+apiTokenColumns+` FROM api_tokens WHERE `+cond, a...))
	if err != nil {
		return notFound(err, "令牌不存在")
	}
	if !t.RevokedAt.IsZero() {
		return nil
	}
	if _, err := tx.exec(ctx, `UPDATE api_tokens SET revoked_at = $1 WHERE id = $2`, ts(tx.now), id); err != nil {
		return err
	}
	return tx.audit(ctx, c, auditRow{action: "api_token.revoke", entity: "api_token",
		entityID: strconv.FormatInt(id, 10), before: map[string]any{"user_id": t.UserID, "name": t.Name, "prefix": t.Prefix},
		after: map[string]any{"revoked_at": ts(tx.now)}})
}

var errBadToken = apperr.Errorf(apperr.EUNAUTHORIZED, "API 令牌无效或已过期")

// findAPIToken returns the valid token and its user.
func (tx *Tx) findAPIToken(ctx context.Context, token string) (*auth.APIToken, *auth.User, error) {
	t, err := scanAPIToken(tx.queryRow(ctx, `SELECT `+apiTokenColumns+` FROM api_tokens WHERE token_hash = $1`,
		auth.HashToken(token)))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, errBadToken
	} else if err != nil {
		return nil, nil, err
	}
	if !t.Valid(tx.now) {
		return nil, nil, errBadToken
	}
	u, err := tx.FindUserByID(ctx, t.UserID)
	if err != nil {
		return nil, nil, err
	}
	if !tx.store.mayLogIn(u) {
		return nil, nil, errBadToken
	}
	// A token is a program's credential, issued by its owner: the owner's
	// password age does not stop it.
	u.MustChangePassword = false
	return t, u, nil
}

// AuthenticateAPIToken returns the user of a valid API token, noting the
// token's use at most once a minute (not audited, like session touches).
func (s *Store) AuthenticateAPIToken(ctx context.Context, token string) (*auth.User, error) {
	var t *auth.APIToken
	var u *auth.User
	err := s.view(ctx, func(tx *Tx) (err error) {
		t, u, err = tx.findAPIToken(ctx, token)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("sqlstore: authenticate api token: %w", err)
	}
	if now := s.Now(); now.Sub(t.LastUsedAt) >= time.Minute {
		err = s.WithTx(ctx, func(tx *Tx) error {
			_, err := tx.exec(ctx, `UPDATE api_tokens SET last_used_at = $1 WHERE id = $2`, ts(tx.now), t.ID)
			return err
		})
		if err != nil {
			return nil, fmt.Errorf("sqlstore: authenticate api token: %w", err)
		}
	}
	return u, nil
}

// CreateAPIToken is Tx.CreateAPIToken in its own transaction.
func (s *Store) CreateAPIToken(ctx context.Context, name string, expiresAt time.Time) (token string, t *auth.APIToken, err error) {
	err = s.WithTx(ctx, func(tx *Tx) error {
		token, t, err = tx.CreateAPIToken(ctx, name, expiresAt)
		return err
	})
	return token, t, err
}

// ListAPITokens is Tx.ListAPITokens in its own read transaction.
func (s *Store) ListAPITokens(ctx context.Context) (out []*auth.APIToken, err error) {
	err = s.view(ctx, func(tx *Tx) error {
		out, err = tx.ListAPITokens(ctx)
		return err
	})
	return out, err
}

// RevokeAPIToken is Tx.RevokeAPIToken in its own transaction.
func (s *Store) RevokeAPIToken(ctx context.Context, id int64) error {
	return s.WithTx(ctx, func(tx *Tx) error { return tx.RevokeAPIToken(ctx, id) })
}
