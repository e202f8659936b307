package web

import (
	"encoding/json"
	"fmt"
	"net/http"

	"zjtx/internal/apperr"
	"zjtx/internal/criteria"
	"zjtx/internal/enterprise"
	"zjtx/internal/httpx"
	"zjtx/internal/profile"
	"zjtx/internal/sqlstore"
)

// assessmentCreate evaluates the enterprise's stored profile today and
// stores one assessment per tier, each with the rule set's id, version and
// content hash, the data year and the profile as evaluated, in one
// transaction; then shows the enterprise page with the new results.
func (w *Web) assessmentCreate(rw http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	rec, err := w.store.GetEnterprise(r.Context(), id)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	rep, err := w.engine.Evaluate(rec.Profile, criteria.Options{AsOf: w.asOf(), Review: r.FormValue("review") == "1", Gaps: true})
	if err != nil {
		httpx.Error(rw, r, apperr.Wrap(err, apperr.EINVALID, "当前日期没有适用的认定标准"))
		return
	}
	list, err := w.assessments(rec, rep)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	err = w.store.WithTx(r.Context(), func(tx *sqlstore.Tx) error {
		for _, as := range list {
			if err := tx.SaveAssessment(r.Context(), as); err != nil {
				return err
			}
		}
		return nil
	})
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
func (w *Web) assessments(rec *enterprise.Record, rep *criteria.Report) ([]*enterprise.Assessment, error) {
	snapshot, err := json.Marshal(rec.Profile)
	if err != nil {
		return nil, apperr.Wrap(err, apperr.EINTERNAL, "")
	}
	asOf, _ := profile.ParseDate(rep.AsOf)
	var out []*enterprise.Assessment
	for _, tr := range rep.Tiers {
		plan := w.engine.Plan(tr.RuleSet)
		if plan == nil {
			return nil, fmt.Errorf("web: rule set %s vanished", tr.RuleSet)
		}
		result, err := json.Marshal(tr)
		if err != nil {
			return nil, apperr.Wrap(err, apperr.EINTERNAL, "")
		}
		as := &enterprise.Assessment{EnterpriseID: rec.ID, AsOf: asOf, DataYear: rep.DataYear, Review: rep.Review,
			Tier: tr.Tier, RulesetID: tr.RuleSet, RulesetVersion: plan.RS.Version, RulesetHash: tr.RuleSetHash,
			Status: tr.Status.String(), Result: result, Profile: snapshot}
		if tr.Score != nil {
			s := profile.DecFromInt(int64(*tr.Score))
			as.Score = &s
		}
		out = append(out, as)
	}
	return out, nil
}
