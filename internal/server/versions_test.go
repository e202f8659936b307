package server_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
)

// rawPut is a PUT safe to send from many goroutines (env.do fails the test,
// which only the test's goroutine may do): it returns the status, or an
// error.
func (e *env) rawPut(tok, path string, body any, ifMatch string) (int, []byte, error) {
	b, err := json.Marshal(body)
	if err != nil {
		return 0, nil, err
	}
	req, err := http.NewRequest("PUT", e.app.URL()+path, bytes.NewReader(b))
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Authorization", "Bearer "+tok)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("If-Match", ifMatch)
	res, err := e.http.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer res.Body.Close()
	out, err := io.ReadAll(res.Body)
	return res.StatusCode, out, err
}

// rawVersion reads an enterprise's version, goroutine-safe.
func (e *env) rawVersion(tok, path string) (int64, error) {
	req, err := http.NewRequest("GET", e.app.URL()+path, nil)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Authorization", "Bearer "+tok)
	res, err := e.http.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	var v struct {
		Version int64 `json:"version"`
	}
	return v.Version, json.NewDecoder(res.Body).Decode(&v)
}

// TestNoLostUpdates: clients updating different years of one enterprise at
// the same time, each retrying on 409 from a fresh read, all see their year
// saved; two clients replacing the whole record from the same version get
// one 200 and one 409. On both databases.
func TestNoLostUpdates(t *testing.T) {
	eachEngine(t, func(t *testing.T, eng string) {
		e := newEnv(t, eng)
		id := e.ids()
		path := fmt.Sprintf("/api/v1/enterprises/%d", id.jinshui)
		tok := e.token("district")
		const clients, rounds = 6, 4
		for round := range rounds {
			var wg sync.WaitGroup
			errs := make(chan error, clients)
			for c := range clients {
				wg.Add(1)
				go func() {
					defer wg.Done()
					year := 2010 + c
					for range 100 {
						v, err := e.rawVersion(tok, path)
						if err != nil {
							errs <- err
							return
						}
						status, body, err := e.rawPut(tok, fmt.Sprintf("%s/years/%d", path, year),
							map[string]any{"revenue": 1000*round + c, "employees": 10 + c}, fmt.Sprintf(`"v%d"`, v))
						switch {
						case err != nil:
							errs <- err
							return
						case status == 200:
							return
						case status != 409:
							errs <- fmt.Errorf("year %d: %d %s", year, status, body)
							return
						}
					}
					errs <- fmt.Errorf("year %d: still 409 after 100 tries", year)
				}()
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				t.Fatal(err)
			}
			years := e.profileOf(id.jinshui)["years"].(map[string]any)
			for c := range clients {
				y := years[fmt.Sprint(2010+c)].(map[string]any)
				if got, want := fmt.Sprint(y["revenue"]), fmt.Sprint(1000*round+c); got != want {
					t.Errorf("round %d: year %d revenue = %s, want %s: an update was lost", round, 2010+c, got, want)
				}
			}
		}
		// Two whole-record replacements from the same version: one wins.
		v, err := e.rawVersion(tok, path)
		if err != nil {
			t.Fatal(err)
		}
		p := e.profileOf(id.jinshui)
		statuses := make([]int, 2)
		var wg sync.WaitGroup
		for i := range statuses {
			wg.Add(1)
			go func() {
				defer wg.Done()
				q := map[string]any{}
				for k, x := range p {
					q[k] = x
				}
				q["niche_since"] = fmt.Sprintf("201%d-01-01", i+1)
				statuses[i], _, _ = e.rawPut(tok, path, map[string]any{"profile": q}, fmt.Sprintf(`"v%d"`, v))
			}()
		}
		wg.Wait()
		if ok, conflict := count(statuses, 200), count(statuses, 409); ok != 1 || conflict != 1 {
			t.Errorf("statuses %v, want one 200 and one 409", statuses)
		}
		if after, _ := e.rawVersion(tok, path); after != v+1 {
			t.Errorf("version %d after one write from v%d", after, v)
		}
	})
}

func count(xs []int, x int) int {
	n := 0
	for _, y := range xs {
		if y == x {
			n++
		}
	}
	return n
}

