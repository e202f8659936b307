package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"zjtx/internal/demo"
	"zjtx/internal/server"
	"zjtx/internal/sqlstore"
	"zjtx/internal/testdb"
)

// fixtureSize is the number of demo enterprises in the test database: enough
// for every district to have some, small enough to copy per test.
const fixtureSize = 400

// t0 is the tests' clock start: the demo's data years are 2023–2025.
var t0 = time.Date(2026, 9, 1, 8, 0, 0, 0, time.UTC)

// Clock is a settable clock.
type Clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *Clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *Clock) Add(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// eachEngine runs fn as a subtest per engine.
func eachEngine(t *testing.T, fn func(t *testing.T, eng string)) {
	for _, eng := range testdb.Engines() {
		t.Run(eng, func(t *testing.T) { fn(t, eng) })
	}
}

// env is one running App with the tests' clock and helpers.
type env struct {
	t      testing.TB
	app    *server.App
	clock  *Clock
	tokens map[string]string
	http   *http.Client
}

// newEnv starts an App on a loopback port over a fresh seeded database of
// the engine: a copy of the fixture on SQLite, a copy of a template
// database seeded once with the demo on PostgreSQL.
func newEnv(tb testing.TB, eng string, opts ...func(*server.Config)) *env {
	tb.Helper()
	// Demo: the tests log in with the demo's accounts. No login delay: the
	// tests fail logins on purpose, all from one address.
	cfg := server.Config{Addr: "127.0.0.1:0", Demo: true, LoginMaxDelay: -1}
	if eng == sqlstore.Postgres {
		cfg.DSN, cfg.DemoSize = testdb.PGClone(tb, "demo120", seedTemplate), 120
	} else {
		cfg.DataDir = tb.TempDir()
		copyFile(tb, testdb.Demo(tb, fixtureSize, t0), filepath.Join(cfg.DataDir, "zjtx.db"))
	}
	for _, o := range opts {
		o(&cfg)
	}
	return startEnv(tb, cfg)
}

// seedTemplate seeds the PostgreSQL template that newEnv copies: a server
// started on it with the demo, at the tests' clock, and closed again so
// that no connection holds the template.
func seedTemplate(dsn string) error {
	app, err := server.New(context.Background(), server.Config{Addr: "127.0.0.1:0", DSN: dsn,
		Demo: true, DemoSize: 120, Now: func() time.Time { return t0 }})
	if err != nil {
		return err
	}
	app.Close()
	return nil
}

func startEnv(tb testing.TB, cfg server.Config) *env {
	tb.Helper()
	clock := &Clock{t: t0}
	cfg.Now = clock.Now
	app, err := server.New(context.Background(), cfg)
	if err != nil {
		tb.Fatal(err)
	}
	if err := app.Start(); err != nil {
		app.Close()
		tb.Fatal(err)
	}
	tb.Cleanup(func() { app.Close() })
	return &env{t: tb, app: app, clock: clock, tokens: map[string]string{},
		http: &http.Client{Timeout: 30 * time.Second}}
}

func copyFile(tb testing.TB, src, dst string) {
	tb.Helper()
	// Streamed, not read whole: the load test's database is half a gigabyte,
	// and a heap that large would change how often the collector runs for
	// the server sharing this process.
	in, err := os.Open(src)
	if err != nil {
		tb.Fatal(err)
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		tb.Fatal(err)
	}
	if err := out.Close(); err != nil {
		tb.Fatal(err)
	}
}

// response is what a request got.
type response struct {
	status int
	header http.Header
	body   []byte
}

func (r response) String() string { return fmt.Sprintf("%d %s", r.status, r.body) }

// json decodes the body into v, failing the test if it is not JSON.
func (r response) json(tb testing.TB, v any) {
	tb.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		tb.Fatalf("response %d is not JSON: %v: %s", r.status, err, r.body)
	}
}

// form is a multipart body with its Content-Type.
type form struct {
	body        []byte
	contentType string
}

