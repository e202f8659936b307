package sqlstore

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
)

// anonymous is the audit actor of a login attempt that failed.
var anonymous = auth.Caller{Username: "anonymous"}

const userColumns = `u.id, u.username, u.name, u.role, u.region, u.enterprise_id, u.institution_id,
	u.password_hash, u.failed_logins, u.locked_until, u.disabled, u.last_login_at, u.created_at, u.updated_at`

func scanUser(row scanner) (*auth.User, error) {
	var u auth.User
	var role string
	if err := row.Scan(&u.ID, &u.Username, &u.Name, &role, stringCol{&u.Region}, int64Col{&u.EnterpriseID},
		int64Col{&u.InstitutionID}, &u.PasswordHash, &u.FailedLogins, timeCol{&u.LockedUntil}, &u.Disabled,
		timeCol{&u.LastLoginAt}, timeCol{&u.CreatedAt}, timeCol{&u.UpdatedAt}); err != nil {
		return nil, err
	}
	u.Role = auth.Role(role)
	return &u, nil
}

// userAudit is how an account appears in the audit log: never its hash.
type userAudit struct {
	ID            int64     `json:"id"`
	Username      string    `json:"username"`
	Name          string    `json:"name"`
	Role          auth.Role `json:"role"`
	Region        string    `json:"region,omitempty"`
	EnterpriseID  int64     `json:"enterprise_id,omitempty"`
	InstitutionID int64     `json:"institution_id,omitempty"`
	FailedLogins  int       `json:"failed_logins"`
	LockedUntil   string    `json:"locked_until,omitempty"`
	Disabled      bool      `json:"disabled"`
}

func auditUser(u *auth.User) userAudit {
	a := userAudit{u.ID, u.Username, u.Name, u.Role, u.Region, u.EnterpriseID, u.InstitutionID,
		u.FailedLogins, "", u.Disabled}
	if !u.LockedUntil.IsZero() {
		a.LockedUntil = ts(u.LockedUntil)
	}
	return a
}

// CreateUser creates an account; u.PasswordHash must hold auth.HashPassword's
// result. City officials create any account; district officials create
// enterprise accounts for enterprises of their district. u.ID and the
// timestamps are set on success.
func (tx *Tx) CreateUser(ctx context.Context, u *auth.User) error {
	if err := tx.createUser(ctx, u); err != nil {
		return fmt.Errorf("sqlstore: create user %s: %w", u.Username, err)
	}
	return nil
}

func (tx *Tx) createUser(ctx context.Context, u *auth.User) error {
	c, err := callerFrom(ctx)
	if err != nil {
		return err
	}
	if err := u.Validate(); err != nil {
		return err
	}
	switch {
	case c.Role == auth.RoleCity:
	case c.Role == auth.RoleDistrict && u.Role == auth.RoleEnterprise:
		// The enterprise must be one the official can see: its own district.
		if _, err := tx.getEnterprise(ctx, c, "e.id", u.EnterpriseID); err != nil {
			return err
		}
	default:
		return apperr.Errorf(apperr.EFORBIDDEN, "无权创建该类账号")
	}
	if u.Role != auth.RoleDistrict {
		u.Region = ""
	}
	u.FailedLogins, u.LockedUntil = 0, time.Time{}
	u.CreatedAt, u.UpdatedAt = tx.now, tx.now
	err = tx.queryRow(ctx, `INSERT INTO users
		(username, name, role, region, enterprise_id, institution_id, password_hash, failed_logins, disabled, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8, $9, $9) RETURNING id`,
		u.Username, u.Name, string(u.Role), nullString(u.Region), nullInt64(u.EnterpriseID), nullInt64(u.InstitutionID),
		u.PasswordHash, u.Disabled, ts(tx.now)).Scan(&u.ID)
	if err != nil {
		switch violation(err) {
		case violUnique:
			return apperr.Wrap(err, apperr.ECONFLICT, fmt.Sprintf("用户名 %s 已被使用", u.Username))
		case violForeignKey:
			return apperr.Wrap(err, apperr.EINVALID, "所属区县或企业不存在")
		}
		return err
	}
	return tx.audit(ctx, c, auditRow{action: "user.create", entity: "user",
		entityID: strconv.FormatInt(u.ID, 10), region: u.Region, after: auditUser(u)})
}

