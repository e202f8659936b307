// Package httpx is what both HTTP surfaces share: the HTML pages (package
// web) and the JSON API (package api). It holds the middleware of every
// request (logging, panic recovery, gzip, body limits, authentication by
// session cookie or Bearer token, CSRF), the role gate, the route table type,
// JSON request and response helpers, and the one mapping from apperr codes to
// HTTP statuses.
//
// It is its own package, not part of api or web, so that the two surfaces
// authenticate, log and fail in exactly the same way, and so that neither
// imports the other. It knows nothing of SQL: authentication goes through the
// small Sessions interface, which the store implements.
package httpx

import (
	"net/http"
	"slices"

	"zjtx/internal/auth"
)

// Middleware wraps a handler.
type Middleware func(http.Handler) http.Handler

// Chain applies middleware so that the first listed is the outermost: it
// sees the request first and the response last.
func Chain(h http.Handler, mw ...Middleware) http.Handler {
	for _, m := range slices.Backward(mw) {
		h = m(h)
	}
	return h
}

// Access says who may call a route.
type Access struct {
	Public bool        // anyone, logged in or not
	Roles  []auth.Role // when not public: these roles; none listed means any logged-in user
	// AnyPassword opens the route also to a session that must change its
	// password first (expired, or set by an administrator): the password
	// change itself, logging out. Every other route refuses such a session.
	AnyPassword bool
}

// Who may call a route, for route tables.
var (
	Public   = Access{Public: true}
	LoggedIn = Access{}
	// Self is any logged-in user, even one who must change the password
	// first: for the password change and logout.
	Self = Access{AnyPassword: true}
)

// Only is the access of a route open to the listed roles.
func Only(roles ...auth.Role) Access { return Access{Roles: roles} }

// Allows reports whether a caller (ok false: anonymous) may call the route.
func (a Access) Allows(c auth.Caller, ok bool) bool {
	if a.Public {
		return true
	}
	return ok && (len(a.Roles) == 0 || slices.Contains(a.Roles, c.Role))
}

// Route is one entry of a surface's route table: the method and path pattern
// of http.ServeMux (Go 1.22 syntax, "GET /api/v1/enterprises/{id}"), who may
// call it, and the handler. Each surface declares its routes in one table, so
// the table is the place to read what the surface offers, and tests walk it.
type Route struct {
	Method  string
	Pattern string // the path part, e.g. /api/v1/enterprises/{id}
	Access  Access
	Summary string // one line, Chinese, for the route list and logs
	Handler http.HandlerFunc
	// MaxBody, when set, replaces the surface's body limit for this route
	// (an upload); see LimitBodyRoutes.
	MaxBody int64
}

// Mount registers every route on mux behind its role gate.
func Mount(mux *http.ServeMux, routes []Route) {
	for _, rt := range routes {
		var h http.Handler = rt.Handler
		if !rt.Access.Public {
			h = requireAccess(rt.Access)(h)
		}
		mux.Handle(rt.Method+" "+rt.Pattern, h)
	}
}
