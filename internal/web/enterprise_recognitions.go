package web

import (
	"net/http"

	"zjtx/internal/cultivation"
	"zjtx/internal/enterprise"
	"zjtx/internal/httpx"
	"zjtx/internal/sqlstore"
)

type enterpriseRecognitionsView struct {
	base
	Enterprise *enterprise.Record
	Items      []recognitionRow
	Tiers      []option
	Levels     []option
	Reviews    []option
	Changes    []option
	Form       map[string]string // the form as typed, after a refused save
	Problems   []string
	Saved      bool
}

// enterpriseRecognitions is an enterprise's recognitions with the form to
// record one (officials; the titles on the profile follow them).
func (w *Web) enterpriseRecognitions(rw http.ResponseWriter, r *http.Request) {
	w.renderRecognitions(rw, r, http.StatusOK, nil, nil)
}

func (w *Web) renderRecognitions(rw http.ResponseWriter, r *http.Request, status int, form map[string]string, problems []string) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	e, err := w.store.GetEnterprise(r.Context(), id)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	list, _, err := w.store.ListRecognitions(r.Context(), sqlstore.RecognitionFilter{EnterpriseID: id})
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	v := enterpriseRecognitionsView{base: w.base(r, e.Name+" · 认定记录", "recognitions"), Enterprise: e,
		Tiers: options(cultivation.RecognitionTiers, cultivation.TierZH), Levels: options([]string{cultivation.LevelNational,
			cultivation.LevelProvincial, cultivation.LevelMunicipal}, cultivation.LevelZH),
		Reviews: options([]string{"", cultivation.ReviewPassed, cultivation.ReviewFailed}, cultivation.ReviewZH),
		Changes: append([]option{{"", "无"}}, options([]string{"rename", "merger", "restructure", "relocation"}, cultivation.ChangeZH)...),
		Form:    form, Problems: problems, Saved: r.URL.Query().Get("saved") == "1"}
	if v.Form == nil {
		v.Form = map[string]string{"level": cultivation.LevelProvincial, "tier": "srdi"}
	}
	for _, rec := range list {
		v.Items = append(v.Items, w.recognitionRowOf(rec))
	}
	w.render(rw, r, status, "enterprise_recognitions", v)
}
