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

// anonymous is the audit actor of a login attempt that failed.
var anonymous = auth.Caller{Username: "anonymous"}

const userColumns = `u.id, u.username, u.name, u.role, u.region, u.enterprise_id, u.institution_id, u.organization, u.unit,
	u.password_hash, u.locked_until, u.disabled, u.demo, u.password_changed_at, u.must_change_password,
	u.last_login_at, u.version, u.created_at, u.updated_at`

func scanUser(row scanner) (*auth.User, error) {
	var u auth.User
	var role string
	if err := row.Scan(&u.ID, &u.Username, &u.Name, &role, stringCol{&u.Region}, int64Col{&u.EnterpriseID},
		int64Col{&u.InstitutionID}, &u.Organization, &u.Unit, &u.PasswordHash, timeCol{&u.LockedUntil}, &u.Disabled, &u.Demo,
		timeCol{&u.PasswordChangedAt}, &u.MustChangePassword, timeCol{&u.LastLoginAt}, &u.Version,
		timeCol{&u.CreatedAt}, timeCol{&u.UpdatedAt}); err != nil {
		return nil, err
	}
	u.Role = auth.Role(role)
	return &u, nil
}

// userAudit is how an account appears in the audit log: never its hash.
type userAudit struct {
	ID                 int64     `json:"id"`
	Username           string    `json:"username"`
	Name               string    `json:"name"`
	Role               auth.Role `json:"role"`
	Region             string    `json:"region,omitempty"`
	EnterpriseID       int64     `json:"enterprise_id,omitempty"`
	Organization       string    `json:"organization,omitempty"`
	Unit               string    `json:"unit,omitempty"`
	LockedUntil        string    `json:"locked_until,omitempty"`
	Disabled           bool      `json:"disabled"`
	Demo               bool      `json:"demo,omitempty"`
	MustChangePassword bool      `json:"must_change_password,omitempty"`
	Version            int64     `json:"version"`
}

func auditUser(u *auth.User) userAudit {
	a := userAudit{u.ID, u.Username, u.Name, u.Role, u.Region, u.EnterpriseID, u.Organization, u.Unit, "", u.Disabled,
		u.Demo, u.MustChangePassword, u.Version}
	if !u.LockedUntil.IsZero() {
		a.LockedUntil = ts(u.LockedUntil)
	}
	return a
}

func (tx *Tx) auditUserChange(ctx context.Context, c auth.Caller, action string, before, after *auth.User) error {
	r := auditRow{action: action, entity: "user", entityID: strconv.FormatInt(after.ID, 10), region: after.Region,
		after: auditUser(after)}
	if before != nil {
		r.before = auditUser(before)
	}
	return tx.audit(ctx, c, r)
}

// CreateUser creates an account; u.PasswordHash must hold auth.HashPassword's
// result. City officials create any account; district officials create
// enterprise accounts for enterprises of their district. u.ID, the version
// and the timestamps are set on success.
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
	default:
		return apperr.Errorf(apperr.EFORBIDDEN, "无权创建该类账号")
	}
	if u.Role == auth.RoleEnterprise {
		// The enterprise must be one the caller can see: a district
		// official's own district, anything for the city.
		if _, err := tx.getEnterprise(ctx, c, "e.id", u.EnterpriseID); err != nil {
			return err
		}
	}
	// Each role keeps only its own link, so a stray form field binds nothing.
	if u.Role != auth.RoleDistrict {
		u.Region = ""
	}
	if u.Role != auth.RoleEnterprise {
		u.EnterpriseID = 0
	}
	if u.Role != auth.RoleInstitution && u.Role != auth.RoleBank {
		u.Organization, u.InstitutionID = "", 0
	}
	if u.Role != auth.RoleCity && u.Role != auth.RoleDistrict {
		u.Unit = ""
	}
	u.LockedUntil, u.Version = time.Time{}, 1
	u.CreatedAt, u.UpdatedAt, u.PasswordChangedAt = tx.now, tx.now, tx.now
	err = tx.queryRow(ctx, `INSERT INTO users
		(username, name, role, region, enterprise_id, institution_id, organization, password_hash, disabled, demo,
		 password_changed_at, must_change_password, version, created_at, updated_at, unit)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 1, $11, $11, $13) RETURNING id`,
		u.Username, u.Name, string(u.Role), nullString(u.Region), nullInt64(u.EnterpriseID), nullInt64(u.InstitutionID),
		u.Organization, u.PasswordHash, u.Disabled, u.Demo, ts(tx.now), u.MustChangePassword, u.Unit).Scan(&u.ID)
	if err != nil {
		switch violation(err) {
		case violUnique:
			return apperr.Wrap(err, apperr.ECONFLICT, fmt.Sprintf("用户名 %s 已被使用", u.Username))
		case violForeignKey:
			return apperr.Wrap(err, apperr.EINVALID, "所属区县或企业不存在")
		}
		return err
	}
	return tx.auditUserChange(ctx, c, "user.create", nil, u)
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
// SELECT … FOR UPDATE would do on PostgreSQL only: concurrent changes then
// apply one after another instead of overwriting each other.
func (tx *Tx) lockUserRow(ctx context.Context, id int64) (*auth.User, error) {
	if _, err := tx.exec(ctx, `UPDATE users SET version = version WHERE id = $1`, id); err != nil {
		return nil, err
	}
	u, err := scanUser(tx.queryRow(ctx, `SELECT `+userColumns+` FROM users u WHERE u.id = $1`, id))
	return u, notFound(err, "用户不存在")
}

