package web

import (
	"net/http"
	"time"

	"zjtx/internal/apperr"
	"zjtx/internal/httpx"
)

// tokenCreate issues an API token to the caller and shows it on the
// account page, once: only its hash is kept. "days" sets a validity (empty:
// until revoked).
func (w *Web) tokenCreate(rw http.ResponseWriter, r *http.Request) {
	name := formValue(r, "name")
	var expires time.Time
	days := queryInt(r.PostForm, "days", 0, 0, 3650)
	if days > 0 {
		expires = w.now().AddDate(0, 0, days)
	}
	token, _, err := w.store.CreateAPIToken(r.Context(), name, expires)
	if err != nil && apperr.Code(err) != apperr.EINVALID {
		httpx.Error(rw, r, err)
		return
	}
	status := http.StatusOK
	if err != nil {
		status = http.StatusBadRequest
	}
	w.renderAccount(rw, r, status, func(v *accountView) {
		v.NewToken = token
		if err != nil {
			v.TokenError, v.TokenName = apperr.Message(err), name
		}
	})
}
