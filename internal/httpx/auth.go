package httpx

import (
	"context"
	"net/http"
	"strings"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
)

// SessionCookie holds the session token of a browser login.
const SessionCookie = "zjtx_session"

// Sessions is what authentication needs from the store.
type Sessions interface {
	// Authenticate returns the user of a live session token and pushes its
	// 30-minute idle expiry back; EUNAUTHORIZED when there is none.
	Authenticate(ctx context.Context, token string) (*auth.User, *auth.Session, error)
	// AuthenticateAPIToken returns the user of a valid API token.
	AuthenticateAPIToken(ctx context.Context, token string) (*auth.User, error)
}

// How a request was authenticated.
const (
	viaNone   = ""
	viaCookie = "cookie"
	viaBearer = "bearer"
)

// authInfo is what Authenticate learned about a request.
type authInfo struct {
	caller  auth.Caller
	via     string
	token   string // the session or API token presented
	expired bool   // a session cookie was presented whose session has ended
}

type authKey struct{}

func infoOf(r *http.Request) authInfo {
	ai, _ := r.Context().Value(authKey{}).(authInfo)
	return ai
}

// Caller returns the caller of an authenticated request; ok is false for an
// anonymous one. The store reads the same caller from the context.
func Caller(r *http.Request) (auth.Caller, bool) { return callerOf(r) }

func callerOf(r *http.Request) (auth.Caller, bool) {
	ai := infoOf(r)
	return ai.caller, ai.via != viaNone
}

// ViaBearer reports whether the request was authenticated by a Bearer token
// (an API client) rather than a session cookie (a browser).
func ViaBearer(r *http.Request) bool { return infoOf(r).via == viaBearer }

// SessionExpired reports whether the request came with the cookie of a
// session that has ended (30 idle minutes, logout elsewhere): the browser
// was logged in, and the request goes on as anonymous.
func SessionExpired(r *http.Request) bool { return infoOf(r).expired }

// Token returns the session or API token the request was authenticated
// with, "" for an anonymous request: logout ends that session.
func Token(r *http.Request) string { return infoOf(r).token }

// Authenticate identifies the caller of each request and puts it into the
// context (auth.WithCaller), where handlers and the store find it.
//
//   - "Authorization: Bearer T": T is an API token (it starts with
//     auth.APITokenPrefix) or a session token from POST /api/v1/session. A
//     bad or expired T is answered 401 at once: a client that sent
//     credentials wants to know they failed, not to be served as anonymous.
//   - otherwise the session cookie: a browser login. A stale cookie is
//     dropped and the request goes on as anonymous, so the page can offer
//     the login form.
//
// Sessions expire after 30 idle minutes or their absolute lifetime (12
// hours by default), whichever comes first; the store keeps those rules.
func Authenticate(s Sessions, secureCookie bool) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			var ai authInfo
			if h := r.Header.Get("Authorization"); h != "" {
				scheme, token, _ := strings.Cut(h, " ")
				token = strings.TrimSpace(token)
				if !strings.EqualFold(scheme, "Bearer") || token == "" {
					Error(w, r, apperr.Errorf(apperr.EUNAUTHORIZED, "认证头格式应为 Authorization: Bearer <令牌>"))
					return
				}
				var u *auth.User
				var err error
				if strings.HasPrefix(token, auth.APITokenPrefix) {
					u, err = s.AuthenticateAPIToken(r.Context(), token)
				} else {
					u, _, err = s.Authenticate(r.Context(), token)
				}
				if err != nil {
					if apperr.Is(err, apperr.EUNAUTHORIZED) {
						err = apperr.Wrap(err, apperr.EUNAUTHORIZED, "令牌无效或登录已过期，请重新登录")
					}
					Error(w, r, err)
					return
				}
				ai = authInfo{caller: u.Caller(), via: viaBearer, token: token}
			} else if ck, err := r.Cookie(SessionCookie); err == nil && ck.Value != "" {
				u, _, err := s.Authenticate(r.Context(), ck.Value)
				switch {
				case err == nil:
					ai = authInfo{caller: u.Caller(), via: viaCookie, token: ck.Value}
				case apperr.Is(err, apperr.EUNAUTHORIZED):
					ClearSessionCookie(w, secureCookie)
					ai.expired = true
				default:
					Error(w, r, err)
					return
				}
			}
			ctx := context.WithValue(r.Context(), authKey{}, ai)
			// The client's address reaches the audit rows the request
			// writes, anonymous ones (failed logins) included.
			ctx = auth.WithOrigin(ctx, ClientIP(r))
			if ai.via != viaNone {
				ctx = auth.WithCaller(ctx, ai.caller)
			}
			next.ServeHTTP(w, r.WithContext(ctx))
		})
	}
}

// SetSessionCookie gives the browser its session token after a login:
// HttpOnly (scripts cannot read it), SameSite=Lax (other sites' forms do not
// carry it), Secure when the site is served over HTTPS. It has no Max-Age:
// the server ends sessions after 30 idle minutes, and the browser forgets the
// cookie when it closes.
func SetSessionCookie(w http.ResponseWriter, token string, secure bool) {
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: token, Path: "/", HttpOnly: true,
		Secure: secure, SameSite: http.SameSiteLaxMode})
}

// ClearSessionCookie removes the session cookie (logout, stale session).
func ClearSessionCookie(w http.ResponseWriter, secure bool) {
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		Secure: secure, SameSite: http.SameSiteLaxMode})
}

// RequireRole lets through callers of the listed roles (any logged-in
// caller when none is listed): anonymous requests get 401, other roles 403,
// and so does a session that must change its password first (see
// Access.AnyPassword).
// It is a coarse gate per route; which records a caller sees is decided by
// the store, in the query.
func RequireRole(roles ...auth.Role) Middleware { return requireAccess(Access{Roles: roles}) }

// ErrPasswordChange is the answer to a session that must change its password
// before anything else; the pages send the browser to the change form.
var ErrPasswordChange = apperr.Errorf(apperr.EFORBIDDEN, "密码已过期或由管理员重置，请先修改密码")

func requireAccess(a Access) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			c, ok := callerOf(r)
			switch {
			case !ok:
				Error(w, r, apperr.Errorf(apperr.EUNAUTHORIZED, "请先登录"))
			case c.MustChangePassword && !a.AnyPassword:
				Error(w, r, ErrPasswordChange)
			case !a.Allows(c, ok):
				Error(w, r, apperr.Errorf(apperr.EFORBIDDEN, "当前账号（%s）无权执行此操作", c.Role.Label()))
			default:
				next.ServeHTTP(w, r)
			}
		})
	}
}
