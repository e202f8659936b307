package web

import (
	"errors"
	"fmt"
	"net/http"

	"zjtx/internal/apperr"
	"zjtx/internal/assess"
	"zjtx/internal/criteria"
	"zjtx/internal/httpx"
	"zjtx/internal/profile"
)

// assessmentCreate evaluates the enterprise's stored profile today and
// stores one assessment per tier, each with the rule set's id, version and
// content hash, the data year and the profile as evaluated, in one
// transaction; then shows the enterprise page with the new results.
func (w *Web) assessmentCreate(rw http.ResponseWriter, r *http.Request) {
	rec, err := w.pathEnterprise(r)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	id := rec.ID
	_, _, err = assess.Run(r.Context(), w.store, w.engine, rec, criteria.Options{AsOf: w.asOf(), Review: r.FormValue("review") == "1"})
	if errors.Is(err, assess.ErrNoRuleSet) {
		err = apperr.Wrap(err, apperr.EINVALID, "当前日期没有适用的认定标准")
	}
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	redirect(rw, r, fmt.Sprintf("/enterprises/%d?saved=assessment#assessment", id))
}

// asOf is today as an assessment date.
func (w *Web) asOf() profile.Date {
	t := w.today()
	return profile.Date{Y: t.Year(), M: t.Month(), D: t.Day()}
}

// assessments makes the records to store for a report of rec.
