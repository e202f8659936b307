package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"zjtx/internal/apperr"
	"zjtx/internal/cultivation"
	"zjtx/internal/match"
)

// gapMatchSection is the gap report's 匹配服务: for each gap of the
// enterprise's latest assessment that calls for a service, the products the
// matcher ranks first, each with why.
type gapMatchSection struct {
	Gaps []gapMatch
}

type gapMatch struct {
	Tier, GapItem, Gap, Category string
	Items                        []gapMatchItem
}

type gapMatchItem struct {
	ID                    int64
	Name, Institution     string
	Category, Link, Price string
	Why                   *whyView
}

// gapMatchesShown is how many products the section shows per gap.
const gapMatchesShown = 3

// gapMatchSectionOf ranks products for the demands the latest assessment's
// gaps call for (sqlstore.GapDemands), through the server's ranker; nil
// when there is no ranker or no such gap.
func (w *Web) gapMatchSectionOf(r *http.Request, enterpriseID int64) (*gapMatchSection, error) {
	if w.ranker == nil {
		return nil, nil
	}
	demands, err := w.store.GapDemands(r.Context(), enterpriseID)
	if err != nil || len(demands) == 0 {
		return nil, err
	}
	s := &gapMatchSection{}
	for _, d := range demands {
		list, err := w.ranker.Rank(r.Context(), d)
		if apperr.Code(err) == apperr.EUNAVAILABLE {
			return nil, nil // the matcher is still loading: the page without the section
		}
		if err != nil {
			return nil, err
		}
		g := gapMatch{Tier: cultivation.TierName(d.GapTier), GapItem: d.GapItem, Gap: d.Gap, Category: d.Category}
		for _, sg := range list[:min(len(list), gapMatchesShown)] {
			p := sg.Product
			g.Items = append(g.Items, gapMatchItem{ID: p.ID, Name: p.Name, Institution: p.Institution, Category: p.Category,
				Price: priceText(p), Why: whyOf(sg.Why),
				Link: "/products?" + url.Values{"q": {p.Name}, "category": {p.Category}}.Encode() + fmt.Sprintf("#product-%d", p.ID)})
		}
		s.Gaps = append(s.Gaps, g)
	}
	return s, nil
}

// whyView is a match's explanation in words for a page.
type whyView struct {
	Terms   []string // “专利”（名称 62%）
	Filters string   // 类别：知识产权，梯度：…
	Boosts  string
	Gap     string
	Model   string // 模型意见, "" when no model took part
}

var matchFieldZH = map[string]string{"name": "名称", "category": "类别", "description": "介绍"}

// whyOf renders a ranker's explanation (a match.Why); nil for anything
// else.
func whyOf(v any) *whyView {
	why, ok := v.(match.Why)
	if !ok {
		return nil
	}
	out := &whyView{Filters: strings.Join(why.Filters, "，"), Boosts: strings.Join(why.Boosts, "，"), Gap: why.Gap}
	for _, t := range why.Terms {
		s := fmt.Sprintf("“%s”（%s %.0f%%", t.Term, matchFieldZH[t.Field], 100*t.Share)
		if t.Via != "" {
			s += "，同义于“" + t.Via + "”"
		}
		out.Terms = append(out.Terms, s+"）")
	}
	if m := why.Model; m != nil {
		out.Model = fmt.Sprintf("%s 相似度 %.2f，向量排名 %d，关键词排名 %d", m.Model, m.Similarity, m.VectorRank, m.LexicalRank)
		if m.Reason != "" {
			out.Model += "；" + m.ChatModel + "重排第 " + fmt.Sprint(m.Reranked) + " 位：" + m.Reason
		}
	}
	return out
}
