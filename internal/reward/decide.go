package reward

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"zjtx/internal/carrier"
	"zjtx/internal/cultivation"
	"zjtx/internal/profile"
	"zjtx/internal/programme"
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
	ReasonNoEnterprise = "no_enterprise"   // no enterprise to pay: a maker team, an operator not registered
)

// ReasonZH names the reasons.
var ReasonZH = map[string]string{ReasonJurisdiction: "注册地不在政策辖区", ReasonCreditFlag: "存在信用异常标记",
	ReasonAlreadyPaid: "已享受本组奖励", ReasonHigherGroup: "同年适用更高奖励（从高不重复）",
	ReasonNoTopUp: "升级不补差", ReasonBudget: "预算不足", ReasonObjection: "异议成立，撤销",
	ReasonNoEnterprise: "无企业主体"}

// noPayee says why a subject has no enterprise to pay.
func noPayee(object, payee string) string {
	switch object {
	case ObjectPrize:
		return "创客组团队“" + payee + "”未登记企业，奖励须拨付至企业"
	case ObjectCarrier, ObjectCluster:
		if payee == "" {
			return "未登记运营主体"
		}
		return "运营主体“" + payee + "”未在平台登记为企业"
	}
	return payee
}

// BudgetOrder states the order in which a budget is spent: earlier
// recognition first, then by 统一社会信用代码. Items are taken in that order
// until the first that no longer fits; it and every later one are cut, so
// the order alone decides who is cut, never the size of an amount.
const BudgetOrder = "按认定日期先后，同日按统一社会信用代码顺序，预算用尽后顺延的企业不予兑付"

// Recognition is what a run needs of one title a subject holds: an
// enterprise's 认定 (ID its recognitions row, Tier its tier), a carrier's
// or a cluster's own recognition (Tier the carrier's kind, "" for a
// cluster), a 创客中国 result (Tier the result, Batch the edition, On the
// first day of the contest year).
type Recognition struct {
	ID    int64        `json:"id"`
	Tier  string       `json:"tier"`
	Level string       `json:"level"`
	Batch string       `json:"batch"`
	DocNo string       `json:"doc_no"`
	On    profile.Date `json:"recognized_on"`
}

// Key names the title within its subject: what 从高不重复 claims once. A
// carrier's or a cluster's upgrade, or an entry's move from 全国500强 to
// 全国50强, is a new title of the same subject.
func (r Recognition) Key() string {
	if r.ID != 0 {
		return "recognition:" + strconv.FormatInt(r.ID, 10)
	}
	return strings.TrimPrefix(r.Tier+":"+r.Level, ":")
}

// describe is the explanation's first fact: what the subject holds.
func (r Recognition) describe(object string) string {
	level := cultivation.LevelZH[r.Level]
	switch object {
	case ObjectCarrier:
		return fmt.Sprintf("%s 认定为%s%s（%s）", r.On, level, carrier.KindZH[r.Tier], r.DocNo)
	case ObjectCluster:
		return fmt.Sprintf("%s 认定为%s中小企业特色产业集群（%s）", r.On, level, r.DocNo)
	case ObjectPrize:
		return fmt.Sprintf("%s获%s", r.Batch, programme.ResultZH[r.Tier])
	}
	return fmt.Sprintf("%s 认定为%s%s（%s，%s）", r.On, level, cultivation.TierZH[r.Tier], r.Batch, r.DocNo)
}

// Candidate is a subject holding a title of the policy's kind, with its
// payee and the payee's facts. For an enterprise the subject is the payee;
// a carrier, a cluster or a contest entry names its payee, an enterprise,
// which a maker team or an operator not registered on the platform lacks.
type Candidate struct {
	SubjectID    int64  // the enterprise, carrier, cluster or contest entry
	Holder       string // the subject's name when it is not the payee
	EnterpriseID int64  // the payee; 0: none
	Payee        string // the payee as the subject names it (an operator, a maker team)
	Name         string // the payee enterprise's name
	USCC         string
	Region       string   // the subject's district
	Flags        []string // the payee's flags.* keys set to true
	Recognitions []Recognition
}

