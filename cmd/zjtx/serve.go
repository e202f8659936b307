package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"

	"zjtx/internal/server"
	"zjtx/internal/sqlstore"
	"zjtx/internal/web"
)

// dbFlags are the flags that name the database, shared by serve, migrate,
// backup and restore.
type dbFlags struct {
	data string
	db   string
}

func (d *dbFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&d.data, "data", "data", "数据目录 data directory: the SQLite database is DIR/zjtx.db")
	fs.StringVar(&d.db, "db", os.Getenv("ZJTX_DB"), "PostgreSQL URL postgres://… instead of SQLite (default $ZJTX_DB)")
}

func (d *dbFlags) dsn() string {
	if d.db != "" {
		return d.db
	}
	return filepath.Join(d.data, "zjtx.db")
}

func newLogger(w io.Writer) *slog.Logger {
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelInfo}))
}

func cmdServe(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var d dbFlags
	d.register(fs)
	addr := fs.String("addr", ":8080", "监听地址 listen address")
	demoFlag := fs.Bool("demo", false, "载入演示数据（仅供试用）seed the demo data once, for trying the platform only")
	rulesDir := fs.String("rules", "", "read rule sets from this directory instead of the embedded ones")
	secure := fs.Bool("secure-cookies", false, "mark cookies Secure (serve behind HTTPS)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	log := newLogger(stderr)
	server.TuneGC()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	app, err := server.New(ctx, server.Config{Addr: *addr, DataDir: d.data, DSN: d.db, Demo: *demoFlag,
		RulesDir: *rulesDir, SecureCookie: *secure, Logger: log, Pages: web.New})
	if err != nil {
		log.Error("start", "err", err)
		return 1
	}
	if *demoFlag {
		log.Warn("演示模式：所有演示账号的密码均为 zjtx-demo，仅供试用 (demo mode: public passwords, for trying only)")
	}
	if err := app.Run(ctx); err != nil && !errors.Is(err, context.Canceled) {
		log.Error("serve", "err", err)
		return 1
	}
	return 0
}

func cmdMigrate(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var d dbFlags
	d.register(fs)
	if err := fs.Parse(args); err != nil {
		return 2
	}
	ctx := context.Background()
	if d.db == "" {
		if err := os.MkdirAll(d.data, 0o750); err != nil {
			fmt.Fprintln(stderr, err)
			return 1
		}
	}
	s, err := sqlstore.Open(ctx, d.dsn())
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	defer s.Close()
	if err := s.Migrate(ctx); err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	v, err := s.SchemaVersion(ctx)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	fmt.Fprintf(stdout, "schema version %d (%s)\n", v, s.Engine())
	return 0
}

func cmdBackup(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var d dbFlags
	d.register(fs)
	to := fs.String("to", "", "备份文件 backup file to write (must not exist)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *to == "" {
		fmt.Fprintln(stderr, "usage: zjtx backup --to FILE [--data DIR | --db postgres://…]")
		return 2
	}
	ctx := context.Background()
	s, err := sqlstore.Open(ctx, d.dsn())
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	defer s.Close()
	if err := s.Backup(ctx, *to); err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	fmt.Fprintf(stdout, "backup written to %s\n", *to)
	return 0
}

func cmdRestore(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("restore", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var d dbFlags
	d.register(fs)
	from := fs.String("from", "", "备份文件 backup file to restore (replaces the database; stop the server first)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *from == "" {
		fmt.Fprintln(stderr, "usage: zjtx restore --from FILE [--data DIR | --db postgres://…]")
		return 2
	}
	if err := sqlstore.Restore(context.Background(), d.dsn(), *from); err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	fmt.Fprintf(stdout, "restored from %s\n", *from)
	return 0
}
