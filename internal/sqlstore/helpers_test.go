package sqlstore_test

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"testing"
	"time"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/enterprise"
	"zjtx/internal/profile"
	"zjtx/internal/sqlstore"
	"zjtx/internal/testdb"
)

// eachEngine runs fn as a subtest on a fresh database of every engine under
// test: SQLite always, PostgreSQL when ZJTX_TEST_PG is set.
func eachEngine(t *testing.T, fn func(t *testing.T, s *sqlstore.Store)) {
	t.Helper()
	for _, eng := range testdb.Engines() {
		t.Run(eng, func(t *testing.T) { fn(t, MustOpen(t, FreshDSN(t, eng))) })
	}
}

// FreshDSN returns the DSN of an empty database of the engine: a file in a
// temporary folder, or a new PostgreSQL schema (dropped after the test)
// selected through search_path.
func FreshDSN(tb testing.TB, eng string) string {
	tb.Helper()
	return testdb.Fresh(tb, eng)
}

// MustOpen opens and migrates the database at dsn, sets the store's clock to
// a test clock starting at t0, and closes the store when the test ends.
func MustOpen(tb testing.TB, dsn string) *sqlstore.Store {
	tb.Helper()
	ctx := context.Background()
	s, err := sqlstore.Open(ctx, dsn)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	if err := s.Migrate(ctx); err != nil {
		tb.Fatal(err)
	}
	s.Now = NewClock(t0).Now
	return s
}

// t0 is the tests' starting time.
var t0 = time.Date(2026, 9, 1, 8, 0, 0, 0, time.UTC)

// Clock is a settable clock.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

func NewClock(t time.Time) *Clock { return &Clock{t: t} }

func (c *Clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *Clock) Add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// setClock gives s a new test clock at t0 and returns it.
func setClock(s *sqlstore.Store) *Clock {
	c := NewClock(t0)
	s.Now = c.Now
	return c
}

// as returns a context acting as c.
func as(c auth.Caller) context.Context { return auth.WithCaller(context.Background(), c) }

var (
	city        = as(auth.System)
	zhongyuan   = "410102"
	erqi        = "410103"
	districtZY  = as(auth.Caller{UserID: 901, Username: "zy", Role: auth.RoleDistrict, Region: zhongyuan})
	districtEQ  = as(auth.Caller{UserID: 902, Username: "eq", Role: auth.RoleDistrict, Region: erqi})
	bank        = as(auth.Caller{UserID: 903, Username: "bank", Role: auth.RoleBank, InstitutionID: 1})
	institution = as(auth.Caller{UserID: 904, Username: "inst", Role: auth.RoleInstitution, InstitutionID: 2})
)

// enterpriseCtx acts as the account of enterprise id.
func enterpriseCtx(id int64) context.Context {
	return as(auth.Caller{UserID: 1000 + id, Username: fmt.Sprintf("ent%d", id), Role: auth.RoleEnterprise, EnterpriseID: id})
}

// usccAlphabet is GB 32100's code alphabet.
const usccAlphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"

// testUSCC returns a well-shaped, unique USCC for region and n.
func testUSCC(region string, n int) string {
	b := []byte("91" + region + "MA0000000X")
	for i := 16; i >= 10 && n > 0; i-- {
		b[i] = usccAlphabet[n%len(usccAlphabet)]
		n /= len(usccAlphabet)
	}
	return string(b)
}

// newRecord returns an unsaved record.
func newRecord(region, name string, n int) *enterprise.Record {
	recognized, validTo := profile.MustDate("2025-01-01"), profile.MustDate("2027-12-31")
	return &enterprise.Record{Chain: "新材料", Profile: &profile.Profile{
		USCC: testUSCC(region, n), Name: name, Region: region, Industry: "C3484",
		Titles: []profile.Title{{Tier: "innovative", Recognized: &recognized, ValidTo: &validTo}},
	}}
}

// mustCreate saves a record as the city and returns it.
func mustCreate(tb testing.TB, s *sqlstore.Store, region, name string, n int) *enterprise.Record {
	tb.Helper()
	r := newRecord(region, name, n)
	if err := s.CreateEnterprise(city, r); err != nil {
		tb.Fatal(err)
	}
	return r
}

// code returns the error code of err ("" for nil), for got/want lines.
func code(err error) string { return apperr.Code(err) }

// count returns a single count(*) through the audit log or a list.
func auditCount(tb testing.TB, s *sqlstore.Store, f auth.AuditFilter) int {
	tb.Helper()
	_, total, err := s.ListAudit(city, f)
	if err != nil {
		tb.Fatal(err)
	}
	return total
}

func enterpriseCount(tb testing.TB, s *sqlstore.Store) int {
	tb.Helper()
	_, total, err := s.ListEnterprises(city, enterprise.Filter{})
	if err != nil {
		tb.Fatal(err)
	}
	return total
}

var errRollback = errors.New("roll back")

func runtimeProcs() int { return runtime.GOMAXPROCS(0) }
