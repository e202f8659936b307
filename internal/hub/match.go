package hub

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"zjtx/internal/apperr"
)

// Stages of the funnel, in order: 推荐 → 已联系 → 已签约 → 已交付 → 已评价.
const (
	StageRecommended = "recommended"
	StageContacted   = "contacted"
	StageSigned      = "signed"
	StageDelivered   = "delivered"
	StageRated       = "rated"
)

// Stages lists the funnel in order.
var Stages = []string{StageRecommended, StageContacted, StageSigned, StageDelivered, StageRated}

// StageZH names the stages.
var StageZH = map[string]string{StageRecommended: "推荐", StageContacted: "已联系", StageSigned: "已签约",
	StageDelivered: "已交付", StageRated: "已评价"}

// Match is one product proposed for one demand, and how far it went.
type Match struct {
	ID            int64      `json:"id"`
	DemandID      int64      `json:"demand_id"`
	ProductID     int64      `json:"product_id"`
	Product       string     `json:"product,omitempty"`
	Category      string     `json:"category,omitempty"`
	InstitutionID int64      `json:"institution_id"`
	Institution   string     `json:"institution,omitempty"`
	EnterpriseID  int64      `json:"enterprise_id"`
	Enterprise    string     `json:"enterprise,omitempty"`
	Stage         string     `json:"stage"`
	ProposedRole  string     `json:"proposed_role"` // who proposed it: city, district, institution, enterprise
	Note          string     `json:"note,omitempty"`
	ContactedAt   *time.Time `json:"contacted_at,omitempty"`
	SignedAt      *time.Time `json:"signed_at,omitempty"`
	DeliveredAt   *time.Time `json:"delivered_at,omitempty"`
	RatedAt       *time.Time `json:"rated_at,omitempty"`
	Score         int        `json:"score,omitempty"` // the enterprise's rating, 1–5
	Version       int64      `json:"version"`
	CreatedAt     time.Time  `json:"created_at"`
	UpdatedAt     time.Time  `json:"updated_at"`
}

// Advance checks that a match at stage from may move to stage to: one step
// forward at a time, and only by the party that does that step — the
// institution contacts, both sides sign, the institution delivers (with a
// Delivery), the enterprise rates (with a Rating). role is the caller's.
func Advance(from, to, role string) error {
	i, j := slices.Index(Stages, from), slices.Index(Stages, to)
	if j < 0 {
		return apperr.Errorf(apperr.EINVALID, "对接阶段无效 (stage: one of %s)", strings.Join(Stages, ", "))
	}
	if j != i+1 {
		return apperr.Errorf(apperr.ECONFLICT, "对接阶段只能从“%s”进入下一阶段，不能直接改为“%s” (stage: %s → %s is not the next step)",
			StageZH[from], StageZH[to], from, to)
	}
	who := map[string][]string{
		StageContacted: {"institution", "city", "district"},
		StageSigned:    {"institution", "enterprise"},
		StageDelivered: {"institution"},
		StageRated:     {"enterprise"},
	}[to]
	if !slices.Contains(who, role) {
		return apperr.Errorf(apperr.EFORBIDDEN, "“%s”这一步不由您的账号操作 (stage %s: not done by role %s)", StageZH[to], to, role)
	}
	return nil
}

// Delivery is the record of a delivered service, with its evidence.
type Delivery struct {
	ID          int64     `json:"id"`
	MatchID     int64     `json:"match_id"`
	Summary     string    `json:"summary"`
	Evidence    string    `json:"evidence"` // contract number, report title, link
	DeliveredOn string    `json:"delivered_on"`
	CreatedAt   time.Time `json:"created_at"`
}

// Validate names the first bad field of a delivery.
func (d *Delivery) Validate() error {
	d.Summary, d.Evidence = strings.TrimSpace(d.Summary), strings.TrimSpace(d.Evidence)
	switch {
	case d.Summary == "" || utf8.RuneCountInString(d.Summary) > 1000:
		return apperr.Errorf(apperr.EINVALID, "交付内容必填，且不超过 1000 字 (summary: required, at most 1000 characters)")
	case d.Evidence == "" || utf8.RuneCountInString(d.Evidence) > 500:
		return apperr.Errorf(apperr.EINVALID, "交付佐证（合同编号、报告名称或链接）必填，且不超过 500 字 (evidence: required, at most 500 characters)")
	}
	if _, err := time.Parse(time.DateOnly, d.DeliveredOn); err != nil {
		return apperr.Errorf(apperr.EINVALID, "交付日期应为 年-月-日 (delivered_on: YYYY-MM-DD)")
	}
	return nil
}

// Rating is the enterprise's rating of a delivered service.
type Rating struct {
	MatchID int64  `json:"match_id"`
	Score   int    `json:"score"`
	Comment string `json:"comment"`
}

// Validate names the first bad field of a rating.
func (r *Rating) Validate() error {
	r.Comment = strings.TrimSpace(r.Comment)
	if r.Score < 1 || r.Score > 5 {
		return apperr.Errorf(apperr.EINVALID, "评分应为 1 至 5 分 (score: 1 to 5)")
	}
	if utf8.RuneCountInString(r.Comment) > 500 {
		return apperr.Errorf(apperr.EINVALID, "评价内容不超过 500 字 (comment: at most 500 characters)")
	}
	return nil
}

// Outcome is what an institution's services achieved in a year, for its
// annual assessment (年度考核).
type Outcome struct {
	InstitutionID int64   `json:"institution_id"`
	Institution   string  `json:"institution"`
	Kind          string  `json:"kind"`
	Matches       int     `json:"matches"`   // proposals of its products
	Contacted     int     `json:"contacted"` // reached 已联系 or beyond
	Signed        int     `json:"signed"`
	Delivered     int     `json:"delivered"`
	Rated         int     `json:"rated"`
	AvgScore      float64 `json:"avg_score"`      // mean rating, 0 when none
	ResponseHours float64 `json:"response_hours"` // mean hours from 推荐 to 已联系
	GapsClosed    int     `json:"gaps_closed"`    // gap demands served whose tier an assessment after delivery passes
	TiersGained   int     `json:"tiers_gained"`   // enterprises served recognised for a tier after delivery
}
