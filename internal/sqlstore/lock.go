package sqlstore

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
)

// The server lock: every running server holds it shared for as long as it
// serves, and restore needs it exclusively, so a restore cannot replace a
// database under a running server (whose open SQLite files would point at
// the deleted old database, or whose PostgreSQL writes would land between
// the restore's DELETE and its INSERTs), and a server cannot start while a
// restore runs.
//
// SQLite: flock(2) on DIR/zjtx.db.lock beside the database. The kernel drops
// the lock when the process ends, however it ends, so a killed server never
// leaves a stale lock behind (a lock file with a PID in it would).
//
// PostgreSQL: a session-level advisory lock, shared for servers and
// exclusive for restore, on a connection held for that purpose. The server
// releases it when its connection closes, so again a crashed server leaves
// nothing behind. It is keyed by the schema as well as the database (advisory
// locks are per database), so that databases kept as schemas of one database,
// as the tests keep theirs, lock apart. A check of pg_stat_activity for other
// sessions named zjtx was the alternative; it races (a server may start
// between the check and the restore), needs every server to set
// application_name, and sees other roles' sessions only with pg_read_all_stats.

// lockClass is the first key of the PostgreSQL advisory lock ("zjtx").
const lockClass = 0x7a6a7478

// ErrInUse is the error of a restore while a server uses the database, and
// of a server start while a restore runs.
var ErrInUse = errors.New("数据库正在被使用 (database in use)")

// ServeLock is the lock a running server holds; Release it on shutdown.
type ServeLock struct{ release func() error }

// Release gives the lock up. It is safe to call more than once.
func (l *ServeLock) Release() error {
	if l == nil || l.release == nil {
		return nil
	}
	err := l.release()
	l.release = nil
	return err
}

// LockForServe takes the server lock shared. It fails with ErrInUse while a
// restore runs.
func (s *Store) LockForServe(ctx context.Context) (*ServeLock, error) {
	release, err := s.lock(ctx, false)
	if errors.Is(err, errLocked) {
		err = fmt.Errorf("%w: 正在恢复备份，恢复完成后再启动服务 (a restore is running: start the server when it has finished)", ErrInUse)
	}
	if err != nil {
		return nil, fmt.Errorf("sqlstore: server lock: %w", err)
	}
	return &ServeLock{release}, nil
}

// errLocked is what the lock primitives return when another holder has it.
var errLocked = errors.New("locked")

// lock takes the server lock without waiting, shared or exclusive.
func (s *Store) lock(ctx context.Context, exclusive bool) (func() error, error) {
	if s.engine == SQLite {
		return flockFile(s.path+".lock", exclusive)
	}
	conn, err := s.write.Conn(ctx)
	if err != nil {
		return nil, err
	}
	fn := "pg_try_advisory_lock_shared"
	if exclusive {
		fn = "pg_try_advisory_lock"
	}
	var ok bool
	if err := conn.QueryRowContext(ctx, "SELECT "+fn+"($1, hashtext(current_schema()))", lockClass).Scan(&ok); err != nil {
		conn.Close()
		return nil, err
	}
	if !ok {
		conn.Close()
		return nil, errLocked
	}
	return func() error { return unlock(conn) }, nil
}

// unlock releases conn's advisory locks and returns it to the pool. The
// unlock is a statement, not the end of the session: a backend drops its
// locks only some time after its client hangs up, and a server started right
// after a restore must find the lock free. If the statement fails, the
// connection is discarded, which ends the session and its locks.
func unlock(conn *sql.Conn) error {
	_, err := conn.ExecContext(context.Background(), "SELECT pg_advisory_unlock_all()")
	if err != nil {
		_ = conn.Raw(func(any) error { return driver.ErrBadConn })
	}
	conn.Close()
	return err
}
