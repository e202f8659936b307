package demo

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"zjtx/internal/auth"
	"zjtx/internal/enterprise"
	"zjtx/internal/hub"
	"zjtx/internal/sqlstore"
)

// seedHub fills the service hub: the institutions of demoInstitutions and
// the demo institution account's own (inst) with chains, quality flags and
// experts; products from productTemplates; packages per tier and chain;
// research results, pilots and 技术攻关; demands proposed from gaps (the
// showcase enterprise's left for it to confirm) and posted; and matches in
// every funnel state. Each step goes through the store as the role that
// does it in life, so the scope checks and audit rows are the real ones.
func seedHub(ctx context.Context, tx *sqlstore.Tx, recs []*enterprise.Record, inst *hub.Institution, showcase *enterprise.Record) error {
	insts, err := seedSupply(ctx, tx, inst)
	if err != nil {
		return fmt.Errorf("hub supply: %w", err)
	}
	products, err := seedProducts(ctx, tx, insts, inst)
	if err != nil {
		return fmt.Errorf("hub products: %w", err)
	}
	if err := seedPackages(ctx, tx, products); err != nil {
		return fmt.Errorf("hub packages: %w", err)
	}
	if err := seedResearch(ctx, tx, insts, recs); err != nil {
		return fmt.Errorf("hub research: %w", err)
	}
	if err := seedDemands(ctx, tx, recs, showcase); err != nil {
		return fmt.Errorf("hub demands: %w", err)
	}
	return nil
}

// institutionCtx acts as an institution's account.
func institutionCtx(ctx context.Context, id int64) context.Context {
	return auth.WithCaller(ctx, auth.Caller{Username: fmt.Sprintf("institution.%d", id), Role: auth.RoleInstitution, InstitutionID: id})
}

// enterpriseCtx acts as an enterprise's account.
func enterpriseCtx(ctx context.Context, id int64) context.Context {
	return auth.WithCaller(ctx, auth.Caller{Username: fmt.Sprintf("enterprise.%d", id), Role: auth.RoleEnterprise, EnterpriseID: id})
}

func seedSupply(ctx context.Context, tx *sqlstore.Tx, inst *hub.Institution) ([]*hub.Institution, error) {
	var out []*hub.Institution
	for i, d := range demoInstitutions {
		in := &hub.Institution{Name: d.name, Kind: d.kind, Level: d.level, Region: d.region, Status: hub.StatusApproved,
			ContactName: contactNames[i%len(contactNames)], ContactPhone: fmt.Sprintf("0371-6%07d", 1000+i*37)}
		if d.region != "" && i%3 == 0 {
			in.RegionsServed = []string{d.region}
		}
		if i%13 == 5 {
			in.Status = hub.StatusPending // awaiting the city's 入驻审核
		}
		if err := tx.CreateInstitution(ctx, in); err != nil {
			return nil, err
		}
		chains := make([]hub.ChainService, len(d.chains))
		for k, c := range d.chains {
			chains[k] = hub.ChainService{Chain: c, QualityList: k < d.quality}
		}
		if err := tx.SetInstitutionChains(ctx, in.ID, chains); err != nil {
			return nil, err
		}
		if d.kind == hub.KindPlatform || d.kind == hub.KindAcademic || d.kind == hub.KindAssociation {
			for k := range 2 {
				e := &hub.Expert{InstitutionID: in.ID, Name: expertNames[(i*2+k)%len(expertNames)], Title: expertTitles[(i+k)%len(expertTitles)],
					Fields: d.chains[k%len(d.chains)] + "、" + []string{"技术创新", "数智改造", "知识产权", "成果转化"}[(i+k)%4], Volunteer: true}
				if err := tx.AddExpert(ctx, e); err != nil {
					return nil, err
				}
			}
		}
		out = append(out, in)
	}
	return out, tx.SetInstitutionChains(ctx, inst.ID, []hub.ChainService{{Chain: "装备制造", QualityList: true},
		{Chain: "电子信息", QualityList: true}, {Chain: "新材料"}})
}

var (
	contactNames = []string{"张伟", "王芳", "李娜", "刘洋", "陈静", "杨帆", "赵磊", "黄丽", "周杰", "吴敏", "徐强", "孙悦"}
	expertNames  = []string{"王建国", "李志强", "张秀英", "刘明", "陈立新", "杨光", "赵文华", "黄海", "周晓燕", "吴振宇",
		"郑国平", "孙建华", "马骏", "朱红", "胡斌", "郭亮", "何静", "高峰", "林涛", "罗敏"}
	expertTitles = []string{"教授", "研究员", "正高级工程师", "高级工程师", "副教授", "高级经济师"}
)

