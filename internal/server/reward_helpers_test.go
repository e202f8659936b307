package server_test

import (
	"bytes"
	"fmt"
	"sync"
	"testing"
	"time"

	"zjtx/internal/xlsx"
)

// rewardRunView is a run as the API answers it.
type rewardRunView struct {
	ID         int64  `json:"id"`
	State      string `json:"state"`
	TotalFen   int64  `json:"total_fen"`
	PreparedBy int64  `json:"prepared_by"`
	Version    int64  `json:"version"`
	Items      []struct {
		ID            int64  `json:"id"`
		EnterpriseID  int64  `json:"enterprise_id"`
		USCC          string `json:"uscc"`
		Region        string `json:"region"`
		AmountFen     int64  `json:"amount_fen"`
		Status        string `json:"status"`
		Reason        string `json:"reason"`
		ReasonText    string `json:"reason_text"`
		Explanation   string `json:"explanation"`
		AccountMasked string `json:"account_masked"`
		Version       int64  `json:"version"`
	} `json:"items"`
}

// rewardPolicyID returns the id of a seeded policy by its code.
func (e *env) rewardPolicyID(code string) int64 {
	e.t.Helper()
	var v struct {
		Items []struct {
			ID   int64  `json:"id"`
			Code string `json:"code"`
		} `json:"items"`
	}
	e.do("city", "GET", "/api/v1/reward-policies", nil).json(e.t, &v)
	for _, p := range v.Items {
		if p.Code == code {
			return p.ID
		}
	}
	e.t.Fatalf("no reward policy %s", code)
	return 0
}

// recogniseOwn gives the demo enterprise account's enterprise a 2025
// 省级专精特新 recognition, so that the SRDI runs list it.
func (e *env) recogniseOwn() int64 {
	e.t.Helper()
	own := e.ids().own
	body := recognitionBody(own, "2025年奖励测试批")
	if res := e.do("city", "POST", "/api/v1/recognitions", body); res.status != 201 && res.status != 200 {
		e.t.Fatalf("recognise: %s", res)
	}
	return own
}

// runStep is one action on a run, by whom and with what.
type runStep struct {
	action, role string
	body         map[string]any
}

// rewardSteps lead a run from draft to each state: city2 prepares, city
// approves, city2 does the rest.
var rewardSteps = []runStep{
	{"submit", "city2", nil},
	{"approve", "city", map[string]any{"opinion": "同意"}},
	{"publicize", "city2", map[string]any{"notice_no": "郑工信公示〔2026〕9号", "days": 5}},
	{"close-publicity", "city2", nil},
	{"start-confirmation", "city2", nil},
	{"export", "city2", nil},
}

// rewardRunIn prepares a run of the 2025 SRDI policy (the own enterprise
// recognised, so the run lists it) and moves it to state.
func (e *env) rewardRunIn(state string) rewardRunView {
	e.t.Helper()
	e.recogniseOwn()
	var run rewardRunView
	res := e.do("city2", "POST", "/api/v1/reward-runs", map[string]any{"policy_id": e.rewardPolicyID("zz2025.srdi_provincial")})
	if res.status != 201 {
		e.t.Fatalf("dry run: %s", res)
	}
	res.json(e.t, &run)
	for _, s := range rewardSteps {
		if run.State == state {
			break
		}
		if s.action == "close-publicity" {
			e.pastPublicity()
		}
		run = e.runAction(run, s)
	}
	if run.State != state {
		e.t.Fatalf("run in %s; want %s", run.State, state)
	}
	return run
}

func (e *env) runAction(run rewardRunView, s runStep) rewardRunView {
	e.t.Helper()
	body := map[string]any{"version": run.Version}
	for k, v := range s.body {
		body[k] = v
	}
	res := e.do(s.role, "POST", fmt.Sprintf("/api/v1/reward-runs/%d/%s", run.ID, s.action), body)
	if res.status != 200 {
		e.t.Fatalf("%s as %s: %s", s.action, s.role, res)
	}
	var out rewardRunView
	res.json(e.t, &out)
	return out
}

// ownItem returns the own enterprise's item of run, as the enterprise sees it.
func (e *env) ownItem(run rewardRunView) (id, version int64) {
	e.t.Helper()
	var v rewardRunView
	e.do("city", "GET", fmt.Sprintf("/api/v1/reward-runs/%d", run.ID), nil).json(e.t, &v)
	own := e.ids().own
	for _, it := range v.Items {
		if it.EnterpriseID == own {
			return it.ID, it.Version
		}
	}
	e.t.Fatalf("own enterprise not in run %d", run.ID)
	return 0, 0
}

// saveOwnAccount confirms the own enterprise's account.
func (e *env) saveOwnAccount() {
	e.t.Helper()
	own := e.ids().own
	if e.do("enterprise", "GET", fmt.Sprintf("/api/v1/enterprises/%d/reward-account", own), nil).status == 200 {
		return // confirmed already
	}
	name := e.profileOf(own)["name"]
	res := e.do("enterprise", "PUT", fmt.Sprintf("/api/v1/enterprises/%d/reward-account", own),
		map[string]any{"holder": name, "bank": "中原银行郑州分行", "account_no": "6222021234567890"})
	if res.status != 200 {
		e.t.Fatalf("save account: %s", res)
	}
}

