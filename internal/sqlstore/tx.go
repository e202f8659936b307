package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
)

// Tx is a transaction. Its methods are the store's operations; use them
// through WithTx to make several changes atomically.
type Tx struct {
	tx    *sql.Tx // nil in a lookup (see Store.lookup)
	q     querier // tx, or the read pool in a lookup
	now   time.Time
	store *Store

	stmts *stmtCache // SQLite read transactions: prepared statements, see stmt_cache.go

	enterprisesChanged bool   // a write touched enterprises: list totals are stale
	countGen           uint64 // the count cache's generation before the transaction began

	pending []chainRow   // audit rows to append at commit, see audit_chain.go
	origin  *auth.Origin // the request the audit rows come from, if any
}

// Now returns the transaction's time: the clock read once at its start.
func (tx *Tx) Now() time.Time { return tx.now }

// WithTx runs fn in a write transaction and commits when fn returns nil. The
// clock is read once, so all timestamps of the change agree.
func (s *Store) WithTx(ctx context.Context, fn func(tx *Tx) error) error {
	return s.run(ctx, s.write, s.writeGate, nil, fn)
}

// view runs fn in a read-only transaction on the reader pool, so the queries
// of one page (rows and total) see one snapshot.
func (s *Store) view(ctx context.Context, fn func(tx *Tx) error) error {
	return s.run(ctx, s.read, s.readGate, s.readOnly(), fn)
}

// stream is view for a transaction that lasts as long as its consumer does,
// such as an export written to a slow client. It takes a connection without
// queueing at the gate, so that a few downloads cannot hold every place the
// short transactions queue for; the pool has more connections than the gate
// has places.
func (s *Store) stream(ctx context.Context, fn func(tx *Tx) error) error {
	return s.run(ctx, s.read, nil, s.readOnly(), fn)
}

func (s *Store) readOnly() *sql.TxOptions {
	opts := &sql.TxOptions{ReadOnly: true}
	if s.engine == Postgres {
		// READ COMMITTED would give each statement its own snapshot; SQLite's
		// WAL readers already hold one snapshot per transaction.
		opts.Isolation = sql.LevelRepeatableRead
	}
	return opts
}

func (s *Store) run(ctx context.Context, db *sql.DB, g gate, opts *sql.TxOptions, fn func(tx *Tx) error) (err error) {
	if err := g.enter(ctx); err != nil {
		return err
	}
	defer g.leave()
	gen := s.counts.generation() // before the snapshot: see countEnterprises
	stx, err := db.BeginTx(ctx, opts)
	if err != nil {
		return fmt.Errorf("sqlstore: begin: %w", err)
	}
	tx := &Tx{tx: stx, q: stx, now: s.Now().UTC().Truncate(time.Microsecond), store: s, countGen: gen}
	if db == s.read {
		tx.stmts = s.readStmts
	}
	defer func() {
		if p := recover(); p != nil {
			_ = stx.Rollback()
			panic(p)
		}
	}()
	if err := fn(tx); err != nil {
		_ = stx.Rollback()
		return err
	}
	if err := tx.appendAudit(ctx); err != nil {
		_ = stx.Rollback()
		return err
	}
	err = stx.Commit()
	if tx.enterprisesChanged {
		// Also after the commit: a total counted between the write and the
		// commit, from the old snapshot, must not outlive it.
		s.counts.invalidate()
	}
	if err != nil {
		return fmt.Errorf("sqlstore: commit: %w", err)
	}
	return nil
}

// lookup runs fn, which must read with one statement, on the reader pool
// outside a transaction: a single statement sees one snapshot anyway, and
// BEGIN and COMMIT were a third of the cost of the session lookup that
// precedes every authenticated request.
func (s *Store) lookup(ctx context.Context, fn func(tx *Tx) error) error {
	if err := s.readGate.enter(ctx); err != nil {
		return err
	}
	defer s.readGate.leave()
	return fn(&Tx{q: s.read, now: s.Now().UTC().Truncate(time.Microsecond), store: s, stmts: s.readStmts})
}

// querier is what Tx needs of a transaction or a pool.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// touchEnterprises notes a write to enterprises: cached list totals are
// dropped now and again at commit.
func (tx *Tx) touchEnterprises() {
	tx.enterprisesChanged = true
	tx.store.counts.invalidate()
}

func (tx *Tx) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return tx.q.ExecContext(ctx, query, args...)
}

// execOne runs a versioned UPDATE or DELETE that must touch exactly one
// row; none means another transaction changed the row first, and the
// caller gets ECONFLICT with conflict as the message.
func (tx *Tx) execOne(ctx context.Context, conflict, query string, args ...any) error {
	res, err := tx.exec(ctx, query, args...)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n != 1 {
		return apperr.Errorf(apperr.ECONFLICT, "%s", conflict)
	}
	return nil
}

