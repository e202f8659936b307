package server_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"zjtx/internal/testdb"
)

// first decodes the first item of a list answer into v.
func (e *env) first(role, path string, v any) bool {
	e.t.Helper()
	var page struct {
		Items []jsonRaw `json:"items"`
	}
	e.do(role, "GET", path, nil).json(e.t, &page)
	if len(page.Items) == 0 {
		return false
	}
	response{body: page.Items[0]}.json(e.t, v)
	return true
}

type jsonRaw []byte

func (j *jsonRaw) UnmarshalJSON(b []byte) error { *j = append((*j)[:0], b...); return nil }

// demoBankID is the demo bank's id: the bank of the demo enterprise's consent.
func (e *env) demoBankID(own int64) int64 {
	e.t.Helper()
	var k struct {
		BankID int64 `json:"bank_id"`
	}
	if !e.first("enterprise", fmt.Sprintf("/api/v1/enterprises/%d/consents", own), &k) || k.BankID == 0 {
		e.t.Fatal("the demo enterprise has no consent to the demo bank")
	}
	return k.BankID
}

// created posts as role and returns the new record's id and version.
func (e *env) created(role, path string, body any) (id, version int64) {
	e.t.Helper()
	res := e.do(role, "POST", path, body)
	if res.status != http.StatusCreated {
		e.t.Fatalf("POST %s as %s: %s", path, role, res)
	}
	var v struct{ ID, Version int64 }
	res.json(e.t, &v)
	return v.ID, v.Version
}

// enterpriseOf returns an enterprise of tier (in region, "" any) as the city lists it.
func (e *env) enterpriseOf(tier, region string) int64 {
	e.t.Helper()
	var it struct{ ID int64 }
	if !e.first("city", "/api/v1/enterprises?limit=1&tier="+tier+"&region="+region, &it) {
		e.t.Skipf("the fixture has no %s enterprise in %q", tier, region)
	}
	return it.ID
}

