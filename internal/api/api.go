// Package api is the JSON REST API under /api/v1: sessions, the public
// evaluator and sweep, enterprise records with their profile years and
// assessments, regions and the audit log. Its routes are declared in one
// table (routes.go) that the mux, the role gate, the OpenAPI document test and
// the role × route matrix test all read.
//
// Handlers are short and alike: read the request through the helpers of
// request.go, call the store or the engine with the request's context (which
// carries the caller, so the store applies the district scope), write a view
// of view.go through httpx.JSON, or fail through httpx.Error.
package api

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"time"
	"zjtx/internal/hub"

	"zjtx/internal/criteria"
	"zjtx/internal/httpx"
	"zjtx/internal/jobs"
	"zjtx/internal/match"
	"zjtx/internal/sqlstore"
)

// Prefix is where the API lives.
const Prefix = "/api/v1"

// Config is what the API needs.
type Config struct {
	Store *sqlstore.Store
	// Ranker ranks products for a demand (the matching engine); nil lists
	// the products a demand's facts select (sqlstore.DemandProducts).
	Ranker hub.Ranker
	// Matcher is the server's one matching service (POST /match); nil
	// answers 503.
	Matcher      *match.Catalogue
	Engine       *criteria.Engine
	Jobs         *jobs.Runner // background jobs (bulk assessment)
	Logger       *slog.Logger
	Now          func() time.Time // the clock for default assessment dates; nil: time.Now
	SecureCookie bool             // logout clears the session cookie with the Secure flag
}

// API is the JSON API handler.
type API struct {
	store   *sqlstore.Store
	ranker  hub.Ranker
	matcher *match.Catalogue
	engine  *criteria.Engine
	jobs    *jobs.Runner
	log     *slog.Logger
	now     func() time.Time
	secure  bool
	regions map[string]string // code → name; regions change only with a migration
	routes  []httpx.Route
	handler http.Handler
}

// New builds the API. It reads the regions once: they are reference data
// that only a migration changes.
func New(ctx context.Context, cfg Config) (*API, error) {
	a := &API{store: cfg.Store, ranker: cfg.Ranker, matcher: cfg.Matcher, engine: cfg.Engine, jobs: cfg.Jobs, log: cfg.Logger, now: cfg.Now, secure: cfg.SecureCookie}
	if a.log == nil {
		a.log = slog.Default()
	}
	if a.now == nil {
		a.now = time.Now
	}
	regions, err := a.store.ListRegions(ctx)
	if err != nil {
		return nil, fmt.Errorf("api: %w", err)
	}
	a.regions = map[string]string{}
	for _, r := range regions {
		a.regions[r.Code] = r.Name
	}
	a.routes = append(a.routeTable(), a.financeRoutes()...)
	mux := http.NewServeMux()
	httpx.Mount(mux, a.routes)
	// Anything else under the prefix is a JSON 404 or 405, never the
	// mux's plain-text answers.
	mux.HandleFunc(Prefix+"/", a.notFound)
	a.handler = httpx.Chain(mux,
		httpx.NoSniff,
		httpx.WithErrorRenderer(httpx.RenderJSONError),
		httpx.LimitBodyRoutes(httpx.MaxJSONBody, a.routes),
		httpx.VerifyCSRFCookie,
	)
	return a, nil
}

// ServeHTTP serves requests under Prefix. Authentication (httpx.Authenticate
// and httpx.CSRFKeys) runs before, at the server's root.
func (a *API) ServeHTTP(w http.ResponseWriter, r *http.Request) { a.handler.ServeHTTP(w, r) }

// Routes returns the route table.
func (a *API) Routes() []httpx.Route { return a.routes }
