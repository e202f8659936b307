// Package server is the application: it opens the database, applies the
// migrations, loads the rule sets, optionally seeds the demo, and serves the
// HTTP surfaces behind the shared middleware. cmd/zjtx builds an App for
// `zjtx serve`, and the end-to-end tests build the same App on a loopback
// port, so what the tests exercise is what runs.
package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"time"
	"zjtx/internal/hub"

	"github.com/riverqueue/river"

	"zjtx/internal/api"
	"zjtx/internal/auth"
	"zjtx/internal/criteria"
	"zjtx/internal/cultivation"
	"zjtx/internal/demo"
	"zjtx/internal/httpx"
	"zjtx/internal/jobs"
	"zjtx/internal/match"
	"zjtx/internal/match/llm"
	"zjtx/internal/reward"
	"zjtx/internal/sqlstore"
	"zjtx/rules"
)

// Config is what `zjtx serve` takes.
type Config struct {
	Addr     string // listen address; default :8080
	DataDir  string // SQLite: the database is DataDir/zjtx.db; default ./data
	DSN      string // postgres://…: PostgreSQL instead of SQLite
	Demo     bool   // seed the demo once
	DemoSize int    // demo enterprises; 0: demo.Size
	// DemoPopulation seeds, with a new demo, the population of the
	// discovery and impact pages (jobs.SeedDemo; about a second).
	DemoPopulation bool
	RulesDir       string // read rule sets from here instead of the embedded ones
	SecureCookie   bool   // set the Secure flag on cookies (the site is served over HTTPS)
	// Account rules (zjtx serve's flags); zero values take the defaults of
	// package auth. Demo above also lets the demo's accounts log in.
	PasswordMaxAge  time.Duration  // a password older than this must be changed; 0: never
	SessionLifetime time.Duration  // absolute session lifetime; 0: 12 hours
	LoginMaxDelay   time.Duration  // bound of the delay for failing addresses; 0: 2 s; negative: none
	TrustedProxies  []netip.Prefix // peers whose X-Forwarded-For names the client
	Logger          *slog.Logger
	Now             func() time.Time // the clock; nil: time.Now

	// LLM is the large model for matching (zjtx serve --llm-url …); its
	// zero value matches lexically and sends nothing anywhere. Build the
	// matcher with LLM.Model() and match.NewService.
	LLM llm.Config

	// Pages builds the HTML surface mounted at "/" (package web). Nil: a
	// placeholder front page. It runs behind the same middleware as the API,
	// so httpx.Caller and httpx.CSRFToken work in it; it should wrap its
	// unsafe routes in httpx.VerifyCSRF.
	Pages func(Deps) (http.Handler, error)
	// Ranker ranks service products for a demand. Nil: the server's
	// matching service (package match over the active products of approved
	// institutions), the one POST /api/v1/match asks.
	Ranker hub.Ranker
}

// Deps is what a surface gets to build itself.
type Deps struct {
	Store        *sqlstore.Store
	Engine       *criteria.Engine
	Jobs         *jobs.Runner
	Logger       *slog.Logger
	SecureCookie bool
	Ranker       hub.Ranker // ranks products for a demand; nil: the demand's facts filter them
}

// App is a running platform: one database, one engine, one HTTP server.
type App struct {
	Config
	Store   *sqlstore.Store
	Engine  *criteria.Engine
	Jobs    *jobs.Runner // background jobs (River); working between Start and Close
	API     *api.API
	Handler http.Handler // the root handler with all middleware

	lock    *sqlstore.ServeLock // held while the App lives: restore refuses to run under it
	matcher *matcher
	// quit ends what runs from New to Close whether or not the App serves
	// (the matcher's first build).
	quit context.CancelFunc
	srv  *http.Server
	ln   net.Listener
	stop context.CancelFunc
	wg   sync.WaitGroup
}

// DSN returns the database the config names.
func (c Config) dsn() string {
	if c.DSN != "" {
		return c.DSN
	}
	dir := c.DataDir
	if dir == "" {
		dir = "data"
	}
	return filepath.Join(dir, "zjtx.db")
}

