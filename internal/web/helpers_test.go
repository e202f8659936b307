package web_test

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"zjtx/internal/testdb"

	"zjtx/internal/auth"
	"zjtx/internal/demo"
	"zjtx/internal/enterprise"
	"zjtx/internal/server"
	"zjtx/internal/web"
)

// t0 is the tests' clock: the demo's data years end in 2025.
var t0 = time.Date(2026, 9, 1, 8, 0, 0, 0, time.UTC)

// fixtureSize is the number of demo enterprises: every district gets some.
const fixtureSize = 200

// env is a running App with the pages mounted, over a fresh copy of the
// fixture.
type env struct {
	t   testing.TB
	app *server.App
	ids ids
}

// ids are records the tests refer to.
type ids struct {
	jinshui int64 // a 金水区 enterprise that is not the enterprise account's
	other   int64 // an enterprise of 中原区
	own     int64 // the enterprise account's own
	city    int64 // the city's demo account
}

func newEnv(tb testing.TB) *env {
	tb.Helper()
	cfg := server.Config{Addr: "127.0.0.1:0", DataDir: tb.TempDir(), Pages: web.New, Demo: true, LoginMaxDelay: -1,
		Now: func() time.Time { return t0 }}
	b, err := os.ReadFile(testdb.Demo(tb, fixtureSize, t0))
	if err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(cfg.DataDir, "zjtx.db"), b, 0o644); err != nil {
		tb.Fatal(err)
	}
	app, err := server.New(context.Background(), cfg)
	if err != nil {
		tb.Fatal(err)
	}
	if err := app.Start(); err != nil {
		app.Close()
		tb.Fatal(err)
	}
	tb.Cleanup(func() { app.Close() })
	e := &env{t: tb, app: app}
	e.ids = e.findIDs()
	return e
}

func (e *env) findIDs() ids {
	e.t.Helper()
	ctx := auth.WithCaller(context.Background(), auth.System)
	u, err := e.app.Store.FindUserByUsername(ctx, "enterprise")
	if err != nil {
		e.t.Fatal(err)
	}
	cu, err := e.app.Store.FindUserByUsername(ctx, "city")
	if err != nil {
		e.t.Fatal(err)
	}
	out := ids{own: u.EnterpriseID, city: cu.ID}
	js, _, err := e.app.Store.ListEnterprises(ctx, enterprise.Filter{Region: demo.Jinshui, Sort: "-created", Limit: 5})
	if err != nil {
		e.t.Fatal(err)
	}
	for _, r := range js {
		if r.ID != out.own {
			out.jinshui = r.ID
			break
		}
	}
	zy, _, err := e.app.Store.ListEnterprises(ctx, enterprise.Filter{Region: "410102", Limit: 1})
	if err != nil || len(zy) == 0 {
		e.t.Fatalf("no 中原区 enterprise: %v", err)
	}
	out.other = zy[0].ID
	if out.jinshui == 0 || out.own == 0 {
		e.t.Fatalf("fixture ids: %+v", out)
	}
	return out
}

// expand replaces {jinshui}, {other} and {own} in a path.
func (e *env) expand(path string) string {
	return strings.NewReplacer("{jinshui}", itoa(e.ids.jinshui), "{other}", itoa(e.ids.other),
		"{own}", itoa(e.ids.own), "{cityuser}", itoa(e.ids.city)).Replace(path)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// browser is an HTTP client with its own cookies that does not follow
// redirects, so tests see the 303s.
type browser struct {
	e    *env
	c    *http.Client
	csrf string // the last page's form token
}

func (e *env) browser() *browser {
	jar, _ := cookiejar.New(nil)
	return &browser{e: e, c: &http.Client{Jar: jar, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
}

// page is a response.
type page struct {
	status int
	header http.Header
	body   string
}

var csrfInput = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)

func (b *browser) do(req *http.Request) page {
	b.e.t.Helper()
	res, err := b.c.Do(req)
	if err != nil {
		b.e.t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		b.e.t.Fatal(err)
	}
	if m := csrfInput.FindStringSubmatch(string(body)); m != nil {
		b.csrf = m[1]
	}
	// A value a template could not format ("%!f(*float64=0x…)") is a
	// defect on any page, whichever test happens to render it.
	if strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
		if i := bytes.Index(body, []byte("%!")); i >= 0 {
			b.e.t.Errorf("%s %s: a value the template could not format: %.80s", req.Method, req.URL.Path, body[i:])
		}
	}
	return page{res.StatusCode, res.Header, string(body)}
}

func (b *browser) get(path string, header ...string) page {
	b.e.t.Helper()
	req, err := http.NewRequest("GET", b.e.app.URL()+b.e.expand(path), nil)
	if err != nil {
		b.e.t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	return b.do(req)
}

// post sends a form; the CSRF token of the last page is added unless
// noCSRF.
func (b *browser) post(path string, form url.Values, noCSRF bool, header ...string) page {
	b.e.t.Helper()
	c := url.Values{}
	for k, vs := range form {
		for _, v := range vs {
			c.Add(k, b.e.expand(v)) // ids in values too: {jinshui}
		}
	}
	form = c
	if !noCSRF && form.Get("csrf_token") == "" {
		form.Set("csrf_token", b.csrf)
	}
	req, err := http.NewRequest("POST", b.e.app.URL()+b.e.expand(path), strings.NewReader(form.Encode()))
	if err != nil {
		b.e.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	return b.do(req)
}

// upload posts a profile JSON file to the self-test.
func (b *browser) upload(doc []byte) page {
	b.e.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	_ = mw.WriteField("csrf_token", b.csrf)
	fw, _ := mw.CreateFormFile("profile_file", "profile.json")
	_, _ = fw.Write(doc)
	_ = mw.Close()
	req, err := http.NewRequest("POST", b.e.app.URL()+"/selftest", &buf)
	if err != nil {
		b.e.t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return b.do(req)
}

// login logs in through the form as the demo account of role.
func (b *browser) login(role string) *browser {
	b.e.t.Helper()
	b.get("/login")
	p := b.post("/login", url.Values{"username": {role}, "password": {demo.Password}, "next": {"/"}}, false)
	if p.status != http.StatusSeeOther {
		b.e.t.Fatalf("login %s: %d %.300s", role, p.status, p.body)
	}
	b.get("/") // a page with the session's CSRF token
	return b
}

// as returns a browser logged in as role, or anonymous for "".
func (e *env) as(role string) *browser {
	b := e.browser()
	if role != "" {
		b.login(role)
	}
	return b
}
