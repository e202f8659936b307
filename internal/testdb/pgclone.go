package testdb

import (
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
)

// A PostgreSQL template database per test binary and key: seeding the demo
// costs seconds on PostgreSQL, and a test that only needs a seeded database
// gets a copy made by CREATE DATABASE … TEMPLATE, which takes a fraction of
// a second. The template's name carries the binary's process id, so test
// binaries running at once (go test runs packages in parallel) never share
// one, and a later run can tell an abandoned template from a live one.
type template struct {
	once sync.Once
	name string
	err  error
}

var (
	templatesMu sync.Mutex
	templates   = map[string]*template{}
	// cloneMu serialises the copies: PostgreSQL refuses CREATE DATABASE
	// from a template that another session is copying at the same moment.
	cloneMu sync.Mutex
)

// PGClone returns the DSN of a new PostgreSQL database copied from a
// template that build seeds once per test binary and key; build gets the
// template's DSN and must close every connection it opened before it
// returns. The copy is dropped when the test ends. Without a PostgreSQL
// server (PGEnv unset) the test is skipped.
func PGClone(tb testing.TB, key string, build func(dsn string) error) string {
	tb.Helper()
	base := os.Getenv(PGEnv)
	if base == "" {
		tb.Skip("PostgreSQL tests need " + PGEnv + " (scripts/pg-test sets it)")
	}
	templatesMu.Lock()
	t := templates[key]
	if t == nil {
		t = &template{}
		templates[key] = t
	}
	templatesMu.Unlock()
	t.once.Do(func() { t.name, t.err = makeTemplate(base, key, build) })
	if t.err != nil {
		tb.Fatalf("testdb: template %s: %v", key, t.err)
	}

	name := "t_" + randomHex(6)
	cloneMu.Lock()
	err := adminExec(base, "CREATE DATABASE "+name+" TEMPLATE "+t.name)
	cloneMu.Unlock()
	if err != nil {
		tb.Fatalf("testdb: copy template %s: %v", t.name, err)
	}
	tb.Cleanup(func() { _ = adminExec(base, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)") })
	dsn, err := withDatabase(base, name)
	if err != nil {
		tb.Fatal(err)
	}
	return dsn
}

func makeTemplate(base, key string, build func(dsn string) error) (string, error) {
	dropAbandonedTemplates(base)
	name := fmt.Sprintf("zjtx_tpl_%d_%s", os.Getpid(), key)
	if err := adminExec(base, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
		return "", err
	}
	if err := adminExec(base, "CREATE DATABASE "+name); err != nil {
		return "", err
	}
	dsn, err := withDatabase(base, name)
	if err != nil {
		return "", err
	}
	if err := build(dsn); err != nil {
		return "", err
	}
	return name, nil
}

// dropAbandonedTemplates drops the templates of test binaries that are no
// longer running: a test binary has no hook at its end to drop its own.
func dropAbandonedTemplates(base string) {
	db, err := sql.Open("pgx", base)
	if err != nil {
		return
	}
	defer db.Close()
	names, err := queryStrings(db, "SELECT datname FROM pg_database WHERE datname LIKE 'zjtx_tpl_%'")
	if err != nil {
		return
	}
	for _, n := range names {
		pid, err := strconv.Atoi(strings.SplitN(strings.TrimPrefix(n, "zjtx_tpl_"), "_", 2)[0])
		if err != nil || pid == os.Getpid() || processAlive(pid) {
			continue
		}
		_, _ = db.Exec("DROP DATABASE IF EXISTS " + n + " WITH (FORCE)")
	}
}

func processAlive(pid int) bool {
	p, err := os.FindProcess(pid)
	if err != nil {
		return false
	}
	return p.Signal(syscall.Signal(0)) == nil
}

func queryStrings(db *sql.DB, q string) ([]string, error) {
	rows, err := db.Query(q)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

// adminExec runs one statement on the server's base database; CREATE and
// DROP DATABASE cannot run inside the database they name.
func adminExec(base, stmt string) error {
	db, err := sql.Open("pgx", base)
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.Exec(stmt)
	return err
}

// withDatabase returns base with its database name replaced.
func withDatabase(base, name string) (string, error) {
	u, err := url.Parse(base)
	if err != nil {
		return "", err
	}
	u.Path = "/" + name
	return u.String(), nil
}