// FindUserByUsername returns the account with the username, hash included.
// It needs no caller: login calls it before anyone is logged in.
func (tx *Tx) FindUserByUsername(ctx context.Context, username string) (*auth.User, error) {
	u, err := scanUser(tx.queryRow(ctx, `SELECT `+userColumns+` FROM users u WHERE u.username = $1`,
		auth.NormalizeUsername(username)))
	if err != nil {
		return nil, fmt.Errorf("sqlstore: find user %s: %w", username, notFound(err, "用户不存在"))
	}
	return u, nil
}

// FindUserByID returns the account with the id. Like FindUserByUsername it
// serves authentication and needs no caller.
func (tx *Tx) FindUserByID(ctx context.Context, id int64) (*auth.User, error) {
	u, err := scanUser(tx.queryRow(ctx, `SELECT `+userColumns+` FROM users u WHERE u.id = $1`, id))
	if err != nil {
		return nil, fmt.Errorf("sqlstore: find user %d: %w", id, notFound(err, "用户不存在"))
	}
	return u, nil
}

// lockUserRow reads a user for update. The no-op UPDATE takes the row lock
// on PostgreSQL (SQLite's writer holds the whole database already), which
// SELECT … FOR UPDATE would do on PostgreSQL only: concurrent failed logins
// then count one after another instead of overwriting each other.
func (tx *Tx) lockUserRow(ctx context.Context, id int64) (*auth.User, error) {
	if _, err := tx.exec(ctx, `UPDATE users SET failed_logins = failed_logins WHERE id = $1`, id); err != nil {
		return nil, err
	}
	u, err := scanUser(tx.queryRow(ctx, `SELECT `+userColumns+` FROM users u WHERE u.id = $1`, id))
	return u, notFound(err, "用户不存在")
}

func (tx *Tx) saveLoginState(ctx context.Context, u *auth.User) error {
	_, err := tx.exec(ctx, `UPDATE users SET failed_logins = $1, locked_until = $2, last_login_at = $3, updated_at = $4
		WHERE id = $5`, u.FailedLogins, nullTS(u.LockedUntil), nullTS(u.LastLoginAt), ts(tx.now), u.ID)
	return err
}

// RecordLoginFailure counts a failed login for the user at the transaction's
// time; the fifth in a row locks the account (auth.User.RecordFailure). It
// returns the updated user. The audit row names the user as actor.
func (tx *Tx) RecordLoginFailure(ctx context.Context, userID int64) (*auth.User, error) {
	u, err := tx.recordLogin(ctx, userID, false)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: record login failure %d: %w", userID, err)
	}
	return u, nil
}

// RecordLoginSuccess clears the failure count and lock and notes the time.
func (tx *Tx) RecordLoginSuccess(ctx context.Context, userID int64) (*auth.User, error) {
	u, err := tx.recordLogin(ctx, userID, true)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: record login success %d: %w", userID, err)
	}
	return u, nil
}

func (tx *Tx) recordLogin(ctx context.Context, userID int64, ok bool) (*auth.User, error) {
	u, err := tx.lockUserRow(ctx, userID)
	if err != nil {
		return nil, err
	}
	before := auditUser(u)
	action := "login.success"
	if ok {
		u.RecordSuccess(tx.now)
	} else if u.RecordFailure(tx.now) {
		action = "login.locked"
	} else {
		action = "login.failed"
	}
	if err := tx.saveLoginState(ctx, u); err != nil {
		return nil, err
	}
	// A failure is attributed to no one: whoever typed the password is not
	// known to be the account's owner.
	actor := u.Caller()
	if !ok {
		actor = anonymous
	}
	return u, tx.audit(ctx, actor, auditRow{action: action, entity: "user",
		entityID: strconv.FormatInt(u.ID, 10), region: u.Region, before: before, after: auditUser(u)})
}

