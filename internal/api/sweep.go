package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"

	"zjtx/internal/criteria"
	"zjtx/internal/httpx"
	"zjtx/internal/profile"
)

// MaxSweepSteps bounds a sweep: 200 intervals, 201 evaluations.
const MaxSweepSteps = 200

type sweepRequest struct {
	Profile json.RawMessage `json:"profile"`
	AsOf    string          `json:"as_of"`
	Review  bool            `json:"review"`
	Tier    string          `json:"tier"`
	Path    string          `json:"path"`
	From    json.RawMessage `json:"from"`
	To      json.RawMessage `json:"to"`
	Steps   int             `json:"steps"`
}

type sweepResponse struct {
	AsOf     string       `json:"as_of"`
	DataYear int          `json:"data_year"`
	Review   bool         `json:"review"`
	Path     string       `json:"path"`
	Points   []sweepPoint `json:"points"`
}

type sweepPoint struct {
	Value profile.Dec   `json:"value"`
	Tiers []sweepResult `json:"tiers"`
}

type sweepResult struct {
	Tier   string `json:"tier"`
	Status string `json:"status"`
	Score  *int   `json:"score,omitempty"` // tiers with a points table
}

// sweep varies one numeric field of a profile from `from` to `to` in
// `steps` equal steps and reports each tier's status and score at every
// point: where the thresholds lie for this enterprise. Each point sets the
// path on a clone of the profile and evaluates it on the quick path (status
// and score, no explanation), so 201 points cost a few milliseconds.
func (a *API) sweep(w http.ResponseWriter, r *http.Request) {
	var req sweepRequest
	if err := httpx.DecodeJSON(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	var bad []httpx.Field
	fail := func(path, format string, args ...any) {
		bad = append(bad, httpx.Field{Path: path, Message: path + "：" + fmt.Sprintf(format, args...)})
	}
	var p *profile.Profile
	var perr error
	if len(req.Profile) == 0 || string(req.Profile) == "null" {
		fail("profile", "不能为空")
	} else {
		p, perr = decodeProfile(req.Profile, "profile.")
	}
	asOf := a.today()
	if req.AsOf != "" {
		d, err := profile.ParseDate(req.AsOf)
		if err != nil {
			fail("as_of", "应为日期 YYYY-MM-DD")
		} else if msg := asOfProblem(d, asOf); msg != "" {
			fail("as_of", "%s", msg)
		}
		asOf = d
	}
	tiers := criteria.Tiers
	if req.Tier != "" {
		if !slices.Contains(criteria.Tiers, req.Tier) {
			fail("tier", "取值应为 tech_sme、innovative、srdi、little_giant 之一")
		}
		tiers = []string{req.Tier}
	}
	info, ok := profile.Describe(req.Path)
	switch {
	case req.Path == "":
		fail("path", "不能为空，如 years.2025.rd_expense")
	case !ok || info.Kind != "decimal" && info.Kind != "integer":
		fail("path", "应为画像中的数值字段，如 years.2025.rd_expense")
	}
	num := func(name string, raw json.RawMessage) int64 {
		if len(raw) == 0 || string(raw) == "null" {
			fail(name, "不能为空")
			return 0
		}
		d, err := profile.ParseDec(string(raw))
		if err != nil {
			fail(name, "应为数字，至多 4 位小数")
		}
		return int64(d)
	}
	from, to := num("from", req.From), num("to", req.To)
	if req.Steps < 1 || req.Steps > MaxSweepSteps {
		fail("steps", "应为 1 至 %d 之间的整数", MaxSweepSteps)
	}
	if err := joinInvalid(perr, fieldsErr(bad), atDate(p, asOf, "profile.")); err != nil {
		httpx.Error(w, r, err)
		return
	}
	plans := make([]*criteria.Plan, len(tiers))
	for i, t := range tiers {
		plan, err := a.engine.Select(t, asOf, req.Review, p.Region)
		if err != nil {
			httpx.Error(w, r, noRuleSet(err))
			return
		}
		plans[i] = plan
	}
	resp := sweepResponse{AsOf: asOf.String(), Review: req.Review, Path: req.Path,
		Points: make([]sweepPoint, 0, req.Steps+1)}
	var c criteria.Ctx
	var res criteria.TierResult
	for i := 0; i <= req.Steps; i++ {
		v := from + roundDiv((to-from)*int64(i), int64(req.Steps))
		if info.Kind == "integer" {
			v = roundDiv(v, profile.DecScale) * profile.DecScale
		}
		q := p.Clone()
		if err := q.SetPath(req.Path, profile.Dec(v).String()); err != nil {
			httpx.Error(w, r, httpx.Invalid("请求有误", httpx.Field{Path: "path", Message: "path：" + err.Error()}))
			return
		}
		pt := sweepPoint{Value: profile.Dec(v), Tiers: make([]sweepResult, len(plans))}
		for j, plan := range plans {
			y := asOf.Y + plan.RS.Params.DataYearOffset
			resp.DataYear = y
			c.Reset(q, asOf, y, req.Review)
			plan.Quick(&c, &res)
			sr := sweepResult{Tier: plan.RS.Tier, Status: res.Status.String()}
			if plan.RS.Score != nil {
				score := res.Score
				sr.Score = &score
			}
			pt.Tiers[j] = sr
		}
		resp.Points = append(resp.Points, pt)
	}
	httpx.JSON(w, http.StatusOK, resp)
}

// roundDiv divides rounding half away from zero.
func roundDiv(n, d int64) int64 {
	if (n < 0) != (d < 0) {
		return (n - d/2) / d
	}
	return (n + d/2) / d
}

func fieldsErr(fields []httpx.Field) error {
	if len(fields) == 0 {
		return nil
	}
	return httpx.Invalid("请求有误", fields...)
}
