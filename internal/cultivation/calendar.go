package cultivation

import (
	"cmp"
	"fmt"
	"slices"
	"time"

	"zjtx/internal/criteria"
	"zjtx/internal/profile"
)

// Kinds of calendar items.
const (
	KindExpiry180    = "expiry_180"    // the title ends within 180 days
	KindExpiry90     = "expiry_90"     // within 90 days
	KindExpiry30     = "expiry_30"     // within 30 days
	KindReview       = "review"        // 复核 in the title's third year
	KindChangeReport = "change_report" // report a 更名/合并/重组/迁移 within 3 months
	KindAnnualUpdate = "annual_update" // update the data by 31 May
)

// KindZH names the kinds on pages and in the export.
var KindZH = map[string]string{
	KindExpiry180: "有效期届满（180 天内）", KindExpiry90: "有效期届满（90 天内）", KindExpiry30: "有效期届满（30 天内）",
	KindReview: "第三年复核", KindChangeReport: "变更报告（3 个月内）", KindAnnualUpdate: "年度数据更新（5 月 31 日前）",
}

// Item is one dated duty of a titled enterprise.
type Item struct {
	EnterpriseID   int64        `json:"enterprise_id"`
	Kind           string       `json:"kind"`
	Due            profile.Date `json:"due"`
	Tier           string       `json:"tier"`
	Note           string       `json:"note"`
	RecognitionID  int64        `json:"recognition_id,omitempty"`
	EnterpriseName string       `json:"enterprise_name"`
	Region         string       `json:"region"`
}

// ReviewRuleSet names the rule set a 复核 of tier on a date in region is
// judged by ("" when the engine has none, as for 单项冠军): the engine's own
// selection (criteria.Engine.Select with review=true).
type ReviewRuleSet func(tier string, on profile.Date, region string) string

// expiryStages are the alert stages, nearest first: a title 25 days from
// its end is in the 30-day stage only.
var expiryStages = []struct {
	days int
	kind string
}{{30, KindExpiry30}, {90, KindExpiry90}, {180, KindExpiry180}}

// AnnualUpdateDue is the next 31 May on or after today: enterprises update
// last year's data by then each year.
func AnnualUpdateDue(today profile.Date) profile.Date {
	d := profile.Date{Y: today.Y, M: time.May, D: 31}
	if d.Before(today) {
		d.Y++
	}
	return d
}

// ReviewDue is the 复核 date of a title recognised on d: its second
// anniversary, the start of its third year.
func ReviewDue(d profile.Date) profile.Date { return AddYears(d, 2) }

// Calendar lists the duties of the recognitions falling due from today up
// to within days ahead, ordered by date. Recognitions failed at 复核 or
// already expired carry no duties; each enterprise with a live title gets
// one annual update.
func Calendar(recs []*Recognition, today profile.Date, within int, rule ReviewRuleSet) []Item {
	until := AddDays(today, within)
	inWindow := func(d profile.Date) bool { return !d.Before(today) && !until.Before(d) }
	var out []Item
	annual := map[int64]bool{}
	for _, r := range recs {
		if r.ReviewResult == ReviewFailed || r.ValidTo.Before(today) {
			continue
		}
		item := func(kind string, due profile.Date, note string) {
			out = append(out, Item{EnterpriseID: r.EnterpriseID, Kind: kind, Due: due, Tier: r.Tier, Note: note,
				RecognitionID: r.ID, EnterpriseName: r.EnterpriseName, Region: r.Region})
		}
		left := DaysBetween(today, r.ValidTo)
		for _, s := range expiryStages {
			if left <= s.days && inWindow(r.ValidTo) {
				item(s.kind, r.ValidTo, fmt.Sprintf("%s有效期至 %s，尚余 %d 天", TierZH[r.Tier], r.ValidTo, left))
				break
			}
		}
		if due := ReviewDue(r.RecognizedOn); r.ReviewResult == "" && inWindow(due) {
			note := fmt.Sprintf("%d 年为认定后第三年，应复核", due.Y)
			if rs := rule(r.Tier, due, r.Region); rs != "" {
				note += "；复核适用 " + rs
			}
			item(KindReview, due, note)
		}
		if r.ChangeKind != "" && !r.ChangedOn.IsZero() {
			if due := AddMonths(r.ChangedOn, 3); inWindow(due) {
				item(KindChangeReport, due, fmt.Sprintf("%s 发生%s，应于 3 个月内报告", r.ChangedOn, ChangeZH[r.ChangeKind]))
			}
		}
		if due := AnnualUpdateDue(today); !annual[r.EnterpriseID] && inWindow(due) {
			annual[r.EnterpriseID] = true
			item(KindAnnualUpdate, due, fmt.Sprintf("%d 年 5 月 31 日前更新上一年度数据", due.Y))
		}
	}
	slices.SortStableFunc(out, func(a, b Item) int {
		return cmp.Or(cmp.Compare(a.Due.Key(), b.Due.Key()), cmp.Compare(a.EnterpriseID, b.EnterpriseID), cmp.Compare(a.Kind, b.Kind))
	})
	return out
}

// EngineReviewRuleSet is the ReviewRuleSet of an engine: the id of the rule
// set its selection picks for a 复核.
func EngineReviewRuleSet(e *criteria.Engine) ReviewRuleSet {
	return func(tier string, on profile.Date, region string) string {
		if p, err := e.Select(tier, on, true, region); err == nil {
			return p.RS.ID
		}
		return ""
	}
}