// do sends a request as role ("" for anonymous). body is sent as is when it
// is a string, []byte or form, and as JSON otherwise.
func (e *env) do(role, method, path string, body any, header ...string) response {
	e.t.Helper()
	var rd io.Reader
	ctype := "application/json"
	switch b := body.(type) {
	case nil:
	case form:
		rd, ctype = bytes.NewReader(b.body), b.contentType
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		j, err := json.Marshal(b)
		if err != nil {
			e.t.Fatal(err)
		}
		rd = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, e.app.URL()+path, rd)
	if err != nil {
		e.t.Fatal(err)
	}
	if rd != nil {
		req.Header.Set("Content-Type", ctype)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	if role != "" {
		req.Header.Set("Authorization", "Bearer "+e.token(role))
	}
	res, err := e.http.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	return response{res.StatusCode, res.Header, b}
}

// token logs in as the demo account of role once and returns its token.
func (e *env) token(role string) string {
	e.t.Helper()
	if tok, ok := e.tokens[role]; ok {
		return tok
	}
	res := e.do("", "POST", "/api/v1/session", map[string]string{"username": role, "password": demo.Password})
	if res.status != http.StatusCreated {
		e.t.Fatalf("login %s: %s", role, res)
	}
	var v struct {
		Token string `json:"token"`
	}
	res.json(e.t, &v)
	e.tokens[role] = v.Token
	return v.Token
}

// ids are records the scenarios refer to by placeholder.
type ids struct {
	jinshui int64 // an enterprise of 金水区 that is not the enterprise account's
	other   int64 // an enterprise of another district (中原区)
	own     int64 // the enterprise account's own enterprise
}

func (e *env) ids() ids {
	e.t.Helper()
	var me struct {
		User struct {
			EnterpriseID int64 `json:"enterprise_id"`
		} `json:"user"`
	}
	res := e.do("", "POST", "/api/v1/session", map[string]string{"username": "enterprise", "password": demo.Password})
	res.json(e.t, &me)
	var out ids
	out.own = me.User.EnterpriseID
	for _, it := range e.list("city", "/api/v1/enterprises?region=410105&limit=10&sort=created").Items {
		if it.ID != out.own {
			out.jinshui = it.ID
			break
		}
	}
	out.other = e.list("city", "/api/v1/enterprises?region=410102&limit=1").Items[0].ID
	if out.jinshui == 0 || out.other == 0 || out.own == 0 {
		e.t.Fatalf("fixture ids: %+v", out)
	}
	return out
}

type listItem struct {
	ID     int64  `json:"id"`
	USCC   string `json:"uscc"`
	Name   string `json:"name"`
	Region string `json:"region"`
	Tier   string `json:"tier"`
}

type listPage struct {
	Items []listItem `json:"items"`
	Total int        `json:"total"`
}

func (e *env) list(role, path string) listPage {
	e.t.Helper()
	res := e.do(role, "GET", path, nil)
	if res.status != 200 {
		e.t.Fatalf("GET %s as %s: %s", path, role, res)
	}
	var p listPage
	res.json(e.t, &p)
	return p
}

// counts returns the number of enterprises and of audit rows, read as the
// city (reading writes no audit row).
func (e *env) counts() (enterprises, audit int) {
	e.t.Helper()
	enterprises = e.list("city", "/api/v1/enterprises?limit=1").Total
	res := e.do("city", "GET", "/api/v1/audit?limit=1", nil)
	var a struct {
		Total int `json:"total"`
	}
	res.json(e.t, &a)
	return enterprises, a.Total
}

// profileOf returns an enterprise's stored profile as a JSON object.
func (e *env) profileOf(id int64) map[string]any {
	e.t.Helper()
	res := e.do("city", "GET", fmt.Sprintf("/api/v1/enterprises/%d", id), nil)
	var v struct {
		Profile map[string]any `json:"profile"`
	}
	res.json(e.t, &v)
	return v.Profile
}

// newProfile is a valid profile of a new enterprise in region, its USCC
// made from n.
func newProfile(region string, n int) map[string]any {
	return map[string]any{
		"uscc": testdb.USCC(region, n), "name": fmt.Sprintf("郑州测试%d精密机械有限公司", n), "region": region,
		"industry": "C3484", "legal_person": true, "established": "2015-03-18",
		"years": map[string]any{"2025": map[string]any{"revenue": 3645, "rd_expense": 109.35, "employees": 120}},
	}
}

// etag returns an enterprise's current ETag ("v3"), read as the city.
func (e *env) etag(id int64) string {
	e.t.Helper()
	return e.do("city", "GET", fmt.Sprintf("/api/v1/enterprises/%d", id), nil).header.Get("ETag")
}
