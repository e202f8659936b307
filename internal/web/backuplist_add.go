package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"zjtx/internal/httpx"
)

// backupListAdd puts the enterprise of the record page on a tier's list by
// hand, with the reason typed, and goes back to the record page. The store
// checks the tier, the scope and the reason.
func (w *Web) backupListAdd(rw http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		httpx.Error(rw, r, httpx.Invalid("表单无法读取"))
		return
	}
	tier := r.PostForm.Get("tier")
	id, err := strconv.ParseInt(r.PostForm.Get("enterprise_id"), 10, 64)
	if err != nil || id <= 0 {
		httpx.Error(rw, r, httpx.Invalid("请指定企业", httpx.Field{Path: "enterprise_id", Message: "enterprise_id：请指定企业"}))
		return
	}
	if _, err := w.store.AddBackupEntry(r.Context(), id, tier, strings.TrimSpace(r.PostForm.Get("reason"))); err != nil {
		httpx.Error(rw, r, err)
		return
	}
	redirect(rw, r, fmt.Sprintf("/enterprises/%d#backup-lists", id))
}
