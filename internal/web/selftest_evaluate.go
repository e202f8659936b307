package web

import (
	"errors"
	"io"
	"net/http"

	"zjtx/internal/httpx"
	"zjtx/internal/profile"
)

// selftestEvaluate evaluates the form, or an uploaded profile JSON, and
// shows per tier the result, the route, every condition, the 扣分项 table and
// the gap plans, with the what-if sliders. Nothing is stored.
func (w *Web) selftestEvaluate(rw http.ResponseWriter, r *http.Request) {
	if file, _, err := r.FormFile("profile_file"); err == nil {
		defer file.Close()
		w.evaluateUpload(rw, r, file)
		return
	} else if !errors.Is(err, http.ErrMissingFile) && !errors.Is(err, http.ErrNotMultipart) {
		httpx.Error(rw, r, err)
		return
	}
	w.evaluateForm(rw, r, w.formFromRequest(r))
}

// evaluateForm builds the document from the form, decodes it as the JSON
// format is decoded, and shows the problems beside their inputs or the
// results.
func (w *Web) evaluateForm(rw http.ResponseWriter, r *http.Request, f *selftestForm) {
	doc, err := f.document()
	if err != nil {
		f.Other = append(f.Other, "页面数据有误，请重新填写（"+err.Error()+"）")
		w.render(rw, r, http.StatusBadRequest, "selftest", w.selftestPage(r, f, nil))
		return
	}
	p, errs := profile.DecodeBytes(doc)
	if errs.HasErrors() {
		f.place(errs)
		w.render(rw, r, http.StatusBadRequest, "selftest", w.selftestPage(r, f, nil))
		return
	}
	sr, err := w.run(r, f, doc, p)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	w.render(rw, r, http.StatusOK, "selftest", w.selftestPage(r, f, sr))
}

// evaluateUpload reads a profile JSON file (spec/profile.md) and shows its
// results with the form filled from it; what the form does not show is kept.
func (w *Web) evaluateUpload(rw http.ResponseWriter, r *http.Request, file io.Reader) {
	doc, err := io.ReadAll(io.LimitReader(file, profile.MaxDocumentSize+1))
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	p, errs := profile.DecodeBytes(doc)
	if errs.HasErrors() {
		v := w.selftestPage(r, w.newForm(), nil)
		for _, e := range errs {
			if !e.Warning {
				v.Upload = append(v.Upload, e.MessageZH)
			}
		}
		w.render(rw, r, http.StatusBadRequest, "selftest", v)
		return
	}
	f := w.formFromProfile(p, doc)
	sr, err := w.run(r, f, doc, p)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	w.render(rw, r, http.StatusOK, "selftest", w.selftestPage(r, f, sr))
}
