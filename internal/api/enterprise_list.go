package api

import (
	"net/http"

	"zjtx/internal/apperr"
	"zjtx/internal/enterprise"
	"zjtx/internal/httpx"
)

var (
	enterpriseSortNames = []string{"updated", "-updated", "name", "-name", "uscc", "-uscc", "created", "-created"}
	enterpriseStatuses  = []string{string(enterprise.StatusActive), string(enterprise.StatusMovedOut), string(enterprise.StatusClosed)}
	tierFilters         = append([]string{"none"}, enterprise.Tiers...)
)

// enterpriseList lists the enterprises in the caller's scope: a district
// official sees the district's, an enterprise itself, the city every one.
func (a *API) enterpriseList(w http.ResponseWriter, r *http.Request) {
	q := query(r)
	f := a.enterpriseFilter(q)
	f.Limit = q.int("limit", enterprise.DefaultLimit, 1, enterprise.MaxLimit)
	f.Offset = q.int("offset", 0, 0, 1<<30)
	if err := q.err(); err != nil {
		httpx.Error(w, r, err)
		return
	}
	items, total, err := a.store.ListEnterprises(r.Context(), f)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	out := enterpriseList{Items: make([]enterpriseItem, len(items)), Total: total, Limit: f.Limit, Offset: f.Offset}
	for i, e := range items {
		out.Items[i] = a.item(e)
	}
	httpx.JSON(w, http.StatusOK, out)
}

// enterpriseFilter reads the list's filters, shared by the list and its
// Excel export, noting bad values on q.
func (a *API) enterpriseFilter(q *params) enterprise.Filter {
	f := enterprise.Filter{
		Q:        q.str("q", 100),
		Region:   q.str("region", 6),
		Tier:     q.oneOf("tier", tierFilters),
		Industry: q.str("industry", 5),
		Chain:    q.str("chain", 50),
		Status:   enterprise.Status(q.oneOf("status", enterpriseStatuses)),
		Sort:     q.oneOf("sort", enterpriseSortNames),
	}
	if f.Region != "" && a.regions[f.Region] == "" {
		q.bad("region", "不是郑州市的区县（市）或开发区代码")
	}
	if f.Industry != "" && !enterprise.IsIndustryPrefix(f.Industry) {
		q.bad("industry", "应为国民经济行业分类代码或其前缀，如 C34、C3484")
	}
	f.Outcomes = q.outcomes("outcome")
	f.Unrecognized = q.oneOf("unrecognized", enterprise.AssessedTiers)
	return f
}

// outcomes reads the repeatable tier:outcome conditions of a list, one per
// tier at most.
func (p *params) outcomes(name string) []enterprise.TierOutcome {
	var out []enterprise.TierOutcome
	seen := map[string]bool{}
	for _, s := range p.q[name] {
		o, err := enterprise.ParseTierOutcome(s)
		switch {
		case err != nil:
			p.bad(name, "%s", apperr.Message(err))
		case seen[o.Tier]:
			p.bad(name, "每个梯度只能给一个结论，%s 出现了两次", o.Tier)
		default:
			seen[o.Tier] = true
			out = append(out, o)
		}
	}
	return out
}
