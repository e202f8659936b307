package web

import (
	"net/http"
	"strconv"
	"strings"

	"zjtx/internal/apperr"
	"zjtx/internal/cultivation"
	"zjtx/internal/httpx"
	"zjtx/internal/profile"
)

// recognitionFields are the form's fields with their Chinese names.
var recognitionFields = []struct{ name, zh string }{
	{"tier", "梯度"}, {"level", "级别"}, {"batch", "批次"}, {"doc_no", "文号"}, {"recognized_on", "认定日期"},
	{"valid_to", "有效期至"}, {"ruleset", "认定标准"}, {"review_result", "复核结果"}, {"reviewed_on", "复核日期"},
	{"change_kind", "变更事项"}, {"changed_on", "变更日期"},
}

// recognitionCreate records a recognition of the path's enterprise from the
// form (the same tier and batch again updates it); a refused form is shown
// again as typed, each problem naming its field.
func (w *Web) recognitionCreate(rw http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	form := map[string]string{}
	for _, f := range recognitionFields {
		form[f.name] = strings.TrimSpace(r.FormValue(f.name))
	}
	rec := &cultivation.Recognition{EnterpriseID: id, Tier: form["tier"], Level: form["level"], Batch: form["batch"],
		DocNo: form["doc_no"], RuleSet: form["ruleset"], ReviewResult: form["review_result"], ChangeKind: form["change_kind"]}
	var problems []string
	for _, d := range []struct {
		name string
		to   *profile.Date
	}{{"recognized_on", &rec.RecognizedOn}, {"valid_to", &rec.ValidTo}, {"reviewed_on", &rec.ReviewedOn}, {"changed_on", &rec.ChangedOn}} {
		problems = append(problems, parseFormDate(form[d.name], fieldZH(d.name), d.to)...)
	}
	if len(problems) == 0 {
		_, err = w.store.SaveRecognition(r.Context(), rec)
		var ok bool
		if problems, ok = saveProblems(rw, r, err); !ok {
			return
		}
	}
	if len(problems) > 0 {
		w.renderRecognitions(rw, r, http.StatusBadRequest, form, problems)
		return
	}
	redirect(rw, r, "/enterprises/"+strconv.FormatInt(id, 10)+"/recognitions?saved=1")
}

// saveProblems sorts the error of a form's save: a refusal the form shows
// again (EINVALID, ECONFLICT) comes back as its message; any other error is
// answered with the error page, and ok is false.
func saveProblems(rw http.ResponseWriter, r *http.Request, err error) (problems []string, ok bool) {
	switch apperr.Code(err) {
	case "":
		return nil, true
	case apperr.EINVALID, apperr.ECONFLICT:
		return []string{apperr.Message(err)}, true
	}
	httpx.Error(rw, r, err)
	return nil, false
}

func fieldZH(name string) string {
	for _, f := range recognitionFields {
		if f.name == name {
			return f.zh
		}
	}
	return name
}
