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
	"strconv"
	"strings"
	"syscall"
	"time"

	"zjtx/internal/auth"
	"zjtx/internal/httpx"
	"zjtx/internal/match/llm"
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
	maxAge := days{}
	fs.Var(&maxAge, "password-max-age", "密码有效期（等保三级定期更换），如 90d；0 为不限 password lifetime, e.g. 90d; 0: off")
	lifetime := fs.Duration("session-lifetime", auth.DefaultSessionLifetime, "登录会话最长时间 absolute session lifetime (besides 30 idle minutes)")
	proxies := fs.String("trusted-proxy", "", "可信反向代理地址，逗号分隔（如 127.0.0.1,10.0.0.0/8）：仅对其采信 X-Forwarded-For; reverse proxies whose X-Forwarded-For names the client")
	var model llm.Config
	fs.StringVar(&model.URL, "llm-url", "", "大模型服务地址（OpenAI 兼容，如 http://127.0.0.1:8000/v1）；不设则不向外发送任何数据 OpenAI-compatible endpoint for matching; unset: lexical matching only, nothing leaves the machine")
	fs.StringVar(&model.EmbedModel, "embed-model", "", "向量模型 embedding model, e.g. bge-m3 (required with --llm-url)")
	fs.StringVar(&model.ChatModel, "chat-model", "", "重排用对话模型 chat model reranking the top ten, e.g. qwen2.5-7b-instruct (optional)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	model.Key = os.Getenv("ZJTX_LLM_KEY")
	if err := model.Validate(); err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	trusted, err := httpx.ParseTrustedProxies(*proxies)
	if err != nil {
		fmt.Fprintf(stderr, "--trusted-proxy: %v\n", err)
		return 2
	}
	if *lifetime <= 0 {
		fmt.Fprintln(stderr, "--session-lifetime: must be positive, e.g. 12h")
		return 2
	}
	log := newLogger(stderr)
	server.TuneGC()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	app, err := server.New(ctx, server.Config{Addr: *addr, DataDir: d.data, DSN: d.db, Demo: *demoFlag, DemoPopulation: *demoFlag,
		RulesDir: *rulesDir, SecureCookie: *secure, Logger: log, Pages: web.New,
		PasswordMaxAge: maxAge.d, SessionLifetime: *lifetime, TrustedProxies: trusted, LLM: model})
	if err != nil {
		log.Error("start", "err", err)
		return 1
	}
	if model.Enabled() {
		log.Info("匹配使用大模型 matching uses a large model", "url", model.URL, "embed", model.EmbedModel, "chat", model.ChatModel)
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

// days is a duration flag that also takes whole days ("90d"), the unit of
// password rules.
type days struct{ d time.Duration }

func (v *days) String() string { return v.d.String() }

func (v *days) Set(s string) error {
	if n, ok := strings.CutSuffix(s, "d"); ok {
		i, err := strconv.Atoi(n)
		if err != nil || i < 0 {
			return fmt.Errorf("want whole days, e.g. 90d")
		}
		v.d = time.Duration(i) * 24 * time.Hour
		return nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return fmt.Errorf("want a duration such as 90d or 2160h, or 0")
	}
	v.d = d
	return nil
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
