package api

import (
	"net/http"
	"time"

	"zjtx/internal/baolian"
	"zjtx/internal/httpx"
	"zjtx/internal/sqlstore"
)

type workloadItem struct {
	Key              string   `json:"key"` // official id or region code
	Name             string   `json:"name"`
	Unit             string   `json:"unit,omitempty"`
	Listed           int      `json:"listed,omitempty"`
	Unassigned       int      `json:"unassigned,omitempty"`
	Enterprises      int      `json:"enterprises"`
	VisitsDone       int      `json:"visits_done"`
	VisitsOverdue    int      `json:"visits_overdue"`
	Appeals          int      `json:"appeals"`
	Open             int      `json:"open"`
	Overdue          int      `json:"overdue"`
	SolveRate        *float64 `json:"solve_rate"`        // 办结率
	OnTimeRate       *float64 `json:"on_time_rate"`      // 按期办结率
	SatisfactionRate *float64 `json:"satisfaction_rate"` // 满意率
}

func workloadOf(c baolian.Counts) workloadItem {
	return workloadItem{c.Key, c.Name, c.Unit, c.Listed, c.Unassigned, c.Enterprises, c.VisitsDone, c.VisitsLate,
		c.Appeals, c.Open, c.Overdue, c.SolveRate(), c.OnTimeRate(), c.SatisfactionRate()}
}

// assignmentWorkload is the workload and the ledger's rates per official
// or per district in the caller's scope, visits and appeals counted since
// the date (default: a year ago).
func (a *API) assignmentWorkload(w http.ResponseWriter, r *http.Request) {
	q := query(r)
	by := q.oneOf("by", []string{sqlstore.ByOfficial, sqlstore.ByRegion})
	if by == "" {
		by = sqlstore.ByOfficial
	}
	since := a.now().AddDate(-1, 0, 0)
	if s := q.q.Get("since"); s != "" {
		t, err := time.Parse(time.DateOnly, s)
		if err != nil {
			q.bad("since", "应为日期 YYYY-MM-DD")
		}
		since = t
	}
	if err := q.err(); err != nil {
		httpx.Error(w, r, err)
		return
	}
	counts, err := a.store.BaolianCounts(r.Context(), by, since)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	out := listOf[workloadItem]{Items: make([]workloadItem, len(counts)), Total: len(counts)}
	for i, c := range counts {
		out.Items[i] = workloadOf(c)
	}
	httpx.JSON(w, http.StatusOK, out)
}
