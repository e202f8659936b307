package api

import (
	"errors"
	"net/http"

	"zjtx/internal/assess"
	"zjtx/internal/criteria"
	"zjtx/internal/httpx"
	"zjtx/internal/profile"
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
		} else if msg := asOfProblem(d, opt.AsOf); msg != "" {
			bad = append(bad, httpx.Field{Path: "as_of", Message: "as_of：" + msg})
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
	if err := atDate(rec.Profile, opt.AsOf, ""); err != nil {
		httpx.Error(w, r, err)
		return
	}
	rep, list, err := assess.Run(r.Context(), a.store, a.engine, rec, opt)
	if errors.Is(err, assess.ErrNoRuleSet) {
		err = noRuleSet(err)
	}
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

func isEmptyBody(err error) bool {
	fs := httpx.Fields(err)
	return len(fs) == 1 && fs[0].Message == "请求体为空，应为 JSON 对象"
}
