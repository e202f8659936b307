package httpx

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"net/http"

	"zjtx/internal/apperr"
)

// CSRF protection is a synchronizer token tied to the session: the token of
// a logged-in browser is an HMAC of its session token, so it changes with
// every login, needs no storage and is the same on every server sharing the
// database. Before login (the login form itself) the key is a random value
// in its own cookie (zjtx_csrf), set the first time a page asks for a token.
// Both cookies are SameSite=Lax, so another site's form posts carry neither.
//
// Pages put CSRFToken(r) in a hidden field named CSRFField (or scripts send
// it in the CSRFHeader header); VerifyCSRF refuses an unsafe request
// without the right one. Requests with a Bearer token are exempt: a browser
// never adds an Authorization header on its own, so they cannot be forged.
const (
	CSRFField  = "csrf_token"
	CSRFHeader = "X-CSRF-Token"
	csrfCookie = "zjtx_csrf"
)

// csrfState is per request: the key, and whether a fresh pre-login key must
// be sent as a cookie.
type csrfState struct {
	w      http.ResponseWriter
	key    string
	secure bool
	fresh  bool
}

type csrfKey struct{}

// CSRFKeys must run after Authenticate: it finds the request's CSRF key (the
// session token, or the pre-login cookie) so that CSRFToken and VerifyCSRF
// work below it.
func CSRFKeys(secureCookie bool) Middleware {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			st := &csrfState{w: w, secure: secureCookie}
			if ai := infoOf(r); ai.via == viaCookie {
				st.key = ai.token
			} else if ck, err := r.Cookie(csrfCookie); err == nil && len(ck.Value) >= 32 {
				st.key = ck.Value
			}
			next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), csrfKey{}, st)))
		})
	}
}

// CSRFToken returns the token a form of this request's page must send back.
// Call it before writing the response body: the first call for a visitor
// with no session sets the pre-login cookie.
func CSRFToken(r *http.Request) string {
	st, _ := r.Context().Value(csrfKey{}).(*csrfState)
	if st == nil {
		return ""
	}
	if st.key == "" {
		b := make([]byte, 32)
		_, _ = rand.Read(b)
		st.key, st.fresh = base64.RawURLEncoding.EncodeToString(b), true
		http.SetCookie(st.w, &http.Cookie{Name: csrfCookie, Value: st.key, Path: "/", HttpOnly: true,
			Secure: st.secure, SameSite: http.SameSiteLaxMode})
	}
	return csrfFor(st.key)
}

// CSRFTokenForSession returns the token of the forms of the session whose
// token is given: the login page uses it for a form it shows with the new
// session's cookie, before any request carries that cookie.
func CSRFTokenForSession(token string) string { return csrfFor(token) }

// ClearCSRFCookie drops the pre-login CSRF key at login: from then on the
// token derives from the new session, so a token seen before the login
// (or planted by someone else) is worthless after it.
func ClearCSRFCookie(w http.ResponseWriter, secure bool) {
	http.SetCookie(w, &http.Cookie{Name: csrfCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		Secure: secure, SameSite: http.SameSiteLaxMode})
}

func csrfFor(key string) string {
	m := hmac.New(sha256.New, []byte(key))
	m.Write([]byte("zjtx csrf v1"))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

func safeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions || m == http.MethodTrace
}

// VerifyCSRF refuses (403) an unsafe request (POST, PUT, PATCH, DELETE)
// whose token, from the form field or the header, is missing or wrong. Bearer
// requests are exempt. The web pages sit behind it.
func VerifyCSRF(next http.Handler) http.Handler {
	return verifyCSRF(next, false)
}

// VerifyCSRFCookie is VerifyCSRF for the JSON API: it checks only requests
// authenticated by the session cookie, the one credential a browser sends on
// its own. Anonymous API calls carry no credential to abuse, and Bearer calls
// cannot be forged.
func VerifyCSRFCookie(next http.Handler) http.Handler {
	return verifyCSRF(next, true)
}

func verifyCSRF(next http.Handler, cookieOnly bool) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ai := infoOf(r)
		if safeMethod(r.Method) || ai.via == viaBearer || cookieOnly && ai.via != viaCookie {
			next.ServeHTTP(w, r)
			return
		}
		if ai.expired && ai.via == viaNone {
			// The form's token belongs to a session that has ended, so it can
			// no longer be checked: the request is refused as not logged in
			// (nothing runs), and the pages offer the login and a way back.
			Error(w, r, apperr.Errorf(apperr.EUNAUTHORIZED, "登录已超时，请重新登录"))
			return
		}
		st, _ := r.Context().Value(csrfKey{}).(*csrfState)
		got := r.Header.Get(CSRFHeader)
		if got == "" {
			// FormValue parses the body within the body limit set above.
			got = r.PostFormValue(CSRFField)
		}
		if st == nil || st.key == "" || st.fresh || got == "" ||
			!hmac.Equal([]byte(got), []byte(csrfFor(st.key))) {
			Error(w, r, apperr.Errorf(apperr.EFORBIDDEN, "页面已过期或请求来源不明（CSRF 校验失败），请刷新页面后重试"))
			return
		}
		next.ServeHTTP(w, r)
	})
}
