package httpx_test

import (
	"compress/gzip"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/httpx"
)

// sessions is a fixed table of tokens, standing in for the store.
type sessions map[string]auth.User

func (s sessions) Authenticate(_ context.Context, token string) (*auth.User, *auth.Session, error) {
	if u, ok := s[token]; ok {
		return &u, &auth.Session{}, nil
	}
	return nil, nil, apperr.Errorf(apperr.EUNAUTHORIZED, "登录已过期")
}

func (s sessions) AuthenticateAPIToken(ctx context.Context, token string) (*auth.User, error) {
	u, _, err := s.Authenticate(ctx, token)
	return u, err
}

var users = sessions{
	"city-session":   {ID: 1, Username: "city", Role: auth.RoleCity},
	"zjtx_banktoken": {ID: 5, Username: "bank", Role: auth.RoleBank},
}

// page is a tiny web surface: GET renders a form with the CSRF token, POST
// accepts it behind VerifyCSRF, /city is for city officials only.
func page() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /form", func(w http.ResponseWriter, r *http.Request) {
		tok := httpx.CSRFToken(r)
		io.WriteString(w, `<form method="post"><input name="csrf_token" value="`+tok+`"></form>`)
	})
	mux.HandleFunc("POST /form", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "saved") })
	mux.Handle("GET /city", httpx.RequireRole(auth.RoleCity)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, _ := httpx.Caller(r)
		io.WriteString(w, "hello "+c.Username)
	})))
	mux.HandleFunc("GET /panic", func(http.ResponseWriter, *http.Request) { panic("boom") })
	mux.HandleFunc("GET /big", func(w http.ResponseWriter, r *http.Request) {
		httpx.JSON(w, 200, map[string]string{"text": strings.Repeat("专精特新", 2000)})
	})
	mux.HandleFunc("POST /echo", func(w http.ResponseWriter, r *http.Request) {
		var v map[string]any
		if err := httpx.DecodeJSON(r, &v); err != nil {
			httpx.Error(w, r, err)
			return
		}
		httpx.JSON(w, 200, v)
	})
	return httpx.Chain(mux, httpx.Recover(slogDiscard()), httpx.Gzip, httpx.LimitBody(1024),
		httpx.Authenticate(users, false), httpx.CSRFKeys(false), httpx.VerifyCSRF)
}