// financeMatrixRows are the finance routes' rows of the role × route matrix.
func financeMatrixRows() []matrixRow {
	const (
		a, f, n, u = 201, 403, 404, 401
	)
	fixed := func(path string, body any) func(*env, ids, int64, string) (string, any) {
		return func(*env, ids, int64, string) (string, any) { return path, body }
	}
	demand := func(e *env, id ids) map[string]any {
		return map[string]any{"amount_fen": 100_000_000, "term_months": 12, "purpose": "购置设备", "mode": "direct",
			"bank_ids": []int64{e.demoBankID(id.own)}}
	}
	return []matrixRow{
		{"GET", "/api/v1/bank/enterprises", [6]int{f, f, f, f, 200, u}, fixed("/api/v1/bank/enterprises", nil)},
		{"GET", "/api/v1/bank/enterprises/{id}", [6]int{f, f, f, f, 200, u}, func(_ *env, id ids, _ int64, _ string) (string, any) {
			return fmt.Sprintf("/api/v1/bank/enterprises/%d", id.own), nil
		}},
		{"GET", "/api/v1/enterprises/{id}/consents", [6]int{200, 200, 200, n, 200, u}, func(_ *env, id ids, _ int64, _ string) (string, any) {
			return fmt.Sprintf("/api/v1/enterprises/%d/consents", id.own), nil
		}},
		{"POST", "/api/v1/enterprises/{id}/consents", [6]int{f, f, a, f, f, u}, func(_ *env, id ids, _ int64, _ string) (string, any) {
			return fmt.Sprintf("/api/v1/enterprises/%d/consents", id.own), map[string]any{"all": true, "scope": []string{"titles"}, "days": 30}
		}},
		{"DELETE", "/api/v1/consents/{id}", [6]int{f, f, 200, f, f, u}, func(e *env, id ids, _ int64, _ string) (string, any) {
			k, _ := e.created("enterprise", fmt.Sprintf("/api/v1/enterprises/%d/consents", id.own), map[string]any{"all": true})
			return fmt.Sprintf("/api/v1/consents/%d", k), nil
		}},
		{"POST", "/api/v1/finance/demands", [6]int{f, f, a, f, f, u}, func(e *env, id ids, _ int64, _ string) (string, any) {
			return "/api/v1/finance/demands", demand(e, id)
		}},
		{"GET", "/api/v1/finance/referrals", [6]int{200, 200, 200, f, 200, u}, fixed("/api/v1/finance/referrals?overdue=1", nil)},
		{"POST", "/api/v1/finance/referrals/{id}/answer", [6]int{f, f, f, f, 200, u}, func(e *env, id ids, _ int64, _ string) (string, any) {
			res := e.do("enterprise", "POST", "/api/v1/finance/demands", demand(e, id))
			var d struct {
				Referrals []struct{ ID, Version int64 } `json:"referrals"`
			}
			res.json(e.t, &d)
			if len(d.Referrals) != 1 {
				e.t.Fatalf("demand: %s", res)
			}
			return fmt.Sprintf("/api/v1/finance/referrals/%d/answer", d.Referrals[0].ID),
				map[string]any{"answer": "accepted", "version": d.Referrals[0].Version}
		}},
		{"GET", "/api/v1/finance/lines", [6]int{200, 200, 200, f, 200, u}, fixed("/api/v1/finance/lines", nil)},
		{"POST", "/api/v1/finance/lines", [6]int{f, f, f, f, a, u}, func(_ *env, id ids, _ int64, _ string) (string, any) {
			return "/api/v1/finance/lines", map[string]any{"enterprise_id": id.own, "amount_fen": 100, "mode": "direct", "valid_to": "2027-12-31"}
		}},
		{"GET", "/api/v1/finance/loans", [6]int{200, 200, 200, f, 200, u}, fixed("/api/v1/finance/loans", nil)},
		{"POST", "/api/v1/finance/loans", [6]int{f, f, f, f, a, u}, func(_ *env, id ids, _ int64, role string) (string, any) {
			return "/api/v1/finance/loans", map[string]any{"enterprise_id": id.own, "note_no": "M-" + roleName(role), "amount_fen": 100,
				"spread_bp": 30, "term_months": 12, "drawn_on": "2026-09-01"}
		}},
		{"GET", "/api/v1/finance/totals", [6]int{200, 200, f, f, 200, u}, fixed("/api/v1/finance/totals?by=bank", nil)},
		{"GET", "/api/v1/finance/matchmakings", [6]int{200, 200, 200, 200, 200, u}, fixed("/api/v1/finance/matchmakings", nil)},
		{"POST", "/api/v1/finance/matchmakings", [6]int{a, a, f, f, f, u}, func(_ *env, id ids, _ int64, _ string) (string, any) {
			return "/api/v1/finance/matchmakings", map[string]any{"title": "金水区政银企对接会", "held_on": "2026-10-15", "enterprise_ids": []int64{id.jinshui}}
		}},
		{"POST", "/api/v1/finance/matchmakings/{id}/record", [6]int{200, f, f, f, f, u}, func(e *env, id ids, _ int64, _ string) (string, any) {
			m, v := e.created("city", "/api/v1/finance/matchmakings", map[string]any{"title": "市级对接会", "held_on": "2026-10-15",
				"enterprise_ids": []int64{id.jinshui}})
			return fmt.Sprintf("/api/v1/finance/matchmakings/%d/record", m), map[string]any{"outcome": "签约 2 家", "version": v}
		}},
		{"GET", "/api/v1/finance/overview", [6]int{200, 200, 200, f, f, u}, fixed("/api/v1/finance/overview", nil)},
		{"POST", "/api/v1/finance/insurance-policies", [6]int{a, a, f, f, f, u}, func(e *env, id ids, _ int64, role string) (string, any) {
			var o struct {
				Products []struct{ ID int64 } `json:"insurance_products"`
			}
			e.do("city", "GET", "/api/v1/finance/overview", nil).json(e.t, &o)
			if len(o.Products) == 0 {
				e.t.Fatal("no insurance product in the demo")
			}
			return "/api/v1/finance/insurance-policies", map[string]any{"product_id": o.Products[0].ID, "enterprise_id": id.jinshui,
				"policy_no": "M-" + roleName(role), "insured_fen": 100_000_00, "premium_fen": 300_00, "valid_from": "2026-09-01", "valid_to": "2027-08-31"}
		}},
		{"POST", "/api/v1/finance/fund-projects", [6]int{a, a, f, f, f, u}, func(_ *env, id ids, _ int64, _ string) (string, any) {
			return "/api/v1/finance/fund-projects", map[string]any{"enterprise_id": id.jinshui, "fund": "郑州市中小企业发展基金", "stage": "reserve", "amount_fen": 0}
		}},
		{"POST", "/api/v1/finance/bridge-requests", [6]int{a, a, a, f, f, u}, func(_ *env, id ids, _ int64, _ string) (string, any) {
			return "/api/v1/finance/bridge-requests", map[string]any{"enterprise_id": id.own, "amount_fen": 100_000_00, "term_days": 30, "purpose": "续贷过桥"}
		}},
		{"POST", "/api/v1/finance/bridge-requests/{id}/decide", [6]int{200, 200, f, f, f, u}, func(e *env, id ids, _ int64, _ string) (string, any) {
			b, v := e.created("city", "/api/v1/finance/bridge-requests", map[string]any{"enterprise_id": id.own, "amount_fen": 1, "term_days": 30, "purpose": "续贷过桥"})
			return fmt.Sprintf("/api/v1/finance/bridge-requests/%d/decide", b), map[string]any{"status": "approved", "outcome": "同意", "version": v}
		}},
		{"POST", "/api/v1/finance/central-projects", [6]int{a, f, f, f, f, u}, func(e *env, _ ids, _ int64, _ string) (string, any) {
			return "/api/v1/finance/central-projects", centralBody(e.enterpriseOf("key_little_giant", ""))
		}},
		{"POST", "/api/v1/finance/central-projects/{id}/stages/{seq}", [6]int{200, f, f, f, f, u}, func(e *env, _ ids, _ int64, _ string) (string, any) {
			p, _ := e.created("city", "/api/v1/finance/central-projects", centralBody(e.enterpriseOf("key_little_giant", "")))
			return fmt.Sprintf("/api/v1/finance/central-projects/%d/stages/1", p), map[string]any{"review": "passed", "version": 1}
		}},
		// The demo enterprise is 创新型: the subsidy is for 小巨人 (400).
		{"POST", "/api/v1/finance/subsidies", [6]int{a, a, 400, f, f, u}, func(e *env, id ids, _ int64, role string) (string, any) {
			ent := id.own
			if role == "city" || role == "district" {
				ent = e.enterpriseOf("little_giant", "410105")
			}
			year := 2020 + slices.Index(roles, role)
			return "/api/v1/finance/subsidies", map[string]any{"enterprise_id": ent, "year": year, "invoices": []map[string]any{
				{"invoice_no": "F1", "kind": "equipment", "issued_on": fmt.Sprintf("%d-05-01", year), "amount_fen": 1_234_567}}}
		}},
	}
}

