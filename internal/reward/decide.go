package reward

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"zjtx/internal/cultivation"
	"zjtx/internal/profile"
)

// Reasons an enterprise is not on the list (不予兑付), as codes; ReasonZH
// gives the words, and each item's Reason text adds its particulars.
const (
	ReasonJurisdiction = "jurisdiction"    // registered outside the policy's jurisdiction
	ReasonCreditFlag   = "credit_flag"     // a credit flag the policy excludes on
	ReasonAlreadyPaid  = "already_paid"    // this recognition, or an equal or higher one, was rewarded
	ReasonHigherGroup  = "higher_in_group" // a higher policy of the group applies the same year
	ReasonNoTopUp      = "no_top_up"       // an upgrade, and the group does not pay the difference
	ReasonBudget       = "budget"          // cut by the budget, in BudgetOrder
	ReasonObjection    = "objection"       // withdrawn on an objection (撤销)
)

// ReasonZH names the reasons.
var ReasonZH = map[string]string{ReasonJurisdiction: "注册地不在政策辖区", ReasonCreditFlag: "存在信用异常标记",
	ReasonAlreadyPaid: "已享受本组奖励", ReasonHigherGroup: "同年适用更高奖励（从高不重复）",
	ReasonNoTopUp: "升级不补差", ReasonBudget: "预算不足", ReasonObjection: "异议成立，撤销"}

// BudgetOrder states the order in which a budget is spent: earlier
// recognition first, then by 统一社会信用代码. Items are taken in that order
// until the first that no longer fits; it and every later one are cut, so
// the order alone decides who is cut, never the size of an amount.
const BudgetOrder = "按认定日期先后，同日按统一社会信用代码顺序，预算用尽后顺延的企业不予兑付"

// Recognition is what a run needs of one 认定.
type Recognition struct {
	ID    int64        `json:"id"`
	Tier  string       `json:"tier"`
	Level string       `json:"level"`
	Batch string       `json:"batch"`
	DocNo string       `json:"doc_no"`
	On    profile.Date `json:"recognized_on"`
}

// Candidate is an enterprise holding a recognition of the policy's tier,
// with its facts.
type Candidate struct {
	EnterpriseID int64
	Name         string
	USCC         string
	Region       string
	Flags        []string // the flags.* keys set to true
	Recognitions []Recognition
}

// Prior is a reward of the group an enterprise already holds: an item of
// an approved run, or an imported earlier payment.
type Prior struct {
	EnterpriseID  int64
	RecognitionID int64 // 0 when an import could not name it
	AmountFen     int64
	What          string // "2024年 省级专精特新中小企业一次性奖励（批次 #3）"
}

// Item is one enterprise's line in a run.
type Item struct {
	EnterpriseID  int64  `json:"enterprise_id"`
	RecognitionID int64  `json:"recognition_id"`
	Name          string `json:"name"`
	USCC          string `json:"uscc"`
	Region        string `json:"region"`
	AmountFen     int64  `json:"amount_fen"`
	Status        string `json:"status"`
	Reason        string `json:"reason"`      // a Reason* code for excluded items
	ReasonText    string `json:"reason_text"` // in Chinese, with particulars
	Explanation   string `json:"explanation"` // why it is eligible, or what was checked
	RecognizedOn  profile.Date
	DocNo         string
	Batch         string
}

// Input is everything a dry run decides from.
type Input struct {
	Policy     *Policy
	Group      []*Policy // the policies of its dedupe group, Policy among them
	Candidates []Candidate
	Priors     []Prior
	Budget     int64 // what is left of the policy's budget, in 分
	Limited    bool  // false: the policy has no budget
}

// matches returns the earliest recognition of c that qualifies for p.
func matches(p *Policy, c *Candidate) (Recognition, bool) {
	var best Recognition
	found := false
	for _, r := range c.Recognitions {
		if r.Tier != p.Tier || r.Level != p.Level {
			continue
		}
		if p.Conditions.RecognizedInYear && r.On.Y != p.Year {
			continue
		}
		if !found || r.On.Before(best.On) {
			best, found = r, true
		}
	}
	return best, found
}

