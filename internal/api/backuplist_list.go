package api

import (
	"net/http"

	"zjtx/internal/cultivation"
	"zjtx/internal/enterprise"
	"zjtx/internal/httpx"
	"zjtx/internal/plan"
)

type backupList struct {
	Items  []backupItem `json:"items"`
	Total  int          `json:"total"`
	Limit  int          `json:"limit"`
	Offset int          `json:"offset"`
}

// backupListList lists one tier's backup list in the caller's scope (a
// district official: the district's enterprises), filtered by status,
// region, industry and source (a rule id or manual).
func (a *API) backupListList(w http.ResponseWriter, r *http.Request) {
	tier, err := pathTier(r)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	q := query(r)
	f := cultivation.Filter{Tier: tier, Status: q.oneOf("status", cultivation.Statuses),
		Region: q.str("region", 6), Industry: q.str("industry", 5), Source: q.str("source", 64), Tag: q.oneOf("tag", tagIDs())}
	if f.Region != "" && a.regions[f.Region] == "" {
		q.bad("region", "区县代码不存在")
	}
	f.Limit = q.int("limit", enterprise.DefaultLimit, 1, enterprise.MaxLimit)
	f.Offset = q.int("offset", 0, 0, 1<<30)
	if err := q.err(); err != nil {
		httpx.Error(w, r, err)
		return
	}
	items, total, err := a.store.ListBackupEntries(r.Context(), f)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	out := backupList{Items: make([]backupItem, len(items)), Total: total, Limit: f.Limit, Offset: f.Offset}
	for i, e := range items {
		out.Items[i] = backupItemOf(e)
	}
	httpx.JSON(w, http.StatusOK, out)
}

// tagIDs are the 进阶小巨人 申报难题 tags a list filters by.
func tagIDs() []string {
	var ids []string
	for _, t := range plan.Tags() {
		ids = append(ids, t.ID)
	}
	return ids
}
