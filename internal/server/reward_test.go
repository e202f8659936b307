package server_test

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestRewardAPI walks a run through the API: the dry run's reasons, the
// two-person approval, what each role sees, and the payment list.
func TestRewardAPI(t *testing.T) {
	eachEngine(t, func(t *testing.T, eng string) {
		e := newEnv(t, eng)
		own := e.recogniseOwn()
		var run rewardRunView
		res := e.do("city2", "POST", "/api/v1/reward-runs", map[string]any{"policy_id": e.rewardPolicyID("zz2025.srdi_provincial")})
		res.json(t, &run)
		if res.status != 201 || run.State != "draft" {
			t.Fatalf("dry run: %s", res)
		}
		var sum int64
		var mine bool
		for _, it := range run.Items {
			switch it.Status {
			case "proposed":
				sum += it.AmountFen
				if it.Explanation == "" {
					t.Errorf("proposed item without explanation: %+v", it)
				}
			case "excluded":
				if it.Reason == "" || it.ReasonText == "" || it.AmountFen != 0 {
					t.Errorf("excluded item without reason: %+v", it)
				}
			default:
				t.Errorf("dry-run item status %q", it.Status)
			}
			mine = mine || it.EnterpriseID == own && it.Status == "proposed"
		}
		if sum != run.TotalFen || !mine {
			t.Errorf("items sum to %d, total %d; own enterprise proposed %v", sum, run.TotalFen, mine)
		}
		run = e.runAction(run, runStep{"submit", "city2", nil})
		res = e.do("city2", "POST", fmt.Sprintf("/api/v1/reward-runs/%d/approve", run.ID), map[string]any{"version": run.Version})
		if res.status != 403 || !strings.Contains(string(res.body), "试算人不能审核") {
			t.Errorf("approve by the preparer: %s; want 403", res)
		}
		// Before 公示 the enterprise sees nothing of the run.
		if p := e.list("enterprise", "/api/v1/reward-items"); p.Total != 0 {
			t.Errorf("enterprise sees %d items before 公示", p.Total)
		}
		run = e.runAction(run, rewardSteps[1])
		run = e.runAction(run, rewardSteps[2])
		var items struct {
			Items []struct {
				Status      string `json:"status"`
				Explanation string `json:"explanation"`
				PolicyName  string `json:"policy_name"`
			} `json:"items"`
			Total int `json:"total"`
		}
		e.do("enterprise", "GET", "/api/v1/reward-items", nil).json(t, &items)
		if items.Total != 1 || items.Items[0].Status != "proposed" || !strings.Contains(items.Items[0].Explanation, "拟兑付 50万元") {
			t.Errorf("enterprise's items: %+v", items)
		}
		var dv rewardRunView
		e.do("district", "GET", fmt.Sprintf("/api/v1/reward-runs/%d", run.ID), nil).json(t, &dv)
		if len(dv.Items) == 0 || len(dv.Items) >= len(run.Items) {
			t.Errorf("district sees %d of %d items; want its own only", len(dv.Items), len(run.Items))
		}
		for _, it := range dv.Items {
			if it.Region != "410105" {
				t.Errorf("district sees an item of %s", it.Region)
			}
		}
		for _, s := range rewardSteps[3:5] {
			if s.action == "close-publicity" {
				e.pastPublicity()
			}
			run = e.runAction(run, s)
		}
		e.saveOwnAccount()
		item, v := e.ownItem(run)
		res = e.do("enterprise", "POST", fmt.Sprintf("/api/v1/reward-items/%d/confirm", item), map[string]any{"version": v, "pledge": true})
		if res.status != 200 || !strings.Contains(string(res.body), `"account_masked":"************7890"`) || strings.Contains(string(res.body), "6222021234567890") {
			t.Errorf("confirm: %s; want the account masked", res)
		}
		run = e.runAction(run, rewardSteps[5])
		res = e.do("city", "GET", fmt.Sprintf("/api/v1/reward-runs/%d/payments.xlsx", run.ID), nil)
		if res.status != 200 {
			t.Fatalf("payments.xlsx: %s", res)
		}
		f, err := excelize.OpenReader(bytes.NewReader(res.body))
		if err != nil {
			t.Fatal(err)
		}
		rows, _ := f.GetRows(f.GetSheetName(0))
		if got := strings.Join(rows[0], ","); got != "企业名称,统一社会信用代码,开户行,账号,金额,政策,文号,区县" {
			t.Errorf("header %s", got)
		}
		if len(rows) != 2 || rows[1][3] != "6222021234567890" || rows[1][4] != "500000.00" || rows[1][7] != "金水区" {
			t.Errorf("rows %v; want the confirmed item with its account in full", rows)
		}
	})
}

