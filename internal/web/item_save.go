package web

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"

	"zjtx/internal/apperr"
	"zjtx/internal/httpx"
	"zjtx/internal/profile"
)

// itemSave is what adding, changing and deleting a list item share: read
// the form, change the item in the record as it is inside the write
// transaction, and answer with the record page, the page again with the
// messages beside the fields, or the conflict page. del deletes item i.
func (w *Web) itemSave(rw http.ResponseWriter, r *http.Request, i int, del bool) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	list := r.PathValue("list")
	if !slices.Contains(itemLists, list) {
		httpx.Error(rw, r, apperr.Errorf(apperr.ENOTFOUND, "页面不存在：%s", r.URL.Path))
		return
	}
	form, elem, err := itemFormFromRequest(r, list, i)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	if del {
		elem = nil
	}
	var n int // the list's length before the change, to place a new item's messages
	edit := func(p *profile.Profile) (*profile.Profile, profile.Errors) {
		n, _ = p.ListLen(list)
		return p.WithListItem(list, i, elem)
	}
	err = w.saveEdit(r, id, form.Version, edit)
	anchor := "#items-" + list
	if err == nil {
		redirect(rw, r, fmt.Sprintf("/enterprises/%d?saved=items%s", id, anchor))
		return
	}
	if errs, ok := fieldErrors(err); ok {
		form.place(errs, n)
		v, perr := w.enterprisePage(r, id, nil)
		if perr != nil {
			httpx.Error(rw, r, perr)
			return
		}
		v.Lists = itemListsOf(v.Rec, v.User.Role, v.CanEdit, v.CSRF, form)
		status, _, _ := httpx.Status(err)
		w.render(rw, r, status, "enterprise_show", v)
		return
	}
	w.saveFailed(rw, r, id, form.Version, edit, anchor, err)
}

// itemAt is itemSave for the item the {index} path parameter names.
func (w *Web) itemAt(rw http.ResponseWriter, r *http.Request, del bool) {
	i, err := pathIndex(r)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	w.itemSave(rw, r, i, del)
}

// pathIndex reads the {index} path parameter of an item.
func pathIndex(r *http.Request) (int, error) {
	i, err := strconv.Atoi(r.PathValue("index"))
	if err != nil || i < 0 || i > 10000 {
		return 0, apperr.Errorf(apperr.ENOTFOUND, "页面不存在：%s", r.URL.Path)
	}
	return i, nil
}
