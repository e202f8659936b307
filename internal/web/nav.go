package web

import (
	"slices"
	"strconv"
)

// navLink is one page of the navigation; key is the Nav value its pages
// set (several pages may share one).
type navLink struct {
	Label, Href string
	Keys        []string
	Active      bool
}

// navGroup is a heading of the top row; its links show in the second row
// when the current page is one of them. A group of one link is that link.
type navGroup struct {
	Label  string
	Links  []navLink
	Active bool
}

// Href is where the heading leads: its first page.
func (g navGroup) Href() string { return g.Links[0].Href }

func link(label, href string, keys ...string) navLink {
	return navLink{Label: label, Href: href, Keys: keys}
}

// navFor is the navigation of a user on a page: officials see the
// bureau's work in groups, an enterprise its own affairs, an institution
// and a bank their own pages; nil for a visitor.
func navFor(u *userView, current string) []navGroup {
	if u == nil {
		return nil
	}
	var gs []navGroup
	add := func(label string, links ...navLink) { gs = append(gs, navGroup{Label: label, Links: links}) }
	add("首页", link("首页", "/", "home"))
	switch {
	case u.IsOfficial():
		add("企业档案", link("企业档案", "/enterprises", "enterprises"))
		add("梯度培育", link("后备清单", "/backup-lists/srdi", "backup-lists"), link("认定名单", "/recognitions", "recognitions"),
			link("培育目标", "/targets", "targets"), link("动态管理日历", "/calendar", "calendar"), link("风险雷达", "/risks", "risks"),
			link("候选企业发现", "/discovery", "discovery"), link("规则变化影响分析", "/impact", "impact"))
		add("包联帮扶", link("包联帮扶", "/baolian", "baolian"), link("诉求台账", "/appeals", "appeals"), link("回头看", "/review", "review"))
		add("服务对接", hubLinks()...)
		add("惠企政策", link("免申即享", "/rewards", "rewards"), link("金融服务", "/finance", "finance"), link("政策文件库", "/policies", "policies"))
		add("培训与载体", link("培训与活动", "/trainings", "trainings"), link("载体·园区·集群·案例", "/carriers", "programmes"))
	case u.IsEnterprise():
		add("本企业档案", link("本企业档案", "/enterprises/"+strconv.FormatInt(u.EnterpriseID, 10), "enterprises"))
		add("包联帮扶", link("包联帮扶", "/baolian", "baolian"), link("诉求台账", "/appeals", "appeals"))
		add("服务对接", hubLinks()...)
		add("惠企政策", link("免申即享", "/rewards", "rewards"), link("融资授权与需求", "/finance/consents", "finance-consents"),
			link("专精特新产业园", "/parks", "programmes"))
		add("培训与活动", link("培训与活动", "/trainings", "trainings"))
	case u.Role == "bank":
		add("授权企业", link("授权企业", "/bank/enterprises", "bank-enterprises"))
		add("融资需求推送", link("融资需求推送", "/bank/referrals", "bank-referrals"))
		add("培训与活动", link("培训与活动", "/trainings", "trainings"))
	default: // institution
		add("服务对接", hubLinks()...)
		add("培训与活动", link("培训与活动", "/trainings", "trainings"))
	}
	add("企业自测与差距诊断", link("企业自测与差距诊断", "/selftest", "selftest"))
	if u.IsCity() {
		add("系统管理", link("账号管理", "/users", "users"), link("操作日志", "/audit", "audit"))
	}
	for i := range gs {
		for j := range gs[i].Links {
			if slices.Contains(gs[i].Links[j].Keys, current) {
				gs[i].Links[j].Active, gs[i].Active = true, true
			}
		}
	}
	return gs
}

func hubLinks() []navLink {
	return []navLink{link("服务需求", "/demands", "demands"), link("服务产品", "/products", "products"),
		link("服务机构", "/institutions", "institutions"), link("培育服务包", "/packages", "packages"),
		link("科技成果", "/research", "research"), link("技术攻关", "/bottlenecks", "bottlenecks")}
}
