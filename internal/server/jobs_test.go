package server_test

import (
	"fmt"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"zjtx/internal/server"
	"zjtx/internal/sqlstore"
	"zjtx/internal/testdb"
)

type jobView struct {
	ID         int64      `json:"id"`
	Kind       string     `json:"kind"`
	State      string     `json:"state"`
	Done       int64      `json:"done"`
	Total      int64      `json:"total"`
	Errors     int64      `json:"errors"`
	StartedAt  *time.Time `json:"started_at"`
	FinishedAt *time.Time `json:"finished_at"`
}

// createEnterprises registers n new, never assessed enterprises of 金水区
// as the district official and returns their ids.
func (e *env) createEnterprises(n, from int) []int64 {
	e.t.Helper()
	var ids []int64
	for i := range n {
		res := e.do("district", "POST", "/api/v1/enterprises", map[string]any{"profile": newProfile("410105", from+i), "chain": "新材料"})
		if res.status != 201 {
			e.t.Fatalf("create: %s", res)
		}
		var created struct {
			ID int64 `json:"id"`
		}
		res.json(e.t, &created)
		ids = append(ids, created.ID)
	}
	return ids
}

// auditCount is the number of audit rows of an action, read as the city.
func (e *env) auditCount(action string) int {
	e.t.Helper()
	var a struct {
		Total int `json:"total"`
	}
	e.do("city", "GET", "/api/v1/audit?limit=1&action="+action, nil).json(e.t, &a)
	return a.Total
}