// Prior is a reward of the group a subject already holds: an item of an
// approved run, or an imported earlier payment.
type Prior struct {
	SubjectID int64
	Award     string // the title's Key; "" when an import could not name it
	AmountFen int64
	What      string // "2024年 省级专精特新中小企业一次性奖励（批次 #3）"
}

// Item is one subject's line in a run.
type Item struct {
	Subject       string `json:"subject"` // the policy's object
	SubjectID     int64  `json:"subject_id"`
	Award         string `json:"award"`
	Holder        string `json:"holder,omitempty"`
	EnterpriseID  int64  `json:"enterprise_id"`
	RecognitionID int64  `json:"recognition_id"`
	Payee         string `json:"payee,omitempty"`
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

// Wants is the title a policy rewards besides its level: an enterprise's
// tier, a carrier's kind, a prize's result ("" for a cluster, by level only).
func (p *Policy) Wants() string {
	if p.Object == ObjectEnterprise {
		return p.Tier
	}
	return p.Kind
}

// matches returns the earliest title of c that qualifies for p.
func matches(p *Policy, c *Candidate) (Recognition, bool) {
	var best Recognition
	found := false
	for _, r := range c.Recognitions {
		if r.Tier != p.Wants() || r.Level != p.Level {
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

// Decide lists every candidate that holds a qualifying title, proposed
// with its explanation or excluded with its reason, and the total of the
// proposed items. Checks run in a fixed order — payee, jurisdiction,
// credit, 从高不重复, budget — and the first that fails is the reason.
func Decide(in Input) ([]Item, int64) {
	p := in.Policy
	priors := map[int64][]Prior{}
	for _, pr := range in.Priors {
		priors[pr.SubjectID] = append(priors[pr.SubjectID], pr)
	}
	var items []Item
	for i := range in.Candidates {
		c := &in.Candidates[i]
		rec, ok := matches(p, c)
		if !ok {
			continue
		}
		it := Item{Subject: p.Object, SubjectID: c.SubjectID, Award: rec.Key(), Holder: c.Holder,
			EnterpriseID: c.EnterpriseID, RecognitionID: rec.ID, Payee: c.Payee, Name: c.Name, USCC: c.USCC,
			Region: c.Region, RecognizedOn: rec.On, DocNo: rec.DocNo, Batch: rec.Batch, AmountFen: p.AmountFen,
			Status: ItemProposed}
		facts := []string{rec.describe(p.Object)}
		if c.Holder != "" {
			facts[0] = c.Holder + " " + facts[0]
		}
		decide(p, in.Group, c, priors[c.SubjectID], &it, &facts)
		it.Explanation = strings.Join(facts, "；")
		items = append(items, it)
	}
	slices.SortFunc(items, func(a, b Item) int {
		return cmp.Or(cmp.Compare(a.RecognizedOn.Key(), b.RecognizedOn.Key()), cmp.Compare(a.USCC, b.USCC),
			cmp.Compare(a.SubjectID, b.SubjectID))
	})
	return items, cutBudget(items, in.Budget, in.Limited)
}

// decide applies the checks before the budget to one item.
func decide(p *Policy, group []*Policy, c *Candidate, priors []Prior, it *Item, facts *[]string) {
	exclude := func(reason, text string) {
		it.Status, it.Reason, it.ReasonText, it.AmountFen = ItemExcluded, reason, text, 0
	}
	if c.EnterpriseID == 0 {
		exclude(ReasonNoEnterprise, ReasonZH[ReasonNoEnterprise]+"："+noPayee(p.Object, c.Payee))
		return
	}
	if c.Holder != "" {
		*facts = append(*facts, "收款主体 "+c.Name)
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
		if pr.Award != "" && pr.Award == it.Award {
			exclude(ReasonAlreadyPaid, "该项已享受奖励："+pr.What)
			return
		}
		had += pr.AmountFen
		what = append(what, pr.What)
	}
	for _, g := range group {
		if g.Rank < p.Rank && g.Object == p.Object {
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
