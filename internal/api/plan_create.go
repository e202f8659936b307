package api

import (
	"net/http"

	"zjtx/internal/assess"
	"zjtx/internal/criteria"
	"zjtx/internal/httpx"
	"zjtx/internal/plan"
	"zjtx/internal/profile"
)

type planRequest struct {
	Tier  string `json:"tier"`
	Due   string `json:"due"` // default: 60 working days from today
	Owner *struct {
		UserID        int64 `json:"user_id"`
		InstitutionID int64 `json:"institution_id"`
		ProductID     int64 `json:"product_id"` // a product of the packages of the tier and the enterprise's chain
	} `json:"owner"` // default: the caller
}

// planCreate generates a cultivation plan for the enterprise and a tier
// from the engine's cheapest gap plan on today's rules: one task per change,
// each with its target in the input's unit, owner and due date.
func (a *API) planCreate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	var body planRequest
	if err := httpx.DecodeJSON(r, &body); err != nil {
		httpx.Error(w, r, err)
		return
	}
	today := a.today()
	c, _ := httpx.Caller(r)
	req := assess.PlanRequest{EnterpriseID: id, Tier: body.Tier, AsOf: today, Due: plan.DefaultDue(today),
		Owner: plan.Owner{UserID: c.UserID}}
	var bad []httpx.Field
	if criteria.TierZH[body.Tier] == "" {
		bad = append(bad, httpx.Field{Path: "tier", Message: "tier：取值应为 tech_sme、innovative、srdi、little_giant 之一",
			MessageEN: "tier must be one of tech_sme, innovative, srdi, little_giant"})
	}
	if body.Due != "" {
		d, err := profile.ParseDate(body.Due)
		switch {
		case err != nil:
			bad = append(bad, httpx.Field{Path: "due", Message: "due：应为日期 YYYY-MM-DD", MessageEN: "due must be a date YYYY-MM-DD"})
		case d.Before(today):
			bad = append(bad, httpx.Field{Path: "due", Message: "due：完成期限不能早于今天", MessageEN: "due must not be in the past"})
		default:
			req.Due = d
		}
	}
	if body.Owner != nil {
		req.Owner = plan.Owner{UserID: body.Owner.UserID, InstitutionID: body.Owner.InstitutionID, ProductID: body.Owner.ProductID}
	}
	if err := fieldsErr(bad); err != nil {
		httpx.Error(w, r, err)
		return
	}
	p, err := assess.GeneratePlan(r.Context(), a.store, a.engine, req)
	if err != nil {
		httpx.Error(w, r, httpx.Named(err))
		return
	}
	httpx.JSON(w, http.StatusCreated, planOf(p, today))
}