// New opens and migrates the database, loads the rule sets, seeds the demo
// when asked and builds the handler. It does not listen: see Start and Run.
func New(ctx context.Context, cfg Config) (*App, error) {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if cfg.Addr == "" {
		cfg.Addr = ":8080"
	}
	if cfg.DSN == "" {
		dir := cfg.DataDir
		if dir == "" {
			dir = "data"
		}
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, fmt.Errorf("server: data directory: %w", err)
		}
	}
	if err := cfg.LLM.Validate(); err != nil {
		return nil, fmt.Errorf("server: %w", err)
	}
	a := &App{Config: cfg}
	var err error
	if a.Engine, err = loadEngine(cfg.RulesDir); err != nil {
		return nil, fmt.Errorf("server: rule sets: %w", err)
	}
	if a.Store, err = sqlstore.Open(ctx, cfg.dsn()); err != nil {
		return nil, err
	}
	if cfg.Now != nil {
		a.Store.Now = cfg.Now
	}
	if a.Store.Lists, err = loadInclusion(a.Engine, cfg.RulesDir); err != nil {
		a.Store.Close()
		return nil, fmt.Errorf("server: inclusion rules: %w", err)
	}
	a.Store.Policy = auth.Policy{DemoLogins: cfg.Demo, PasswordMaxAge: cfg.PasswordMaxAge,
		SessionLifetime: cfg.SessionLifetime, LoginMaxDelay: cfg.LoginMaxDelay}
	// Before migrating: a restore in progress must finish first.
	if a.lock, err = a.Store.LockForServe(ctx); err != nil {
		a.Store.Close()
		return nil, err
	}
	if err := a.init(ctx); err != nil {
		if a.quit != nil {
			a.quit() // the matcher's build stops at its next read
		}
		if a.Jobs != nil {
			a.Jobs.Close()
		}
		a.lock.Release()
		a.Store.Close()
		return nil, err
	}
	return a, nil
}

func (a *App) init(ctx context.Context) error {
	if err := a.Store.Migrate(ctx); err != nil {
		return err
	}
	if err := syncRewardPolicies(ctx, a.Store); err != nil {
		return err
	}
	loaded := false
	if a.Demo {
		start := time.Now()
		var err error
		loaded, err = demo.Load(ctx, a.Store, demo.Options{Enterprises: a.DemoSize, Now: a.Store.Now(), Engine: a.Engine})
		if err != nil {
			return err
		}
		if loaded {
			n := a.DemoSize
			if n <= 0 {
				n = demo.Size
			}
			a.Logger.Info("demo loaded", "enterprises", n, "took", time.Since(start).Round(time.Millisecond))
		}
	}
	if !a.Demo {
		if err := a.warnDemoAccounts(ctx); err != nil {
			return err
		}
	}
	if err := a.startMatcher(ctx); err != nil {
		return err
	}
	var err error
	a.Jobs, err = jobs.New(ctx, jobs.Config{Store: a.Store, Engine: a.Engine, DSN: a.dsn(), Logger: a.Logger, Now: a.Store.Now, Matcher: a.matcher,
		Periodic: []*river.PeriodicJob{jobs.NightlyBackupListRefresh(false), jobs.HourlyAppealEscalation(false)}})
	if err != nil {
		return err
	}
	a.Store.CatalogueChanged = func(ctx context.Context) {
		// After the commit; a lost refresh is made good by the next one
		// (and, on PostgreSQL, by the minutely re-read).
		if err := a.Jobs.RefreshMatches(context.WithoutCancel(ctx)); err != nil {
			a.Logger.Warn("match: refresh not queued", "err", err)
		}
	}
	if loaded && a.DemoPopulation {
		start := time.Now()
		if err := a.Jobs.SeedDemo(ctx, a.Jobs.Today()); err != nil {
			return err
		}
		a.Logger.Info("demo population loaded", "rows", jobs.DemoPopulation, "took", time.Since(start).Round(time.Millisecond))
	}
	a.API, err = api.New(ctx, api.Config{Store: a.Store, Engine: a.Engine, Jobs: a.Jobs, Logger: a.Logger, Now: a.Store.Now, Ranker: a.Ranker,
		Matcher: a.matcher.cat, SecureCookie: a.SecureCookie})
	if err != nil {
		return err
	}
	pages := http.Handler(http.HandlerFunc(placeholder))
	if a.Pages != nil {
		if pages, err = a.Pages(Deps{a.Store, a.Engine, a.Jobs, a.Logger, a.SecureCookie, a.Ranker}); err != nil {
			return fmt.Errorf("server: pages: %w", err)
		}
	}
	// The routes of the root: one line per surface.
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", a.healthz)
	mux.Handle(api.Prefix+"/", a.API)
	mux.Handle("/", pages)
	a.Handler = httpx.Chain(mux,
		httpx.Logger(a.Logger),
		httpx.Recover(a.Logger),
		httpx.Gzip,
		httpx.LimitBody(httpx.MaxUploadBody), // surfaces set tighter limits of their own
		httpx.ClientAddress(a.TrustedProxies),
		httpx.Authenticate(a.Store, a.SecureCookie),
		httpx.CSRFKeys(a.SecureCookie),
	)
	return nil
}

