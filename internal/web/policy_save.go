package web

import (
	"net/http"
	"strconv"
	"strings"

	"zjtx/internal/httpx"
	"zjtx/internal/library"
	"zjtx/internal/profile"
)

// policyForm is the document form as typed.
type policyForm struct {
	ID                           int64
	Version                      int64
	Title, DocNo, Issuer, Level  string
	IssuedOn, ValidFrom, ValidTo string
	Tags, Body                   string
}

func policyFormOf(d *library.Doc) policyForm {
	str := func(x profile.Date) string {
		if x.IsZero() {
			return ""
		}
		return x.String()
	}
	return policyForm{ID: d.ID, Version: d.Version, Title: d.Title, DocNo: d.DocNo, Issuer: d.Issuer, Level: d.Level,
		IssuedOn: str(d.IssuedOn), ValidFrom: str(d.ValidFrom), ValidTo: str(d.ValidTo), Tags: strings.Join(d.Tags, "，"), Body: d.Body}
}

// readPolicyForm reads the form; dates that do not parse are problems named
// by their field.
func readPolicyForm(r *http.Request) (policyForm, *library.Doc, []string) {
	f := policyForm{Version: formVersion(r), Title: r.FormValue("title"), DocNo: r.FormValue("doc_no"),
		Issuer: r.FormValue("issuer"), Level: r.FormValue("level"), IssuedOn: strings.TrimSpace(r.FormValue("issued_on")),
		ValidFrom: strings.TrimSpace(r.FormValue("valid_from")), ValidTo: strings.TrimSpace(r.FormValue("valid_to")),
		Tags: r.FormValue("tags"), Body: r.FormValue("body")}
	d := &library.Doc{Version: f.Version, Title: f.Title, DocNo: f.DocNo, Issuer: f.Issuer, Level: f.Level, Body: f.Body,
		Tags: strings.FieldsFunc(f.Tags, func(c rune) bool { return c == ',' || c == '，' || c == '、' || c == ';' || c == '；' })}
	problems := parseFormDate(f.IssuedOn, "发布日期", &d.IssuedOn)
	problems = append(problems, parseFormDate(f.ValidFrom, "施行日期", &d.ValidFrom)...)
	problems = append(problems, parseFormDate(f.ValidTo, "有效期至", &d.ValidTo)...)
	return f, d, problems
}

// policySave adds a document to the library (POST /policies) or updates one
// from the version read (POST /policies/{id}); a refused form comes back as
// typed with every problem.
func (w *Web) policySave(rw http.ResponseWriter, r *http.Request) {
	var id int64
	if r.PathValue("id") != "" {
		var err error
		if id, err = pathID(r, "id"); err != nil {
			httpx.Error(rw, r, err)
			return
		}
	}
	f, d, problems := readPolicyForm(r)
	d.ID, f.ID = id, id
	if len(problems) == 0 {
		var ok bool
		if problems, ok = saveProblems(rw, r, w.store.SavePolicyDoc(r.Context(), d)); !ok {
			return
		}
		if problems == nil {
			redirect(rw, r, "/policies/"+strconv.FormatInt(d.ID, 10)+"?saved=1")
			return
		}
	}
	if id == 0 {
		v, err := w.policyPage(r)
		if err != nil {
			httpx.Error(rw, r, err)
			return
		}
		v.Form, v.Problems = f, problems
		w.render(rw, r, http.StatusBadRequest, "policy_list", v)
		return
	}
	v, err := w.policyShowView(r, id)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	v.Form, v.Problems = f, problems
	w.render(rw, r, http.StatusBadRequest, "policy_show", v)
}
