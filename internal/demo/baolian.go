package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"zjtx/internal/auth"
	"zjtx/internal/baolian"
	"zjtx/internal/cultivation"
	"zjtx/internal/enterprise"
	"zjtx/internal/sqlstore"
)

// Names and units of the demo's district officials (包联干部).
var (
	officialNames = []string{"李明", "王芳", "张伟", "刘洋", "陈静", "杨磊", "赵敏", "黄勇", "周婷", "吴刚", "徐丽", "孙浩",
		"马军", "朱红", "胡斌", "郭佳", "何涛", "高峰", "林霞", "罗成", "郑洁", "梁宇", "宋雪", "谢波"}
	officialUnits = []string{"企业服务科", "中小企业发展科", "产业发展科"}
	// Demo issues (诉求) by category, as enterprises raise them on visits.
	demoIssues = []struct{ category, title string }{
		{"资金融资", "申请专精特新贷，需对接合作银行"}, {"政策咨询", "咨询研发费用加计扣除和奖补政策"},
		{"用地用房", "扩产需新增标准化厂房约 3000 平方米"}, {"人才用工", "招聘高级工程师困难，咨询人才公寓"},
		{"技术创新", "申报省级企业技术中心需要辅导"}, {"市场开拓", "希望参加政银企对接会和展会"},
		{"审批手续", "新建产线环评手续办理进度慢"}, {"水电气暖", "新厂区双回路供电接入"},
	}
)

// seedBaolian gives each district two or three named officials (the demo
// account `district` is one of 金水区's), designates them beside the listed
// enterprises (about one in ten left without, for the 回头看), and replays
// a year of visits at each list's cadence with the issues raised on them,
// driven through every state of the ledger. It runs as the system and as
// the officials, through the store's own operations: every row has its
// audit row.
func seedBaolian(ctx context.Context, tx *sqlstore.Tx, recs []*enterprise.Record, district *auth.User, ent *enterprise.Record, seed uint64, now time.Time) error {
	if seed == 0 {
		seed = Seed
	}
	rng := rand.New(rand.NewPCG(seed, 0x62616f6c))
	hash := district.PasswordHash
	end := tx.Now()
	if now.Before(end) {
		end = now
	}
	start := end.AddDate(-1, 0, 0)
	defer tx.SetNow(tx.Now())

	regions, err := tx.ListRegions(ctx)
	if err != nil {
		return err
	}
	officials := map[string][]*auth.User{Jinshui: {district}}
	n := 0
	for _, rg := range regions {
		count := 2 + rng.IntN(2)
		for i := len(officials[rg.Code]); i < count; i++ {
			u := &auth.User{Username: fmt.Sprintf("official.%s.%d", rg.Code, i+1), Name: officialNames[n%len(officialNames)],
				Role: auth.RoleDistrict, Region: rg.Code, Unit: rg.Name + "工信部门" + officialUnits[i%len(officialUnits)],
				PasswordHash: hash, Demo: true}
			n++
			if err := tx.CreateUser(ctx, u); err != nil {
				return err
			}
			officials[rg.Code] = append(officials[rg.Code], u)
		}
	}

	// The listed enterprises, each once, with the highest list it is on.
	listed := map[int64]bool{}
	var order []*enterprise.Record
	for _, tier := range cultivation.Tiers {
		items, _, err := tx.ListBackupEntries(ctx, cultivation.Filter{Tier: tier})
		if err != nil {
			return err
		}
		for _, e := range items {
			listed[e.EnterpriseID] = true
		}
	}
	for _, r := range recs {
		if listed[r.ID] || r.ID == ent.ID {
			order = append(order, r)
		}
	}
	tx.SetNow(start)
	next, history := map[string]int{}, map[string]int{}
	for _, r := range order {
		offs := officials[r.Region]
		if len(offs) == 0 || (r.ID != ent.ID && rng.IntN(10) == 0) {
			continue // left without an official: the 回头看 finds it
		}
		lead := offs[next[r.Region]%len(offs)]
		next[r.Region]++
		octx := auth.WithCaller(ctx, lead.Caller())
		// A year's history for the first enterprises of each district; the
		// others were assigned in the last few weeks, their first visit due
		// by the cadence (the load stays within a second or two).
		full := history[r.Region] < 20 || r.ID == ent.ID
		history[r.Region]++
		from := baolian.Date(start).AddDate(0, 0, rng.IntN(60))
		if !full {
			from = baolian.Date(end).AddDate(0, 0, -rng.IntN(25))
		}
		tx.SetNow(from.Add(time.Hour))
		if _, err := tx.CreateAssignment(octx, baolian.NewAssignment{EnterpriseID: r.ID, OfficialID: lead.ID, Role: baolian.RoleLead, From: from}); err != nil {
			return err
		}
		if len(offs) > 1 && rng.IntN(4) == 0 {
			assist := offs[(next[r.Region])%len(offs)]
			if _, err := tx.CreateAssignment(octx, baolian.NewAssignment{EnterpriseID: r.ID, OfficialID: assist.ID, Role: baolian.RoleAssist, From: from}); err != nil {
				return err
			}
		}
		if full {
			if err := seedVisits(octx, tx, rng, r, from, end); err != nil {
				return err
			}
		}
	}
	// The enterprise account's own issue, raised yesterday and not yet routed.
	tx.SetNow(end.AddDate(0, 0, -1))
	_, err = tx.CreateAppeal(ctx, baolian.NewAppeal{EnterpriseID: ent.ID, Source: baolian.SourceEnterprise, Category: "资金融资",
		Title: "申请专精特新贷 500 万元，希望推荐合作银行", Content: "用于新产线设备购置，期限 3 年。"})
	return err
}

