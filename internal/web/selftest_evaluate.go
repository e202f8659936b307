package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strings"

	"zjtx/internal/apperr"
	"zjtx/internal/httpx"
	"zjtx/internal/profile"
	"zjtx/internal/xlsx"
)

// selftestEvaluate evaluates the form, or an uploaded profile JSON, and
// shows per tier the result, the route, every condition, the 扣分项 table and
// the gap plans, with the what-if sliders. Nothing is stored.
func (w *Web) selftestEvaluate(rw http.ResponseWriter, r *http.Request) {
	if file, fh, err := r.FormFile("profile_file"); err == nil {
		defer file.Close()
		if msg := uploadProblem(fh.Filename); msg != "" {
			w.uploadRefused(rw, r, apperr.Errorf(apperr.EINVALID, "%s", msg))
			return
		}
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
	if !f.checkEssentials() {
		w.render(rw, r, http.StatusBadRequest, "selftest", w.selftestPage(r, f, nil))
		return
	}
	doc, err := f.document()
	if err != nil {
		f.Other = append(f.Other, "页面数据有误，请重新填写（"+err.Error()+"）")
		w.render(rw, r, http.StatusBadRequest, "selftest", w.selftestPage(r, f, nil))
		return
	}
	p, errs := profile.DecodeBytes(doc)
	if p != nil && !errs.HasErrors() {
		errs = profile.ValidateAt(p, f.AsOf) // a founding date after the assessment date
	}
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

// evaluateUpload reads a profile JSON file (spec/profile.md), or a filled
// import template (its first enterprise), and shows its results with the
// form filled from it; what the form does not show is kept. Anyone may post
// it, logged in or not, so it reads the file under xlsx.SelfTestLimits and
// only selftestSlots uploads at a time: a hostile file is refused before it
// is parsed, and many at once are refused rather than queued.
func (w *Web) evaluateUpload(rw http.ResponseWriter, r *http.Request, file io.Reader) {
	release, err := w.selftestSlots.take()
	if err != nil {
		rw.Header().Set("Retry-After", "10")
		httpx.Error(rw, r, err)
		return
	}
	defer release()
	lim := xlsx.SelfTestLimits
	doc, err := io.ReadAll(io.LimitReader(file, lim.File+1))
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	if int64(len(doc)) > lim.File {
		w.uploadRefused(rw, r, apperr.Errorf(apperr.ETOOLARGE, "上传的文件超过 %d MB，自测只需一家企业的数据", lim.File>>20))
		return
	}
	if bytes.HasPrefix(doc, []byte("PK\x03\x04")) {
		var problems []string
		if doc, problems, err = w.templateProfile(doc); err != nil {
			w.uploadRefused(rw, r, err)
			return
		}
		if problems != nil {
			v := w.selftestPage(r, w.newForm(), nil)
			v.Upload = problems
			w.render(rw, r, http.StatusBadRequest, "selftest", v)
			return
		}
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

// uploadProblem refuses a file that is neither of the two kinds the upload
// takes, as its label and its accept attribute say: a profile (.json) or a
// filled import template (.xlsx). The content is checked again when read.
func uploadProblem(name string) string {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".json", ".xlsx":
		return ""
	}
	return fmt.Sprintf("“%s”不是可测算的文件：请上传企业画像 JSON 文件（.json）或填好的企业批量导入模板（.xlsx）", filepath.Base(name))
}

// uploadRefused shows why an uploaded file was not read at all (too large,
// not a workbook) above an empty form, with the error's status.
func (w *Web) uploadRefused(rw http.ResponseWriter, r *http.Request, err error) {
	status, _, msg := httpx.Status(err)
	if status >= 500 {
		httpx.Error(rw, r, err)
		return
	}
	v := w.selftestPage(r, w.newForm(), nil)
	v.Upload = []string{msg}
	w.render(rw, r, status, "selftest", v)
}

// maxUploadProblems bounds the problems of an uploaded template the
// self-test lists.
const maxUploadProblems = 20

// templateProfile reads a filled import template and returns the profile
// JSON of its first enterprise, or the problems of its rows in Chinese, or
// the error of a file that cannot be read at all.
func (w *Web) templateProfile(data []byte) ([]byte, []string, error) {
	res, err := xlsx.ImportBytes(data, w.regions, xlsx.SelfTestLimits)
	if err != nil {
		return nil, nil, err
	}
	if len(res.Records) == 0 || res.Counts.Rejected > 0 && firstRejected(res) {
		var out []string
		for _, e := range res.Errors {
			if !e.Warning && len(out) < maxUploadProblems {
				out = append(out, e.TextZH())
			}
		}
		if len(out) == 0 {
			out = []string{"导入模板的「企业」表中没有企业"}
		}
		return nil, out, nil
	}
	doc, err := json.Marshal(res.Records[0].Profile)
	if err != nil {
		return nil, nil, err
	}
	return doc, nil, nil
}

// firstRejected reports whether the first enterprise row of the workbook is
// among the rejected: the self-test evaluates the first enterprise, not the
// first clean one.
func firstRejected(res *xlsx.Result) bool {
	first := 0
	for _, e := range res.Errors {
		if e.Sheet == xlsx.SheetEnterprise && !e.Warning && (first == 0 || e.Row < first) {
			first = e.Row
		}
	}
	return first == 2
}