func TestCSRFFormFlow(t *testing.T) {
	srv := httptest.NewServer(page())
	defer srv.Close()
	get := func(cookie string) (string, []*http.Cookie) {
		req, _ := http.NewRequest("GET", srv.URL+"/form", nil)
		if cookie != "" {
			req.Header.Set("Cookie", cookie)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		tok := strings.TrimSuffix(strings.SplitN(string(b), `value="`, 2)[1], `"></form>`)
		return tok, res.Cookies()
	}
	post := func(cookie, token string, header ...string) int {
		form := url.Values{}
		if token != "" {
			form.Set("csrf_token", token)
		}
		req, _ := http.NewRequest("POST", srv.URL+"/form", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if cookie != "" {
			req.Header.Set("Cookie", cookie)
		}
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	t.Run("LoggedInWithToken", func(t *testing.T) {
		tok, _ := get("zjtx_session=city-session")
		if got := post("zjtx_session=city-session", tok); got != 200 {
			t.Errorf("status %d, want 200", got)
		}
	})
	t.Run("LoggedInWithoutTokenForbidden", func(t *testing.T) {
		if got := post("zjtx_session=city-session", ""); got != 403 {
			t.Errorf("status %d, want 403", got)
		}
	})
	t.Run("TokenOfAnotherSessionForbidden", func(t *testing.T) {
		tok, _ := get("")
		if got := post("zjtx_session=city-session", tok); got != 403 {
			t.Errorf("status %d, want 403", got)
		}
	})
	t.Run("BeforeLoginCookieAndToken", func(t *testing.T) {
		tok, cookies := get("")
		if len(cookies) != 1 || cookies[0].Name != "zjtx_csrf" || !cookies[0].HttpOnly || cookies[0].SameSite != http.SameSiteLaxMode {
			t.Fatalf("pre-login cookie %+v", cookies)
		}
		if got := post("zjtx_csrf="+cookies[0].Value, tok); got != 200 {
			t.Errorf("status %d, want 200", got)
		}
		if got := post("", tok); got != 403 {
			t.Errorf("token without its cookie: %d, want 403", got)
		}
	})
	t.Run("ExpiredSessionIsNotLoggedIn", func(t *testing.T) {
		// The token of a session that has ended cannot be checked: the
		// form is refused as not logged in (so the page can offer the
		// login), never run; the pre-login cookie does not stand in for it.
		tok, cookies := get("")
		if got := post("zjtx_session=ended-session; zjtx_csrf="+cookies[0].Value, tok); got != 401 {
			t.Errorf("status %d, want 401", got)
		}
		if got := post("zjtx_session=ended-session", "forged"); got != 401 {
			t.Errorf("status %d, want 401", got)
		}
	})
	t.Run("BearerExempt", func(t *testing.T) {
		if got := post("", "", "Authorization", "Bearer zjtx_banktoken"); got != 200 {
			t.Errorf("status %d, want 200", got)
		}
	})
}

func TestMiddleware(t *testing.T) {
	h := page()
	do := func(method, path, body string, header ...string) *httptest.ResponseRecorder {
		req := httptest.NewRequest(method, path, strings.NewReader(body))
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec
	}
	for _, c := range []struct {
		name, method, path, body string
		header                   []string
		status                   int
		want                     string
	}{
		{"RoleGateAnonymous401", "GET", "/city", "", nil, 401, `"code":"unauthorized"`},
		{"RoleGateOtherRole403", "GET", "/city", "", []string{"Authorization", "Bearer zjtx_banktoken"}, 403, "金融机构"},
		{"RoleGateCity", "GET", "/city", "", []string{"Cookie", "zjtx_session=city-session"}, 200, "hello city"},
		{"BadBearer401", "GET", "/city", "", []string{"Authorization", "Bearer nope"}, 401, "令牌无效"},
		{"StaleCookieIsAnonymous", "GET", "/city", "", []string{"Cookie", "zjtx_session=old"}, 401, "请先登录"},
		{"PanicIs500WithoutDetail", "GET", "/panic", "", nil, 500, "系统内部错误"},
		{"BodyOverLimit413", "POST", "/echo", `{"a":"` + strings.Repeat("x", 2000) + `"}`, []string{"Authorization", "Bearer zjtx_banktoken"}, 413, `"code":"too_large"`},
		{"WrongType400", "POST", "/echo", `[1]`, []string{"Authorization", "Bearer zjtx_banktoken"}, 400, "应为对象"},
		{"TrailingData400", "POST", "/echo", `{} {}`, []string{"Authorization", "Bearer zjtx_banktoken"}, 400, "多余内容"},
	} {
		t.Run(c.name, func(t *testing.T) {
			rec := do(c.method, c.path, c.body, c.header...)
			if rec.Code != c.status || !strings.Contains(rec.Body.String(), c.want) {
				t.Errorf("%d %s; want %d with %q", rec.Code, rec.Body, c.status, c.want)
			}
			if strings.Contains(rec.Body.String(), "boom") {
				t.Error("the panic reached the user")
			}
		})
	}
	t.Run("GzipLargeJSON", func(t *testing.T) {
		rec := do("GET", "/big", "", "Accept-Encoding", "gzip")
		if rec.Header().Get("Content-Encoding") != "gzip" {
			t.Fatalf("Content-Encoding %q, want gzip", rec.Header().Get("Content-Encoding"))
		}
		zr, err := gzip.NewReader(rec.Body)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(zr)
		if !strings.Contains(string(b), "专精特新专精特新") {
			t.Errorf("inflated body %.100s", b)
		}
	})
	t.Run("NoGzipForSmall", func(t *testing.T) {
		rec := do("GET", "/city", "", "Accept-Encoding", "gzip", "Cookie", "zjtx_session=city-session")
		if rec.Header().Get("Content-Encoding") != "" || rec.Body.String() != "hello city" {
			t.Errorf("small response: %q %q", rec.Header().Get("Content-Encoding"), rec.Body)
		}
	})
}

func TestStatus(t *testing.T) {
	for _, c := range []struct {
		err    error
		status int
	}{
		{apperr.Errorf(apperr.EINVALID, "x"), 400},
		{apperr.Errorf(apperr.EUNAUTHORIZED, "x"), 401},
		{apperr.Errorf(apperr.EFORBIDDEN, "x"), 403},
		{apperr.Errorf(apperr.ENOTFOUND, "x"), 404},
		{apperr.Errorf(apperr.ECONFLICT, "x"), 409},
		{errors.New("disk full"), 500},
		{&http.MaxBytesError{Limit: 1}, 413},
	} {
		status, _, msg := httpx.Status(c.err)
		if status != c.status {
			t.Errorf("%v: %d, want %d", c.err, status, c.status)
		}
		if status == 500 && strings.Contains(msg, "disk") {
			t.Errorf("internal detail in the user message: %q", msg)
		}
	}
}
