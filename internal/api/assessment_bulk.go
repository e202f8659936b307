package api

import (
	"net/http"
	"strconv"
	"strings"

	"zjtx/internal/enterprise"
	"zjtx/internal/httpx"
)

// assessmentBulk queues the assessment of every enterprise in the caller's
// scope that matches the list's filters (the query parameters of GET
// /enterprises; ids=1,2,3 for a selection) as a background job and answers
// 202 with the job, whose progress GET /jobs/{id} reports.
func (a *API) assessmentBulk(w http.ResponseWriter, r *http.Request) {
	q := query(r)
	f := a.enterpriseFilter(q)
	f.IDs = q.ids("ids", enterprise.MaxLimit)
	if err := q.err(); err != nil {
		httpx.Error(w, r, err)
		return
	}
	j, err := a.jobs.AssessBulk(r.Context(), f)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.Header().Set("Location", Prefix+"/jobs/"+strconv.FormatInt(j.ID, 10))
	httpx.JSON(w, http.StatusAccepted, jobOf(j))
}

// ids reads a comma-separated list of positive ids, at most max.
func (p *params) ids(name string, max int) []int64 {
	s := strings.TrimSpace(p.q.Get(name))
	if s == "" {
		return nil
	}
	parts := strings.Split(s, ",")
	if len(parts) > max {
		p.bad(name, "一次最多 %d 个", max)
		return nil
	}
	out := make([]int64, 0, len(parts))
	for _, part := range parts {
		n, err := strconv.ParseInt(strings.TrimSpace(part), 10, 64)
		if err != nil || n <= 0 {
			p.bad(name, "应为以逗号分隔的正整数，如 12,15")
			return nil
		}
		out = append(out, n)
	}
	return out
}
