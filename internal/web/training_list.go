package web

import (
	"net/http"

	"zjtx/internal/httpx"
)

// trainingList lists the training sessions (普惠/中端/高端) by year and
// level with their places, sign-ups and attendance; the city schedules new
// ones from it.
func (w *Web) trainingList(rw http.ResponseWriter, r *http.Request) {
	v, err := w.trainingListPage(r, nil)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	w.render(rw, r, http.StatusOK, "training_list", v)
}
