package web

import (
	"net/http"

	"zjtx/internal/apperr"
	"zjtx/internal/hub"
)

type researchListView struct {
	base
	Results     []researchRow
	Pilots      []pilotRow
	CanFinish   bool
	Today       string
	MaturityZH  map[string]string
	PilotStatus map[string]string
}

type researchRow struct {
	*hub.ResearchResult
	ChainsText string
}

type pilotRow struct {
	*hub.Pilot
	StatusText string
}

// researchList lists the research results (科技成果) offered for transfer
// and the pilots (中试) tracked with enterprises; a successful pilot puts
// the enterprise on the innovative backup list.
func (w *Web) researchList(rw http.ResponseWriter, r *http.Request) {
	c := caller(r)
	v := researchListView{base: w.base(r, "科技成果与中试", "research"), Today: w.now().In(cst).Format("2006-01-02"),
		CanFinish: c.Role == "city" || c.Role == "district" || c.Role == "institution", MaturityZH: hub.MaturityZH,
		PilotStatus: hub.PilotStatusZH}
	results, err := w.store.ListResearch(r.Context(), "")
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	for _, x := range results {
		v.Results = append(v.Results, researchRow{x, chainsText(x.Chains)})
	}
	pilots, err := w.store.ListPilots(r.Context())
	if err != nil && apperr.Code(err) != apperr.EFORBIDDEN {
		w.fail(rw, r, err)
		return
	}
	for _, p := range pilots {
		v.Pilots = append(v.Pilots, pilotRow{p, hub.PilotStatusZH[p.Status]})
	}
	w.render(rw, r, http.StatusOK, "hub_research", v)
}
