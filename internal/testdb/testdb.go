// Package testdb gives tests their databases: the engines under test (SQLite
// always, PostgreSQL when ZJTX_TEST_PG names a server, as scripts/pg-test
// does), an empty database of either engine, and a demo-seeded SQLite file
// made once per test binary that each test copies. It is test support, like
// net/http/httptest: only tests import it.
package testdb

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"zjtx/internal/criteria"
	"zjtx/internal/cultivation"
	"zjtx/internal/demo"
	"zjtx/internal/profile"
	"zjtx/internal/sqlstore"
	"zjtx/rules"
)

// PGEnv names the variable that holds a PostgreSQL DSN for the tests.
const PGEnv = "ZJTX_TEST_PG"

// Engines lists the engines under test.
func Engines() []string {
	if os.Getenv(PGEnv) != "" {
		return []string{sqlstore.SQLite, sqlstore.Postgres}
	}
	return []string{sqlstore.SQLite}
}

// Fresh returns the DSN of an empty database of the engine: a file in a
// temporary folder, or a new PostgreSQL schema selected through search_path
// and dropped when the test ends.
func Fresh(tb testing.TB, engine string) string {
	tb.Helper()
	if engine == sqlstore.SQLite {
		return filepath.Join(tb.TempDir(), "zjtx.db")
	}
	base := os.Getenv(PGEnv)
	if base == "" {
		tb.Skip("PostgreSQL tests need " + PGEnv + " (scripts/pg-test sets it)")
	}
	schema := "t_" + randomHex(6)
	admin, err := sql.Open("pgx", base)
	if err != nil {
		tb.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		tb.Fatalf("create schema: %v", err)
	}
	tb.Cleanup(func() {
		admin, err := sql.Open("pgx", base)
		if err != nil {
			return
		}
		defer admin.Close()
		_, _ = admin.Exec("DROP SCHEMA " + schema + " CASCADE")
	})
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// randomHex returns n random bytes in hex: names of test schemas and
// databases that do not collide across tests and test binaries.
func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

type fixtureKey struct {
	size int
	now  time.Time
}

type fixture struct {
	once sync.Once
	path string
	err  error
}

var (
	fixturesMu sync.Mutex
	fixtures   = map[fixtureKey]*fixture{}
)

// Demo returns the path of a SQLite database seeded with the demo (size
// enterprises, the demo accounts, the clock at now), made once per test
// binary and size; tests copy it rather than seed their own.
func Demo(tb testing.TB, size int, now time.Time) string {
	tb.Helper()
	fixturesMu.Lock()
	f := fixtures[fixtureKey{size, now}]
	if f == nil {
		f = &fixture{}
		fixtures[fixtureKey{size, now}] = f
	}
	fixturesMu.Unlock()
	f.once.Do(func() { f.path, f.err = seed(size, now) })
	if f.err != nil {
		tb.Fatal(f.err)
	}
	return f.path
}

func seed(size int, now time.Time) (string, error) {
	dir, err := os.MkdirTemp("", "zjtx-fixture-")
	if err != nil {
		return "", err
	}
	ctx := context.Background()
	s, err := sqlstore.Open(ctx, filepath.Join(dir, "seed.db"))
	if err != nil {
		return "", err
	}
	defer s.Close()
	s.Now = func() time.Time { return now }
	if err := s.Migrate(ctx); err != nil {
		return "", err
	}
	eng, err := criteria.LoadEngine(rules.FS)
	if err != nil {
		return "", err
	}
	// The backup lists, as a server fills them while the demo seeds.
	in, err := cultivation.LoadInclusion(rules.InclusionFS, "inclusion")
	if err != nil {
		return "", err
	}
	s.Lists = &cultivation.Includer{Engine: eng, Rules: in}
	if _, err := demo.Load(ctx, s, demo.Options{Enterprises: size, Now: now, Engine: eng}); err != nil {
		return "", fmt.Errorf("testdb: seed the demo: %w", err)
	}
	path := filepath.Join(dir, "fixture.db")
	return path, s.Backup(ctx, path)
}

// USCC returns a distinct 统一社会信用代码 for region and n with a valid
// check digit, for tests that create enterprises.
func USCC(region string, n int) string {
	const alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
	b := []byte("91" + region + "MA0000000")
	for i := 16; i >= 10 && n > 0; i-- {
		b[i] = alphabet[n%len(alphabet)]
		n /= len(alphabet)
	}
	c, err := profile.USCCCheckDigit(string(b))
	if err != nil {
		panic(err)
	}
	return string(append(b, c))
}
