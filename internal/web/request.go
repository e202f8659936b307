package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"zjtx/internal/apperr"
	"zjtx/internal/enterprise"
	"zjtx/internal/httpx"
)

// pathID reads a positive integer path parameter; anything else is a page
// that does not exist.
func pathID(r *http.Request, name string) (int64, error) {
	n, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || n <= 0 {
		return 0, apperr.Errorf(apperr.ENOTFOUND, "页面不存在：%s", r.URL.Path)
	}
	return n, nil
}

// pathEnterprise reads the {id} path parameter and returns that enterprise
// as the caller may see it: out of scope it does not exist.
func (w *Web) pathEnterprise(r *http.Request) (*enterprise.Record, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return nil, err
	}
	return w.store.GetEnterprise(r.Context(), id)
}

// pathYear reads the {year} path parameter.
func pathYear(r *http.Request) (int, error) {
	y, err := strconv.Atoi(r.PathValue("year"))
	if err != nil || y < 1990 || y > 2100 {
		return 0, apperr.Errorf(apperr.ENOTFOUND, "页面不存在：%s", r.URL.Path)
	}
	return y, nil
}

// formValue is a trimmed form or query value.
func formValue(r *http.Request, name string) string { return strings.TrimSpace(r.FormValue(name)) }

// queryInt reads a whole number from the query, within [lo, hi]; a bad or
// missing one is def. List pages are forgiving: a hand-edited page=abc shows
// the first page rather than an error.
func queryInt(q url.Values, name string, def, lo, hi int) int {
	n, err := strconv.Atoi(q.Get(name))
	if err != nil || n < lo || n > hi {
		return def
	}
	return n
}

// oneOf returns s when it is one of allowed, else "".
func oneOf(s string, allowed ...string) string {
	for _, a := range allowed {
		if s == a {
			return s
		}
	}
	return ""
}

// safeNext keeps a post-login redirect on this site: a path, not "//host"
// or a full URL.
func safeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	return next
}

// formVersion reads the hidden version field a form was loaded with: the
// version of the record it edits. Absent or malformed it is 0, which the
// store refuses as a missing version (428), never as "any version".
func formVersion(r *http.Request) int64 {
	v, _ := strconv.ParseInt(r.FormValue("version"), 10, 64)
	return v
}

// uploadedFile reads the multipart file field name whole, up to max bytes
// (beyond: 413); the route's body limit bounds it first. missing reports a
// form without that file, for the page to ask for one; any other error is
// for httpx.Error (a body over the route's limit is 413 too).
func uploadedFile(r *http.Request, name string, max int64) (data []byte, filename string, missing bool, err error) {
	data, filename, missing, err = httpx.UploadedFile(r, name, max)
	if apperr.Is(err, apperr.ETOOLARGE) {
		err = apperr.Errorf(apperr.ETOOLARGE, "文件超过 %d MB，请分批导入", max>>20)
	}
	return data, filename, missing, err
}
