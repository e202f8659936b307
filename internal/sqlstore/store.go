// Package sqlstore is the only package that speaks SQL. It keeps the
// platform's data in SQLite (one file, the default) or PostgreSQL (shared by
// any number of servers), with one SQL text for both: $N placeholders, portable
// types, timestamps as ISO-8601 text.
//
// Every method reads the caller from the context (auth.CallerFrom) and adds
// the caller's scope to the query itself, so no handler can forget it: a
// district official's query for another district's enterprise finds nothing,
// exactly as if it did not exist. Every write records an audit row in the same
// transaction, so the log and the data cannot disagree.
package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"path/filepath"
	"runtime"
	"strings"
	"time"
	"zjtx/internal/auth"
	"zjtx/internal/cultivation"

	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver "pgx"
	_ "modernc.org/sqlite"             // database/sql driver "sqlite"
)

// Engines.
const (
	SQLite   = "sqlite"
	Postgres = "postgres"
)

// Store is a handle on the database. It is safe for concurrent use.
type Store struct {
	// Now is the clock. WithTx reads it once per transaction, so every
	// timestamp written by one change is the same; tests replace it.
	Now func() time.Time

	// Policy is the deployment's account rules: demo logins, password age,
	// session lifetime, login delay. Zero fields take the defaults.
	Policy auth.Policy

	// Lists applies the backup lists' inclusion rules on every write of an
	// enterprise, in its transaction (see backuplist.go); nil keeps no lists.
	Lists *cultivation.Includer
	// CatalogueChanged, when set, is called after a committed change to
	// what the matcher ranks (a product saved, an institution reviewed or
	// its chains and quality list set), so that the server refreshes its
	// matching service (the match_refresh job).
	CatalogueChanged func(ctx context.Context)

	engine string
	path   string  // SQLite: the database file
	write  *sql.DB // SQLite: one connection, so writers queue in Go, not on SQLITE_BUSY
	read   *sql.DB // SQLite: a pool of query_only connections; PostgreSQL: the same pool as write

	writeGate, readGate gate // transactions queue for write and read in arrival order, see gate.go

	counts    countCache // SQLite: list totals, see count_cache.go
	readStmts *stmtCache // SQLite: the read pool's prepared statements, see stmt_cache.go
}

// Open opens the database named by dsn: a postgres:// or postgresql:// URL
// opens PostgreSQL, anything else is a SQLite file path or file: URI. It does
// not migrate: call Migrate.
func Open(ctx context.Context, dsn string) (*Store, error) {
	s := &Store{Now: time.Now}
	var err error
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		err = s.openPostgres(ctx, dsn)
	} else {
		err = s.openSQLite(ctx, dsn)
	}
	if err != nil {
		s.Close()
		return nil, fmt.Errorf("sqlstore: open: %w", err)
	}
	return s, nil
}

func (s *Store) openPostgres(ctx context.Context, dsn string) error {
	s.engine = Postgres
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return err
	}
	// 20 connections for transactions, and one a server keeps for its
	// server lock (lock.go).
	db.SetMaxOpenConns(21)
	db.SetMaxIdleConns(21)
	db.SetConnMaxIdleTime(5 * time.Minute)
	s.write, s.read = db, db
	s.writeGate = newGate(20)
	s.readGate = s.writeGate
	return db.PingContext(ctx)
}

// sqlitePragmas are set on every connection, in this order. busy_timeout
// comes first so that the pragmas after it wait for a lock instead of
// failing with SQLITE_BUSY when another process holds the file. WAL lets
// readers run while the writer writes; synchronous=NORMAL is safe under WAL
// (a power cut may lose the last commits, never corrupt the file) and saves an
// fsync per commit; foreign keys are off by default in SQLite and on in
// PostgreSQL, so they are switched on to make both engines refuse the same rows.
// cache_size (32 MiB a connection) and mmap_size (reads straight from the
// OS page cache, shared by all connections) keep a list page from going to
// the kernel for every b-tree page: at 100,000 enterprises the default 2 MiB
// cache doubled list times.
var sqlitePragmas = []string{"busy_timeout(10000)", "journal_mode(WAL)", "synchronous(NORMAL)", "foreign_keys(1)",
	"cache_size(-32768)", "mmap_size(1073741824)"}

