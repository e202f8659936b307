package api

import (
	"net/http"
	"strconv"

	"zjtx/internal/httpx"
)

// populationCreate takes a population (the Excel import template, or CSV
// with its column headers; as the body or the multipart field "file"),
// named by ?name=, and queues its import and candidate discovery: 202 with
// the population's id and the job.
func (a *API) populationCreate(w http.ResponseWriter, r *http.Request) {
	q := query(r)
	name := q.str("name", 100)
	if err := q.err(); err != nil {
		httpx.Error(w, r, err)
		return
	}
	data, err := readUpload(r)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	if name == "" {
		name = "企业总体 " + a.today().String()
	}
	pop, j, err := a.jobs.ImportPopulation(r.Context(), name, "", data, a.today())
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	w.Header().Set("Location", Prefix+"/jobs/"+strconv.FormatInt(j.ID, 10))
	httpx.JSON(w, http.StatusAccepted, map[string]any{"population": pop.ID, "job": jobOf(j)})
}
