package web

import (
	"net/http"
	"strconv"

	"zjtx/internal/auth"
	"zjtx/internal/carrier"
	"zjtx/internal/httpx"
	"zjtx/internal/profile"
	"zjtx/internal/sqlstore"
)

type parkShowView struct {
	base
	Park       parkRow
	Mujun      *carrier.Mujun
	Ranked     []rankedRow
	Others     []*carrier.Application // refused and withdrawn
	StatusName map[string]string
	Decisions  []string // what the city may set: granted, refused
	Within     int
	Form       map[string]string
	Problems   []string
	// OwnEnterprise is the enterprise account's enterprise: its form needs
	// no USCC.
	OwnEnterprise bool
}

type rankedRow struct {
	carrier.Ranked
	RegionName string
}

// parkShow ranks a park's applicants by 亩均效益 (the year's settings, as
// data) and marks those the places and land can take; city officials
// decide each application; the applicant's form is below.
func (w *Web) parkShow(rw http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	v, err := w.parkShowView(r, id)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	w.render(rw, r, http.StatusOK, "park_show", v)
}

func (w *Web) parkShowView(r *http.Request, id int64) (*parkShowView, error) {
	var p *carrier.Park
	var apps []*carrier.Application
	err := w.store.Read(r.Context(), func(tx *sqlstore.Tx) (err error) {
		if p, err = tx.GetPark(r.Context(), id); err != nil {
			return err
		}
		apps, err = tx.ListApplications(r.Context(), id)
		return err
	})
	if err != nil {
		return nil, err
	}
	m, err := carrier.LatestMujun(p.Year)
	if err != nil {
		return nil, err
	}
	c, _ := httpx.Caller(r)
	v := &parkShowView{base: w.base(r, p.Name, "programmes"), Park: parkRow{Park: p, RegionName: w.region[p.Region]},
		Mujun: m, StatusName: carrier.AppStatusZH, Decisions: []string{carrier.AppGranted, carrier.AppRefused}, Form: map[string]string{}, OwnEnterprise: c.Role == auth.RoleEnterprise}
	for _, rk := range m.Rank(p, apps) {
		v.Ranked = append(v.Ranked, rankedRow{Ranked: rk, RegionName: w.region[rk.Region]})
		if rk.Within {
			v.Within++
		}
	}
	for _, a := range apps {
		if a.Status == carrier.AppRefused || a.Status == carrier.AppWithdrawn {
			v.Others = append(v.Others, a)
		}
	}
	return v, nil
}

// parkApply files a land need for the park: by the enterprise for itself,
// or by an official for an enterprise in scope (by USCC).
func (w *Web) parkApply(rw http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	form := formFields(r, "uscc", "need_mu", "used_mu", "revenue", "tax", "rd_expense", "employees", "purpose")
	app := &carrier.Application{ParkID: id, Purpose: form["purpose"]}
	var problems []string
	for _, f := range []struct {
		name, zh string
		to       *profile.Dec
	}{{"need_mu", "用地需求（亩）", &app.NeedMu}, {"used_mu", "现有用地（亩）", &app.UsedMu}, {"revenue", "营业收入（万元）", &app.Revenue},
		{"tax", "实缴税金（万元）", &app.Tax}, {"rd_expense", "研发费用（万元）", &app.RDExpense}} {
		if form[f.name] == "" && f.name == "rd_expense" {
			continue
		}
		problems = append(problems, parseFormDec(form[f.name], f.zh, f.to)...)
	}
	if form["employees"] != "" {
		n, err := strconv.ParseInt(form["employees"], 10, 64)
		if err != nil {
			problems = append(problems, "从业人员：请填写整数")
		}
		app.Employees = n
	}
	c, _ := httpx.Caller(r)
	if len(problems) == 0 {
		err = w.store.WithTx(r.Context(), func(tx *sqlstore.Tx) error {
			app.EnterpriseID = c.EnterpriseID
			if c.Role != auth.RoleEnterprise {
				e, err := tx.GetEnterpriseByUSCC(r.Context(), form["uscc"])
				if err != nil {
					return notFoundAsProblem(err, "未找到统一社会信用代码为 "+form["uscc"]+" 的本辖区企业")
				}
				app.EnterpriseID = e.ID
			}
			return tx.CreateApplication(r.Context(), app)
		})
		var ok bool
		if problems, ok = saveProblems(rw, r, err); !ok {
			return
		}
		if problems == nil {
			redirect(rw, r, "/parks/"+strconv.FormatInt(id, 10)+"#ranking")
			return
		}
	}
	v, err := w.parkShowView(r, id)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	v.Form, v.Problems = form, problems
	w.render(rw, r, http.StatusBadRequest, "park_show", v)
}

// parkDecide sets an application's status from the version read: city
// officials grant or refuse, the applicant withdraws.
func (w *Web) parkDecide(rw http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err == nil {
		var app int64
		if app, err = pathID(r, "app"); err == nil {
			err = w.store.WithTx(r.Context(), func(tx *sqlstore.Tx) error {
				_, err := tx.DecideApplication(r.Context(), app, formVersion(r), r.FormValue("status"))
				return err
			})
		}
	}
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	redirect(rw, r, "/parks/"+strconv.FormatInt(id, 10)+"#ranking")
}
