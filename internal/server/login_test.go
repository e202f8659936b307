package server_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/netip"
	"slices"
	"strings"
	"testing"
	"time"

	"zjtx/internal/auth"
	"zjtx/internal/demo"
	"zjtx/internal/server"
)

// trustLoopback makes the tests' own address a trusted proxy, so that each
// request names its client in X-Forwarded-For.
func trustLoopback(c *server.Config) {
	c.TrustedProxies = []netip.Prefix{netip.MustParsePrefix("127.0.0.1/32"), netip.MustParsePrefix("::1/128")}
}

// loginFrom logs in through the API from the client address addr ("" for
// no X-Forwarded-For header).
func (e *env) loginFrom(addr, username, password string) response {
	e.t.Helper()
	var h []string
	if addr != "" {
		h = []string{"X-Forwarded-For", addr}
	}
	return e.do("", "POST", "/api/v1/session", map[string]string{"username": username, "password": password}, h...)
}

const wrongWords = "用户名或密码错误"

// TestLockout: five wrong passwords from one address lock the account for
// that address only, and the lock answers in the words of a wrong password;
// the real user logs in from another address; the city unlocks by hand.
func TestLockout(t *testing.T) {
	eachEngine(t, func(t *testing.T, eng string) {
		e := newEnv(t, eng, trustLoopback)
		const addrA, addrB = "192.0.2.10", "198.51.100.20"
		for i := 1; i <= auth.MaxFailedLogins; i++ {
			if res := e.loginFrom(addrA, "district", "wrong password"); res.status != 401 || !strings.Contains(string(res.body), wrongWords) {
				t.Fatalf("failure %d: %s", i, res)
			}
		}
		locked := e.loginFrom(addrA, "district", demo.Password)
		if locked.status != 401 || !strings.Contains(string(locked.body), wrongWords) || strings.Contains(string(locked.body), "锁定") {
			t.Errorf("right password from the locked address: %s; want 401 in the words of a wrong password", locked)
		}
		if res := e.loginFrom(addrB, "district", demo.Password); res.status != 201 {
			t.Errorf("right password from another address: %s, want 201", res)
		}
		res := e.do("city", "GET", "/api/v1/audit?action=login.locked", nil)
		if !strings.Contains(string(res.body), `"total":1`) || !strings.Contains(string(res.body), addrA) {
			t.Errorf("audit of the lock: %s; want one row naming %s", res, addrA)
		}
		if res := e.do("city", "GET", "/api/v1/audit?action=login.failed", nil); !strings.Contains(string(res.body), addrA) {
			t.Errorf("audit of the failures: %s; want the client address", res)
		}

		t.Run("CityUnlocks", func(t *testing.T) {
			u, err := e.app.Store.FindUserByUsername(context.Background(), "district")
			if err != nil {
				t.Fatal(err)
			}
			path := fmt.Sprintf("/api/v1/users/%d", u.ID)
			var acc struct {
				AddressLocks int   `json:"address_locks"`
				Version      int64 `json:"version"`
				Locks        []struct {
					IP string `json:"ip"`
				} `json:"locks"`
			}
			res := e.do("city", "GET", path, nil)
			res.json(t, &acc)
			if acc.AddressLocks != 1 || len(acc.Locks) != 1 || acc.Locks[0].IP != addrA || res.header.Get("ETag") == "" {
				t.Fatalf("account before unlock: %s; want the lock of %s and an ETag", res, addrA)
			}
			if res := e.do("district", "POST", path+"/unlock", nil); res.status != 403 {
				t.Errorf("district unlocks: %s, want 403", res)
			}
			if res := e.do("city", "POST", path+"/unlock", nil); res.status != 400 {
				t.Errorf("unlock without a version: %s, want 400", res)
			}
			if res := e.do("city", "POST", path+"/unlock", nil, "If-Match", `"v99"`); res.status != 409 {
				t.Errorf("unlock with a stale version: %s, want 409", res)
			}
			if res := e.do("city", "POST", path+"/unlock", nil, "If-Match", res.header.Get("ETag")); res.status != 200 {
				t.Fatalf("unlock: %s", res)
			}
			if res := e.loginFrom(addrA, "district", demo.Password); res.status != 201 {
				t.Errorf("after the unlock: %s, want 201", res)
			}
			if res := e.do("city", "GET", "/api/v1/audit?action=user.unlock", nil); !strings.Contains(string(res.body), `"total":1`) {
				t.Errorf("audit of the unlock: %s", res)
			}
		})
	})
}

