package api

import (
	"net/http"

	"zjtx/internal/httpx"
)

// assessmentList lists an enterprise's stored assessments, newest first.
func (a *API) assessmentList(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	// The enterprise must be visible: an empty list would hide a 404.
	if _, err := a.store.GetEnterprise(r.Context(), id); err != nil {
		httpx.Error(w, r, err)
		return
	}
	list, err := a.store.ListAssessments(r.Context(), id)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	items := make([]assessmentView, len(list))
	for i, as := range list {
		items[i] = assessmentOf(as, false)
	}
	httpx.JSON(w, http.StatusOK, map[string]any{"items": items})
}
