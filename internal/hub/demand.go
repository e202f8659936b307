package hub

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"zjtx/internal/apperr"
)

// Demand is an enterprise's need for a service (服务需求).
type Demand struct {
	ID           int64     `json:"id"`
	EnterpriseID int64     `json:"enterprise_id"`
	Enterprise   string    `json:"enterprise,omitempty"` // its name, as read
	Text         string    `json:"text"`
	Category     string    `json:"category"` // "" when not known
	Urgency      string    `json:"urgency"`
	Region       string    `json:"region"`
	Source       string    `json:"source"`
	GapItem      string    `json:"gap_item,omitempty"` // the assessment item a gap demand comes from
	GapTier      string    `json:"gap_tier,omitempty"`
	Gap          string    `json:"gap,omitempty"` // the item's weakness in words, from the catalog
	Status       string    `json:"status"`
	Version      int64     `json:"version"`
	CreatedAt    time.Time `json:"created_at"`
	UpdatedAt    time.Time `json:"updated_at"`
}

// Sources of a demand.
const (
	SourceEnterprise = "enterprise" // posted by the enterprise
	SourceOfficial   = "official"   // posted by an official on its behalf (代为发布)
	SourceGap        = "gap"        // proposed from a gap item, for the enterprise to confirm
)

// Statuses of a demand.
const (
	DemandProposed = "proposed" // 待确认: proposed from a gap
	DemandOpen     = "open"     // 对接中
	DemandClosed   = "closed"   // 已完成
	DemandDeclined = "declined" // 不需要: the enterprise declined a proposal
)

// DemandStatusZH, UrgencyZH and SourceZH name the codes on pages.
var (
	DemandStatusZH = map[string]string{DemandProposed: "待企业确认", DemandOpen: "对接中", DemandClosed: "已完成", DemandDeclined: "企业不需要"}
	UrgencyZH      = map[string]string{"low": "不急", "normal": "一般", "high": "紧急"}
	SourceZH       = map[string]string{SourceEnterprise: "企业发布", SourceOfficial: "部门代为发布", SourceGap: "差距项推荐"}
)

// Urgencies in the order forms offer them.
var Urgencies = []string{"low", "normal", "high"}

// Validate normalises a new or changed demand and names the first bad field.
func (d *Demand) Validate() error {
	d.Text = strings.TrimSpace(d.Text)
	if d.Urgency == "" {
		d.Urgency = "normal"
	}
	switch {
	case d.EnterpriseID <= 0:
		return apperr.Errorf(apperr.EINVALID, "请指定提出需求的企业 (enterprise_id: required)")
	case d.Text == "" || utf8.RuneCountInString(d.Text) > 1000:
		return apperr.Errorf(apperr.EINVALID, "需求描述必填，且不超过 1000 字 (text: required, at most 1000 characters)")
	case d.Category != "" && !IsCategory(d.Category):
		return apperr.Errorf(apperr.EINVALID, "需求类别须为 %s 之一，或留空 (category: one of the 15 categories, or empty)", strings.Join(Categories, "、"))
	case UrgencyZH[d.Urgency] == "":
		return apperr.Errorf(apperr.EINVALID, "紧急程度无效 (urgency: low, normal or high)")
	case SourceZH[d.Source] == "":
		return apperr.Errorf(apperr.EINVALID, "需求来源无效 (source: enterprise, official or gap)")
	}
	return nil
}

// GapItem is one weakness an assessment found: a failed condition or an
// item that loses points.
type GapItem struct {
	Tier string
	ID   string
}

// ProposeFromGaps turns the gap items of an assessment into proposed demands
// through the catalog's gap map: one per category, from its first item (an
// enterprise short of R&D expense on two items needs one 技术创新 service).
func (c *Catalog) ProposeFromGaps(enterpriseID int64, region string, items []GapItem) []*Demand {
	var out []*Demand
	seen := map[string]bool{}
	for _, it := range items {
		g, ok := c.Gaps[it.ID]
		if !ok || seen[g.Category] {
			continue
		}
		seen[g.Category] = true
		out = append(out, &Demand{EnterpriseID: enterpriseID, Text: g.Text, Category: g.Category, Urgency: "normal",
			Region: region, Source: SourceGap, GapItem: it.ID, GapTier: it.Tier, Status: DemandProposed})
	}
	return out
}

// Suggestion is a product a ranker proposes for a demand, with its reasons.
type Suggestion struct {
	Product *Product `json:"product"`
	Score   float64  `json:"score"`
	Why     any      `json:"why,omitempty"` // the ranker's explanation, shown as it is
}

// Ranker ranks products for a demand. The hub ships no implementation: the
// matching engine (package match) provides one, and without it the demand
// page lists the products a ProductFilter of the demand selects.
type Ranker interface {
	Rank(ctx context.Context, d *Demand) ([]Suggestion, error)
}
