package main

import (
	"bytes"
	"context"
	"database/sql"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"zjtx/internal/demo"
	"zjtx/internal/server"
	"zjtx/internal/sqlstore"
)

// demoData makes a data directory with a small demo database.
func demoData(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	ctx := context.Background()
	s, err := sqlstore.Open(ctx, filepath.Join(dir, "zjtx.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := demo.Load(ctx, s, demo.Options{Enterprises: 20, Now: time.Date(2026, 9, 1, 8, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	return dir
}

func runCmd(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

// TestAuditVerifyCommand: zjtx audit verify says ok with the row count on a
// whole log, and exits 1 naming the row after an edit made with raw SQL.
func TestAuditVerifyCommand(t *testing.T) {
	dir := demoData(t)
	code, out, errs := runCmd("audit", "verify", "--data", dir)
	if code != 0 || !strings.HasPrefix(out, "ok ") || !strings.Contains(out, " rows, head ") {
		t.Fatalf("verify of a whole log: exit %d, %q %q", code, out, errs)
	}
	db, err := sql.Open("sqlite", filepath.Join(dir, "zjtx.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`UPDATE audit_log SET actor = 'nobody' WHERE seq = 2`); err != nil {
		t.Fatal(err)
	}
	code, out, _ = runCmd("audit", "verify", "--data", dir)
	if code != 1 || !strings.Contains(out, "(seq 2)") || !strings.Contains(out, "does not match its hash") {
		t.Errorf("verify after an edit: exit %d, %q; want 1 naming seq 2", code, out)
	}
	if code, _, _ := runCmd("audit", "verify", "--data", filepath.Join(dir, "missing")); code != 1 {
		t.Errorf("verify of a missing database: exit %d, want 1", code)
	}
}

// TestRestoreCommandRefusedWhileServing: zjtx restore exits 1 with a clear
// message while a server uses the data directory, and 0 once it stopped.
func TestRestoreCommandRefusedWhileServing(t *testing.T) {
	dir := demoData(t)
	backup := filepath.Join(t.TempDir(), "b.db")
	if code, out, errs := runCmd("backup", "--to", backup, "--data", dir); code != 0 {
		t.Fatalf("backup: %d %s %s", code, out, errs)
	}
	app, err := server.New(context.Background(), server.Config{Addr: "127.0.0.1:0", DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	code, _, errs := runCmd("restore", "--from", backup, "--data", dir)
	if code != 1 || !strings.Contains(errs, "stop every server") {
		t.Errorf("restore under a server: exit %d, %q; want 1 telling to stop the server", code, errs)
	}
	app.Close()
	if code, out, errs := runCmd("restore", "--from", backup, "--data", dir); code != 0 {
		t.Errorf("restore after the server stopped: %d %s %s", code, out, errs)
	}
	if code, out, _ := runCmd("audit", "verify", "--data", dir); code != 0 {
		t.Errorf("verify after restore: %d %s", code, out)
	}
}