// waitJob polls a job as role until it ends.
func (e *env) waitJob(role string, id int64) jobView {
	e.t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		var j jobView
		res := e.do(role, "GET", fmt.Sprintf("/api/v1/jobs/%d", id), nil)
		if res.status != 200 {
			e.t.Fatalf("job %d as %s: %s", id, role, res)
		}
		res.json(e.t, &j)
		if j.State == "completed" || j.State == "failed" {
			return j
		}
		if time.Now().After(deadline) {
			e.t.Fatalf("job %d still %s after a minute: %+v", id, j.State, j)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// TestBulkAssessmentJob: the bulk assessment of a filtered list runs as a
// background job within the caller's district, its progress is visible in
// the caller's scope only, the outcome filters then find the assessed
// enterprises, each assessment has its audit row, and re-running is safe.
func TestBulkAssessmentJob(t *testing.T) {
	eachEngine(t, func(t *testing.T, eng string) {
		e := newEnv(t, eng)
		ids := e.createEnterprises(3, 7100)
		none := "/api/v1/enterprises?outcome=innovative:none&region=410105"
		if got := e.list("district", none).Total; got != 3 {
			t.Fatalf("never assessed before the job: %d, want the 3 new ones", got)
		}
		auditBefore := e.auditCount("assessment.create")

		res := e.do("district", "POST", "/api/v1/assessments/bulk?outcome=innovative:none", nil)
		if res.status != 202 || !strings.HasPrefix(res.header.Get("Location"), "/api/v1/jobs/") {
			t.Fatalf("bulk: %s (Location %q), want 202 with the job", res, res.header.Get("Location"))
		}
		var j jobView
		res.json(t, &j)
		done := e.waitJob("district", j.ID)
		if done.State != "completed" || done.Total != 3 || done.Done != 3 || done.Errors != 0 || done.StartedAt == nil || done.FinishedAt == nil {
			t.Fatalf("job: %+v, want completed 3 of 3", done)
		}
		if got := e.list("district", none).Total; got != 0 {
			t.Errorf("never assessed after the job: %d, want 0", got)
		}
		page := e.do("district", "GET", "/api/v1/enterprises?sort=-created&limit=3", nil)
		if !strings.Contains(string(page.body), `"outcomes":{"innovative":`) {
			t.Errorf("items carry no outcomes: %s", page.body)
		}
		// One audit row per tier and enterprise.
		if got, want := e.auditCount("assessment.create")-auditBefore, 3*4; got != want {
			t.Errorf("audit rows: %d, want %d", got, want)
		}

		t.Run("StaleAfterAChange", func(t *testing.T) {
			path := fmt.Sprintf("/api/v1/enterprises/%d", ids[2])
			if res := e.do("district", "GET", path, nil); !strings.Contains(string(res.body), `"stale":false`) {
				t.Fatalf("just assessed: %s", res)
			}
			res := e.do("district", "PUT", path+"/years/2025", map[string]any{"revenue": 5000, "employees": 130}, "If-Match", `"v1"`)
			if res.status != 200 {
				t.Fatalf("update: %s", res)
			}
			if res := e.do("district", "GET", path, nil); !strings.Contains(string(res.body), `"stale":true`) {
				t.Errorf("changed since its assessment, not stale: %s", res)
			}
		})

		t.Run("Scope", func(t *testing.T) {
			if res := e.do("city", "GET", fmt.Sprintf("/api/v1/jobs/%d", j.ID), nil); res.status != 200 {
				t.Errorf("city reads the district's job: %s", res)
			}
			res := e.do("city", "POST", "/api/v1/assessments/bulk?ids="+fmt.Sprint(ids[0]), nil)
			var cj jobView
			res.json(t, &cj)
			if res := e.do("district", "GET", fmt.Sprintf("/api/v1/jobs/%d", cj.ID), nil); res.status != 404 {
				t.Errorf("district reads the city's job: %s, want 404", res)
			}
			if res := e.do("enterprise", "POST", "/api/v1/assessments/bulk", nil); res.status != 403 {
				t.Errorf("enterprise starts a bulk job: %s, want 403", res)
			}
			if got := e.waitJob("city", cj.ID); got.Total != 1 || got.State != "completed" {
				t.Errorf("city's job of one selected enterprise: %+v", got)
			}
		})

		t.Run("DistrictScopeOfTheJob", func(t *testing.T) {
			// An id of another district in the selection is outside the
			// district's list: the job does not touch it.
			other := e.list("city", "/api/v1/enterprises?region=410102&limit=1").Items[0].ID
			res := e.do("district", "POST", fmt.Sprintf("/api/v1/assessments/bulk?ids=%d,%d", ids[1], other), nil)
			var dj jobView
			res.json(t, &dj)
			if got := e.waitJob("district", dj.ID); got.Total != 1 || got.Done != 1 {
				t.Errorf("district job over an out-of-district id: %+v, want 1 of 1", got)
			}
		})

		t.Run("BadParameters", func(t *testing.T) {
			for _, q := range []string{"outcome=srdi:maybe", "outcome=gold:pass", "outcome=srdi", "unrecognized=gold", "ids=1,x", "outcome=srdi:pass&outcome=srdi:fail"} {
				for _, path := range []string{"/api/v1/enterprises?", "/api/v1/enterprises/export.xlsx?", "/api/v1/assessments/bulk?"} {
					method := "GET"
					if strings.Contains(path, "bulk") {
						method = "POST"
					}
					if strings.HasPrefix(q, "ids") && method == "GET" {
						continue
					}
					res := e.do("district", method, path+q, nil)
					name, _, _ := strings.Cut(q, "=")
					if res.status != 400 || !strings.Contains(string(res.body), `"path":"`+name+`"`) {
						t.Errorf("%s %s%s: %s, want 400 naming %s", method, path, q, res, name)
					}
				}
			}
		})
	})
}

// TestUnrecognizedFilter: 符合但未认定 lists enterprises that meet a tier by
// their latest assessment and hold no title at or above it.
func TestUnrecognizedFilter(t *testing.T) {
	e := newEnv(t, sqlstore.SQLite)
	p := e.list("city", "/api/v1/enterprises?unrecognized=innovative&limit=500")
	if p.Total == 0 {
		t.Fatal("no enterprise meets the innovative tier without its title in the demo")
	}
	for _, it := range p.Items {
		if it.Tier != "" && it.Tier != "tech_sme" {
			t.Errorf("%s holds %s, listed as not recognised", it.Name, it.Tier)
		}
	}
	pass := e.list("city", "/api/v1/enterprises?outcome="+url.QueryEscape("innovative:pass")+"&tier=none&limit=1").Total
	if pass > p.Total {
		t.Errorf("innovative pass without title %d > unrecognized %d", pass, p.Total)
	}
}

// TestTwoServersRunAJobOnce: two servers on one PostgreSQL share River's
// queue; each bulk job runs on one of them, once, and every enterprise is
// assessed once.
func TestTwoServersRunAJobOnce(t *testing.T) {
	if os.Getenv(testdb.PGEnv) == "" {
		t.Skip("needs PostgreSQL: run under scripts/pg-test")
	}
	dsn := testdb.Fresh(t, sqlstore.Postgres)
	a := startEnv(t, server.Config{Addr: "127.0.0.1:0", DSN: dsn, Demo: true, DemoSize: 60})
	b := startEnv(t, server.Config{Addr: "127.0.0.1:0", DSN: dsn, Demo: true, DemoSize: 60})
	auditBefore := a.auditCount("assessment.create")
	const jobs = 8
	ids := make([]int64, jobs)
	for i := range jobs {
		srv := a
		if i%2 == 1 {
			srv = b
		}
		res := srv.do("city", "POST", "/api/v1/assessments/bulk?region=410105", nil)
		var j jobView
		res.json(t, &j)
		ids[i] = j.ID
	}
	var total int64
	for _, id := range ids {
		j := a.waitJob("city", id)
		if j.State != "completed" || j.Done != j.Total || j.Total == 0 {
			t.Errorf("job %d: %+v", id, j)
		}
		total += j.Done
	}
	// Each job assessed its list once: four audit rows per enterprise and
	// job; a job run twice would add more.
	if got, want := int64(a.auditCount("assessment.create")-auditBefore), total*4; got != want {
		t.Errorf("audit rows: %d, want %d (%d enterprises assessed over %d jobs)", got, want, total, jobs)
	}
}
