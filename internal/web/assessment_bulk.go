package web

import (
	"fmt"
	"net/http"
	"strconv"

	"zjtx/internal/enterprise"
	"zjtx/internal/httpx"
)

// assessmentBulk starts the assessment of the list as filtered (the list
// page's 评价当前筛选结果) or of the enterprises ticked on it (评价所选, the
// id fields) as a background job, and shows the job's progress page.
func (w *Web) assessmentBulk(rw http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		httpx.Error(rw, r, httpx.Invalid("表单无法读取"))
		return
	}
	f := w.listFilter(r.PostForm)
	for _, s := range r.PostForm["id"] {
		if id, err := strconv.ParseInt(s, 10, 64); err == nil && id > 0 && len(f.IDs) < enterprise.MaxLimit {
			f.IDs = append(f.IDs, id)
		}
	}
	j, err := w.jobs.AssessBulk(r.Context(), f)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	redirect(rw, r, fmt.Sprintf("/jobs/%d", j.ID))
}