// TestForwardedForNeedsTrustedProxy: without --trusted-proxy a client
// cannot escape its lock by naming another address in X-Forwarded-For.
func TestForwardedForNeedsTrustedProxy(t *testing.T) {
	e := newEnv(t, "sqlite")
	for i := range auth.MaxFailedLogins {
		e.loginFrom(fmt.Sprintf("203.0.113.%d", i+1), "district", "wrong password")
	}
	if res := e.loginFrom("203.0.113.99", "district", demo.Password); res.status != 401 {
		t.Errorf("a new X-Forwarded-For after five failures: %s, want 401 (the peer address is locked)", res)
	}
}

// TestLoginTiming: an unknown, a locked and a disabled account answer in
// the time of a wrong password (their medians within a tolerance), and in
// its words. Before, a locked account answered in 1–2 ms, a wrong password
// in about 38 ms: one argon2id check.
func TestLoginTiming(t *testing.T) {
	e := newEnv(t, "sqlite")
	ctx := auth.WithCaller(context.Background(), auth.System)
	for range auth.MaxFailedLogins {
		e.loginFrom("", "district", "wrong password")
	}
	gone := e.newAccount("timing.disabled")
	if _, err := e.app.Store.UpdateUser(ctx, gone, 1, auth.UserChange{Disabled: ptr(true)}); err != nil {
		t.Fatal(err)
	}
	// Wrong passwords go to accounts of their own, four each, so that none
	// of them locks and turns into the locked case.
	var wrongUsers []string
	for i := range 5 {
		name := fmt.Sprintf("timing.wrong%d", i)
		e.newAccount(name)
		wrongUsers = append(wrongUsers, name)
	}
	const n = 15
	cases := []struct {
		name     string
		username func(i int) string
		password string
	}{
		{"wrong", func(i int) string { return wrongUsers[i%len(wrongUsers)] }, "wrong password"},
		{"unknown", func(i int) string { return fmt.Sprintf("nobody%d", i) }, "wrong password"},
		{"locked", func(int) string { return "district" }, demo.Password},
		{"disabled", func(int) string { return "timing.disabled" }, demo.Password},
	}
	median := func(d []time.Duration) time.Duration { slices.Sort(d); return d[len(d)/2] }
	// measure times n interleaved rounds, so that the machine's load falls
	// on every case alike, and says how each case's median differs from the
	// wrong password's.
	measure := func() (problems []string) {
		times := make([][]time.Duration, len(cases))
		for i := range n {
			for c, cs := range cases {
				start := time.Now()
				res := e.loginFrom("", cs.username(i), cs.password)
				times[c] = append(times[c], time.Since(start))
				if res.status != 401 || !strings.Contains(string(res.body), wrongWords) {
					t.Fatalf("%s: %s, want 401 %q", cs.name, res, wrongWords)
				}
			}
		}
		want := median(times[0])
		for c, cs := range cases[1:] {
			got := median(times[c+1])
			t.Logf("median %s %v, wrong password %v", cs.name, got, want)
			// A third of the wrong password's time, or 10 ms: wide enough for a
			// shared machine, far narrower than the old gap (1–2 ms against 38).
			if tol := max(want/3, 10*time.Millisecond); got < want-tol || got > want+tol {
				problems = append(problems, fmt.Sprintf("%s answers in %v (median of %d), a wrong password in %v; want within %v",
					cs.name, got, n, want, tol))
			}
		}
		return problems
	}
	// A leak shows in every measurement; a burst of load on a shared machine
	// (other test packages run beside this one) in one of them at most, so
	// the test takes the best of three.
	var problems []string
	for range 3 {
		if problems = measure(); len(problems) == 0 {
			return
		}
	}
	for _, p := range problems {
		t.Error(p)
	}
}

