package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"zjtx/internal/apperr"
	"zjtx/internal/httpx"
	"zjtx/internal/sqlstore"
)

// discoveryBackup adds the ticked candidates (their USCCs) to a tier's
// backup list by hand with one reason, and shows the discovery page again,
// with the same filters (the hidden field "back"), saying how many were
// added and why the others were not. A refusal (no reason, nothing ticked)
// keeps what was typed and ticked.
func (w *Web) discoveryBackup(rw http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		httpx.Error(rw, r, httpx.Invalid("表单无法读取"))
		return
	}
	back, _ := url.ParseQuery(r.PostForm.Get("back"))
	add := discoveryAdd{Tier: r.PostForm.Get("tier"), Reason: strings.TrimSpace(r.PostForm.Get("reason")), Checked: map[string]bool{}}
	usccs := r.PostForm["uscc"]
	for _, u := range usccs {
		add.Checked[u] = true
	}
	switch {
	case len(usccs) == 0:
		add.Problem = "请先勾选要加入后备清单的企业"
	case len(usccs) > sqlstore.MaxBulkAdd:
		add.Problem = fmt.Sprintf("一次最多加入 %d 家企业，本次勾选了 %d 家", sqlstore.MaxBulkAdd, len(usccs))
	case add.Reason == "":
		add.Problem = "请填写纳入后备清单的原因"
	default:
		res, err := w.store.AddBackupEntries(r.Context(), add.Tier, add.Reason, usccs)
		switch {
		case err == nil:
			add = discoveryAdd{Tier: add.Tier, Done: true, Result: res}
		case apperr.Code(err) == apperr.EINVALID:
			add.Problem = apperr.Message(err)
		default:
			httpx.Error(rw, r, err)
			return
		}
	}
	w.showDiscovery(rw, r, back, add)
}
