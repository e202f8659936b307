package server_test

import (
	"fmt"
	"os"
	"strings"
	"testing"
	"zjtx/internal/sqlstore"
	"zjtx/internal/testdb"

	"zjtx/internal/server"
)

// TestTwoServersOnePostgres: two Apps on one PostgreSQL database are
// stateless: a session opened on one works on the other, and a write
// through one is read through the other.
func TestTwoServersOnePostgres(t *testing.T) {
	if os.Getenv(testdb.PGEnv) == "" {
		t.Skip("needs PostgreSQL: run under scripts/pg-test")
	}
	dsn := testdb.Fresh(t, sqlstore.Postgres)
	a := startEnv(t, server.Config{Addr: "127.0.0.1:0", DSN: dsn, Demo: true, DemoSize: 60})
	b := startEnv(t, server.Config{Addr: "127.0.0.1:0", DSN: dsn, Demo: true, DemoSize: 60}) // already seeded: no-op
	b.tokens["district"] = a.token("district")                                               // a session from a, used on b

	res := a.do("district", "POST", "/api/v1/enterprises", map[string]any{"profile": newProfile("410105", 4242), "chain": "新材料"})
	if res.status != 201 {
		t.Fatalf("create on a: %s", res)
	}
	var created struct {
		ID int64 `json:"id"`
	}
	res.json(t, &created)
	path := fmt.Sprintf("/api/v1/enterprises/%d", created.ID)
	if res := b.do("district", "GET", path, nil); res.status != 200 || !strings.Contains(string(res.body), "测试4242") {
		t.Fatalf("read on b: %s", res)
	}
	res = b.do("district", "PUT", path+"/years/2025", map[string]any{"revenue": 9999, "employees": 200}, "If-Match", `"v1"`)
	if res.status != 200 {
		t.Fatalf("update on b: %s", res)
	}
	if res := a.do("district", "GET", path, nil); !strings.Contains(string(res.body), `"revenue":9999`) || !strings.Contains(string(res.body), `"version":2`) {
		t.Errorf("a does not see b's write: %s", res)
	}
	// A stale version written through a is refused after b's write.
	res = a.do("district", "PUT", path+"/years/2025", map[string]any{"revenue": 1}, "If-Match", `"v1"`)
	if res.status != 409 {
		t.Errorf("stale write on a: %s, want 409", res)
	}
	if got, want := a.list("city", "/api/v1/enterprises?limit=1").Total, 61; got != want {
		t.Errorf("enterprises = %d, want %d: the second server must not seed again", got, want)
	}
}
