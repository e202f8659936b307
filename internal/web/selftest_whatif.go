package web

import (
	"net/http"

	"zjtx/internal/httpx"
	"zjtx/internal/profile"
)

// selftestWhatIf re-evaluates the evaluated document (base_json) with the
// what-if sliders' values. htmx posts it as a slider moves and swaps the
// results block; without JavaScript the sliders' button posts it and gets
// the whole page.
func (w *Web) selftestWhatIf(rw http.ResponseWriter, r *http.Request) {
	doc := []byte(r.FormValue("base_json"))
	p, errs := profile.DecodeBytes(doc)
	if errs.HasErrors() {
		httpx.Error(rw, r, httpx.ProfileInvalid(errs, ""))
		return
	}
	base, _ := profile.DecodeBytes(doc)
	f := w.formFromProfile(base, doc)
	sr, err := w.run(r, f, doc, p)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	v := w.selftestPage(r, f, sr)
	if isHTMX(r) {
		w.renderFragment(rw, r, http.StatusOK, "selftest", "results", v)
		return
	}
	w.render(rw, r, http.StatusOK, "selftest", v)
}
