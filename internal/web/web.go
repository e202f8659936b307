// Package web is the HTML surface: server-rendered pages in Chinese for
// officials, enterprises, institutions and banks, and the public self-test
// (企业自测与差距诊断). Every page works as plain forms and tables; htmx and
// ECharts, from npm (see scripts/assets), improve them when present.
//
// Routes are declared in one table (routes.go). Each handler sits in its own
// file named <page>_<action>.go, reads the request through the helpers of
// request.go, calls the store or the engine with the request's context (the
// store applies the district scope there), fills a typed view and renders it
// through render.go. Templates are embedded and parsed once, in New: a page
// without its template stops the server from starting.
package web

import (
	"context"
	"embed"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"time"
	"zjtx/internal/hub"

	"zjtx/internal/auth"
	"zjtx/internal/criteria"
	"zjtx/internal/httpx"
	"zjtx/internal/jobs"
	"zjtx/internal/server"
	"zjtx/internal/sqlstore"
)

//go:embed templates
var templateFS embed.FS

// staticFS holds the committed app.css and app.js and, after `make assets`,
// vendor/ with the npm packages' files. Embedding the folder (not vendor/
// itself) keeps the build working when vendor/ is absent.
//
//go:embed static
var staticFS embed.FS

// Web is the HTML handler.
type Web struct {
	store   *sqlstore.Store
	engine  *criteria.Engine
	jobs    *jobs.Runner
	log     *slog.Logger
	secure  bool
	now     func() time.Time
	regions []auth.Region
	region  map[string]string // code → name
	assets  *assets
	pages   map[string]*template.Template
	routes  []httpx.Route
	handler http.Handler
	// selftestSlots caps the self-test uploads read at once.
	selftestSlots slots
	ranker        hub.Ranker // nil: demands list the products their facts select
}

// New builds the HTML surface; it matches server.Config.Pages. It fails when
// a page lacks its template or a template does not parse.
func New(deps server.Deps) (http.Handler, error) {
	w, err := build(deps)
	if err != nil {
		return nil, err
	}
	return w, nil
}

func build(deps server.Deps) (*Web, error) {
	w := &Web{store: deps.Store, engine: deps.Engine, jobs: deps.Jobs, log: deps.Logger, secure: deps.SecureCookie, ranker: deps.Ranker,
		now: deps.Store.Now, region: map[string]string{}, selftestSlots: make(slots, selftestUploadSlots)}
	if w.log == nil {
		w.log = slog.Default()
	}
	var err error
	if w.regions, err = w.store.ListRegions(auth.WithCaller(context.Background(), auth.System)); err != nil {
		return nil, fmt.Errorf("web: %w", err)
	}
	for _, r := range w.regions {
		w.region[r.Code] = r.Name
	}
	if w.assets, err = loadAssets(staticFS); err != nil {
		return nil, fmt.Errorf("web: static files: %w", err)
	}
	if w.pages, err = parsePages(templateFS, w.funcs()); err != nil {
		return nil, fmt.Errorf("web: templates: %w", err)
	}
	w.routes = append(w.routeTable(), w.financeRoutes()...)
	mux := http.NewServeMux()
	httpx.Mount(mux, w.routes)
	mux.HandleFunc("/", w.notFound)
	w.handler = httpx.Chain(mux,
		httpx.WithErrorRenderer(w.renderError),
		// Inside the renderer: a panic in a page becomes the Chinese 500 page.
		httpx.Recover(w.log),
		securityHeaders,
		httpx.LimitBodyRoutes(maxFormBody, w.routes),
		httpx.VerifyCSRF,
	)
	return w, nil
}

// maxFormBody bounds a page's request body: a form, or an uploaded profile
// JSON (profile.MaxDocumentSize) with its multipart envelope.
const maxFormBody = 2 << 20

// ServeHTTP serves the pages. Authentication and the CSRF keys are set up at
// the server's root (httpx.Authenticate, httpx.CSRFKeys).
func (w *Web) ServeHTTP(rw http.ResponseWriter, r *http.Request) { w.handler.ServeHTTP(rw, r) }

// Routes returns the route table, for tests and the route list.
func (w *Web) Routes() []httpx.Route { return w.routes }

// today is the bureau's current date (China Standard Time).
func (w *Web) today() time.Time { return w.now().In(cst) }

var cst = time.FixedZone("CST", 8*3600)
