package demo

import (
	"fmt"
	"strconv"

	"zjtx/internal/profile"
)

// shapeCandidate makes a listed 专精特新 firm a 进阶小巨人 candidate whose
// gap is the scheme's 申报难题: its figures are lifted to a 小巨人's
// (revenue 2.1 亿元 after 8% a year, 92% main business, R&D 4.5% of revenue
// every year, debt ratio 50%, platform score 72), while its market share
// stays at 5% (产品定位), its products sit in domains an official must
// confirm (行业领域) and its Ⅰ类 IP stays short (知识产权).
func shapeCandidate(p *profile.Profile) error {
	last := 0
	for y := range p.Years {
		last = max(last, y)
	}
	for y := range p.Years {
		rev := 21000.0
		for range last - y {
			rev /= 1.08
		}
		for key, v := range map[string]float64{"revenue": rev, "main_revenue": rev * 0.92, "rd_expense": rev * 0.045,
			"total_assets": rev * 0.8, "total_liabilities": rev * 0.4} {
			if err := p.SetPath(fmt.Sprintf("years.%d.%s", y, key), strconv.FormatFloat(v, 'f', 2, 64)); err != nil {
				return err
			}
		}
	}
	sets := [][2]string{{fmt.Sprintf("years.%d.platform_score", last+1), "72"},
		{"product.market_share", "0.05"}, {"product.market_rank", "6"}}
	for _, s := range sets {
		if err := p.SetPath(s[0], s[1]); err != nil {
			return err
		}
	}
	if err := p.UnsetPath("product.domains"); err != nil {
		return err
	}
	for _, d := range []string{`"six_basics"`, `"chain_key_link"`} {
		if err := p.AddPath("product.domains", []byte(d)); err != nil {
			return err
		}
	}
	return nil
}