// rewardCache keeps one publicizing run per env, for the rows that need
// one: the own enterprise can be claimed by one approved run only.
var rewardCache sync.Map // *env → rewardRunView

func (e *env) publicizingRun() rewardRunView {
	if v, ok := rewardCache.Load(e); ok {
		return v.(rewardRunView)
	}
	run := e.rewardRunIn("publicizing")
	rewardCache.Store(e, run)
	return run
}

// earlierPayments is a sheet of earlier payments.
func earlierPayments(tb testing.TB, rows ...[]any) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := xlsx.EarlierPaymentList(&buf, rows...); err != nil {
		tb.Fatal(err)
	}
	return buf.Bytes()
}

// rewardRows are the matrix rows of the reward routes. A route only the
// city (or only an enterprise) may call builds its record for that role
// alone: the others are refused before the record matters.
func rewardRows(t *testing.T) []matrixRow {
	// only builds the record for who; the other roles call dummy, which
	// the route refuses them before reading it.
	only := func(who, dummy string, build func(e *env, id ids) (string, any)) func(*env, ids, int64, string) (string, any) {
		return func(e *env, id ids, _ int64, role string) (string, any) {
			if role != who {
				return dummy, map[string]any{"version": 1}
			}
			return build(e, id)
		}
	}
	runAt := func(state, action string, body map[string]any) func(*env, ids, int64, string) (string, any) {
		return only("city", "/api/v1/reward-runs/1/"+action, func(e *env, _ ids) (string, any) {
			run := e.rewardRunIn(state)
			b := map[string]any{"version": run.Version}
			for k, v := range body {
				b[k] = v
			}
			return fmt.Sprintf("/api/v1/reward-runs/%d/%s", run.ID, action), b
		})
	}
	fixed := func(path string) func(*env, ids, int64, string) (string, any) {
		return func(*env, ids, int64, string) (string, any) { return path, nil }
	}
	return []matrixRow{
		{"GET", "/api/v1/reward-policies", [6]int{200, 200, 200, 200, 200, 401}, fixed("/api/v1/reward-policies")},
		{"POST", "/api/v1/reward-policies", [6]int{201, 201, 403, 403, 403, 401}, func(_ *env, _ ids, _ int64, role string) (string, any) {
			return "/api/v1/reward-policies", map[string]any{"code": "jinshui.srdi." + roleName(role), "doc_no": "金政〔2025〕8号",
				"name": "金水区专精特新奖励", "tier": "srdi", "level": "provincial", "jurisdiction": "410105", "year": 2025,
				"amount": "20万元", "dedupe_group": "jinshui_srdi", "rank": 1}
		}},
		{"GET", "/api/v1/reward-runs", [6]int{200, 200, 403, 403, 403, 401}, fixed("/api/v1/reward-runs")},
		{"POST", "/api/v1/reward-runs", [6]int{201, 403, 403, 403, 403, 401}, func(e *env, _ ids, _ int64, _ string) (string, any) {
			return "/api/v1/reward-runs", map[string]any{"policy_id": e.rewardPolicyID("zz2025.srdi_provincial")}
		}},
		{"GET", "/api/v1/reward-runs/{id}", [6]int{200, 200, 403, 403, 403, 401}, func(e *env, _ ids, _ int64, _ string) (string, any) {
			return fmt.Sprintf("/api/v1/reward-runs/%d", e.publicizingRun().ID), nil
		}},
		{"POST", "/api/v1/reward-runs/{id}/submit", [6]int{200, 403, 403, 403, 403, 401}, runAt("draft", "submit", nil)},
		{"POST", "/api/v1/reward-runs/{id}/approve", [6]int{200, 403, 403, 403, 403, 401}, runAt("pending_review", "approve", nil)},
		{"POST", "/api/v1/reward-runs/{id}/return", [6]int{200, 403, 403, 403, 403, 401}, runAt("pending_review", "return", map[string]any{"opinion": "请补充信用核查"})},
		{"POST", "/api/v1/reward-runs/{id}/publicize", [6]int{200, 403, 403, 403, 403, 401}, runAt("approved", "publicize", map[string]any{"notice_no": "公示〔2026〕1号"})},
		{"POST", "/api/v1/reward-runs/{id}/close-publicity", [6]int{200, 403, 403, 403, 403, 401}, only("city", "/api/v1/reward-runs/1/close-publicity", func(e *env, _ ids) (string, any) {
			run := e.rewardRunIn("publicizing")
			e.pastPublicity()
			return fmt.Sprintf("/api/v1/reward-runs/%d/close-publicity", run.ID), map[string]any{"version": run.Version}
		})},
		{"POST", "/api/v1/reward-runs/{id}/start-confirmation", [6]int{200, 403, 403, 403, 403, 401}, runAt("publicized", "start-confirmation", nil)},
		{"POST", "/api/v1/reward-runs/{id}/export", [6]int{200, 403, 403, 403, 403, 401}, runAt("confirming", "export", nil)},
		{"POST", "/api/v1/reward-runs/{id}/cancel", [6]int{200, 403, 403, 403, 403, 401}, runAt("draft", "cancel", map[string]any{"reason": "政策调整"})},
		{"GET", "/api/v1/reward-runs/{id}/payments.xlsx", [6]int{200, 200, 403, 403, 403, 401}, func(e *env, _ ids, _ int64, _ string) (string, any) {
			if v, ok := rewardCache.Load(e); ok {
				return fmt.Sprintf("/api/v1/reward-runs/%d/payments.xlsx", v.(rewardRunView).ID), nil
			}
			run := e.rewardRunIn("exported")
			rewardCache.Store(e, run)
			return fmt.Sprintf("/api/v1/reward-runs/%d/payments.xlsx", run.ID), nil
		}},
		{"POST", "/api/v1/reward-runs/{id}/payments", [6]int{200, 403, 403, 403, 403, 401}, only("city", "/api/v1/reward-runs/1/payments", func(e *env, _ ids) (string, any) {
			run := e.rewardRunIn("exported")
			return fmt.Sprintf("/api/v1/reward-runs/%d/payments", run.ID), map[string]any{"items": []any{}}
		})},
		{"GET", "/api/v1/reward-runs/{id}/objections", [6]int{200, 200, 403, 403, 403, 401}, func(e *env, _ ids, _ int64, _ string) (string, any) {
			return fmt.Sprintf("/api/v1/reward-runs/%d/objections", e.publicizingRun().ID), nil
		}},
		{"GET", "/api/v1/reward-items", [6]int{200, 200, 200, 403, 403, 401}, fixed("/api/v1/reward-items")},
		{"POST", "/api/v1/reward-items/{id}/objections", [6]int{201, 201, 201, 403, 403, 401}, func(e *env, _ ids, _ int64, _ string) (string, any) {
			item, _ := e.ownItem(e.publicizingRun())
			return fmt.Sprintf("/api/v1/reward-items/%d/objections", item), map[string]any{"raised_by": "实名群众", "content": "请核实研发投入"}
		}},
		{"POST", "/api/v1/reward-items/{id}/confirm", [6]int{403, 403, 200, 403, 403, 401}, only("enterprise", "/api/v1/reward-items/1/confirm", func(e *env, _ ids) (string, any) {
			item, v := e.ownItem(e.rewardRunIn("confirming"))
			e.saveOwnAccount()
			return fmt.Sprintf("/api/v1/reward-items/%d/confirm", item), map[string]any{"version": v, "pledge": true}
		})},
		{"POST", "/api/v1/reward-items/{id}/waive", [6]int{403, 403, 200, 403, 403, 401}, only("enterprise", "/api/v1/reward-items/1/waive", func(e *env, _ ids) (string, any) {
			item, v := e.ownItem(e.rewardRunIn("confirming"))
			return fmt.Sprintf("/api/v1/reward-items/%d/waive", item), map[string]any{"version": v}
		})},
		{"POST", "/api/v1/reward-objections/{id}/decide", [6]int{204, 403, 403, 403, 403, 401}, only("city", "/api/v1/reward-objections/1/decide", func(e *env, _ ids) (string, any) {
			item, _ := e.ownItem(e.publicizingRun())
			var o struct {
				ID      int64 `json:"id"`
				Version int64 `json:"version"`
			}
			e.do("district", "POST", fmt.Sprintf("/api/v1/reward-items/%d/objections", item),
				map[string]any{"raised_by": "实名群众", "content": "请核实"}).json(e.t, &o)
			return fmt.Sprintf("/api/v1/reward-objections/%d/decide", o.ID), map[string]any{"version": o.Version, "outcome": "maintained", "decision": "经核实，符合条件"}
		})},
		{"GET", "/api/v1/enterprises/{id}/reward-account", [6]int{200, 200, 200, 403, 403, 401}, func(e *env, id ids, _ int64, _ string) (string, any) {
			e.saveOwnAccount()
			return fmt.Sprintf("/api/v1/enterprises/%d/reward-account", id.own), nil
		}},
		{"PUT", "/api/v1/enterprises/{id}/reward-account", [6]int{403, 403, 200, 403, 403, 401}, func(e *env, id ids, _ int64, _ string) (string, any) {
			return fmt.Sprintf("/api/v1/enterprises/%d/reward-account", id.own),
				map[string]any{"holder": e.profileOf(id.own)["name"], "bank": "中原银行", "account_no": "6222021234567890"}
		}},
		{"POST", "/api/v1/reward-payments/import", [6]int{200, 403, 403, 403, 403, 401}, func(e *env, id ids, _ int64, _ string) (string, any) {
			return "/api/v1/reward-payments/import", earlierPayments(e.t, []any{e.usccOf(id.other), "", "专精特新中小企业", "省级专精特新奖励", "2024", "50万元", "2024-10-08", "V2024-1"})
		}},
	}
}

// pastPublicity moves the clock past a 公示 window begun now, and logs in
// again: the sessions have expired meanwhile.
func (e *env) pastPublicity() {
	e.clock.Add(12 * 24 * time.Hour)
	clear(e.tokens)
}
