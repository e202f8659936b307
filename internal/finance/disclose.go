package finance

import (
	"slices"

	"zjtx/internal/profile"
)

// Disclose returns the part of p a bank may read under scope: basic
// (name, 信用代码, district, industry), titles (titles and 资质), finance (a
// summary of each year: revenue, net profit, R&D, assets and liabilities)
// and ip. Anything outside the consented scopes is left out, not blanked
// in place, so a new profile field is never disclosed by default.
func Disclose(p *profile.Profile, scope []string) *profile.Profile {
	out := &profile.Profile{USCC: p.USCC, Name: p.Name, Region: p.Region, Industry: p.Industry}
	if slices.Contains(scope, "titles") {
		out.Titles, out.Honors = p.Titles, p.Honors
	}
	if slices.Contains(scope, "finance") && len(p.Years) > 0 {
		out.Years = make(map[int]*profile.Year, len(p.Years))
		for y, v := range p.Years {
			if v == nil {
				continue
			}
			out.Years[y] = &profile.Year{Revenue: v.Revenue, NetProfit: v.NetProfit, RDExpense: v.RDExpense,
				TotalAssets: v.TotalAssets, TotalLiabilities: v.TotalLiabilities}
		}
	}
	if slices.Contains(scope, "ip") {
		out.IP = p.IP
	}
	return out
}