// startMatcher builds the matching service in the background (the
// segmenter's dictionary, then the catalogue) and makes it the hub's ranker
// unless the config names another.
func (a *App) startMatcher(ctx context.Context) error {
	if match.DictionaryMissing() {
		a.Logger.Warn("匹配分词词典缺失（请先 make assets），匹配仅按领域词和二元字切分，效果较差 " +
			"(the segmenter's dictionary is missing from this build: run make assets; matching segments by domain words and bigrams only)")
	}
	m, err := newMatcher(ctx, a.Store, a.Config)
	if err != nil {
		return err
	}
	a.matcher = m
	if a.Ranker == nil {
		a.Ranker = m
	}
	bg, quit := context.WithCancel(context.WithoutCancel(ctx))
	a.quit = quit
	m.cat.Start(bg)
	return nil
}

// warnDemoAccounts says on start that the database holds the demo's
// accounts, whose password is public, while they cannot log in (no --demo).
func (a *App) warnDemoAccounts(ctx context.Context) error {
	names, err := a.Store.DemoAccounts(ctx)
	if err != nil || len(names) == 0 {
		return err
	}
	a.Logger.Warn("数据库中仍有演示账号（密码公开）；未使用 --demo 启动，这些账号无法登录。正式部署请用 zjtx user disable 停用它们 "+
		"(the database still holds the demo accounts, whose password is public; without --demo they cannot log in)",
		"accounts", strings.Join(names, ","))
	return nil
}

func loadEngine(dir string) (*criteria.Engine, error) {
	if dir != "" {
		return criteria.LoadEngine(os.DirFS(dir))
	}
	return criteria.LoadEngine(rules.FS)
}

// syncRewardPolicies loads the reward policies of the rules files into
// the database, so that a changed file is the policy from the next start.
func syncRewardPolicies(ctx context.Context, s *sqlstore.Store) error {
	ps, err := reward.Embedded()
	if err != nil {
		return err
	}
	return s.SyncRewardPolicies(auth.WithCaller(ctx, auth.System), ps)
}

// loadInclusion reads the backup lists' inclusion rules: DIR/inclusion
// when --rules names a directory that has one, else the embedded ones.
func loadInclusion(eng *criteria.Engine, dir string) (*cultivation.Includer, error) {
	fsys, sub := fs.FS(rules.InclusionFS), "inclusion"
	if dir != "" {
		if st, err := os.Stat(filepath.Join(dir, sub)); err == nil && st.IsDir() {
			fsys = os.DirFS(dir)
		}
	}
	in, err := cultivation.LoadInclusion(fsys, sub)
	if err != nil {
		return nil, err
	}
	return &cultivation.Includer{Engine: eng, Rules: in}, nil
}

// healthz answers 200 while the database answers, 503 otherwise: what a
// load balancer needs to take a server out of rotation.
func (a *App) healthz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := a.Store.Ping(ctx); err != nil {
		a.Logger.Error("health check", "err", err)
		httpx.JSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "db": a.Store.Engine()})
		return
	}
	httpx.JSON(w, http.StatusOK, map[string]string{"status": "ok", "db": a.Store.Engine()})
}

