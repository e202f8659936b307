package api

import (
	"net/http"
	"strconv"

	"zjtx/internal/criteria"
	"zjtx/internal/httpx"
	"zjtx/internal/jobs"
)

// impactGet answers the policy impact analysis of a population (0 or
// absent: the registered enterprises) between two rule sets of one tier,
// over the rows of the caller's scope. A finished analysis is answered at
// once (200); a small population is analysed within the request; a large
// one is queued as a job and answered 202 with the job and its URL, the
// same request answering 200 once the job is done.
func (a *API) impactGet(w http.ResponseWriter, r *http.Request) {
	q := query(r)
	req := jobs.ImpactRequest{
		Tier:         q.oneOf("tier", criteria.Tiers),
		From:         q.str("from", 64),
		To:           q.str("to", 64),
		PopulationID: int64(q.int("population", 0, 0, 1<<53)),
		AsOf:         q.asOf("as_of", a.today()),
		Move:         q.str("move", 40),
		Region:       q.str("region", 12),
		Industry:     q.str("industry", 12),
		Cond:         q.str("cond", 64),
		Limit:        q.int("limit", 50, 1, 500),
		Offset:       q.int("offset", 0, 0, 1<<30),
	}
	for _, f := range jobs.CheckImpact(a.engine, &req) {
		q.bad(f.Path, "%s", f.Message)
	}
	if err := q.err(); err != nil {
		httpx.Error(w, r, err)
		return
	}
	res, job, err := a.jobs.ImpactAnswer(r.Context(), req)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	if job != nil {
		w.Header().Set("Location", Prefix+"/jobs/"+strconv.FormatInt(job.ID, 10))
		httpx.JSON(w, http.StatusAccepted, map[string]any{"job": jobOf(job), "job_url": Prefix + "/jobs/" + strconv.FormatInt(job.ID, 10)})
		return
	}
	httpx.JSON(w, http.StatusOK, res)
}
