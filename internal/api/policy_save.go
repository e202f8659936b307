package api

import (
	"net/http"
	"strings"

	"zjtx/internal/httpx"
	"zjtx/internal/library"
	"zjtx/internal/profile"
)

// policyBody is a document as the API reads it: dates as text, so a bad
// one is named with its field.
type policyBody struct {
	Title     string   `json:"title"`
	DocNo     string   `json:"doc_no"`
	Issuer    string   `json:"issuer"`
	Level     string   `json:"level"`
	IssuedOn  string   `json:"issued_on"`
	ValidFrom string   `json:"valid_from"`
	ValidTo   string   `json:"valid_to"`
	Body      string   `json:"body"`
	Tags      []string `json:"tags"`
	Version   int64    `json:"version"`
}

// policySave adds a document (POST /policies) or replaces one (PUT
// /policies/{id}, from the version in If-Match or the body).
func (a *API) policySave(w http.ResponseWriter, r *http.Request) {
	var id, header int64
	var err error
	if r.PathValue("id") != "" {
		if id, header, err = pathIDIfMatch(r, "id"); err != nil {
			httpx.Error(w, r, err)
			return
		}
	}
	var b policyBody
	if err := readJSON(r, &b, "政策文件"); err != nil {
		httpx.Error(w, r, err)
		return
	}
	d := &library.Doc{ID: id, Title: b.Title, DocNo: b.DocNo, Issuer: b.Issuer, Level: b.Level, Body: b.Body, Tags: b.Tags}
	var fields []httpx.Field
	for _, x := range []struct {
		path, zh, text string
		to             *profile.Date
	}{{"issued_on", "发布日期", b.IssuedOn, &d.IssuedOn}, {"valid_from", "施行日期", b.ValidFrom, &d.ValidFrom}, {"valid_to", "有效期至", b.ValidTo, &d.ValidTo}} {
		if strings.TrimSpace(x.text) == "" {
			continue
		}
		v, err := profile.ParseDate(strings.TrimSpace(x.text))
		if err != nil {
			fields = append(fields, httpx.Field{Path: x.path, Message: x.zh + "：应为 YYYY-MM-DD 日期"})
			continue
		}
		*x.to = v
	}
	if len(fields) > 0 {
		httpx.Error(w, r, httpx.Invalid("政策文件有误", fields...))
		return
	}
	if id != 0 {
		if d.Version, err = bodyVersion(header, b.Version); err != nil {
			httpx.Error(w, r, err)
			return
		}
	}
	if err := a.store.SavePolicyDoc(r.Context(), d); err != nil {
		httpx.Error(w, r, err)
		return
	}
	status := http.StatusOK
	if id == 0 {
		status = http.StatusCreated
	}
	w.Header().Set("ETag", etag(d.Version))
	httpx.JSON(w, status, d)
}
