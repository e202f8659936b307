package web_test

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"zjtx/internal/auth"
	"zjtx/internal/demo"
	"zjtx/internal/httpx"
)

var hiddenInput = regexp.MustCompile(`<input type="hidden" name="([^"]+)" value="([^"]*)">`)

// hiddenFields are a page's hidden inputs, as a browser would post them.
func hiddenFields(body string) url.Values {
	v := url.Values{}
	for _, m := range hiddenInput.FindAllStringSubmatch(body, -1) {
		v.Add(html.UnescapeString(m[1]), html.UnescapeString(m[2]))
	}
	return v
}

// endSession ends the browser's session on the server, as 30 idle minutes
// would.
func (b *browser) endSession() {
	b.e.t.Helper()
	u, _ := url.Parse(b.e.app.URL())
	for _, c := range b.c.Jar.Cookies(u) {
		if c.Name == httpx.SessionCookie {
			if err := b.e.app.Store.DeleteSession(auth.WithCaller(context.Background(), auth.System), c.Value); err != nil {
				b.e.t.Fatal(err)
			}
			return
		}
	}
	b.e.t.Fatal("no session cookie")
}

// TestExpiredSessionKeepsTheForm: a year form saved after the session ended
// leads to the login page, which carries what was typed; after the login the
// form can be submitted again (with the new session's CSRF token) and is
// saved. Nothing is written before that.
func TestExpiredSessionKeepsTheForm(t *testing.T) {
	e := newEnv(t)
	b := e.as("district")
	record := e.expand("/enterprises/{jinshui}")
	p := b.get(record)
	v := versionInput.FindStringSubmatch(p.body)
	if v == nil {
		t.Fatal("no version")
	}
	b.endSession()
	form := url.Values{"version": {v[1]}, "revenue": {"7,777"}, "rd_expense": {"321"}}
	p = b.post(record+"/years/2025", form, false, "Referer", e.app.URL()+record)
	if p.status != http.StatusUnauthorized {
		t.Fatalf("post after the session ended: %d %s", p.status, errText(p.body))
	}
	carried := hiddenFields(p.body)
	for k, want := range map[string]string{"resume_action": record + "/years/2025", "resume:revenue": "7,777",
		"resume:rd_expense": "321", "resume:version": v[1], "next": record} {
		if got := carried.Get(k); got != want {
			t.Errorf("login page carries %s=%q, want %q", k, got, want)
		}
	}
	if carried.Has("resume:csrf_token") || !strings.Contains(p.body, "登录已超时") || !strings.Contains(p.body, `action="/login"`) {
		t.Errorf("login page: old token carried %v, or no message and form", carried.Has("resume:csrf_token"))
	}
	rec, err := e.app.Store.GetEnterprise(auth.WithCaller(context.Background(), auth.System), e.ids.jinshui)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := rec.Profile.GetPath("years.2025.revenue"); got == "7777" {
		t.Fatal("the form was saved without a session")
	}
	t.Run("WrongPasswordKeepsTheForm", func(t *testing.T) {
		lp := b.get("/login?next=" + url.QueryEscape(record))
		login := hiddenFields(p.body)
		login.Set("csrf_token", csrfOf(t, lp.body))
		login.Set("username", "district")
		login.Set("password", "wrong")
		again := b.post("/login", login, false)
		if hiddenFields(again.body).Get("resume:revenue") != "7,777" {
			t.Errorf("after a wrong password the form is lost: %d", again.status)
		}
	})
	lp := b.get("/login")
	login := hiddenFields(p.body)
	login.Set("csrf_token", csrfOf(t, lp.body))
	login.Set("username", "district")
	login.Set("password", demo.Password)
	p = b.post("/login", login, false)
	if p.status != 200 || !strings.Contains(p.body, `id="resume-form"`) || !strings.Contains(p.body, `action="`+record+`/years/2025"`) {
		t.Fatalf("after login: %d %.500s", p.status, p.body)
	}
	resume := hiddenFields(p.body)
	if resume.Get("revenue") != "7,777" || resume.Get("csrf_token") == "" {
		t.Fatalf("resume form: %v", resume)
	}
	t.Run("CSRFStillChecked", func(t *testing.T) {
		forged := hiddenFields(p.body)
		forged.Set("csrf_token", "forged")
		if got := b.post(record+"/years/2025", forged, false); got.status != http.StatusForbidden {
			t.Errorf("resume with a forged token: %d", got.status)
		}
	})
	p = b.post(record+"/years/2025", resume, false)
	if p.status != http.StatusSeeOther {
		t.Fatalf("resume: %d %s", p.status, errText(p.body))
	}
	if body := b.get(p.header.Get("Location")).body; !strings.Contains(body, "7777") || !strings.Contains(body, "2025 年度数据已保存") {
		t.Error("the resumed form was not saved")
	}
}

// TestLoginResumeStaysLocal: the login page goes back only to pages of this
// site, whatever next and resume_action say.
func TestLoginResumeStaysLocal(t *testing.T) {
	e := newEnv(t)
	for _, tt := range []struct{ next, action, want string }{
		{"https://evil.example/x", "", "/"},
		{"//evil.example/x", "", "/"},
		{"/\\evil.example", "", "/"},
		{"/enterprises", "//evil.example/steal", "/enterprises"},
		{"/enterprises", "https://evil.example/steal", "/enterprises"},
	} {
		b := e.browser()
		lp := b.get("/login")
		form := url.Values{"csrf_token": {csrfOf(t, lp.body)}, "username": {"city"}, "password": {demo.Password},
			"next": {tt.next}, "resume_action": {tt.action}, "resume:revenue": {"1"}}
		p := b.post("/login", form, false)
		if p.status != http.StatusSeeOther || p.header.Get("Location") != tt.want {
			t.Errorf("next %q, action %q: %d to %q, want 303 to %q", tt.next, tt.action, p.status, p.header.Get("Location"), tt.want)
		}
	}
}
