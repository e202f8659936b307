package web

import (
	"fmt"
	"net/http"
	"strconv"

	"zjtx/internal/criteria"
	"zjtx/internal/cultivation"
	"zjtx/internal/enterprise"
	"zjtx/internal/httpx"
	"zjtx/internal/plan"
	"zjtx/internal/profile"
)

// planItem is a plan as the pages show it.
type planItem struct {
	*plan.Plan
	Tasks []taskItem
}

// taskItem is a task as the pages show it.
type taskItem struct {
	*plan.Task
	Late bool // open and past its due date
}

func planItemOf(p *plan.Plan, today profile.Date) planItem {
	it := planItem{Plan: p}
	for _, t := range p.Tasks {
		it.Tasks = append(it.Tasks, taskItem{Task: t, Late: t.Overdue(today)})
	}
	return it
}

// standing words a score, or the conditions met when the tier has no
// points table.
func (p planItem) standing(score *int, met int) string {
	if score != nil {
		return strconv.Itoa(*score) + " 分"
	}
	return fmt.Sprintf("满足 %d/%d 项条件", met, p.Conditions)
}

// Now, Done and Latest are the plan's standings: when made, when every task
// is done, after the latest close.
func (p planItem) Now() string    { return p.standing(p.ScoreNow, p.MetNow) }
func (p planItem) Done() string   { return p.standing(p.ScoreDone, p.MetDone) }
func (p planItem) Latest() string { return p.standing(p.ScoreLatest, p.MetLatest) }

// TagNames are the plan's 申报难题 tags in Chinese.
func (p planItem) TagNames() []string {
	out := make([]string, len(p.Tags))
	for i, t := range p.Tags {
		out[i] = plan.TagName(t)
	}
	return out
}

// RegainedText words what closing the task gained: "+8 分" or "+1 项条件".
func (t taskItem) RegainedText() string {
	unit := " 项条件"
	if t.ScoreAfter != nil {
		unit = " 分"
	}
	return fmt.Sprintf("%+d%s", t.Regained(), unit)
}

// IsAdd reports whether the task adds a list element (no figure to type).
func (t taskItem) IsAdd() bool { return t.Target.Add != nil }

// ToText is the figure to reach, for the close form's placeholder.
func (t taskItem) ToText() string {
	if t.Target.To == nil {
		return ""
	}
	return fmt.Sprint(t.Target.To)
}

// planSection is the enterprise page's part on cultivation plans: the plans
// and, for officials, the form that generates one.
type planSection struct {
	Plans  []planItem
	Form   bool // the caller may generate plans
	Tiers  []option
	Owners []option
	Owner  string // the caller, chosen by default
	Due    string
}

// ownerValue is how an owner travels in a form: "u12", "i3", or "p45" for
// a package product.
func ownerValue(o plan.Owner) string {
	if o.ProductID != 0 {
		return "p" + strconv.FormatInt(o.ProductID, 10)
	}
	if o.InstitutionID != 0 {
		return "i" + strconv.FormatInt(o.InstitutionID, 10)
	}
	return "u" + strconv.FormatInt(o.UserID, 10)
}

// parseOwner reads ownerValue.
func parseOwner(s string) (plan.Owner, bool) {
	if len(s) < 2 {
		return plan.Owner{}, false
	}
	n, err := strconv.ParseInt(s[1:], 10, 64)
	if err != nil || n <= 0 {
		return plan.Owner{}, false
	}
	switch s[0] {
	case 'u':
		return plan.Owner{UserID: n}, true
	case 'i':
		return plan.Owner{InstitutionID: n}, true
	case 'p':
		return plan.Owner{ProductID: n}, true
	}
	return plan.Owner{}, false
}

func (w *Web) planSectionOf(r *http.Request, rec *enterprise.Record, official bool) (*planSection, error) {
	ps, err := w.store.EnterprisePlans(r.Context(), rec.ID)
	if err != nil {
		return nil, err
	}
	today := w.asOf()
	s := &planSection{Form: official, Due: plan.DefaultDue(today).String()}
	if c, ok := httpx.Caller(r); ok {
		s.Owner = ownerValue(plan.Owner{UserID: c.UserID})
	}
	for _, p := range ps {
		s.Plans = append(s.Plans, planItemOf(p, today))
	}
	if !official {
		return s, nil
	}
	for _, t := range criteria.Tiers {
		s.Tiers = append(s.Tiers, option{t, criteria.TierZH[t]})
	}
	users, insts, err := w.store.PlanOwners(r.Context(), rec.Region)
	if err != nil {
		return nil, err
	}
	for _, o := range users {
		s.Owners = append(s.Owners, option{ownerValue(o), o.Name})
	}
	for _, o := range insts {
		s.Owners = append(s.Owners, option{ownerValue(o), "机构：" + o.Name})
	}
	// The products of the cultivation service packages (培育服务包) of each
	// tier for the enterprise's chain: the product's institution carries
	// the task. The plan's tier must be the package's (checked on save).
	seen := map[int64]bool{}
	for _, t := range cultivation.Tiers {
		ps, err := w.store.PackageProducts(r.Context(), t, rec.Chain)
		if err != nil {
			return nil, err
		}
		for _, p := range ps {
			if !seen[p.ID] {
				seen[p.ID] = true
				s.Owners = append(s.Owners, option{ownerValue(plan.Owner{ProductID: p.ID}),
					"服务包（" + cultivation.TierName(t) + "）：" + p.Name + "（" + p.Institution + "）"})
			}
		}
	}
	return s, nil
}
