// Package cultivation holds the records of the gradient-cultivation
// pipeline (spec/workflows.md §1): recognitions (认定) with their duties and
// the risk radar here; backup lists beside them. It knows no HTTP and no SQL.
package cultivation

import (
	"fmt"
	"strings"
	"time"

	"zjtx/internal/profile"
)

// Levels of a recognition: who recognised the title.
const (
	LevelNational   = "national"   // 国家级
	LevelProvincial = "provincial" // 省级
	LevelMunicipal  = "municipal"  // 市级
)

// LevelZH names the levels as the notices do.
var LevelZH = map[string]string{LevelNational: "国家级", LevelProvincial: "省级", LevelMunicipal: "市级"}

// RecognitionTiers are the titles a recognition can grant, in ladder order.
var RecognitionTiers = []string{profile.TierInnovative, profile.TierSRDI, profile.TierLittleGiant,
	profile.TierKeyLittleGiant, profile.TierSingleChampion}

// TierZH names the recognised titles.
var TierZH = map[string]string{
	profile.TierInnovative:     "创新型中小企业",
	profile.TierSRDI:           "专精特新中小企业",
	profile.TierLittleGiant:    "专精特新“小巨人”企业",
	profile.TierKeyLittleGiant: "重点“小巨人”企业",
	profile.TierSingleChampion: "制造业单项冠军企业",
}

// 复核 results.
const (
	ReviewPassed = "passed" // 复核通过
	ReviewFailed = "failed" // 复核未通过（撤销称号）
)

// ReviewZH names the 复核 results.
var ReviewZH = map[string]string{"": "未复核", ReviewPassed: "复核通过", ReviewFailed: "复核未通过"}

// Kinds of change an enterprise must report within three months (更名、合并、
// 重组、迁移): the recognition keeps the latest one and its date, which the
// calendar turns into the report's due date.
var ChangeZH = map[string]string{"rename": "更名", "merger": "合并", "restructure": "重组", "relocation": "迁移"}

// ValidityYears is how long a title holds when the notice gives no end
// date: three years for 创新型, 专精特新 and 小巨人 (优质中小企业梯度培育管理
// 办法, 第二十一条).
const ValidityYears = 3

// Recognition is one 认定 of a title by a notice.
type Recognition struct {
	ID           int64        `json:"id,omitempty"`
	EnterpriseID int64        `json:"enterprise_id"`
	Tier         string       `json:"tier"`
	Level        string       `json:"level"`
	Batch        string       `json:"batch"`  // 第N批, as the notice words it
	DocNo        string       `json:"doc_no"` // 文号
	RecognizedOn profile.Date `json:"recognized_on,omitzero"`
	ValidTo      profile.Date `json:"valid_to,omitzero"` // zero: three years from RecognizedOn
	RuleSet      string       `json:"ruleset"`           // the rule set it was recognised under, e.g. srdi@2022
	ReviewResult string       `json:"review_result"`     // "", passed, failed
	ReviewedOn   profile.Date `json:"reviewed_on,omitzero"`
	ChangeKind   string       `json:"change_kind"`         // "", rename, merger, restructure, relocation
	ChangedOn    profile.Date `json:"changed_on,omitzero"` // when that change happened
	Version      int64        `json:"version"`
	CreatedAt    time.Time    `json:"created_at,omitzero"`
	UpdatedAt    time.Time    `json:"updated_at,omitzero"`

	// Read with the record, for lists.
	EnterpriseName string `json:"enterprise_name,omitempty"`
	USCC           string `json:"uscc,omitempty"`
	Region         string `json:"region,omitempty"`
}

// Normalize trims the texts and fills the end of validity when the notice
// gives none.
func (r *Recognition) Normalize() {
	r.Tier, r.Level = strings.TrimSpace(r.Tier), strings.TrimSpace(r.Level)
	r.Batch, r.DocNo = strings.TrimSpace(r.Batch), strings.TrimSpace(r.DocNo)
	r.RuleSet = strings.TrimSpace(r.RuleSet)
	if r.ValidTo.IsZero() && !r.RecognizedOn.IsZero() {
		r.ValidTo = DefaultValidTo(r.RecognizedOn)
	}
}

// DefaultValidTo is the last day of a title recognised on d: the day
// before its third anniversary.
func DefaultValidTo(d profile.Date) profile.Date {
	return AddDays(AddYears(d, ValidityYears), -1)
}

