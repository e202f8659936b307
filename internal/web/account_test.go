package web_test

import (
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"zjtx/internal/demo"
)

// TestCSRFChangesAtLogin: the form token of a page before the login is
// refused after it, whether the visitor was anonymous (the pre-login key)
// or carried a session cookie someone planted (session fixation), and the
// planted session ends with the login.
func TestCSRFChangesAtLogin(t *testing.T) {
	e := newEnv(t)
	for _, planted := range []bool{false, true} {
		t.Run(map[bool]string{false: "Anonymous", true: "PlantedSession"}[planted], func(t *testing.T) {
			b := e.browser()
			var victim *browser
			if planted {
				victim = e.as("district")
				b.c.Jar.SetCookies(mustURL(t, e.app.URL()), victim.c.Jar.Cookies(mustURL(t, e.app.URL())))
			}
			b.get("/selftest")
			before := b.csrf
			p := b.post("/login", url.Values{"username": {"city"}, "password": {demo.Password}, "next": {"/account"}}, false)
			if p.status != http.StatusSeeOther {
				t.Fatalf("login: %d", p.status)
			}
			b.get("/account")
			if b.csrf == "" || b.csrf == before {
				t.Fatalf("CSRF token before login %q, after %q; want a new one", before, b.csrf)
			}
			if p := b.post("/account/tokens", url.Values{"name": {"旧令牌"}, "csrf_token": {before}}, true); p.status != http.StatusForbidden {
				t.Errorf("POST with the token from before the login: %d, want 403", p.status)
			}
			if p := b.post("/account/tokens", url.Values{"name": {"新令牌"}}, false); p.status != http.StatusOK {
				t.Errorf("POST with the new token: %d, want 200", p.status)
			}
			if planted {
				if p := victim.get("/account"); p.status != http.StatusSeeOther {
					t.Errorf("the session planted before the login: %d, want ended (303 to /login)", p.status)
				}
			}
		})
	}
}