func (s *Store) openSQLite(ctx context.Context, dsn string) error {
	s.engine = SQLite
	path, query, _ := strings.Cut(strings.TrimPrefix(dsn, "file:"), "?")
	if path == "" || path == ":memory:" || strings.Contains(query, "mode=memory") {
		return fmt.Errorf("sqlite needs a file: the writer and reader pools must share it (got %q)", dsn)
	}
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	s.path = path
	q, err := url.ParseQuery(query)
	if err != nil {
		return fmt.Errorf("sqlite dsn %q: %w", dsn, err)
	}
	for _, p := range sqlitePragmas {
		q.Add("_pragma", p)
	}
	// _time_format=sqlite writes any time.Time the driver sees in SQLite's own
	// text form. The store formats its timestamps itself (see timeLayout), so
	// this only guards ad-hoc queries.
	q.Set("_time_format", "sqlite")

	// The writer takes the write lock at BEGIN (IMMEDIATE), so a transaction
	// never has to upgrade a read lock midway and fail with SQLITE_BUSY.
	wq := cloneValues(q)
	wq.Set("_txlock", "immediate")
	// A bulk load inserts into several large B-trees at once (the search
	// index alone has 25 rows per enterprise) and re-reads the same pages
	// over and over with a small cache, so the one writer gets 64 MiB instead
	// of the readers' 32 MiB (sqlitePragmas; this later pragma wins).
	wq.Add("_pragma", "cache_size(-65536)")
	s.write, err = sql.Open("sqlite", "file:"+path+"?"+wq.Encode())
	if err != nil {
		return err
	}
	s.write.SetMaxOpenConns(1)
	s.write.SetMaxIdleConns(1)
	s.writeGate = newGate(1)
	s.write.SetConnMaxIdleTime(0)
	s.write.SetConnMaxLifetime(0)
	// Create the file and switch it to WAL before readers open it.
	if err := s.write.PingContext(ctx); err != nil {
		return err
	}
	if err := checkSQLiteVersion(ctx, s.write); err != nil {
		return err
	}

	// Readers are query_only: a write that slipped onto the read pool fails
	// loudly instead of racing the single writer.
	rq := cloneValues(q)
	rq.Add("_pragma", "query_only(1)")
	s.read, err = sql.Open("sqlite", "file:"+path+"?"+rq.Encode())
	if err != nil {
		return err
	}
	// A few connections per core: SQLite work is CPU-bound here, and more
	// connections than that only lengthen the latency tail under load.
	n := max(4, 2*runtime.NumCPU())
	s.read.SetMaxOpenConns(n)
	s.read.SetMaxIdleConns(n)
	// Fewer read transactions run at once than there are connections: one
	// per core, and one more to use a core while another transaction waits
	// on a handoff or a page from disk. The rest queue in arrival order.
	// Under the list load test (50 clients, 2 cores) the 99th percentile was
	// 47 ms with a place per connection (4), 41 ms with 3 and 37 ms with 2;
	// with 2 the store alone ran heavy searches a third slower (one long
	// search then holds half the places), so 3.
	s.readGate = newGate(runtime.GOMAXPROCS(0) + 1)
	s.read.SetConnMaxIdleTime(0)
	s.readStmts = newStmtCache(s.read)
	return s.read.PingContext(ctx)
}

// checkSQLiteVersion refuses a SQLite library older than the features the
// SQL text relies on (RETURNING needs 3.35). modernc.org/sqlite bundles its
// own translation of the C library, pinned with the driver in go.mod, so this
// only fails if go.mod pins an unexpected pair.
func checkSQLiteVersion(ctx context.Context, db *sql.DB) error {
	var v string
	if err := db.QueryRowContext(ctx, "SELECT sqlite_version()").Scan(&v); err != nil {
		return err
	}
	var major, minor int
	if _, err := fmt.Sscanf(v, "%d.%d", &major, &minor); err != nil || major < 3 || major == 3 && minor < 35 {
		return fmt.Errorf("sqlite %s is too old: need 3.35 or later", v)
	}
	return nil
}

func cloneValues(v url.Values) url.Values {
	c := url.Values{}
	for k, vs := range v {
		c[k] = append([]string(nil), vs...)
	}
	return c
}

// Engine returns SQLite or Postgres.
func (s *Store) Engine() string { return s.engine }

// Ping reports whether the database answers (for /healthz).
func (s *Store) Ping(ctx context.Context) error {
	if err := s.read.PingContext(ctx); err != nil {
		return fmt.Errorf("sqlstore: ping: %w", err)
	}
	return nil
}

// Close closes both pools.
func (s *Store) Close() error {
	var err error
	if s.readStmts != nil {
		s.readStmts.close()
	}
	if s.read != nil && s.read != s.write {
		err = s.read.Close()
	}
	if s.write != nil {
		if e := s.write.Close(); err == nil {
			err = e
		}
	}
	return err
}
