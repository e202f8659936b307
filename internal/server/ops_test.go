package server_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"zjtx/internal/server"
	"zjtx/internal/sqlstore"
)

// dsnOf is the database an env's App serves.
func (e *env) dsnOf() string {
	if e.app.DSN != "" {
		return e.app.DSN
	}
	return filepath.Join(e.app.DataDir, "zjtx.db")
}

// TestRestoreRefusedWhileServing: zjtx restore refuses to replace a database
// a server is using (it used to exit 0 and leave the server writing to the
// deleted file), the server goes on serving, and once the server has
// stopped the same restore runs.
func TestRestoreRefusedWhileServing(t *testing.T) {
	eachEngine(t, func(t *testing.T, eng string) {
		e := newEnv(t, eng)
		ctx := context.Background()
		file := filepath.Join(t.TempDir(), "backup")
		if err := e.app.Store.Backup(ctx, file); err != nil {
			t.Fatal(err)
		}
		ents, _ := e.counts()
		err := sqlstore.Restore(ctx, e.dsnOf(), file)
		if !errors.Is(err, sqlstore.ErrInUse) || !strings.Contains(err.Error(), "stop every server") {
			t.Fatalf("restore under a running server: %v, want ErrInUse telling to stop the server", err)
		}
		id := e.ids()
		res := e.do("district", "PUT", "/api/v1/enterprises/"+itoa(id.jinshui)+"/years/2025",
			map[string]any{"employees": 321}, "If-Match", `"v1"`)
		if res.status != 200 {
			t.Fatalf("write after the refused restore: %s", res)
		}
		if got, _ := e.counts(); got != ents {
			t.Errorf("enterprises after the refused restore = %d, want %d", got, ents)
		}

		// A second server on the same database shares the lock.
		cfg := server.Config{Addr: "127.0.0.1:0", DSN: e.app.DSN, DataDir: e.app.DataDir}
		second, err := server.New(ctx, cfg)
		if err != nil {
			t.Fatalf("second server: %v", err)
		}
		e.app.Close()
		if err := sqlstore.Restore(ctx, e.dsnOf(), file); !errors.Is(err, sqlstore.ErrInUse) {
			t.Errorf("restore with the second server running: %v, want ErrInUse", err)
		}
		second.Close()
		if err := sqlstore.Restore(ctx, e.dsnOf(), file); err != nil {
			t.Fatalf("restore with every server stopped: %v", err)
		}
	})
}

// TestBackupIsPrivate: a backup holds password and token hashes, so it is
// written readable by its owner only, whatever the umask.
func TestBackupIsPrivate(t *testing.T) {
	eachEngine(t, func(t *testing.T, eng string) {
		e := newEnv(t, eng)
		file := filepath.Join(t.TempDir(), "backup")
		if err := e.app.Store.Backup(context.Background(), file); err != nil {
			t.Fatal(err)
		}
		fi, err := os.Stat(file)
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got != 0o600 {
			t.Errorf("backup mode = %v, want -rw-------", fi.Mode().Perm())
		}
	})
}

// TestSecurityHeaders: JSON answers, errors included, forbid sniffing and
// caching; downloads and documents forbid sniffing (pages do so in package web).
func TestSecurityHeaders(t *testing.T) {
	e := newEnv(t, sqlstore.SQLite)
	for _, tt := range []struct {
		name, role, method, path string
		body                     any
		status                   int
		noStore                  bool
	}{
		{"List", "city", "GET", "/api/v1/enterprises?limit=1", nil, 200, true},
		{"NotFound", "city", "GET", "/api/v1/enterprises/99999999", nil, 404, true},
		{"BadQuery", "city", "GET", "/api/v1/audit?since=yesterday", nil, 400, true},
		{"Unauthorized", "", "GET", "/api/v1/enterprises", nil, 401, true},
		{"BadLogin", "", "POST", "/api/v1/session", map[string]string{"username": "city", "password": "wrong"}, 401, true},
		{"NoRoute", "", "GET", "/api/v1/nothing", nil, 404, true},
		{"Health", "", "GET", "/healthz", nil, 200, true},
		{"OpenAPI", "", "GET", "/api/v1/openapi.json", nil, 200, false},
		{"Export", "city", "GET", "/api/v1/enterprises/export.xlsx?region=410105", nil, 200, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res := e.do(tt.role, tt.method, tt.path, tt.body)
			if res.status != tt.status {
				t.Fatalf("%s %s: %d, want %d", tt.method, tt.path, res.status, tt.status)
			}
			if got := res.header.Get("X-Content-Type-Options"); got != "nosniff" {
				t.Errorf("X-Content-Type-Options = %q, want nosniff", got)
			}
			if got := res.header.Get("Cache-Control"); tt.noStore && got != "no-store" {
				t.Errorf("Cache-Control = %q, want no-store", got)
			}
		})
	}
}
