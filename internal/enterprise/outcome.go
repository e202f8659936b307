package enterprise

import (
	"strings"

	"zjtx/internal/apperr"
	"zjtx/internal/profile"
)

// Outcomes of an enterprise's latest assessment of a tier, as lists show and
// filter them. The engine's four statuses fold into three: missing (a needed
// fact is unknown) joins review, since either way an official has to check
// something before the tier can be called met. The store keeps the status
// itself, so that 符合但未认定 can take review (every computable condition
// met, a qualitative one left to an official: srdi@2026's S26-9 always is)
// without missing.
const (
	OutcomePass   = "pass"   // 符合
	OutcomeReview = "review" // 待核实
	OutcomeFail   = "fail"   // 不符合
	OutcomeNone   = "none"   // 未评价: the filter value; stored as ""
)

// Outcome values a filter accepts, in the order pages offer them.
var Outcomes = []string{OutcomePass, OutcomeReview, OutcomeFail, OutcomeNone}

var outcomeNames = map[string]string{OutcomePass: "符合", OutcomeReview: "待核实", OutcomeFail: "不符合", OutcomeNone: "未评价", "": "未评价"}

// OutcomeLabel returns the Chinese name of an outcome ("" is 未评价).
func OutcomeLabel(o string) string { return outcomeNames[o] }

// OutcomeOf folds an assessment status into the outcome a list keeps.
func OutcomeOf(status string) string {
	switch status {
	case "pass":
		return OutcomePass
	case "fail":
		return OutcomeFail
	case "review", "missing":
		return OutcomeReview
	}
	return ""
}

// AssessedTiers are the tiers the engine assesses and lists keep outcomes
// of, lowest first.
var AssessedTiers = []string{profile.TierTechSME, profile.TierInnovative, profile.TierSRDI, profile.TierLittleGiant}

// IsAssessedTier reports whether tier is one of AssessedTiers.
func IsAssessedTier(tier string) bool {
	for _, t := range AssessedTiers {
		if t == tier {
			return true
		}
	}
	return false
}

// TierOutcome is one condition of a list filter: the latest assessment of
// Tier had Outcome (OutcomeNone: Tier was never assessed).
type TierOutcome struct {
	Tier    string
	Outcome string
}

// ParseTierOutcome reads "srdi:pass"; the error names what is wrong in
// Chinese, for the caller to attach to its parameter.
func ParseTierOutcome(s string) (TierOutcome, error) {
	tier, outcome, ok := strings.Cut(strings.TrimSpace(s), ":")
	if !ok {
		return TierOutcome{}, apperr.Errorf(apperr.EINVALID, "应为“梯度:结论”，如 srdi:pass，不能是“%s”", s)
	}
	if !IsAssessedTier(tier) {
		return TierOutcome{}, apperr.Errorf(apperr.EINVALID, "梯度应为 %s 之一，不能是“%s”", strings.Join(AssessedTiers, "、"), tier)
	}
	for _, o := range Outcomes {
		if o == outcome {
			return TierOutcome{tier, outcome}, nil
		}
	}
	return TierOutcome{}, apperr.Errorf(apperr.EINVALID, "结论应为 %s 之一，不能是“%s”", strings.Join(Outcomes, "、"), outcome)
}

// String is the filter's query form, "srdi:pass".
func (t TierOutcome) String() string { return t.Tier + ":" + t.Outcome }

// Statuses returns the assessment statuses an outcome filter matches.
func Statuses(outcome string) []string {
	switch outcome {
	case OutcomePass:
		return []string{"pass"}
	case OutcomeReview:
		return []string{"review", "missing"}
	case OutcomeFail:
		return []string{"fail"}
	}
	return nil
}

// UnrecognizedStatuses are the statuses that count as meeting a tier for
// 符合但未认定: passed, or passed up to an official's judgement (review).
var UnrecognizedStatuses = []string{"pass", "review"}

// HeldAtOrAbove returns the titles that count as holding tier: the tier and
// every higher one (a 小巨人 is recognised among 专精特新 enterprises), so
// "符合但未认定" means passing tier while the highest title held is below it.
func HeldAtOrAbove(tier string) []string {
	r := TierRank(tier)
	if r < 0 {
		return nil
	}
	return Tiers[r:]
}
