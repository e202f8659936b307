package web

import (
	"net/http"
	"strconv"

	"zjtx/internal/hub"
)

// matchRate records the enterprise's rating of a delivered service.
func (w *Web) matchRate(rw http.ResponseWriter, r *http.Request) {
	w.matchStep(rw, r, []string{"score", "comment"}, func(id, version int64) (*hub.Match, error) {
		score, _ := strconv.Atoi(formValue(r, "score"))
		return w.store.RateMatch(r.Context(), id, version, &hub.Rating{Score: score, Comment: formValue(r, "comment")})
	})
}
