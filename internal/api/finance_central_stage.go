package api

import (
	"net/http"

	"zjtx/internal/httpx"
)

// centralStage reviews a stage ({review: passed|failed, version}) or pays
// it ({version} alone): payment needs a passed review and the stage
// before it paid.
func (a *API) centralStage(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	seq, err := pathID(r, "seq")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	var b struct {
		Review  string `json:"review"`
		Version int64  `json:"version"`
	}
	if err := httpx.DecodeJSON(r, &b); err != nil {
		httpx.Error(w, r, err)
		return
	}
	p, err := a.store.ActOnStage(r.Context(), id, int(seq), b.Version, b.Review)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, p)
}
