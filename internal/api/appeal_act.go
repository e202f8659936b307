package api

import (
	"net/http"

	"zjtx/internal/baolian"
	"zjtx/internal/httpx"
)

type appealActRequest struct {
	Action       string `json:"action"` // route, feedback, extend, resolve, revisit, close, escalate
	Text         string `json:"text"`
	LeadUnit     string `json:"lead_unit"`
	CoUnits      string `json:"co_units"`
	Days         int    `json:"days"`
	Satisfaction string `json:"satisfaction"`
	Version      int64  `json:"version"` // or If-Match
}

// appealAct applies an official's action to an issue, from the version
// read (none: 428, a stale one: 409); an action the status does not allow
// is 409.
func (a *API) appealAct(w http.ResponseWriter, r *http.Request) {
	var req appealActRequest
	id, version, err := decodeVersioned(r, "id", &req)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	x := baolian.Act{Action: req.Action, Text: req.Text, LeadUnit: req.LeadUnit, CoUnits: req.CoUnits, Days: req.Days, Satisfaction: req.Satisfaction}
	if err := invalidAs("诉求办理有误", x.Problems()); err != nil {
		httpx.Error(w, r, err)
		return
	}
	p, err := a.store.ActOnAppeal(r.Context(), id, version, x)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	a.answerAppeal(w, http.StatusOK, p)
}

func (req *appealActRequest) givenVersion() int64 { return req.Version }
