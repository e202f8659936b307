package web

import (
	"encoding/json"
	"net/http"

	"zjtx/internal/httpx"
	"zjtx/internal/sqlstore"
)

type populationRowError struct {
	Row       int    `json:"row"`
	Column    string `json:"column"`
	Message   string `json:"message"`
	MessageZH string `json:"message_zh"`
}

type populationItem struct {
	*sqlstore.Population
	RowErrors []populationRowError
}

type populationListView struct {
	base
	Items   []populationItem
	Message string
}

// populationList lists the populations (企业总体) with the rows of the
// caller's scope, each import's refused rows, and the upload form.
func (w *Web) populationList(rw http.ResponseWriter, r *http.Request) {
	w.renderPopulations(rw, r, http.StatusOK, "")
}

func (w *Web) renderPopulations(rw http.ResponseWriter, r *http.Request, status int, msg string) {
	ps, err := w.store.ListPopulations(r.Context())
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	v := populationListView{base: w.base(r, "企业总体与候选企业发现", "discovery"), Message: msg}
	for _, p := range ps {
		it := populationItem{Population: p}
		_ = json.Unmarshal([]byte(p.Errors), &it.RowErrors)
		v.Items = append(v.Items, it)
	}
	w.render(rw, r, status, "population_list", v)
}
