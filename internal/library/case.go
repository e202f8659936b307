package library

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"zjtx/internal/cultivation"
	"zjtx/internal/profile"
)

// Case statuses.
const (
	CaseDraft     = "draft"     // 草稿
	CasePublished = "published" // 已发布
	CaseWithdrawn = "withdrawn" // 已撤回
)

// CaseStatusZH names the statuses.
var CaseStatusZH = map[string]string{CaseDraft: "草稿", CasePublished: "已发布", CaseWithdrawn: "已撤回"}

// Case is a typical case (典型经验): an enterprise's path up the tiers, what
// it did and what it gained.
type Case struct {
	ID           int64     `json:"id"`
	EnterpriseID int64     `json:"enterprise_id"`
	Title        string    `json:"title"`
	TierPath     string    `json:"tier_path"`
	Measures     string    `json:"measures"`
	Results      string    `json:"results"`
	Status       string    `json:"status"`
	PublishedAt  time.Time `json:"published_at,omitzero"`
	Version      int64     `json:"version"`
	CreatedAt    time.Time `json:"created_at,omitzero"`
	UpdatedAt    time.Time `json:"updated_at,omitzero"`

	// Read with the record.
	EnterpriseName string `json:"enterprise_name,omitempty"`
	Region         string `json:"region,omitempty"`
}

// Validate reports every bad field (none: nil).
func (c *Case) Validate() []cultivation.Problem {
	c.Title, c.TierPath = strings.TrimSpace(c.Title), strings.TrimSpace(c.TierPath)
	c.Measures, c.Results = strings.TrimSpace(c.Measures), strings.TrimSpace(c.Results)
	var out []cultivation.Problem
	bad := func(path, zh, en string) {
		out = append(out, cultivation.Problem{Path: path, Message: zh, MessageEN: en})
	}
	if c.EnterpriseID <= 0 {
		bad("enterprise_id", "企业：必填", "enterprise_id: required")
	}
	if c.Title == "" || utf8.RuneCountInString(c.Title) > 100 {
		bad("title", "标题：必填，不超过 100 字", "title: required, at most 100 characters")
	}
	if utf8.RuneCountInString(c.TierPath) > 200 {
		bad("tier_path", "成长路径：不超过 200 字", "tier_path: at most 200 characters")
	}
	for _, f := range []struct{ path, zh, text string }{{"measures", "主要做法", c.Measures}, {"results", "取得成效", c.Results}} {
		if utf8.RuneCountInString(f.text) > 5000 {
			bad(f.path, f.zh+"：不超过 5000 字", f.path+": at most 5,000 characters")
		}
	}
	if c.Status != "" && CaseStatusZH[c.Status] == "" {
		bad("status", "状态：应为草稿、已发布或已撤回", "status: one of draft, published, withdrawn")
	}
	return out
}

// Facts are what a case is drafted from: the enterprise's record.
type Facts struct {
	Enterprise   string
	Industry     string                     // 所属行业, as the profile names it
	Recognitions []*cultivation.Recognition // titles gained
	Closed       []ClosedTask               // tasks of its cultivation plans it closed, in the order closed
	Services     []ServiceUsed              // hub services delivered to it, in the order delivered
	// First and Last are the earliest and latest data years of the profile
	// with their revenue and R&D expense (万元), when known.
	First, Last YearFigures
	Invention   int // valid invention patents (Ⅰ类)
}

// ClosedTask is a task of the enterprise's cultivation plans (培育辅导计划)
// that it closed: a gap of the criteria it worked on.
type ClosedTask struct {
	Item     string // the criteria item the task worked on, as the rule set words it
	Summary  string // the task: what was to be reached
	ClosedOn profile.Date
}

// ServiceUsed is a service of the hub delivered to the enterprise, with the
// enterprise's rating when it gave one.
type ServiceUsed struct {
	Product     string
	Institution string
	Category    string // 服务类别
	Delivery    string // what was delivered, as the institution recorded it
	DeliveredOn profile.Date
	Score       int // 1–5; 0: not rated
}

// YearFigures are one year's headline figures.
type YearFigures struct {
	Year      int
	Revenue   *profile.Dec
	RDExpense *profile.Dec
}

// Draft writes a case from the facts for an official to edit: the tier path
// from the recognitions in date order, the measures from the gaps closed and
// the services used, and the results from the titles and figures.
func Draft(f Facts) Case {
	recs := slices.Clone(f.Recognitions)
	slices.SortFunc(recs, func(a, b *cultivation.Recognition) int { return a.RecognizedOn.Key() - b.RecognizedOn.Key() })
	var path []string
	for _, r := range recs {
		path = append(path, fmt.Sprintf("%s（%d 年）", cultivation.TierZH[r.Tier], r.RecognizedOn.Y))
	}
	c := Case{TierPath: strings.Join(path, " → "), Status: CaseDraft}
	switch {
	case len(recs) == 0:
		c.Title = f.Enterprise + "：梯度培育中的成长"
	default:
		c.Title = fmt.Sprintf("%s：成长为%s", f.Enterprise, cultivation.TierZH[recs[len(recs)-1].Tier])
	}
	var m []string
	add := func(s string) { m = append(m, fmt.Sprintf("%d. %s", len(m)+1, s)) }
	for _, t := range f.Closed {
		s := strings.TrimSuffix(t.Summary, "。")
		if t.Item != "" {
			s = "对照“" + t.Item + "”补齐短板：" + s
		}
		if !t.ClosedOn.IsZero() {
			s += "（" + t.ClosedOn.String() + " 完成）"
		}
		add(s + "。")
	}
	for _, u := range f.Services {
		s := fmt.Sprintf("借助%s的“%s”（%s）服务", u.Institution, u.Product, u.Category)
		if d := strings.TrimSuffix(u.Delivery, "。"); d != "" {
			s += "：" + d
		}
		var when []string
		if !u.DeliveredOn.IsZero() {
			when = append(when, u.DeliveredOn.String()+" 交付")
		}
		if u.Score > 0 {
			when = append(when, fmt.Sprintf("企业评价 %d 分", u.Score))
		}
		if len(when) > 0 {
			s += "（" + strings.Join(when, "，") + "）"
		}
		add(s + "。")
	}
	if len(m) == 0 {
		m = append(m, "（请补充企业在专业化、精细化、特色化、创新能力方面的主要做法。）")
	}
	c.Measures = strings.Join(m, "\n")
	var r []string
	for _, rec := range recs {
		r = append(r, fmt.Sprintf("%s 被认定为%s%s（%s）。", rec.RecognizedOn, cultivation.LevelZH[rec.Level],
			cultivation.TierZH[rec.Tier], rec.DocNo))
	}
	if f.First.Revenue != nil && f.Last.Revenue != nil && f.Last.Year > f.First.Year {
		r = append(r, fmt.Sprintf("营业收入由 %d 年的 %s 万元增至 %d 年的 %s 万元。", f.First.Year, f.First.Revenue.String(),
			f.Last.Year, f.Last.Revenue.String()))
	}
	if f.Last.RDExpense != nil && f.Last.Revenue != nil && *f.Last.Revenue > 0 {
		share := float64(*f.Last.RDExpense) / float64(*f.Last.Revenue) * 100
		r = append(r, fmt.Sprintf("%d 年研发费用 %s 万元，占营业收入 %.1f%%。", f.Last.Year, f.Last.RDExpense.String(), share))
	}
	if f.Invention > 0 {
		r = append(r, fmt.Sprintf("拥有有效发明专利等Ⅰ类知识产权 %d 项。", f.Invention))
	}
	c.Results = strings.Join(r, "\n")
	return c
}
