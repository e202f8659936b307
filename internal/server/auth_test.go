package server_test

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"zjtx/internal/demo"
)

// TestLockout: five wrong passwords in a row lock the account for 15
// minutes, even against the right password; then it opens again.
func TestLockout(t *testing.T) {
	eachEngine(t, func(t *testing.T, eng string) {
		e := newEnv(t, eng)
		login := func(pw string) response {
			return e.do("", "POST", "/api/v1/session", map[string]string{"username": "district", "password": pw})
		}
		for i := 1; i <= 4; i++ {
			if res := login("wrong password"); res.status != 401 || !strings.Contains(string(res.body), "用户名或密码错误") {
				t.Fatalf("failure %d: %s", i, res)
			}
		}
		if res := login("wrong password"); res.status != 401 || !strings.Contains(string(res.body), "已锁定") {
			t.Fatalf("fifth failure: %s, want 401 locked", res)
		}
		if res := login(demo.Password); res.status != 401 || !strings.Contains(string(res.body), "已锁定") {
			t.Errorf("right password while locked: %s, want 401 locked", res)
		}
		res := e.do("city", "GET", "/api/v1/audit?action=login.locked", nil)
		if !strings.Contains(string(res.body), `"total":1`) {
			t.Errorf("audit of the lock: %s", res)
		}
		e.clock.Add(15*time.Minute + time.Second)
		if res := login(demo.Password); res.status != 201 {
			t.Errorf("after 15 minutes: %s, want 201", res)
		}
	})
}

// TestSessionIdleExpiry: a token unused for 30 minutes is refused; use
// within the window keeps it alive.
func TestSessionIdleExpiry(t *testing.T) {
	e := newEnv(t, "sqlite")
	e.token("city")
	e.clock.Add(20 * time.Minute)
	if res := e.do("city", "GET", "/api/v1/enterprises?limit=1", nil); res.status != 200 {
		t.Fatalf("after 20 minutes: %s", res)
	}
	e.clock.Add(29 * time.Minute)
	if res := e.do("city", "GET", "/api/v1/enterprises?limit=1", nil); res.status != 200 {
		t.Fatalf("29 minutes after the last request: %s", res)
	}
	e.clock.Add(30 * time.Minute)
	if res := e.do("city", "GET", "/api/v1/enterprises?limit=1", nil); res.status != 401 {
		t.Errorf("30 idle minutes: %s, want 401", res)
	}
}

// TestLogout: after DELETE /api/v1/session the token no longer works.
func TestLogout(t *testing.T) {
	e := newEnv(t, "sqlite")
	if res := e.do("district", "DELETE", "/api/v1/session", nil); res.status != http.StatusNoContent {
		t.Fatalf("logout: %s", res)
	}
	if res := e.do("district", "GET", "/api/v1/enterprises", nil); res.status != 401 {
		t.Errorf("after logout: %s, want 401", res)
	}
}

// TestCookieSessionNeedsCSRF: a browser session (cookie) may read the API,
// but an unsafe call without the CSRF header is refused; a Bearer call is
// not.
func TestCookieSessionNeedsCSRF(t *testing.T) {
	e := newEnv(t, "sqlite")
	tok := e.token("city")
	cookie := "zjtx_session=" + tok
	if res := e.do("", "GET", "/api/v1/enterprises?limit=1", nil, "Cookie", cookie); res.status != 200 {
		t.Fatalf("cookie read: %s", res)
	}
	before, _ := e.counts()
	res := e.do("", "POST", "/api/v1/enterprises", newProfile("410105", 555), "Cookie", cookie)
	if res.status != 403 || !strings.Contains(string(res.body), "CSRF") {
		t.Errorf("cookie write without CSRF token: %s, want 403", res)
	}
	res = e.do("", "POST", "/api/v1/enterprises", newProfile("410105", 555), "Cookie", cookie, "X-CSRF-Token", "forged")
	if res.status != 403 {
		t.Errorf("cookie write with a forged token: %s, want 403", res)
	}
	if after, _ := e.counts(); after != before {
		t.Errorf("enterprises %d → %d", before, after)
	}
	if res := e.do("city", "POST", "/api/v1/enterprises", newProfile("410105", 556)); res.status != 201 {
		t.Errorf("bearer write: %s, want 201", res)
	}
}
