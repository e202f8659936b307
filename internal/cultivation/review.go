package cultivation

import (
	"fmt"
	"strings"

	"zjtx/internal/criteria"
	"zjtx/internal/profile"
)

// The checks of the 查漏补缺"回头看" (review), in the order the page and the
// workbook show them. Each finds enterprises of a district; an enterprise
// counts once per check.
const (
	CheckUnassigned     = "unassigned"      // on a backup list without an open 主包 assignment
	CheckWithoutPlan    = "without_plan"    // on a backup list with no plan for the list's tier
	CheckOverdueTasks   = "overdue_tasks"   // an open plan task past its due date
	CheckOverdueVisits  = "overdue_visits"  // the 主包's next visit past due
	CheckOverdueIssues  = "overdue_issues"  // an open 诉求 past a 13710 deadline
	CheckExpiringTitles = "expiring_titles" // a live title ending within ExpiringWithin days
	CheckRisks          = "risks"           // a title at risk on the radar
)

// Checks are the review's checks in order.
var Checks = []string{CheckUnassigned, CheckWithoutPlan, CheckOverdueTasks, CheckOverdueVisits,
	CheckOverdueIssues, CheckExpiringTitles, CheckRisks}

// CheckZH names the checks for the page and the workbook's sheets (31
// characters at most, Excel's limit for a sheet name).
var CheckZH = map[string]string{
	CheckUnassigned:     "未明确主包干部",
	CheckWithoutPlan:    "未制定培育计划",
	CheckOverdueTasks:   "培育任务逾期",
	CheckOverdueVisits:  "走访逾期",
	CheckOverdueIssues:  "诉求超时",
	CheckExpiringTitles: "称号即将到期",
	CheckRisks:          "风险雷达预警",
}

// ExpiringWithin is how many days ahead a title's end makes it "expiring"
// for the review: the calendar's furthest alert stage, so the review lists
// every title the calendar warns about.
const ExpiringWithin = 180

// Finding is one enterprise a review check found.
type Finding struct {
	Check        string       `json:"check"`
	EnterpriseID int64        `json:"enterprise_id"`
	Name         string       `json:"enterprise_name"`
	USCC         string       `json:"uscc"`
	Region       string       `json:"region"`
	Tier         string       `json:"tier"`         // the highest list, plan or title concerned; "" for none
	Due          profile.Date `json:"due,omitzero"` // the earliest date missed or coming; zero for none
	Count        int          `json:"count"`        // the records behind it: list entries, tasks, visits, issues, titles
	Note         string       `json:"note"`         // what was found, in Chinese
}

// ExpiringTitles turns the calendar's expiry alerts of recs within
// ExpiringWithin days into findings, one per enterprise: its earliest
// ending title.
func ExpiringTitles(recs []*Recognition, today profile.Date, rule ReviewRuleSet) []Finding {
	var out []Finding
	at := map[int64]int{}
	for _, it := range Calendar(recs, today, ExpiringWithin, rule) {
		if it.Kind != KindExpiry30 && it.Kind != KindExpiry90 && it.Kind != KindExpiry180 {
			continue
		}
		if i, ok := at[it.EnterpriseID]; ok { // the calendar is by date: the first is the earliest
			out[i].Count++
			out[i].Note += "；" + it.Note
			continue
		}
		at[it.EnterpriseID] = len(out)
		out = append(out, Finding{Check: CheckExpiringTitles, EnterpriseID: it.EnterpriseID, Name: it.EnterpriseName,
			Region: it.Region, Tier: it.Tier, Due: it.Due, Count: 1, Note: it.Note})
	}
	return out
}

// RiskFindings turns the radar's titles at risk into findings, one per
// enterprise, naming why.
func RiskFindings(risks []Risk) []Finding {
	var out []Finding
	at := map[int64]int{}
	for _, r := range risks {
		var why []string
		for _, it := range append(append([]RiskItem{}, r.Flags...), r.Failing...) {
			why = append(why, it.Label)
		}
		note := fmt.Sprintf("%s：%s", TierZH[r.Tier], strings.Join(why, "、"))
		if i, ok := at[r.EnterpriseID]; ok {
			out[i].Count++
			out[i].Note += "；" + note
			continue
		}
		at[r.EnterpriseID] = len(out)
		out = append(out, Finding{Check: CheckRisks, EnterpriseID: r.EnterpriseID, Name: r.EnterpriseName, USCC: r.USCC,
			Region: r.Region, Tier: r.Tier, Count: 1, Note: note})
	}
	return out
}

// Describe writes the note of a finding of the store's checks (those done
// in SQL) from its tier, date and count; findings that have one keep it.
func Describe(fs []Finding) {
	for i := range fs {
		f := &fs[i]
		if f.Note != "" {
			continue
		}
		tier := criteria.TierZH[f.Tier]
		switch f.Check {
		case CheckUnassigned:
			f.Note = fmt.Sprintf("列入%s后备清单，未明确主包干部", tier)
		case CheckWithoutPlan:
			f.Note = fmt.Sprintf("列入%s后备清单，尚无该梯度的培育辅导计划", tier)
		case CheckOverdueTasks:
			f.Note = fmt.Sprintf("%d 项培育任务逾期未办结，最早应于 %s 完成", f.Count, f.Due)
		case CheckOverdueVisits:
			f.Note = fmt.Sprintf("主包干部应于 %s 前走访，尚未走访", f.Due)
		case CheckOverdueIssues:
			f.Note = fmt.Sprintf("%d 件诉求超过“13710”时限未办结，最早办结期限 %s", f.Count, f.Due)
		}
	}
}