// Validate reports every bad field (none: nil).
func (r *Recognition) Validate() []Problem {
	var out []Problem
	bad := func(path, zh, en string) { out = append(out, Problem{path, zh, en}) }
	if r.EnterpriseID <= 0 {
		bad("enterprise_id", "enterprise_id：请指明企业", "enterprise_id: required")
	}
	if TierZH[r.Tier] == "" {
		bad("tier", "梯度：应为创新型、专精特新、小巨人、重点小巨人或单项冠军之一", "tier: unknown value "+fmt.Sprintf("%q", r.Tier))
	}
	if LevelZH[r.Level] == "" {
		bad("level", "级别：应为国家级、省级或市级", "level: unknown value "+fmt.Sprintf("%q", r.Level))
	}
	if len([]rune(r.Batch)) > 40 {
		bad("batch", "批次：不能超过 40 个字符", "batch: longer than 40 characters")
	}
	if len([]rune(r.DocNo)) > 80 {
		bad("doc_no", "文号：不能超过 80 个字符", "doc_no: longer than 80 characters")
	}
	if r.RecognizedOn.IsZero() {
		bad("recognized_on", "认定日期：必填", "recognized_on: required")
	} else if !r.ValidTo.IsZero() && !r.RecognizedOn.Before(r.ValidTo) {
		bad("valid_to", "有效期至：应晚于认定日期", "valid_to: not after recognized_on")
	}
	if _, ok := ReviewZH[r.ReviewResult]; !ok {
		bad("review_result", "复核结果：应为复核通过或复核未通过", "review_result: unknown value")
	}
	if r.ReviewResult != "" && r.ReviewedOn.IsZero() {
		bad("reviewed_on", "复核日期：填写复核结果时必填", "reviewed_on: required with review_result")
	}
	if r.ChangeKind != "" && ChangeZH[r.ChangeKind] == "" {
		bad("change_kind", "变更事项：应为更名、合并、重组或迁移", "change_kind: unknown value")
	}
	if r.ChangeKind != "" && r.ChangedOn.IsZero() {
		bad("changed_on", "变更日期：填写变更事项时必填", "changed_on: required with change_kind")
	}
	return out
}

// Reflect sets the title of r's tier in p to r's dates, adding the title
// when p lacks it: the engine reads titles from the profile, so the
// recognition is what it sees. A title failed at 复核 is removed.
func Reflect(p *profile.Profile, r *Recognition) {
	i := titleIndex(p, r.Tier)
	if r.ReviewResult == ReviewFailed {
		if i >= 0 {
			p.Titles = append(p.Titles[:i], p.Titles[i+1:]...)
		}
		return
	}
	rec, to := r.RecognizedOn, r.ValidTo
	t := profile.Title{Tier: r.Tier, Recognized: &rec, ValidTo: &to}
	if i < 0 {
		p.Titles = append(p.Titles, t)
		return
	}
	p.Titles[i] = t
}

// Unreflect removes the title of tier from p, for a recognition deleted
// when no other recognition of the tier remains.
func Unreflect(p *profile.Profile, tier string) {
	if i := titleIndex(p, tier); i >= 0 {
		p.Titles = append(p.Titles[:i], p.Titles[i+1:]...)
	}
}

func titleIndex(p *profile.Profile, tier string) int {
	for i, t := range p.Titles {
		if t.Tier == tier {
			return i
		}
	}
	return -1
}

// Date arithmetic on calendar dates, through time.Time at noon UTC so no
// zone or daylight rule moves a day.
func toTime(d profile.Date) time.Time { return time.Date(d.Y, d.M, d.D, 12, 0, 0, 0, time.UTC) }

func fromTime(t time.Time) profile.Date {
	y, m, d := t.Date()
	return profile.Date{Y: y, M: m, D: d}
}

// AddDays is d moved by n days.
func AddDays(d profile.Date, n int) profile.Date { return fromTime(toTime(d).AddDate(0, 0, n)) }

// AddYears is d moved by n years; 29 February becomes 1 March.
func AddYears(d profile.Date, n int) profile.Date { return fromTime(toTime(d).AddDate(n, 0, 0)) }

// AddMonths is d moved by n months, as time.AddDate normalises.
func AddMonths(d profile.Date, n int) profile.Date { return fromTime(toTime(d).AddDate(0, n, 0)) }

// DaysBetween is the number of days from a to b (negative when b is earlier).
func DaysBetween(a, b profile.Date) int { return int(toTime(b).Sub(toTime(a)).Hours() / 24) }

// Problems is a list of bad fields as an error.
type Problems []Problem

func (ps Problems) Error() string {
	s := make([]string, len(ps))
	for i, p := range ps {
		s[i] = p.MessageEN
	}
	return strings.Join(s, "; ")
}