// saveUser writes the changeable fields of u and raises its version.
func (tx *Tx) saveUser(ctx context.Context, u *auth.User) error {
	u.Version++
	u.UpdatedAt = tx.now
	_, err := tx.exec(ctx, `UPDATE users SET name = $1, organization = $2, password_hash = $3, locked_until = $4,
		disabled = $5, password_changed_at = $6, must_change_password = $7, version = $8, updated_at = $9,
		unit = $11 WHERE id = $10`, u.Name, u.Organization, u.PasswordHash, nullTS(u.LockedUntil), u.Disabled,
		nullTS(u.PasswordChangedAt), u.MustChangePassword, u.Version, ts(tx.now), u.ID, u.Unit)
	return err
}

// endSessions ends every session of the user but the one whose token hash is
// keep ("" for none): after a password change or a disable, a session opened
// with the old password must not outlive it.
func (tx *Tx) endSessions(ctx context.Context, userID int64, keep string) error {
	_, err := tx.exec(ctx, `DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2`, userID, keep)
	return err
}

// clearAddressLocks forgets the failed logins of the user from every address.
func (tx *Tx) clearAddressLocks(ctx context.Context, userID int64) error {
	_, err := tx.exec(ctx, `DELETE FROM login_failures WHERE user_id = $1`, userID)
	return err
}

// LockUser locks an account until the time given, from every address; zero
// lifts that lock and every address lock. Only city officials lock and
// unlock accounts.
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
	before := *u
	u.LockedUntil = until.UTC()
	action := "user.lock"
	if until.IsZero() {
		action = "user.unlock"
		if err := tx.clearAddressLocks(ctx, u.ID); err != nil {
			return err
		}
	}
	if err := tx.saveUser(ctx, u); err != nil {
		return err
	}
	return tx.auditUserChange(ctx, c, action, &before, u)
}

// SetPassword replaces a user's password hash and ends the user's sessions.
// Users change their own password (see ChangeOwnPassword, which checks the
// current one); city officials reset anyone's, and then its owner must
// change it at the next login.
func (tx *Tx) SetPassword(ctx context.Context, userID int64, hash string) error {
	c, err := callerFrom(ctx)
	if err == nil {
		err = tx.setPassword(ctx, c, userID, hash, c.UserID != userID, "")
	}
	if err != nil {
		return fmt.Errorf("sqlstore: set password %d: %w", userID, err)
	}
	return nil
}

func (tx *Tx) setPassword(ctx context.Context, c auth.Caller, userID int64, hash string, mustChange bool, keepSession string) error {
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
	before := *u
	u.PasswordHash, u.PasswordChangedAt, u.MustChangePassword = hash, tx.now, mustChange
	if err := tx.saveUser(ctx, u); err != nil {
		return err
	}
	if err := tx.endSessions(ctx, userID, keepSession); err != nil {
		return err
	}
	return tx.auditUserChange(ctx, c, "user.password", &before, u)
}

// ChangeOwnPassword changes the caller's password after checking the
// current one, against the password policy (auth.ValidatePassword). It ends
// the caller's other sessions and keeps the one with keepToken (the session
// the change was made in; "" for none). Errors name the field:
// current_password or password.
func (s *Store) ChangeOwnPassword(ctx context.Context, current, next, keepToken string) error {
	if err := s.changeOwnPassword(ctx, current, next, keepToken); err != nil {
		return fmt.Errorf("sqlstore: change own password: %w", err)
	}
	return nil
}

// PasswordFieldError is an EINVALID error about one password field, so that
// forms and the API put the message beside the right input.
type PasswordFieldError struct {
	Field string // current_password | password
	Err   error  // an *apperr.Error with code EINVALID
}

func (e *PasswordFieldError) Error() string { return e.Field + ": " + e.Err.Error() }
func (e *PasswordFieldError) Unwrap() error { return e.Err }

func passwordFieldError(field string, err error) error { return &PasswordFieldError{field, err} }

func (s *Store) changeOwnPassword(ctx context.Context, current, next, keepToken string) error {
	c, err := callerFrom(ctx)
	if err != nil {
		return err
	}
	if c.UserID == 0 {
		return apperr.Errorf(apperr.EINVALID, "系统账号没有密码")
	}
	u, err := s.FindUserByID(ctx, c.UserID)
	if err != nil {
		return err
	}
	// The hash checks run outside the write transaction: argon2id takes tens
	// of milliseconds and SQLite has one writer.
	if ok, err := auth.CheckPassword(u.PasswordHash, current); err != nil {
		return err
	} else if !ok {
		return passwordFieldError("current_password", apperr.Errorf(apperr.EINVALID, "当前密码不正确"))
	}
	if err := auth.ValidatePassword(next, u.Username); err != nil {
		return passwordFieldError("password", err)
	}
	if next == current {
		return passwordFieldError("password", apperr.Errorf(apperr.EINVALID, "新密码不能与当前密码相同"))
	}
	hash, err := auth.HashPassword(next)
	if err != nil {
		return err
	}
	keep := ""
	if keepToken != "" {
		keep = auth.HashToken(keepToken)
	}
	return s.WithTx(ctx, func(tx *Tx) error { return tx.setPassword(ctx, c, c.UserID, hash, false, keep) })
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

// likePattern escapes s for LIKE … ESCAPE '\' and wraps it in %.
func likePattern(s string) string {
	return "%" + strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(strings.ToLower(s)) + "%"
}
