package api

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

type assessmentRequest struct {
	AsOf   string `json:"as_of"`
	Review bool   `json:"review"`
	Tier   string `json:"tier"`
}

type assessmentCreated struct {
	Report      *criteria.Report `json:"report"`
	Assessments []assessmentView `json:"assessments"`
}

// assessmentCreate evaluates the enterprise's stored profile on as_of
// (default today; the body is optional) and stores one assessment per tier,
// each with the rule set's id, version and content hash, the data year and
// the profile exactly as evaluated, in one transaction.
func (a *API) assessmentCreate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	var req assessmentRequest
	if r.ContentLength != 0 {
		if err := httpx.DecodeJSON(r, &req); err != nil && !isEmptyBody(err) {
			httpx.Error(w, r, err)
			return
		}
	}
	opt := criteria.Options{AsOf: a.today(), Review: req.Review, Gaps: true}
	var bad []httpx.Field
	if req.AsOf != "" {
		if d, err := profile.ParseDate(req.AsOf); err != nil {
			bad = append(bad, httpx.Field{Path: "as_of", Message: "as_of：应为日期 YYYY-MM-DD"})
		} else {
			opt.AsOf = d
		}
	}
	if req.Tier != "" {
		if criteria.TierZH[req.Tier] == "" {
			bad = append(bad, httpx.Field{Path: "tier", Message: "tier：取值应为 tech_sme、innovative、srdi、little_giant 之一"})
		}
		opt.Tiers = []string{req.Tier}
	}
	if err := fieldsErr(bad); err != nil {
		httpx.Error(w, r, err)
		return
	}
	rec, err := a.store.GetEnterprise(r.Context(), id)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	snapshot, err := json.Marshal(rec.Profile)
	if err != nil {
		httpx.Error(w, r, apperr.Wrap(err, apperr.EINTERNAL, ""))
		return
	}
	rep, err := a.engine.Evaluate(rec.Profile, opt)
	if err != nil {
		httpx.Error(w, r, noRuleSet(err))
		return
	}
	list := make([]*enterprise.Assessment, len(rep.Tiers))
	for i, tr := range rep.Tiers {
		if list[i], err = a.assessmentOf(id, rep, tr, snapshot); err != nil {
			httpx.Error(w, r, err)
			return
		}
	}
	err = a.store.WithTx(r.Context(), func(tx *sqlstore.Tx) error {
		for _, as := range list {
			if err := tx.SaveAssessment(r.Context(), as); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	out := assessmentCreated{Report: rep, Assessments: make([]assessmentView, len(list))}
	for i, as := range list {
		out.Assessments[i] = assessmentOf(as, false)
	}
	httpx.JSON(w, http.StatusCreated, out)
}

func (a *API) assessmentOf(id int64, rep *criteria.Report, tr *criteria.TierReport, snapshot []byte) (*enterprise.Assessment, error) {
	plan := a.engine.Plan(tr.RuleSet)
	if plan == nil {
		return nil, fmt.Errorf("api: rule set %s vanished", tr.RuleSet)
	}
	result, err := json.Marshal(tr)
	if err != nil {
		return nil, err
	}
	asOf, _ := profile.ParseDate(rep.AsOf)
	as := &enterprise.Assessment{EnterpriseID: id, AsOf: asOf, DataYear: rep.DataYear, Review: rep.Review,
		Tier: tr.Tier, RulesetID: tr.RuleSet, RulesetVersion: plan.RS.Version, RulesetHash: tr.RuleSetHash,
		Status: tr.Status.String(), Result: result, Profile: snapshot}
	if tr.Score != nil {
		s := profile.DecFromInt(int64(*tr.Score))
		as.Score = &s
	}
	return as, nil
}

func isEmptyBody(err error) bool {
	fs := httpx.Fields(err)
	return len(fs) == 1 && fs[0].Message == "请求体为空，应为 JSON 对象"
}
