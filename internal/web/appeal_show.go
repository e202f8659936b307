package web

import (
	"net/http"
	"net/url"

	"zjtx/internal/baolian"
	"zjtx/internal/httpx"
)

type appealShowView struct {
	base
	appealRow
	Notes         []noteRow
	Actions       []option // what may be done next
	Satisfactions []option
	Form          url.Values
	Errors        *errorSummary
	Done          string
}

type noteRow struct {
	baolian.Note
	ActionName, At string
}

// appealShow is one issue with its 13710 deadlines, progress notes and,
// for officials, the form of the next action.
func (w *Web) appealShow(rw http.ResponseWriter, r *http.Request) {
	v := appealShowView{Form: url.Values{}}
	switch r.URL.Query().Get("done") {
	case "created":
		v.Done = "诉求已登记，13710 时限已起算。"
	case "visit":
		v.Done = "走访已登记，走访中发现的诉求已登记入台账。"
	case "act":
		v.Done = "已办理。"
	}
	w.renderAppeal(rw, r, http.StatusOK, v)
}

func (w *Web) renderAppeal(rw http.ResponseWriter, r *http.Request, status int, v appealShowView) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	p, err := w.store.GetAppeal(r.Context(), id)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	v.base = w.base(r, "诉求 "+p.Number, "appeals")
	v.appealRow = w.appealRowOf(p)
	for _, n := range p.Notes {
		v.Notes = append(v.Notes, noteRow{Note: n, ActionName: baolian.ActionName(n.Action), At: n.At.In(cst).Format("2006-01-02 15:04")})
	}
	if v.User.IsOfficial() {
		for _, a := range baolian.Allowed(p.Status) {
			v.Actions = append(v.Actions, option{a, baolian.ActionName(a)})
		}
	}
	for _, s := range baolian.Satisfactions {
		v.Satisfactions = append(v.Satisfactions, option{s, baolian.SatisfactionName(s)})
	}
	w.render(rw, r, status, "appeal_show", v)
}
