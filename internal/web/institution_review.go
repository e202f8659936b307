package web

import (
	"net/http"

	"zjtx/internal/httpx"
)

// institutionReview approves or suspends an institution on the platform
// (入驻审核, the city) and returns to the list.
func (w *Web) institutionReview(rw http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err == nil {
		_, err = w.store.ReviewInstitution(r.Context(), id, formVersion(r), formValue(r, "status"))
	}
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	redirect(rw, r, "/institutions")
}
