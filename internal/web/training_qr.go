package web

import (
	"fmt"
	"net/http"

	"rsc.io/qr"

	"zjtx/internal/apperr"
	"zjtx/internal/httpx"
)

// trainingQR is the door's QR code: a PNG of the check-in address with the
// session's code, on this server's host, so a phone's camera opens the
// check-in form already filled in.
func (w *Web) trainingQR(rw http.ResponseWriter, r *http.Request) {
	t, err := w.pathTraining(r)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	scheme := "https"
	if r.TLS == nil && r.Header.Get("X-Forwarded-Proto") != "https" {
		scheme = "http"
	}
	code, err := qr.Encode(fmt.Sprintf("%s://%s/trainings/%d/checkin?code=%s", scheme, r.Host, t.ID, t.CheckinCode), qr.M)
	if err != nil {
		httpx.Error(rw, r, apperr.Wrap(err, apperr.EINTERNAL, ""))
		return
	}
	code.Scale = 8
	rw.Header().Set("Content-Type", "image/png")
	rw.Header().Set("Cache-Control", "no-store")
	_, _ = rw.Write(code.PNG())
}