// Decide lists every candidate that holds a qualifying recognition,
// proposed with its explanation or excluded with its reason, and the total
// of the proposed items. Checks run in a fixed order — jurisdiction,
// credit, 从高不重复, budget — and the first that fails is the reason.
func Decide(in Input) ([]Item, int64) {
	p := in.Policy
	priors := map[int64][]Prior{}
	for _, pr := range in.Priors {
		priors[pr.EnterpriseID] = append(priors[pr.EnterpriseID], pr)
	}
	var items []Item
	for i := range in.Candidates {
		c := &in.Candidates[i]
		rec, ok := matches(p, c)
		if !ok {
			continue
		}
		it := Item{EnterpriseID: c.EnterpriseID, RecognitionID: rec.ID, Name: c.Name, USCC: c.USCC, Region: c.Region,
			RecognizedOn: rec.On, DocNo: rec.DocNo, Batch: rec.Batch, AmountFen: p.AmountFen, Status: ItemProposed}
		facts := []string{fmt.Sprintf("%s 认定为%s%s（%s，%s）", rec.On, cultivation.LevelZH[rec.Level],
			cultivation.TierZH[rec.Tier], rec.Batch, rec.DocNo)}
		decide(p, in.Group, c, priors[c.EnterpriseID], &it, &facts)
		it.Explanation = strings.Join(facts, "；")
		items = append(items, it)
	}
	slices.SortFunc(items, func(a, b Item) int {
		return cmp.Or(cmp.Compare(a.RecognizedOn.Key(), b.RecognizedOn.Key()), cmp.Compare(a.USCC, b.USCC))
	})
	return items, cutBudget(items, in.Budget, in.Limited)
}

// decide applies the checks before the budget to one item.
func decide(p *Policy, group []*Policy, c *Candidate, priors []Prior, it *Item, facts *[]string) {
	exclude := func(reason, text string) {
		it.Status, it.Reason, it.ReasonText, it.AmountFen = ItemExcluded, reason, text, 0
	}
	if p.Conditions.RegisteredInJurisdiction && p.Jurisdiction != "" && c.Region != p.Jurisdiction {
		exclude(ReasonJurisdiction, ReasonZH[ReasonJurisdiction])
		return
	}
	for _, f := range p.Conditions.NoCreditFlags {
		if slices.Contains(c.Flags, f) {
			exclude(ReasonCreditFlag, ReasonZH[ReasonCreditFlag]+"："+CreditFlagZH[f])
			return
		}
	}
	if len(p.Conditions.NoCreditFlags) > 0 {
		*facts = append(*facts, "无信用异常标记")
	}
	var had int64
	var what []string
	for _, pr := range priors {
		if pr.RecognitionID == it.RecognitionID && pr.RecognitionID != 0 {
			exclude(ReasonAlreadyPaid, "该认定已享受奖励："+pr.What)
			return
		}
		had += pr.AmountFen
		what = append(what, pr.What)
	}
	for _, g := range group {
		if g.Rank < p.Rank && g.Object == ObjectEnterprise {
			if _, ok := matches(g, c); ok && g.Year == p.Year {
				exclude(ReasonHigherGroup, ReasonZH[ReasonHigherGroup]+"："+g.Name+" "+FormatWan(g.AmountFen))
				return
			}
		}
	}
	switch {
	case had == 0:
		*facts = append(*facts, "未享受本组奖励", "拟兑付 "+FormatWan(p.AmountFen))
	case had >= p.AmountFen:
		exclude(ReasonAlreadyPaid, "已享受本组同等或更高奖励："+strings.Join(what, "、"))
	case !p.TopUp:
		exclude(ReasonNoTopUp, "已享受本组奖励 "+FormatWan(had)+"（"+strings.Join(what, "、")+"），升级不补差")
	default:
		it.AmountFen = p.AmountFen - had
		*facts = append(*facts, "已享受本组奖励 "+FormatWan(had)+"（"+strings.Join(what, "、")+"）",
			"升级补差 "+FormatWan(it.AmountFen))
	}
}

// cutBudget cuts proposed items in their order (BudgetOrder) once the
// budget no longer covers one, and returns the total of those left.
func cutBudget(items []Item, budget int64, limited bool) int64 {
	var total int64
	cut := false
	for i := range items {
		it := &items[i]
		if it.Status != ItemProposed {
			continue
		}
		if limited && (cut || total+it.AmountFen > budget) {
			cut = true
			it.Status, it.Reason, it.AmountFen = ItemExcluded, ReasonBudget, 0
			it.ReasonText = fmt.Sprintf("%s：预算余额 %s 元，%s", ReasonZH[ReasonBudget], FormatFen(budget-total), BudgetOrder)
			continue
		}
		total += it.AmountFen
	}
	return total
}

// Mask shows an account number with all but its last four digits hidden:
// the number appears in full only on the payment list.
func Mask(account string) string {
	r := []rune(account)
	if len(r) <= 4 {
		return strings.Repeat("*", len(r))
	}
	return strings.Repeat("*", len(r)-4) + string(r[len(r)-4:])
}
