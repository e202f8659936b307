package api

import (
	"net/http"

	"zjtx/internal/auth"
	"zjtx/internal/carrier"
	"zjtx/internal/httpx"
	"zjtx/internal/profile"
	"zjtx/internal/sqlstore"
)

// parkApplyBody is a land need as the API reads it: figures as decimal
// text (亩, 万元), so none passes through a float.
type parkApplyBody struct {
	EnterpriseID int64  `json:"enterprise_id"` // officials; an enterprise applies for itself
	NeedMu       string `json:"need_mu"`
	UsedMu       string `json:"used_mu"`
	Revenue      string `json:"revenue"`
	Tax          string `json:"tax"`
	RDExpense    string `json:"rd_expense"`
	Employees    int64  `json:"employees"`
	Purpose      string `json:"purpose"`
}

// parkApply files an enterprise's land need for a park.
func (a *API) parkApply(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	var b parkApplyBody
	if err := readJSON(r, &b, "用地需求"); err != nil {
		httpx.Error(w, r, err)
		return
	}
	app := &carrier.Application{ParkID: id, EnterpriseID: b.EnterpriseID, Employees: b.Employees, Purpose: b.Purpose}
	if c, _ := httpx.Caller(r); c.Role == auth.RoleEnterprise {
		app.EnterpriseID = c.EnterpriseID
	}
	var fields []httpx.Field
	for _, f := range []struct {
		path, text string
		to         *profile.Dec
		optional   bool
	}{{"need_mu", b.NeedMu, &app.NeedMu, false}, {"used_mu", b.UsedMu, &app.UsedMu, false}, {"revenue", b.Revenue, &app.Revenue, false},
		{"tax", b.Tax, &app.Tax, false}, {"rd_expense", b.RDExpense, &app.RDExpense, true}} {
		if f.text == "" && f.optional {
			continue
		}
		v, err := profile.ParseDec(f.text)
		if err != nil {
			fields = append(fields, httpx.Field{Path: f.path, Message: f.path + "：应为十进制数字文本（至多 4 位小数），如 \"12.5\""})
			continue
		}
		*f.to = v
	}
	if len(fields) > 0 {
		httpx.Error(w, r, httpx.Invalid("用地需求有误", fields...))
		return
	}
	if err := a.store.WithTx(r.Context(), func(tx *sqlstore.Tx) error { return tx.CreateApplication(r.Context(), app) }); err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, app)
}
