package web

import (
	"zjtx/internal/carrier"
	"zjtx/internal/cultivation"
	"zjtx/internal/programme"
	"zjtx/internal/reward"
)

// rewardItemRow is an item as the pages show it: amounts in yuan, states
// and reasons in Chinese.
type rewardItemRow struct {
	*reward.RunItem
	Amount      string
	StatusName  string
	RegionName  string
	SubjectName string // what the holder is: 创新载体, 参赛项目…
}

// subjectZH names an item's holder when it is not the payee.
var subjectZH = map[string]string{reward.ObjectCarrier: "载体", reward.ObjectCluster: "集群", reward.ObjectPrize: "参赛项目"}

func (w *Web) rewardItemRows(items []*reward.RunItem) []rewardItemRow {
	out := make([]rewardItemRow, len(items))
	for i, it := range items {
		out[i] = rewardItemRow{RunItem: it, Amount: reward.FormatFen(it.AmountFen), StatusName: reward.ItemZH[it.Status],
			RegionName: w.region[it.Region], SubjectName: subjectZH[it.Subject]}
	}
	return out
}

// rewardRunRow is a run in a list.
type rewardRunRow struct {
	*reward.Run
	Total     string
	StateName string
}

func rewardRunRowOf(r *reward.Run) rewardRunRow {
	return rewardRunRow{Run: r, Total: reward.FormatFen(r.TotalFen), StateName: reward.RunZH[r.State]}
}

// rewardPolicyRow is a policy in a list.
type rewardPolicyRow struct {
	*reward.Policy
	Amount, Budget string
	What           string    // what it rewards: 国家级创业创新示范基地, 创客中国全国50强…
	Docs           []docLink // the library documents its 文号 names
}

func rewardPolicyRowOf(p *reward.Policy) rewardPolicyRow {
	budget := "不限"
	if p.BudgetFen > 0 {
		budget = reward.FormatWan(p.BudgetFen)
	}
	level := cultivation.LevelZH[p.Level]
	what := level + reward.ObjectZH[p.Object]
	switch p.Object {
	case reward.ObjectEnterprise:
		what = level + cultivation.TierZH[p.Tier]
	case reward.ObjectCarrier:
		what = level + carrier.KindZH[p.Kind]
	case reward.ObjectPrize:
		what = "创客中国" + programme.ResultZH[p.Kind]
	}
	return rewardPolicyRow{Policy: p, Amount: reward.FormatWan(p.AmountFen), Budget: budget, What: what}
}
