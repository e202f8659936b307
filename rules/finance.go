package rules

import "embed"

// FinanceFS holds the finance parameters (finance/<year>.yaml): the
// 专精特新贷 caps by tier, the consent and referral clocks and the equipment
// subsidy's rate and cap, each with the text it comes from.
//
//go:embed finance/*.yaml
var FinanceFS embed.FS