func mustURL(t *testing.T, s string) *url.URL {
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

var userLink = regexp.MustCompile(`^/users/(\d+)\?done=created$`)

// TestAccountAdministration: the city creates a district official through
// the form; the official must change the chosen password first; the city
// disables the account and its session ends; a stale form is refused.
func TestAccountAdministration(t *testing.T) {
	e := newEnv(t)
	city := e.as("city")
	city.get("/users/new")
	form := url.Values{"username": {"JS.Zhou"}, "name": {"周科员"}, "role": {"district"}, "region": {"410105"},
		"password": {"Jinshui-Spring-26"}, "password2": {"Jinshui-Spring-26"}}
	for _, tt := range []struct {
		name, key, value, want string
	}{
		{"WeakPassword", "password", "qwertyuiop", "常见"},
		{"Mismatch", "password2", "something-else-1", "不一致"},
		{"NoDistrict", "region", "", "区县"},
		{"TakenUsername", "username", "city", "已被使用"},
	} {
		t.Run("Refuses"+tt.name, func(t *testing.T) {
			f := url.Values{}
			for k, v := range form {
				f[k] = v
			}
			f.Set(tt.key, tt.value)
			if tt.key == "password" {
				f.Set("password2", tt.value)
			}
			p := city.post("/users", f, false)
			if p.status != http.StatusBadRequest || !strings.Contains(p.body, tt.want) || !strings.Contains(p.body, `value="周科员"`) {
				t.Errorf("%d, want 400 with %q and the input kept: %s", p.status, tt.want, errText(p.body))
			}
		})
	}
	p := city.post("/users", form, false)
	m := userLink.FindStringSubmatch(p.header.Get("Location"))
	if p.status != http.StatusSeeOther || m == nil {
		t.Fatalf("create: %d %q %s", p.status, p.header.Get("Location"), errText(p.body))
	}
	accountPage := "/users/" + m[1]
	if p := city.get("/users?q=zhou"); !strings.Contains(p.body, "js.zhou") || !strings.Contains(p.body, "金水区") {
		t.Errorf("list: the new account is missing: %s", errText(p.body))
	}

	official := e.browser()
	official.get("/login")
	p = official.post("/login", url.Values{"username": {"js.zhou"}, "password": {"Jinshui-Spring-26"}, "next": {"/enterprises"}}, false)
	if got := p.header.Get("Location"); p.status != http.StatusSeeOther || !strings.HasPrefix(got, "/account?next=") {
		t.Fatalf("first login: %d to %q, want the password change", p.status, got)
	}
	if p := official.get("/enterprises"); p.status != http.StatusSeeOther || !strings.HasPrefix(p.header.Get("Location"), "/account?next=") {
		t.Errorf("a page before the change: %d to %q, want the change form", p.status, p.header.Get("Location"))
	}
	p = official.get("/account?next=%2Fenterprises")
	if !strings.Contains(p.body, `id="must-change"`) || strings.Contains(p.body, "API 令牌") {
		t.Errorf("the change form: %s; want the notice and nothing else", errText(p.body))
	}
	change := func(current, next, again string) page {
		return official.post("/account/password", url.Values{"current_password": {current}, "password": {next},
			"password2": {again}, "next": {"/enterprises"}}, false)
	}
	if p := change("wrong-current-1", "Zhou-New-Pass-99", "Zhou-New-Pass-99"); p.status != 400 || !strings.Contains(p.body, "当前密码不正确") {
		t.Errorf("wrong current password: %d %s", p.status, errText(p.body))
	}
	if p := change("Jinshui-Spring-26", "Zhou-New-Pass-99", "Zhou-New-Pass-98"); p.status != 400 || !strings.Contains(p.body, "不一致") {
		t.Errorf("mismatch: %d %s", p.status, errText(p.body))
	}
	if p := change("Jinshui-Spring-26", "Zhou-New-Pass-99", "Zhou-New-Pass-99"); p.status != 303 || p.header.Get("Location") != "/enterprises" {
		t.Fatalf("change: %d to %q", p.status, p.header.Get("Location"))
	}
	if p := official.get("/enterprises"); p.status != http.StatusOK {
		t.Errorf("after the change: %d, want 200", p.status)
	}

	show := city.get(accountPage)
	version := regexp.MustCompile(`name="version" value="(\d+)"`).FindStringSubmatch(show.body)
	if version == nil {
		t.Fatalf("account page has no version: %s", errText(show.body))
	}
	if p := city.post(accountPage, url.Values{"version": {"1"}, "name": {"周科员"}, "status": {"disabled"}}, false); p.status != http.StatusConflict || !strings.Contains(p.body, "已被他人修改") {
		t.Errorf("stale form: %d %s; want 409", p.status, errText(p.body))
	}
	if p := city.post(accountPage, url.Values{"version": {version[1]}, "name": {"周科员"}, "status": {"disabled"}}, false); p.status != http.StatusSeeOther {
		t.Fatalf("disable: %d %s", p.status, errText(p.body))
	}
	if p := official.get("/enterprises"); p.status != http.StatusSeeOther || !strings.HasPrefix(p.header.Get("Location"), "/login") {
		t.Errorf("the disabled official's session: %d to %q, want ended", p.status, p.header.Get("Location"))
	}
	if p := city.get("/audit?action=user.disable"); !strings.Contains(p.body, `<strong id="total">1</strong>`) {
		t.Errorf("audit of the disable: %s", errText(p.body))
	}
}

var newToken = regexp.MustCompile(`id="new-token"[^>]*>([^<]+)<`)

// TestAccountTokens: a token is shown once, works on the API, and stops
// working when revoked.
func TestAccountTokens(t *testing.T) {
	e := newEnv(t)
	b := e.as("bank")
	b.get("/account")
	p := b.post("/account/tokens", url.Values{"name": {"授信系统对接"}, "days": {"30"}}, false)
	m := newToken.FindStringSubmatch(p.body)
	if p.status != http.StatusOK || m == nil {
		t.Fatalf("create: %d %s", p.status, errText(p.body))
	}
	token := m[1]
	api := func() int {
		req, _ := http.NewRequest("GET", e.app.URL()+"/api/v1/account", nil)
		req.Header.Set("Authorization", "Bearer "+token)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, res.Body)
		res.Body.Close()
		return res.StatusCode
	}
	if got := api(); got != http.StatusOK {
		t.Errorf("API with the new token: %d, want 200", got)
	}
	p = b.get("/account")
	if strings.Contains(p.body, token) || !strings.Contains(p.body, "授信系统对接") {
		t.Errorf("the list shows the token again or lacks it: %s", errText(p.body))
	}
	revoke := regexp.MustCompile(`action="(/account/tokens/\d+/revoke)"`).FindStringSubmatch(p.body)
	if revoke == nil {
		t.Fatal("no revoke form")
	}
	if p := b.post(revoke[1], nil, false); p.status != http.StatusSeeOther {
		t.Fatalf("revoke: %d", p.status)
	}
	if got := api(); got != http.StatusUnauthorized {
		t.Errorf("API with the revoked token: %d, want 401", got)
	}
	if p := b.post("/account/tokens", url.Values{"name": {""}}, false); p.status != http.StatusBadRequest || !strings.Contains(p.body, "令牌名称") {
		t.Errorf("no name: %d %s", p.status, errText(p.body))
	}
	// The audit log names the token's actions and filters on its entity.
	if p := e.as("city").get("/audit?entity=api_token"); !strings.Contains(p.body, "吊销 API 令牌") || !strings.Contains(p.body, "创建 API 令牌") {
		t.Errorf("audit of the tokens: %s", errText(p.body))
	}
}