// seedVisits replays an enterprise's visits from its assignment on, at its
// cadence, the last one now and then skipped (overdue); one visit in four
// raises an issue, which is then handled some working days later.
func seedVisits(ctx context.Context, tx *sqlstore.Tx, rng *rand.Rand, r *enterprise.Record, from, end time.Time) error {
	today := baolian.Date(end)
	day := from.AddDate(0, 0, 7+rng.IntN(21))
	forms := baolian.Forms
	for !day.After(today) {
		tx.SetNow(day.Add(time.Duration(1+rng.IntN(8)) * time.Hour)) // 09:00–16:00 in Beijing
		n := baolian.NewVisit{EnterpriseID: r.ID, On: day, Form: forms[rng.IntN(len(forms))],
			Attendees: "包联干部；企业负责人", Summary: "了解企业生产经营和研发投入情况，宣讲梯度培育政策", Policies: "郑州市专精特新企业梯度培育政策"}
		if rng.IntN(5) == 0 {
			is := demoIssues[rng.IntN(len(demoIssues))]
			n.Issue = &baolian.NewAppeal{Category: is.category, Title: is.title, Complex: rng.IntN(5) == 0}
		}
		v, p, err := tx.RecordVisit(ctx, n)
		if err != nil {
			return err
		}
		if p != nil {
			if err := seedAppealFlow(ctx, tx, rng, p, today); err != nil {
				return err
			}
		}
		if v.NextDue.After(today) || rng.IntN(8) == 0 {
			break // due later, or skipped: overdue
		}
		day = v.NextDue.AddDate(0, 0, -rng.IntN(10))
	}
	return nil
}

// seedAppealFlow drives an issue through the ledger, each step a few days
// after the last, stopping at a random state (or today): every state shows,
// some steps late, some 回访 unsatisfied and reopened.
func seedAppealFlow(ctx context.Context, tx *sqlstore.Tx, rng *rand.Rand, p *baolian.Appeal, today time.Time) error {
	steps := []baolian.Act{
		{Action: baolian.ActRoute, LeadUnit: "区发展改革委", CoUnits: "区财政局"},
		{Action: baolian.ActFeedback, Text: "已与企业对接，正在协调办理"},
		{Action: baolian.ActResolve, Text: "已协调解决，企业确认"},
		{Action: baolian.ActRevisit, Satisfaction: baolian.Satisfied},
		{Action: baolian.ActClose},
	}
	stop := 1 + rng.IntN(len(steps)+3) // more often all the way
	at := tx.Now()
	for i, x := range steps {
		if i >= stop {
			return nil
		}
		at = at.Add(time.Duration(12+rng.IntN(24*(2+i))) * time.Hour)
		if baolian.Date(at).After(today) {
			return nil
		}
		if x.Action == baolian.ActRevisit && rng.IntN(8) == 0 {
			x.Satisfaction = baolian.Unsatisfied
		}
		tx.SetNow(at)
		next, err := tx.ActOnAppeal(ctx, p.ID, p.Version, x)
		if err != nil {
			return err
		}
		p = next
		if p.Status == baolian.StatusInProgress && x.Action == baolian.ActRevisit {
			return nil // reopened: still in hand
		}
	}
	return nil
}