// TestFieldAuthority: an enterprise account cannot write official data —
// titles, flags, the platform score, chain, status — into its own record;
// each attempt is a 403 that names the field, and nothing is written. It
// still declares its own figures, and officials write official data.
func TestFieldAuthority(t *testing.T) {
	eachEngine(t, func(t *testing.T, eng string) {
		e := newEnv(t, eng)
		id := e.ids()
		own := fmt.Sprintf("/api/v1/enterprises/%d", id.own)
		withTitle := func(base map[string]any, tier string) map[string]any {
			q := map[string]any{}
			for k, x := range base {
				q[k] = x
			}
			titles, _ := q["titles"].([]any)
			q["titles"] = append(titles, map[string]any{"tier": tier, "recognized": "2026-01-01", "valid_to": "2028-12-31"})
			return q
		}
		for _, c := range []struct {
			name, path string
			body       any
			fields     []string
		}{
			{"Title", own, map[string]any{"profile": withTitle(e.profileOf(id.own), "single_champion")}, []string{`"path":"titles"`, "梯度称号"}},
			{"StatusAndChain", own, map[string]any{"profile": e.profileOf(id.own), "status": "closed", "chain": "自定产业链"},
				[]string{`"path":"status"`, `"path":"chain"`}},
			{"Flag", own, map[string]any{"profile": withKey(e.profileOf(id.own), "flags", map[string]any{"serious_dishonesty": true})},
				[]string{`"path":"flags.serious_dishonesty"`, "严重失信"}},
			{"PlatformScore", own + "/years/2026", map[string]any{"platform_score": 99}, []string{`"path":"years.2026.platform_score"`}},
		} {
			t.Run("EnterpriseCannotWrite"+c.name, func(t *testing.T) {
				before := e.do("city", "GET", own, nil)
				res := e.do("enterprise", "PUT", c.path, c.body, "If-Match", before.header.Get("ETag"))
				if res.status != 403 {
					t.Fatalf("status %d, want 403: %s", res.status, res.body)
				}
				for _, f := range append(c.fields, `"message_en":`) {
					if !strings.Contains(string(res.body), f) {
						t.Errorf("body lacks %s: %s", f, res.body)
					}
				}
				if after := e.do("city", "GET", own, nil); after.header.Get("ETag") != before.header.Get("ETag") {
					t.Errorf("version changed %s → %s", before.header.Get("ETag"), after.header.Get("ETag"))
				}
			})
		}
		t.Run("EnterpriseDeclaresFigures", func(t *testing.T) {
			v := e.do("enterprise", "GET", own, nil).header.Get("ETag")
			if res := e.do("enterprise", "PUT", own+"/years/2025", map[string]any{"revenue": 4321}, "If-Match", v); res.status != 200 {
				t.Errorf("status %d: %s", res.status, res.body)
			}
		})
		t.Run("DistrictGrantsTitle", func(t *testing.T) {
			path := fmt.Sprintf("/api/v1/enterprises/%d", id.jinshui)
			v := e.do("district", "GET", path, nil).header.Get("ETag")
			res := e.do("district", "PUT", path, map[string]any{"profile": withTitle(e.profileOf(id.jinshui), "srdi")}, "If-Match", v)
			if res.status != 200 || !strings.Contains(string(res.body), `"tier":"srdi"`) {
				t.Errorf("status %d: %.300s", res.status, res.body)
			}
		})
	})
}

func withKey(m map[string]any, k string, v any) map[string]any {
	q := map[string]any{}
	for k, x := range m {
		q[k] = x
	}
	q[k] = v
	return q
}

// TestCreateForeignUSCCRevealsNothing: a district official registering a
// USCC that another district holds hears that the code is registered, not
// where or under which name.
func TestCreateForeignUSCCRevealsNothing(t *testing.T) {
	e := newEnv(t, "sqlite")
	id := e.ids()
	var other struct {
		USCC   string `json:"uscc"`
		Name   string `json:"name"`
		Region string `json:"region_name"`
	}
	e.do("city", "GET", fmt.Sprintf("/api/v1/enterprises/%d", id.other), nil).json(t, &other)
	p := newProfile("410105", 501)
	p["uscc"] = other.USCC
	res := e.do("district", "POST", "/api/v1/enterprises", p)
	if res.status != 409 {
		t.Errorf("status %d, want 409: %s", res.status, res.body)
	}
	for _, leak := range []string{other.Name, other.Region} {
		if strings.Contains(string(res.body), leak) {
			t.Errorf("the answer reveals %q: %s", leak, res.body)
		}
	}
}