// TestDemoAccountsNeedDemo: a database seeded by --demo, served without it:
// the demo's accounts answer like a wrong password, and the start warns.
func TestDemoAccountsNeedDemo(t *testing.T) {
	var log bytes.Buffer
	e := newEnv(t, "sqlite", func(c *server.Config) {
		c.Demo = false
		c.Logger = slog.New(slog.NewTextHandler(&log, nil))
	})
	if out := log.String(); !strings.Contains(out, "level=WARN") || !strings.Contains(out, "演示账号") || !strings.Contains(out, "city,city2,district") {
		t.Errorf("start log: %q; want a warning naming the demo accounts", out)
	}
	if res := e.loginFrom("", "city", demo.Password); res.status != 401 || !strings.Contains(string(res.body), wrongWords) {
		t.Errorf("demo login without --demo: %s, want 401 %q", res, wrongWords)
	}
}

// TestSessionLifetime: a session used all along still ends at its absolute
// lifetime.
func TestSessionLifetime(t *testing.T) {
	e := newEnv(t, "sqlite", func(c *server.Config) { c.SessionLifetime = 2 * time.Hour })
	e.token("city")
	for elapsed := 20 * time.Minute; elapsed < 2*time.Hour; elapsed += 20 * time.Minute {
		e.clock.Add(20 * time.Minute)
		if res := e.do("city", "GET", "/api/v1/enterprises?limit=1", nil); res.status != 200 {
			t.Fatalf("after %v of use: %s", elapsed, res)
		}
	}
	e.clock.Add(20 * time.Minute)
	if res := e.do("city", "GET", "/api/v1/enterprises?limit=1", nil); res.status != 401 {
		t.Errorf("at the two-hour lifetime: %s, want 401", res)
	}
}

// TestPasswordMaxAge: with --password-max-age an old password still logs in,
// but the session may only change it; then it is a normal session.
func TestPasswordMaxAge(t *testing.T) {
	e := newEnv(t, "sqlite", func(c *server.Config) { c.PasswordMaxAge = 90 * 24 * time.Hour })
	e.clock.Add(91 * 24 * time.Hour)
	res := e.loginFrom("", "district", demo.Password)
	var s struct {
		Token              string `json:"token"`
		MustChangePassword bool   `json:"must_change_password"`
	}
	res.json(t, &s)
	if res.status != 201 || !s.MustChangePassword {
		t.Fatalf("login with a 91-day-old password: %s; want 201 with must_change_password", res)
	}
	e.tokens["district"] = s.Token
	if res := e.do("district", "GET", "/api/v1/enterprises?limit=1", nil); res.status != 403 || !strings.Contains(string(res.body), "修改密码") {
		t.Errorf("list before the change: %s, want 403 asking for the change", res)
	}
	for _, tt := range []struct {
		name, password string
		want           int
	}{
		{"TooShort", "Short-1", 400},
		{"Common", "password123", 400},
		{"ContainsUsername", "My-District-2026", 400},
		{"Good", "Lotus-Pond-2026", 204},
	} {
		res := e.do("district", "PUT", "/api/v1/account/password", map[string]string{"current_password": demo.Password, "password": tt.password})
		if res.status != tt.want {
			t.Errorf("%s: %s, want %d", tt.name, res, tt.want)
		}
		if tt.want == 400 && !strings.Contains(string(res.body), `"path":"password"`) {
			t.Errorf("%s: %s; want the field named", tt.name, res)
		}
	}
	if res := e.do("district", "GET", "/api/v1/enterprises?limit=1", nil); res.status != 200 {
		t.Errorf("list after the change: %s, want 200", res)
	}
}

func ptr[T any](v T) *T { return &v }