// TestRewardBadInput: money is refused beyond the 分, a prize policy must
// name a result, clusters are run like enterprises, and earlier payments
// are checked row by row.
func TestRewardBadInput(t *testing.T) {
	e := newEnv(t, "sqlite")
	res := e.do("city", "POST", "/api/v1/reward-policies", map[string]any{"code": "x", "doc_no": "金政〔2025〕8号", "name": "区级奖励",
		"tier": "srdi", "level": "provincial", "year": 2025, "amount": "100.123", "dedupe_group": "g", "rank": 1})
	if res.status != 400 || !strings.Contains(string(res.body), "金额") || !strings.Contains(string(res.body), "到分") {
		t.Errorf("three decimals: %s", res)
	}
	res = e.do("city", "POST", "/api/v1/reward-policies", map[string]any{"code": "y", "doc_no": "金政〔2025〕8号", "name": "区级创客奖励",
		"object": "prize", "kind": "gold", "level": "national", "year": 2025, "amount": "5万元", "dedupe_group": "g", "rank": 1})
	if res.status != 400 || !strings.Contains(string(res.body), "获奖名次") {
		t.Errorf("prize policy of no result: %s", res)
	}
	res = e.do("city", "POST", "/api/v1/reward-runs", map[string]any{"policy_id": e.rewardPolicyID("zz2025.cluster_national")})
	if res.status != 201 {
		t.Errorf("cluster run: %s; want it run like the others", res)
	}
	id := e.ids()
	book := earlierPayments(t,
		[]any{e.usccOf(id.other), "", "专精特新中小企业", "省级专精特新奖励", "2024", "50万元", "2024-10-08", "V1"},
		[]any{"91410100MA0000000Y", "", "专精特新", "省级专精特新奖励", "二〇二四", "1.234", "2024-13-01", "V2"},
	)
	res = e.do("city", "POST", "/api/v1/reward-payments/import", book)
	var out struct {
		Rows, Created int
		Errors        []struct {
			Row       int    `json:"row"`
			Field     string `json:"field"`
			Message   string `json:"message"`
			MessageEN string `json:"message_en"`
		}
	}
	res.json(t, &out)
	fields := map[string]bool{}
	for _, er := range out.Errors {
		if er.Row != 3 || er.Message == "" || er.MessageEN == "" {
			t.Errorf("error %+v; want row 3 in Chinese and English", er)
		}
		fields[er.Field] = true
	}
	if res.status != 422 || out.Created != 0 || !fields["uscc"] || !fields["year"] || !fields["amount"] || !fields["paid_on"] {
		t.Errorf("import with a bad row: %s; want 422, nothing created, errors on uscc, year, amount, paid_on", res)
	}
	res = e.do("city", "POST", "/api/v1/reward-payments/import", earlierPayments(t, book2(e, id.own)...))
	if res.status != 200 {
		t.Fatalf("import: %s", res)
	}
	// The 2025 recognition paid earlier elsewhere: the dry run excludes it.
	e.recogniseOwn()
	var run rewardRunView
	e.do("city", "POST", "/api/v1/reward-runs", map[string]any{"policy_id": e.rewardPolicyID("zz2025.srdi_provincial")}).json(t, &run)
	for _, it := range run.Items {
		if it.EnterpriseID == id.own && (it.Status != "excluded" || it.Reason != "already_paid" || !strings.Contains(it.ReasonText, "历史兑付")) {
			t.Errorf("own item %+v; want excluded as paid earlier", it)
		}
	}
}

func book2(e *env, own int64) [][]any {
	return [][]any{{e.usccOf(own), "", "专精特新中小企业", "省级专精特新奖励（原系统）", "2025", "500000.00", "2025-06-30", "YX-1"}}
}

// TestRewardPrizeAPI dry-runs the 创客中国 二等奖 reward through the API: the
// placed enterprises are proposed, the maker team is excluded as 无企业主体
// with no enterprise to pay, and the district official sees the items of
// its own district only, the team's among them.
func TestRewardPrizeAPI(t *testing.T) {
	eachEngine(t, func(t *testing.T, eng string) {
		e := newEnv(t, eng)
		type item struct {
			EnterpriseID int64  `json:"enterprise_id"`
			Subject      string `json:"subject"`
			Name         string `json:"name"`
			Region       string `json:"region"`
			AmountFen    int64  `json:"amount_fen"`
			Status       string `json:"status"`
			Reason       string `json:"reason"`
			ReasonText   string `json:"reason_text"`
		}
		var run struct {
			ID       int64  `json:"id"`
			TotalFen int64  `json:"total_fen"`
			Items    []item `json:"items"`
		}
		res := e.do("city", "POST", "/api/v1/reward-runs", map[string]any{"policy_id": e.rewardPolicyID("zz2025.maker_second")})
		res.json(t, &run)
		if res.status != 201 {
			t.Fatalf("dry run: %s", res)
		}
		var sum int64
		var team *item
		for i, it := range run.Items {
			if it.Subject != "prize" {
				t.Errorf("item of subject %q", it.Subject)
			}
			switch {
			case it.Name == "郑大青年创客团队":
				team = &run.Items[i]
			case it.Status == "proposed":
				sum += it.AmountFen
			}
		}
		if team == nil || team.Status != "excluded" || team.Reason != "no_enterprise" || team.EnterpriseID != 0 ||
			team.AmountFen != 0 || !strings.Contains(team.ReasonText, "无企业主体") {
			t.Errorf("maker team: %+v", team)
		}
		if sum == 0 || sum != run.TotalFen || sum%5_000_000 != 0 {
			t.Errorf("proposed sum %d 分, total %d; want 5 万 each", sum, run.TotalFen)
		}
		var seen struct {
			Items []item `json:"items"`
		}
		e.do("district", "GET", fmt.Sprintf("/api/v1/reward-runs/%d", run.ID), nil).json(t, &seen)
		var teamSeen bool
		for _, it := range seen.Items {
			if it.Region != "410105" {
				t.Errorf("the 金水区 official sees an item of %s: %+v", it.Region, it)
			}
			teamSeen = teamSeen || it.Name == "郑大青年创客团队"
		}
		if !teamSeen {
			t.Errorf("the 金水区 official does not see the team of its district: %+v", seen.Items)
		}
	})
}