func centralBody(enterprise int64) map[string]any {
	return map[string]any{"enterprise_id": enterprise, "name": "智能产线", "year": 2025, "total_fen": 300,
		"stages": []map[string]any{{"amount_fen": 100}, {"amount_fen": 200}}}
}

// TestBankSeesOnlyConsenting runs every GET route of an enterprise as the
// demo bank, for an enterprise that did not consent (404 on each) and for
// the demo enterprise that did; then the enterprise revokes, and the bank's
// next request finds nothing.
func TestBankSeesOnlyConsenting(t *testing.T) {
	for _, eng := range testdb.Engines() {
		t.Run(eng, func(t *testing.T) {
			e := newEnv(t, eng)
			id := e.ids()
			var paths []string
			for _, rt := range e.app.API.Routes() {
				if rt.Method == "GET" && strings.Contains(rt.Pattern, "/enterprises/{id}") {
					paths = append(paths, rt.Pattern)
				}
			}
			if len(paths) < 5 {
				t.Fatalf("enterprise routes: %v", paths)
			}
			path := func(p string, ent int64) string {
				return strings.NewReplacer("{id}", fmt.Sprint(ent), "{aid}", "1", "{year}", "2025").Replace(p)
			}
			for _, p := range paths {
				for _, other := range []int64{id.jinshui, id.other} {
					if res := e.do("bank", "GET", path(p, other), nil); res.status != 404 && res.status != 403 {
						t.Errorf("bank GET %s (no consent): %d, want 404: %.200s", path(p, other), res.status, res.body)
					}
				}
			}
			for _, list := range []string{"/api/v1/bank/enterprises", "/api/v1/enterprises", "/api/v1/finance/referrals", "/api/v1/finance/lines"} {
				body := string(e.do("bank", "GET", list+"?limit=500", nil).body)
				for _, other := range []int64{id.jinshui, id.other} {
					if strings.Contains(body, e.usccOf(other)) || strings.Contains(body, fmt.Sprintf(`"enterprise_id":%d,`, other)) {
						t.Errorf("%s lists enterprise %d, which did not consent", list, other)
					}
				}
			}
			if res := e.do("bank", "GET", fmt.Sprintf("/api/v1/bank/enterprises/%d", id.own), nil); res.status != 200 {
				t.Fatalf("bank reads the consenting enterprise: %s", res)
			}
			var k struct{ ID int64 }
			e.first("enterprise", fmt.Sprintf("/api/v1/enterprises/%d/consents", id.own), &k)
			if res := e.do("enterprise", "DELETE", fmt.Sprintf("/api/v1/consents/%d", k.ID), nil); res.status != 200 {
				t.Fatalf("revoke: %s", res)
			}
			for _, p := range []string{"/api/v1/bank/enterprises/%d", "/api/v1/enterprises/%d"} {
				if res := e.do("bank", "GET", fmt.Sprintf(p, id.own), nil); res.status != 404 {
					t.Errorf("after the revocation, bank GET %s: %d, want 404", fmt.Sprintf(p, id.own), res.status)
				}
			}
			if body := string(e.do("bank", "GET", "/api/v1/bank/enterprises?limit=500", nil).body); strings.Contains(body, e.usccOf(id.own)) {
				t.Error("after the revocation the bank still lists the enterprise")
			}
			// Grant, use and revocation are audited.
			audit := string(e.do("city", "GET", "/api/v1/audit?limit=500", nil).body)
			for _, action := range []string{"consent.use", "consent.revoke"} {
				if !strings.Contains(audit, `"`+action+`"`) {
					t.Errorf("no %s in the audit log", action)
				}
			}
		})
	}
}
