package server_test

import (
	"bytes"
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"zjtx/internal/testdb"

	"zjtx/internal/server"
	"zjtx/internal/sqlstore"
)

// TestBackupRestore round-trips the demo database through zjtx backup and
// restore: the restored database lists the same enterprises, with their
// profiles (enterprise_profiles) and search index (enterprise_tokens), and
// keeps the accounts and the audit log, whose hash chain still verifies.
func TestBackupRestore(t *testing.T) {
	eachEngine(t, func(t *testing.T, eng string) {
		e := newEnv(t, eng)
		id := e.ids()
		if res := e.do("district", "POST", "/api/v1/enterprises/"+itoa(id.jinshui)+"/assessments", nil); res.status != 201 {
			t.Fatalf("assess: %s", res)
		}
		var rec struct {
			Name string `json:"name"`
		}
		e.do("city", "GET", "/api/v1/enterprises/"+itoa(id.jinshui), nil).json(t, &rec)
		search := "/api/v1/enterprises?limit=500&q=" + url.QueryEscape(rec.Name)
		if p := e.list("city", search); p.Total == 0 {
			t.Fatalf("search for %q found nothing before the backup", rec.Name)
		}
		pages := func(e *env) []byte {
			var all []byte
			for _, p := range []string{"/api/v1/enterprises?limit=500&sort=created", "/api/v1/audit?limit=500", search,
				"/api/v1/enterprises/" + itoa(id.jinshui), "/api/v1/enterprises/" + itoa(id.jinshui) + "/assessments"} {
				res := e.do("city", "GET", p, nil)
				if res.status != 200 {
					t.Fatalf("GET %s: %s", p, res)
				}
				all = append(all, res.body...)
			}
			return all
		}
		before := pages(e)
		file := filepath.Join(t.TempDir(), "backup")
		if err := e.app.Store.Backup(context.Background(), file); err != nil {
			t.Fatal(err)
		}
		cfg := server.Config{Addr: "127.0.0.1:0", Demo: true}
		dsn := ""
		if eng == sqlstore.Postgres {
			dsn = testdb.Fresh(t, sqlstore.Postgres)
			cfg.DSN = dsn
		} else {
			cfg.DataDir = t.TempDir()
			dsn = filepath.Join(cfg.DataDir, "zjtx.db")
		}
		if err := sqlstore.Restore(context.Background(), dsn, file); err != nil {
			t.Fatal(err)
		}
		r := startEnv(t, cfg)
		r.tokens["city"] = e.token("city") // the session table came along
		// The audit chain came along whole, to the same head.
		was, err := e.app.Store.VerifyAudit(context.Background())
		if err != nil || was.Break != nil {
			t.Fatalf("verify before: %v %v", err, was.Break)
		}
		if got, err := r.app.Store.VerifyAudit(context.Background()); err != nil || got.Break != nil ||
			got.Rows != was.Rows || got.Head != was.Head {
			t.Errorf("restored chain: %d rows, head %.12s, %v %v; want %d rows, head %.12s", got.Rows, got.Head,
				err, got.Break, was.Rows, was.Head)
		}
		if after := pages(r); !bytes.Equal(before, after) {
			t.Errorf("restored database differs:\nbefore %.300s\nafter  %.300s", before, after)
		}
		if res := r.do("", "POST", "/api/v1/session", map[string]string{"username": "district", "password": "zjtx-demo"}); res.status != 201 {
			t.Errorf("login after restore: %s", res)
		}
		t.Run("RefusesOtherEngine", func(t *testing.T) {
			other := filepath.Join(t.TempDir(), "zjtx.db")
			if eng == sqlstore.SQLite {
				if os.Getenv(testdb.PGEnv) == "" {
					t.Skip("needs PostgreSQL")
				}
				other = testdb.Fresh(t, sqlstore.Postgres)
			}
			if err := sqlstore.Restore(context.Background(), other, file); err == nil {
				t.Error("restored a backup into the other engine")
			}
		})
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
