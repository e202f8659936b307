package web

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"zjtx/internal/apperr"
	"zjtx/internal/cultivation"
	"zjtx/internal/httpx"
	"zjtx/internal/sqlstore"
)

// backupListStatus changes the status of the ticked entries (each box
// carries the enterprise and the entry version shown) with one reason, all
// or none. A refused change shows the list again with what was typed and
// the reason for the refusal; a change made shows the list with a note.
func (w *Web) backupListStatus(rw http.ResponseWriter, r *http.Request) {
	tier, ok := pathTier(r)
	if !ok {
		tierNotFound(rw, r)
		return
	}
	if err := r.ParseForm(); err != nil {
		httpx.Error(rw, r, httpx.Invalid("表单无法读取"))
		return
	}
	// "to": the list's own filters ride along as hidden fields, status among them.
	form := bulkStatusForm{Status: r.PostForm.Get("to"), Reason: strings.TrimSpace(r.PostForm.Get("reason")), Checked: map[int64]bool{}}
	var list []sqlstore.BackupChange
	for _, s := range r.PostForm["entry"] {
		id, ver, _ := strings.Cut(s, ":")
		eid, err1 := strconv.ParseInt(id, 10, 64)
		v, err2 := strconv.ParseInt(ver, 10, 64)
		if err1 == nil && err2 == nil && eid > 0 && len(list) < 500 {
			list = append(list, sqlstore.BackupChange{EnterpriseID: eid, Version: v})
			form.Checked[eid] = true
		}
	}
	back := url.Values{}
	for _, k := range backupListParams {
		if s := r.PostForm.Get(k); s != "" {
			back.Set(k, s)
		}
	}
	ch := cultivation.Change{Status: form.Status, Note: form.Reason}
	errs := &errorSummary{Heading: "未能修改状态"}
	if len(list) == 0 {
		errs.addOther("请先勾选要修改状态的企业")
	}
	for _, p := range ch.Problems() {
		href := "#bulk-status"
		if p.Path == "reason" {
			href = "#bulk-reason"
		}
		errs.Items = append(errs.Items, summaryItem{Href: href, Label: map[string]string{"status": "新状态", "reason": "原因"}[p.Path],
			Message: strings.TrimPrefix(strings.TrimPrefix(p.Message, p.Path+"："), p.Path)})
	}
	if len(errs.Items) == 0 {
		err := w.store.ChangeBackupEntries(r.Context(), tier, list, ch)
		switch {
		case err == nil:
			back.Set("changed", strconv.Itoa(len(list)))
			back.Set("to", ch.Status)
			redirect(rw, r, "/backup-lists/"+tier+"?"+back.Encode())
			return
		case apperr.Code(err) == apperr.EINTERNAL:
			httpx.Error(rw, r, err)
			return
		}
		errs.addOther(fmt.Sprintf("%s；未修改任何企业的状态。", apperr.Message(err)))
	}
	w.showBackupList(rw, r, tier, back, form, errs)
}
