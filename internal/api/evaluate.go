package api

import (
	"errors"
	"net/http"

	"zjtx/internal/apperr"
	"zjtx/internal/criteria"
	"zjtx/internal/httpx"
)

// evaluate is the public self-test: the profile in the body, the report of
// spec/profile.md back, with gap plans for every tier not passed. Nothing is
// stored.
func (a *API) evaluate(w http.ResponseWriter, r *http.Request) {
	q := query(r)
	opt := criteria.Options{AsOf: q.asOf("as_of", a.today()), Review: q.bool("review"), Tiers: q.tiers("tier"), Gaps: true}
	body, err := httpx.ReadBody(r)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	p, perr := decodeProfile(body, "")
	if err := joinInvalid(q.err(), perr); err != nil {
		httpx.Error(w, r, err)
		return
	}
	rep, err := a.engine.Evaluate(p, opt)
	if err != nil {
		httpx.Error(w, r, joinInvalid(noRuleSet(err), atDate(p, opt.AsOf, "")))
		return
	}
	if err := atDate(p, opt.AsOf, ""); err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, rep)
}

// noRuleSet turns the engine's refusal to pick a rule set (an assessment
// date before any rule set applies) into a 400 on as_of.
func noRuleSet(err error) error {
	return apperr.Wrap(httpx.FieldErrors{{Path: "as_of", Message: "as_of：该评价日期没有适用的认定标准（" + err.Error() + "）"}},
		apperr.EINVALID, "该评价日期没有适用的认定标准")
}

// joinInvalid merges the fields of several EINVALID errors (nil ones are
// skipped) into one, so a request hears about every bad field at once. A
// non-EINVALID error wins as it is.
func joinInvalid(errs ...error) error {
	var fields []httpx.Field
	for _, err := range errs {
		if err == nil {
			continue
		}
		var mbe *http.MaxBytesError
		if !apperr.Is(err, apperr.EINVALID) || errors.As(err, &mbe) {
			return err
		}
		fields = append(fields, httpx.Fields(err)...)
	}
	if fields == nil {
		return nil
	}
	return httpx.Invalid("请求有误，请按提示修改", fields...)
}
