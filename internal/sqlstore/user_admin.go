package sqlstore

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
)

// addressLocks counts the addresses an account (alias u) is locked for at
// the time in placeholder now.
func addressLocks(now string) string {
	return `(SELECT count(*) FROM login_failures lf WHERE lf.user_id = u.id AND lf.locked_until > ` + now + `)`
}

// UserListItem is an account as the administrators' list shows it.
type UserListItem struct {
	*auth.User
	AddressLocks int // addresses the account is locked for now
	// Locks are those addresses with their failures, newest first; GetUser
	// fills them, lists do not.
	Locks []auth.LoginFailures
}

// ListUsers returns the accounts matching f, by username, and how many match
// in all. Only city officials manage accounts.
func (tx *Tx) ListUsers(ctx context.Context, f auth.UserFilter) ([]UserListItem, int, error) {
	out, total, err := tx.listUsers(ctx, f)
	if err != nil {
		return nil, 0, fmt.Errorf("sqlstore: list users: %w", err)
	}
	return out, total, nil
}

func (tx *Tx) listUsers(ctx context.Context, f auth.UserFilter) ([]UserListItem, int, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, 0, err
	}
	if err := requireCity(c); err != nil {
		return nil, 0, err
	}
	var a args
	conds := []string{"TRUE"}
	if q := strings.TrimSpace(f.Q); q != "" {
		p := a.add(likePattern(q))
		conds = append(conds, "(u.username LIKE "+p+` ESCAPE '\' OR lower(u.name) LIKE `+p+
			` ESCAPE '\' OR lower(u.organization) LIKE `+p+` ESCAPE '\')`)
	}
	if f.Role != "" {
		conds = append(conds, "u.role = "+a.add(string(f.Role)))
	}
	if f.Region != "" {
		conds = append(conds, "u.region = "+a.add(f.Region))
	}
	switch f.Status {
	case auth.UserActive:
		conds = append(conds, "NOT u.disabled")
	case auth.UserDisabled:
		conds = append(conds, "u.disabled")
	case auth.UserLocked:
		now := a.add(ts(tx.now))
		conds = append(conds, "(u.locked_until > "+now+" OR "+addressLocks(now)+" > 0)")
	}
	cond := strings.Join(conds, " AND ")
	var total int
	if err := tx.queryRow(ctx, `SELECT count(*) FROM users u WHERE `+cond, a...).Scan(&total); err != nil {
		return nil, 0, err
	}
	limit, offset := page(f.Limit, f.Offset)
	rows, err := tx.query(ctx, `SELECT `+addressLocks(a.add(ts(tx.now)))+`, `+userColumns+` FROM users u WHERE `+cond+
		` ORDER BY u.username LIMIT `+a.add(limit)+` OFFSET `+a.add(offset), a...)
	if err != nil {
		return nil, 0, err
	}
	defer rows.Close()
	var out []UserListItem
	for rows.Next() {
		var it UserListItem
		if it.User, err = scanUser(withLeading(rows, &it.AddressLocks)); err != nil {
			return nil, 0, err
		}
		out = append(out, it)
	}
	return out, total, rows.Err()
}

// GetUser returns an account with its address locks: any account for city
// officials, one's own for everyone else (ENOTFOUND otherwise).
func (tx *Tx) GetUser(ctx context.Context, id int64) (UserListItem, error) {
	it, err := tx.getUser(ctx, id)
	if err != nil {
		return UserListItem{}, fmt.Errorf("sqlstore: get user %d: %w", id, err)
	}
	return it, nil
}

func (tx *Tx) getUser(ctx context.Context, id int64) (UserListItem, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return UserListItem{}, err
	}
	if c.Role != auth.RoleCity && c.UserID != id {
		return UserListItem{}, apperr.Errorf(apperr.ENOTFOUND, "用户不存在")
	}
	var it UserListItem
	it.User, err = scanUser(withLeading(tx.queryRow(ctx, `SELECT `+addressLocks("$1")+`, `+userColumns+
		` FROM users u WHERE u.id = $2`, ts(tx.now), id), &it.AddressLocks))
	if err != nil {
		return it, notFound(err, "用户不存在")
	}
	rows, err := tx.query(ctx, `SELECT ip, failures, first_at, last_at, locked_until FROM login_failures
		WHERE user_id = $1 AND locked_until > $2 ORDER BY last_at DESC`, id, ts(tx.now))
	if err != nil {
		return it, err
	}
	defer rows.Close()
	for rows.Next() {
		f := auth.LoginFailures{UserID: id}
		if err := rows.Scan(&f.IP, &f.Failures, timeCol{&f.FirstAt}, timeCol{&f.LastAt}, timeCol{&f.LockedUntil}); err != nil {
			return it, err
		}
		it.Locks = append(it.Locks, f)
	}
	return it, rows.Err()
}

