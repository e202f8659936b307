package server_test

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

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