// seedProducts gives each template to up to six institutions of its kinds,
// in turn, and the demo institution one product of every category, so its
// account sees demands of every kind routed to it.
func seedProducts(ctx context.Context, tx *sqlstore.Tx, insts []*hub.Institution, inst *hub.Institution) ([]*hub.Product, error) {
	var out []*hub.Product
	next := map[string]int{}
	for t, pt := range productTemplates {
		var of []*hub.Institution
		for _, in := range insts {
			if slices.Contains(pt.kinds, in.Kind) && fits(in, pt.category) {
				of = append(of, in)
			}
		}
		for k := range min(6, len(of)) {
			in := of[(next[pt.kinds[0]]+k)%len(of)]
			p := &hub.Product{InstitutionID: in.ID, Name: pt.name, Category: pt.category, Tiers: pt.tiers,
				PriceFen: pt.yuan * 100, Description: pt.desc}
			if (t+k)%2 == 0 {
				p.Chains = demoInstitutions[slices.Index(insts, in)].chains
			}
			if pt.yuan > 0 && (t+k)%3 == 0 {
				p.PriceNote = "首次服务专精特新企业八折"
			}
			if err := tx.SaveProduct(institutionCtx(ctx, in.ID), p); err != nil {
				return nil, err
			}
			out = append(out, p)
		}
		next[pt.kinds[0]] += 3
	}
	own := institutionCtx(ctx, inst.ID)
	for _, c := range hub.Categories {
		t := productTemplates[slices.IndexFunc(productTemplates, func(pt productTemplate) bool { return pt.category == c })]
		p := &hub.Product{Name: t.name + "（公益）", Category: c, Description: t.desc + "本平台公益服务，免费提供。"}
		if err := tx.SaveProduct(own, p); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

// serviceWords are the words in a service firm's name that say what it
// does: a 律师事务所 offers legal services, not 精益生产.
var serviceWords = map[string][]string{
	"知识产权": {"知识产权", "专利", "商标"}, "法律服务": {"律师"}, "财税服务": {"会计", "税务"},
	"数智改造": {"数智", "数字", "信息技术"}, "标准化": {"标准"}, "质量品牌": {"认证", "质信", "品牌", "管理咨询"},
	"人才培训": {"人力", "英才"}, "管理咨询": {"管理咨询", "精益", "卓越"}, "成果转化": {"成果转化"},
	"研发机构建设": {"研发中心", "成果转化"}, "市场开拓": {"市场", "营销"}, "技术创新": {"成果转化", "研发中心", "数智"},
}

// fits reports whether an institution would offer a category: any but a
// service firm, whose name must say it.
func fits(in *hub.Institution, category string) bool {
	if in.Kind != hub.KindService {
		return true
	}
	return slices.ContainsFunc(serviceWords[category], func(w string) bool { return strings.Contains(in.Name, w) })
}

// packageChains are the chains the demo assembles packages for, besides
// one package of every chain per tier.
var packageChains = []string{"装备制造", "电子信息", "新材料", "超硬材料", "现代食品", "生物医药"}

// seedPackages assembles, per tier, a package for every chain and one per
// chain of packageChains, from products serving the tier (and the chain),
// one per category of the tier's focus.
func seedPackages(ctx context.Context, tx *sqlstore.Tx, products []*hub.Product) error {
	focus := map[string][]string{
		"innovative":   {"技术创新", "知识产权", "数智改造", "财税服务", "人才培训", "融资服务"},
		"srdi":         {"知识产权", "研发机构建设", "数智改造", "质量品牌", "标准化", "融资服务", "管理咨询", "市场开拓"},
		"little_giant": {"技术创新", "研发机构建设", "知识产权", "质量品牌", "融资服务", "市场开拓", "出海服务", "人才培训"},
	}
	tierZH := map[string]string{"innovative": "创新型中小企业", "srdi": "专精特新中小企业", "little_giant": "专精特新“小巨人”企业"}
	for _, tier := range []string{"innovative", "srdi", "little_giant"} {
		for _, chain := range append([]string{""}, packageChains...) {
			k := &hub.Package{Tier: tier, Chain: chain}
			for _, c := range focus[tier] {
				i := slices.IndexFunc(products, func(p *hub.Product) bool {
					return p.Category == c && (len(p.Tiers) == 0 || slices.Contains(p.Tiers, tier)) &&
						(len(p.Chains) == 0 || slices.Contains(p.Chains, chain)) && !slices.Contains(k.ProductIDs, p.ID) &&
						(chain == "" || len(p.Chains) > 0 || c == "融资服务")
				})
				if i >= 0 {
					k.ProductIDs = append(k.ProductIDs, products[i].ID)
				}
			}
			name := chain
			if name == "" {
				name = "通用"
			}
			k.Name = tierZH[tier] + "培育服务包（" + name + "）"
			k.Description = "市工信局根据" + tierZH[tier] + "认定标准的常见扣分项组建，各区县依据企业实际需求从中选择服务产品。"
			if len(k.ProductIDs) == 0 {
				continue
			}
			if err := tx.CreatePackage(ctx, k); err != nil {
				return err
			}
		}
	}
	return nil
}

// seedResearch lists the academic institutions' results, tracks three
// pilots (one succeeded, which puts its enterprise on the innovative
// backup list), and puts bottlenecks and a joint project on the chains.
func seedResearch(ctx context.Context, tx *sqlstore.Tx, insts []*hub.Institution, recs []*enterprise.Record) error {
	var academic []*hub.Institution
	for _, in := range insts {
		if in.Kind == hub.KindAcademic {
			academic = append(academic, in)
		}
	}
	var results []*hub.ResearchResult
	for i, t := range researchTemplates {
		in := academic[i%len(academic)]
		r := &hub.ResearchResult{InstitutionID: in.ID, Title: t[0], Field: t[1], Chains: []string{t[2]}, Maturity: t[3],
			Description: "由" + in.Name + "研发团队完成，已形成样品和工艺包，可通过技术许可、作价入股或合作开发方式转化。"}
		if err := tx.CreateResearch(ctx, r); err != nil {
			return err
		}
		results = append(results, r)
	}
	// Pilots with firms of no title yet on the chain of the result.
	statuses := []string{hub.PilotSucceeded, hub.PilotRunning, hub.PilotFailed}
	n := 0
	for _, rec := range recs {
		if n == len(statuses) || len(rec.Profile.Titles) > 0 || rec.Status != enterprise.StatusActive {
			continue
		}
		r := results[n]
		p := &hub.Pilot{ResearchID: r.ID, InstitutionID: r.InstitutionID, EnterpriseID: rec.ID, Title: r.Title + "中试",
			StartedOn: "2025-03-01"}
		if err := tx.CreatePilot(ctx, p); err != nil {
			return err
		}
		if statuses[n] != hub.PilotRunning {
			if _, err := tx.FinishPilot(ctx, p.ID, p.Version, statuses[n], "2025-11-20", "中试批次 3 批，良率达标"); err != nil {
				return err
			}
		}
		n++
	}
	var first *hub.Bottleneck
	for i, b := range [][3]string{
		{"超硬材料", "大尺寸高品级单晶金刚石衬底", "用于半导体散热与光学窗口的大尺寸单晶金刚石依赖进口。"},
		{"智能传感器", "MEMS 传感器芯片晶圆级封装", "MEMS 芯片封装测试能力不足，良率与一致性有待提高。"},
		{"铝加工制品", "航空航天用高强铝合金厚板", "高强铝合金厚板残余应力控制技术亟待突破。"},
		{"汽车及零部件", "新能源汽车电驱系统高速轴承", "高速电机轴承寿命与温升控制依赖进口产品。"},
		{"装备制造", "高端数控系统", "五轴联动数控系统国产化率低。"},
		{"生物医药", "高端制剂辅料", "缓控释制剂关键辅料依赖进口。"},
		{"电子信息", "工业级嵌入式操作系统", "工业控制领域嵌入式实时操作系统国产替代。"},
	} {
		bt := &hub.Bottleneck{Chain: b[0], Title: b[1], Description: b[2], Status: []string{"tackling", "open"}[min(i, 1)]}
		if err := tx.CreateBottleneck(ctx, bt); err != nil {
			return err
		}
		if first == nil {
			first = bt
		}
	}
	jp := &hub.JointProject{BottleneckID: first.ID, Title: "大尺寸单晶金刚石衬底联合攻关",
		Participants: []hub.Participant{{EnterpriseID: recs[0].ID, Role: "chain_leader"}, {EnterpriseID: recs[1].ID, Role: "sme"},
			{InstitutionID: academic[0].ID, Role: "university"}, {InstitutionID: academic[len(academic)-1].ID, Role: "institute"}},
		Milestones: []hub.Milestone{{Title: "完成 2 英寸衬底工艺验证", DueOn: "2025-12-31", DoneOn: "2025-12-20"},
			{Title: "3 英寸衬底小批量试制", DueOn: "2026-06-30"}}}
	return tx.CreateJointProject(ctx, jp)
}

// seedDemands proposes demands from the gaps of the first enterprises with
// a failed assessment, has most of them confirmed (the showcase's are left
// for it to confirm), posts demands in enterprises' words, and takes the
// open ones through the funnel to every stage.
func seedDemands(ctx context.Context, tx *sqlstore.Tx, recs []*enterprise.Record, showcase *enterprise.Record) error {
	if _, err := tx.ProposeGapDemands(ctx, showcase.ID); err != nil {
		return err
	}
	var open []*hub.Demand
	proposed, posted := 0, 0
	for i, r := range recs {
		if proposed >= 60 && posted >= 25 {
			break
		}
		if r.ID == showcase.ID || r.Status != enterprise.StatusActive {
			continue
		}
		if i%7 == 0 {
			if posted >= 25 {
				continue
			}
			posted++
			d := &hub.Demand{EnterpriseID: r.ID, Text: demandTexts[(i/7)%len(demandTexts)][0], Category: demandTexts[(i/7)%len(demandTexts)][1],
				Urgency: hub.Urgencies[i%3]}
			if err := tx.CreateDemand(enterpriseCtx(ctx, r.ID), d); err != nil {
				return err
			}
			open = append(open, d)
			continue
		}
		if proposed >= 60 {
			continue
		}
		ds, err := tx.ProposeGapDemands(ctx, r.ID)
		if err != nil {
			return err
		}
		for k, d := range ds {
			proposed++
			if (i+k)%4 == 3 {
				continue // left for the enterprise to confirm
			}
			dd, err := tx.DecideDemand(enterpriseCtx(ctx, r.ID), d.ID, d.Version, (i+k)%9 != 0)
			if err != nil {
				return err
			}
			if dd.Status == hub.DemandOpen {
				open = append(open, dd)
			}
		}
	}
	return seedFunnel(ctx, tx, open)
}

// seedFunnel proposes a product for each open demand with a category and
// moves the match on: the demands in turn stop at each stage of the funnel.
func seedFunnel(ctx context.Context, tx *sqlstore.Tx, open []*hub.Demand) error {
	day := tx.Now().Add(-90 * 24 * time.Hour)
	for i, d := range open {
		if d.Category == "" {
			continue
		}
		ps, err := tx.DemandProducts(ctx, d, 3)
		if err != nil {
			return err
		}
		if len(ps) == 0 {
			continue
		}
		m, err := tx.ProposeMatch(ctx, d.ID, ps[i%len(ps)].ID, "区县工信部门推荐")
		if err != nil {
			return err
		}
		asInst, asEnt := institutionCtx(ctx, m.InstitutionID), enterpriseCtx(ctx, d.EnterpriseID)
		stop := i % len(hub.Stages)
		for _, st := range hub.Stages[1 : stop+1] {
			switch st {
			case hub.StageContacted, hub.StageSigned:
				who := asInst
				if st == hub.StageSigned {
					who = asEnt
				}
				m, err = tx.AdvanceMatch(who, m.ID, m.Version, st)
			case hub.StageDelivered:
				m, err = tx.DeliverMatch(asInst, m.ID, m.Version, &hub.Delivery{Summary: "完成“" + m.Product + "”服务，提交服务报告",
					Evidence: fmt.Sprintf("服务合同 FW-2025-%04d；服务报告", m.ID), DeliveredOn: day.AddDate(0, 0, i%60).Format(time.DateOnly)})
			case hub.StageRated:
				m, err = tx.RateMatch(asEnt, m.ID, m.Version, &hub.Rating{Score: 3 + i%3, Comment: []string{"服务专业，响应及时", "基本满意", "效果明显，推荐"}[i%3]})
			}
			if err != nil {
				return err
			}
		}
	}
	return nil
}