// UpdateUser applies an administrator's change to an account whose stored
// version is version (else ECONFLICT), in one transaction with its audit
// row, and returns the account as changed. Only city officials manage
// accounts. A new password or a disable ends the account's sessions.
func (tx *Tx) UpdateUser(ctx context.Context, id, version int64, ch auth.UserChange) (*auth.User, error) {
	u, err := tx.updateUser(ctx, id, version, ch)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: update user %d: %w", id, err)
	}
	return u, nil
}

func (tx *Tx) updateUser(ctx context.Context, id, version int64, ch auth.UserChange) (*auth.User, error) {
	c, err := callerFrom(ctx)
	if err != nil {
		return nil, err
	}
	if err := requireCity(c); err != nil {
		return nil, err
	}
	if version <= 0 {
		return nil, apperr.Errorf(apperr.EINVALID, "version：缺少账号版本号（If-Match 或 version），请刷新后重试")
	}
	u, err := tx.lockUserRow(ctx, id)
	if err != nil {
		return nil, err
	}
	if u.Version != version {
		return nil, apperr.Errorf(apperr.ECONFLICT, "该账号已被他人修改，请刷新后重试")
	}
	before := *u
	var actions []string
	if ch.Name != nil && strings.TrimSpace(*ch.Name) != u.Name {
		u.Name = strings.TrimSpace(*ch.Name)
		actions = append(actions, "user.update")
	}
	if ch.Organization != nil && strings.TrimSpace(*ch.Organization) != u.Organization {
		u.Organization = strings.TrimSpace(*ch.Organization)
		actions = append(actions, "user.update")
	}
	if ch.Unit != nil && strings.TrimSpace(*ch.Unit) != u.Unit && (u.Role == auth.RoleCity || u.Role == auth.RoleDistrict) {
		u.Unit = strings.TrimSpace(*ch.Unit)
		actions = append(actions, "user.update")
	}
	if err := u.Validate(); err != nil {
		return nil, err
	}
	if ch.Disabled != nil && *ch.Disabled != u.Disabled {
		if *ch.Disabled && u.ID == c.UserID {
			return nil, apperr.Errorf(apperr.EINVALID, "不能停用自己的账号")
		}
		u.Disabled = *ch.Disabled
		actions = append(actions, map[bool]string{true: "user.disable", false: "user.enable"}[u.Disabled])
	}
	if ch.PasswordHash != "" {
		u.PasswordHash, u.PasswordChangedAt, u.MustChangePassword = ch.PasswordHash, tx.now, ch.MustChange
		actions = append(actions, "user.password_reset")
	}
	if ch.Unlock {
		u.LockedUntil = time.Time{}
		if err := tx.clearAddressLocks(ctx, u.ID); err != nil {
			return nil, err
		}
		actions = append(actions, "user.unlock")
	}
	if len(actions) == 0 {
		return u, nil
	}
	if err := tx.saveUser(ctx, u); err != nil {
		return nil, err
	}
	if ch.PasswordHash != "" || u.Disabled {
		if err := tx.endSessions(ctx, u.ID, ""); err != nil {
			return nil, err
		}
	}
	action := actions[0]
	for _, a := range actions[1:] {
		if a != action {
			action = "user.update"
		}
	}
	return u, tx.auditUserChange(ctx, c, action, &before, u)
}

// ListUsers is Tx.ListUsers in its own read transaction.
func (s *Store) ListUsers(ctx context.Context, f auth.UserFilter) (out []UserListItem, total int, err error) {
	err = s.view(ctx, func(tx *Tx) error {
		out, total, err = tx.ListUsers(ctx, f)
		return err
	})
	return out, total, err
}

// GetUser is Tx.GetUser in its own read transaction.
func (s *Store) GetUser(ctx context.Context, id int64) (it UserListItem, err error) {
	err = s.view(ctx, func(tx *Tx) error {
		it, err = tx.GetUser(ctx, id)
		return err
	})
	return it, err
}

// UpdateUser is Tx.UpdateUser in its own transaction.
func (s *Store) UpdateUser(ctx context.Context, id, version int64, ch auth.UserChange) (u *auth.User, err error) {
	err = s.WithTx(ctx, func(tx *Tx) error {
		u, err = tx.UpdateUser(ctx, id, version, ch)
		return err
	})
	return u, err
}

// ResolveEnterprise turns what an administrator typed to name an enterprise
// (its id or its 统一社会信用代码) into its id, within the caller's scope.
func (s *Store) ResolveEnterprise(ctx context.Context, ref string) (int64, error) {
	ref = strings.ToUpper(strings.TrimSpace(ref))
	if ref == "" {
		return 0, nil
	}
	if id, err := strconv.ParseInt(ref, 10, 64); err == nil && len(ref) < 18 {
		r, err := s.GetEnterprise(ctx, id)
		if err != nil {
			return 0, err
		}
		return r.ID, nil
	}
	r, err := s.GetEnterpriseByUSCC(ctx, ref)
	if err != nil {
		return 0, err
	}
	return r.ID, nil
}