// placeholder is the front page until the HTML pages are mounted.
func placeholder(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/" {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	fmt.Fprint(w, `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>ZJTX 专精特新梯度培育平台</title>
<h1>ZJTX 专精特新梯度培育平台</h1><p>JSON 接口：<a href="/api/v1/openapi.json">/api/v1/openapi.json</a></p></html>`)
}

// Start listens on Addr and serves in the background until Close. With
// Addr "127.0.0.1:0" the kernel picks a free port; URL tells which.
func (a *App) Start() error {
	ln, err := net.Listen("tcp", a.Addr)
	if err != nil {
		return fmt.Errorf("server: listen: %w", err)
	}
	a.ln = ln
	a.srv = &http.Server{
		Handler:           a.Handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
		ErrorLog:          slog.NewLogLogger(a.Logger.Handler(), slog.LevelWarn),
	}
	ctx, stop := context.WithCancel(context.Background())
	a.stop = stop
	if err := a.Jobs.Start(ctx); err != nil {
		stop()
		_ = ln.Close()
		return err
	}
	a.wg.Add(3)
	go func() {
		defer a.wg.Done()
		if err := a.srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			a.Logger.Error("serve", "err", err)
		}
	}()
	go func() {
		defer a.wg.Done()
		a.followCatalogue(ctx)
	}()
	go func() {
		defer a.wg.Done()
		a.maintain(ctx)
	}()
	return nil
}

// maintain runs the store's housekeeping while the App serves: every ten
// minutes it deletes expired sessions and stale login-failure counts (they
// are refused or ignored anyway; this keeps the tables small), and every hour it refreshes the query planner's
// statistics, which imports and the demo loader change (Migrate refreshes
// them on start too, but a server may run for months).
func (a *App) maintain(ctx context.Context) {
	t := time.NewTicker(10 * time.Minute)
	defer t.Stop()
	for tick := 1; ; tick++ {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		sctx := auth.WithCaller(ctx, auth.System)
		if n, err := a.Store.DeleteExpiredSessions(sctx); err != nil {
			a.Logger.Warn("delete expired sessions", "err", err)
		} else if n > 0 {
			a.Logger.Info("expired sessions deleted", "n", n)
		}
		if _, err := a.Store.PruneLoginFailures(sctx); err != nil {
			a.Logger.Warn("prune login failures", "err", err)
		}
		if tick%6 == 0 {
			if err := a.Store.Optimize(ctx); err != nil {
				a.Logger.Warn("refresh planner statistics", "err", err)
			}
		}
	}
}

// followCatalogue re-reads the matcher's catalogue every minute on
// PostgreSQL: the match_refresh job after a change runs on one of the
// servers sharing the database, and the others' matchers catch up here.
// On SQLite there is one server, and the job is enough.
func (a *App) followCatalogue(ctx context.Context) {
	if a.Store.Engine() != sqlstore.Postgres {
		return
	}
	t := time.NewTicker(time.Minute)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if err := a.matcher.Refresh(ctx); err != nil && ctx.Err() == nil {
			a.Logger.Warn("match: catalogue refresh", "err", err)
		}
	}
}

// URL is the base URL of a started App, e.g. http://127.0.0.1:38211.
func (a *App) URL() string {
	if a.ln == nil {
		return ""
	}
	return "http://" + a.ln.Addr().String()
}

// Run starts the App and serves until ctx ends (SIGINT or SIGTERM in
// `zjtx serve`), then shuts down gracefully: requests in flight get up to
// 15 seconds to finish, then the database closes.
func (a *App) Run(ctx context.Context) error {
	if err := a.Start(); err != nil {
		return err
	}
	a.Logger.Info("serving", "url", a.URL(), "db", a.Store.Engine())
	<-ctx.Done()
	a.Logger.Info("shutting down")
	return a.Close()
}

// Close stops serving, waiting up to 15 seconds for requests in flight and
// for the jobs in progress (a job cut short resumes on the next start),
// releases the server lock and closes the database.
func (a *App) Close() error {
	var err error
	if a.srv != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		err = a.srv.Shutdown(ctx)
		if e := a.Jobs.Stop(ctx); err == nil {
			err = e
		}
		cancel()
		a.stop()
		a.wg.Wait()
		a.srv = nil
	}
	if a.Jobs != nil {
		a.Jobs.Close()
	}
	if a.quit != nil {
		a.quit()
		// The matcher's first build reads the store: let it end first.
		wctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		_, _ = a.matcher.cat.Service(wctx)
		cancel()
	}
	if e := a.lock.Release(); err == nil {
		err = e
	}
	if e := a.Store.Close(); err == nil {
		err = e
	}
	return err
}

// ServeGCPercent is the garbage collector's target while serving, unless
// GOGC is set in the environment.
//
// A serving process keeps a small live heap (sessions, rule sets, caches:
// about 10 MB) and allocates quickly (a self-test report is a few hundred
// kilobytes of short-lived values), so at Go's default of 100 it collected
// forty times a second: under the evaluate load test a quarter more
// requests per second at 400, for some tens of megabytes of heap.
const ServeGCPercent = 400

// ServeMemoryLimit is the soft memory limit while serving, unless
// GOMEMLIMIT is set: with the collector's target at 400 % a population
// import (which holds its parsed upload, some 250 MB for 100,000
// enterprises) would let the heap grow past a gigabyte; near the limit the
// runtime collects harder instead. It is soft: a larger live heap still
// gets its memory.
const ServeMemoryLimit = 900 << 20

// TuneGC applies ServeGCPercent and ServeMemoryLimit unless GOGC or
// GOMEMLIMIT is set. It changes the whole process, so `zjtx serve` calls
// it, not New.
func TuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(ServeGCPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(ServeMemoryLimit)
	}
}
