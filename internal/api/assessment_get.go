package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"

	"zjtx/internal/apperr"
	"zjtx/internal/criteria"
	"zjtx/internal/enterprise"
	"zjtx/internal/httpx"
	"zjtx/internal/profile"
)

// assessmentGet returns one stored assessment with its result and profile
// snapshot. With ?rerun=1 it evaluates the snapshot again with the stored
// rule set, date, data year and application type, and says whether the
// result is identical: a past decision can be re-explained exactly, or the
// difference is shown.
func (a *API) assessmentGet(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	aid, err := pathID(r, "aid")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	q := query(r)
	rerun := q.bool("rerun")
	if err := q.err(); err != nil {
		httpx.Error(w, r, err)
		return
	}
	as, err := a.store.GetAssessment(r.Context(), aid)
	if err == nil && as.EnterpriseID != id {
		err = apperr.Errorf(apperr.ENOTFOUND, "评价记录不存在或无权查看")
	}
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	v := assessmentOf(as, true)
	if rerun {
		if v.Rerun, err = a.rerun(as); err != nil {
			httpx.Error(w, r, err)
			return
		}
	}
	httpx.JSON(w, http.StatusOK, v)
}

func (a *API) rerun(as *enterprise.Assessment) (*rerunView, error) {
	out := &rerunView{Differences: []string{}}
	plan := a.engine.Plan(as.RulesetID)
	if plan == nil {
		out.Differences = append(out.Differences, fmt.Sprintf("规则集 %s 已不在当前规则库中，无法复算", as.RulesetID))
		return out, nil
	}
	if out.HashMatches = plan.RS.Hash() == as.RulesetHash; !out.HashMatches {
		out.Differences = append(out.Differences, fmt.Sprintf("规则集 %s 的内容已变更（保存时 %s，现为 %s），无法按原规则复算",
			as.RulesetID, as.RulesetHash, plan.RS.Hash()))
		return out, nil
	}
	p, errs := profile.DecodeBytes(as.Profile)
	if errs.HasErrors() {
		return nil, apperr.Wrap(errs, apperr.EINTERNAL, "")
	}
	var c criteria.Ctx
	var res criteria.TierResult
	c.Reset(p, as.AsOf, as.DataYear, as.Review)
	plan.Evaluate(&c, &res)
	plan.Explain(&c, &res)
	tr := plan.Report(&c, &res)
	// As Engine.Evaluate does: gap plans for a tier not passed.
	if res.Status != criteria.Pass && res.Status != criteria.Review {
		tr.Gaps, tr.NotBefore, tr.Requires = plan.Gap(&c, &res)
	}
	result, err := json.Marshal(tr)
	if err != nil {
		return nil, err
	}
	out.Status, out.Result = tr.Status.String(), result
	if tr.Score != nil {
		s := profile.DecFromInt(int64(*tr.Score))
		out.Score = &s
	}
	if out.Status != as.Status {
		out.Differences = append(out.Differences, fmt.Sprintf("结论不同：保存时 %s，复算 %s", as.Status, out.Status))
	}
	if !equalScore(out.Score, as.Score) {
		out.Differences = append(out.Differences, "得分不同")
	}
	if !bytes.Equal(result, as.Result) && len(out.Differences) == 0 {
		out.Differences = append(out.Differences, "结论和得分相同，说明或差距方案的内容不同")
	}
	out.Reproduces = len(out.Differences) == 0
	return out, nil
}

func equalScore(a, b *profile.Dec) bool {
	return a == nil && b == nil || a != nil && b != nil && *a == *b
}
