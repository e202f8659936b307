package server_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestPlanTaskPackageOwner: a district official makes a product of the
// cultivation service packages the owner of a plan's tasks; the product's
// institution sees those tasks and no others; nobody else may list
// institutions' tasks.
func TestPlanTaskPackageOwner(t *testing.T) {
	eachEngine(t, func(t *testing.T, eng string) {
		e := newEnv(t, eng)
		own := e.hubInstitution()
		pid := e.newHubProduct("培育任务承担产品")
		for _, tier := range []string{"innovative", "srdi", "little_giant"} {
			e.mustDo("city", "POST", "/api/v1/packages", map[string]any{"name": "培育服务包（测试）" + tier, "tier": tier,
				"product_ids": []int64{pid}}, http.StatusCreated)
		}
		// The district's enterprises, each tried for a plan of each tier
		// until one has a gap plan to make.
		var list struct {
			Items []struct {
				ID int64 `json:"id"`
			} `json:"items"`
		}
		e.mustDo("district", "GET", "/api/v1/enterprises?limit=40", nil, http.StatusOK).json(t, &list)
		next := 0
		plans := func(owner map[string]any) (planJSON, response) {
			var res response
			for ; next < len(list.Items); next++ {
				for _, tier := range []string{"innovative", "srdi", "little_giant"} {
					res = e.do("district", "POST", fmt.Sprintf("/api/v1/enterprises/%d/plans", list.Items[next].ID),
						map[string]any{"tier": tier, "owner": owner})
					if res.status != http.StatusBadRequest || !strings.Contains(string(res.body), "tier：") {
						next++
						var p planJSON
						if res.status == http.StatusCreated {
							res.json(t, &p)
						}
						return p, res
					}
				}
			}
			t.Fatalf("no enterprise of the district has a gap plan to make: %s", res)
			return planJSON{}, res
		}
		p, res := plans(map[string]any{"product_id": pid})
		if res.status != http.StatusCreated || len(p.Tasks) == 0 {
			t.Fatalf("plan owned by a package product: %s", res)
		}
		if !strings.Contains(string(res.body), `"product":"培育任务承担产品"`) || p.Tasks[0].Owner.Kind != "institution" {
			t.Errorf("the tasks' owner: %+v; want the institution, with the product named", p.Tasks[0].Owner)
		}
		t.Run("ProductOutsideThePackagesRefused", func(t *testing.T) {
			other := e.newHubProduct("不在服务包中的产品")
			if _, res := plans(map[string]any{"product_id": other}); res.status != http.StatusBadRequest || !strings.Contains(string(res.body), "服务包") {
				t.Errorf("%s, want 400 naming the packages", res)
			}
		})
		// A plan owned by another institution, which the demo institution must not see.
		var insts struct {
			Items []struct {
				ID     int64  `json:"id"`
				Status string `json:"status"`
			} `json:"items"`
		}
		e.mustDo("city", "GET", "/api/v1/institutions?status=approved", nil, http.StatusOK).json(t, &insts)
		var otherInst int64
		for _, in := range insts.Items {
			if in.ID != own {
				otherInst = in.ID
				break
			}
		}
		q, res := plans(map[string]any{"institution_id": otherInst})
		if res.status != http.StatusCreated {
			t.Fatalf("plan owned by another institution: %s", res)
		}
		t.Run("InstitutionSeesItsOwnTasksOnly", func(t *testing.T) {
			var v struct {
				Items []struct {
					ID     int64 `json:"id"`
					PlanID int64 `json:"plan_id"`
					Owner  struct {
						ID      int64  `json:"id"`
						Product string `json:"product"`
					} `json:"owner"`
					Enterprise string `json:"enterprise"`
				} `json:"items"`
			}
			e.mustDo("institution", "GET", "/api/v1/plan-tasks", nil, http.StatusOK).json(t, &v)
			mine := 0
			for _, it := range v.Items {
				if it.PlanID == q.ID {
					t.Errorf("the institution sees task %d of another institution's plan", it.ID)
				}
				if it.PlanID == p.ID {
					mine++
					if it.Owner.Product != "培育任务承担产品" || it.Enterprise == "" {
						t.Errorf("task %+v: want the product and the enterprise named", it)
					}
				}
			}
			if mine != len(p.Tasks) {
				t.Errorf("the institution sees %d of the %d tasks it owns", mine, len(p.Tasks))
			}
		})
		t.Run("OthersRefused", func(t *testing.T) {
			for role, want := range map[string]int{"city": 403, "district": 403, "enterprise": 403, "bank": 403, "": 401} {
				if res := e.do(role, "GET", "/api/v1/plan-tasks", nil); res.status != want {
					t.Errorf("as %q: %s, want %d", role, res, want)
				}
			}
		})
	})
}