// LockUser locks an account until the time given (zero unlocks it). Only
// city officials lock and unlock accounts.
func (tx *Tx) LockUser(ctx context.Context, userID int64, until time.Time) error {
	if err := tx.lockUser(ctx, userID, until); err != nil {
		return fmt.Errorf("sqlstore: lock user %d: %w", userID, err)
	}
	return nil
}

func (tx *Tx) lockUser(ctx context.Context, userID int64, until time.Time) error {
	c, err := callerFrom(ctx)
	if err != nil {
		return err
	}
	if err := requireCity(c); err != nil {
		return err
	}
	u, err := tx.lockUserRow(ctx, userID)
	if err != nil {
		return err
	}
	before := auditUser(u)
	u.LockedUntil, u.FailedLogins = until.UTC(), 0
	if err := tx.saveLoginState(ctx, u); err != nil {
		return err
	}
	action := "user.lock"
	if until.IsZero() {
		action = "user.unlock"
	}
	return tx.audit(ctx, c, auditRow{action: action, entity: "user", entityID: strconv.FormatInt(u.ID, 10),
		region: u.Region, before: before, after: auditUser(u)})
}

// SetPassword replaces a user's password hash and ends the user's sessions.
// Users change their own password; city officials reset anyone's.
func (tx *Tx) SetPassword(ctx context.Context, userID int64, hash string) error {
	if err := tx.setPassword(ctx, userID, hash); err != nil {
		return fmt.Errorf("sqlstore: set password %d: %w", userID, err)
	}
	return nil
}

func (tx *Tx) setPassword(ctx context.Context, userID int64, hash string) error {
	c, err := callerFrom(ctx)
	if err != nil {
		return err
	}
	if c.UserID != userID && c.Role != auth.RoleCity {
		return apperr.Errorf(apperr.EFORBIDDEN, "无权修改他人密码")
	}
	if hash == "" {
		return apperr.Errorf(apperr.EINVALID, "密码不能为空")
	}
	u, err := tx.lockUserRow(ctx, userID)
	if err != nil {
		return err
	}
	if _, err := tx.exec(ctx, `UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3`,
		hash, ts(tx.now), userID); err != nil {
		return err
	}
	if _, err := tx.exec(ctx, `DELETE FROM sessions WHERE user_id = $1`, userID); err != nil {
		return err
	}
	return tx.audit(ctx, c, auditRow{action: "user.password", entity: "user",
		entityID: strconv.FormatInt(userID, 10), region: u.Region})
}

// CreateUser is Tx.CreateUser in its own transaction.
func (s *Store) CreateUser(ctx context.Context, u *auth.User) error {
	return s.WithTx(ctx, func(tx *Tx) error { return tx.CreateUser(ctx, u) })
}

// FindUserByUsername is Tx.FindUserByUsername in its own read transaction.
func (s *Store) FindUserByUsername(ctx context.Context, username string) (u *auth.User, err error) {
	err = s.view(ctx, func(tx *Tx) error {
		u, err = tx.FindUserByUsername(ctx, username)
		return err
	})
	return u, err
}

// FindUserByID is Tx.FindUserByID in its own read transaction.
func (s *Store) FindUserByID(ctx context.Context, id int64) (u *auth.User, err error) {
	err = s.view(ctx, func(tx *Tx) error {
		u, err = tx.FindUserByID(ctx, id)
		return err
	})
	return u, err
}

// LockUser is Tx.LockUser in its own transaction.
func (s *Store) LockUser(ctx context.Context, userID int64, until time.Time) error {
	return s.WithTx(ctx, func(tx *Tx) error { return tx.LockUser(ctx, userID, until) })
}

// SetPassword is Tx.SetPassword in its own transaction.
func (s *Store) SetPassword(ctx context.Context, userID int64, hash string) error {
	return s.WithTx(ctx, func(tx *Tx) error { return tx.SetPassword(ctx, userID, hash) })
}