func (tx *Tx) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := tx.stmt(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return tx.q.QueryContext(ctx, query, args...)
}

func (tx *Tx) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	if st := tx.stmt(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return tx.q.QueryRowContext(ctx, query, args...)
}

// callerFrom returns the context's caller, or EUNAUTHORIZED: every store
// operation on platform data acts for someone.
func callerFrom(ctx context.Context) (auth.Caller, error) {
	c, ok := auth.CallerFrom(ctx)
	if !ok {
		return auth.Caller{}, apperr.Errorf(apperr.EUNAUTHORIZED, "请先登录")
	}
	return c, nil
}

// args collects query arguments and hands out their $N placeholders, so
// filter builders append conditions without counting.
type args []any

func (a *args) add(v any) string {
	*a = append(*a, v)
	return "$" + strconv.Itoa(len(*a))
}

// inList adds the distinct values of vs to a and returns their
// placeholders joined by commas, for an IN list.
func inList[T comparable](a *args, vs []T) string {
	seen := make(map[T]bool, len(vs))
	ph := make([]string, 0, len(vs))
	for _, v := range vs {
		if !seen[v] {
			seen[v] = true
			ph = append(ph, a.add(v))
		}
	}
	return strings.Join(ph, ", ")
}

// timeLayout is how timestamps are stored: fixed-width ISO-8601 UTC with
// microseconds, so text order is time order on both engines.
const timeLayout = "2006-01-02T15:04:05.000000Z"

func ts(t time.Time) string { return t.UTC().Format(timeLayout) }

// nullTS stores the zero time as NULL.
func nullTS(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return ts(t)
}

// timeCol scans a stored timestamp (or NULL, as the zero time).
type timeCol struct{ t *time.Time }

func (c timeCol) Scan(v any) error {
	var s string
	switch x := v.(type) {
	case nil:
		*c.t = time.Time{}
		return nil
	case string:
		s = x
	case []byte:
		s = string(x)
	case time.Time:
		*c.t = x.UTC()
		return nil
	default:
		return fmt.Errorf("timestamp: unexpected %T", v)
	}
	// The stored form is RFC 3339, which time.Parse reads on a fast path
	// when asked for by that name: a list page scans a hundred timestamps.
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return fmt.Errorf("timestamp %q: %w", s, err)
	}
	*c.t = t
	return nil
}

// nullInt64 stores 0 as NULL (ids that are absent).
func nullInt64(v int64) any {
	if v == 0 {
		return nil
	}
	return v
}

// nullString stores "" as NULL.
func nullString(v string) any {
	if v == "" {
		return nil
	}
	return v
}

// int64Col scans a nullable integer as 0 for NULL.
type int64Col struct{ v *int64 }

func (c int64Col) Scan(v any) error {
	var n sql.NullInt64
	if err := n.Scan(v); err != nil {
		return err
	}
	*c.v = n.Int64
	return nil
}

// stringCol scans a nullable text as "" for NULL.
type stringCol struct{ v *string }

func (c stringCol) Scan(v any) error {
	var n sql.NullString
	if err := n.Scan(v); err != nil {
		return err
	}
	*c.v = n.String
	return nil
}

// Constraint kinds a write may violate.
const (
	violUnique     = "unique"
	violForeignKey = "foreign_key"
	violCheck      = "check"
)

// violation returns which constraint err violated, or "".
func violation(err error) string {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() {
		case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
			return violUnique
		case sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY:
			return violForeignKey
		case sqlite3.SQLITE_CONSTRAINT_CHECK, sqlite3.SQLITE_CONSTRAINT_NOTNULL:
			return violCheck
		}
	}
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		switch pe.Code {
		case "23505":
			return violUnique
		case "23503":
			return violForeignKey
		case "23514", "23502":
			return violCheck
		}
	}
	return ""
}

// notFound maps sql.ErrNoRows to ENOTFOUND with msg and passes other errors.
func notFound(err error, msg string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return apperr.Errorf(apperr.ENOTFOUND, "%s", msg)
	}
	return err
}

// Read runs fn in one read-only transaction, so that a page made of several
// reads sees one snapshot.
func (s *Store) Read(ctx context.Context, fn func(tx *Tx) error) error { return s.view(ctx, fn) }

// queryAll runs q and scans every row with scan: the one way the store reads
// a list (an empty list is [], never nil, so it answers as [] in JSON).
func queryAll[T any](ctx context.Context, tx *Tx, q string, a args, scan func(scanner) (T, error)) ([]T, error) {
	rows, err := tx.query(ctx, q, a...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := []T{}
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
