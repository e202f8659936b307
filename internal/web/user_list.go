package web

import (
	"net/http"

	"zjtx/internal/auth"
	"zjtx/internal/httpx"
)

const userPageSize = 50

type userListView struct {
	base
	Q, Role, Region, Status string
	Roles, Regions          []option
	Statuses                []option
	Items                   []accountRow
	Total, Page, Pages      int
	PrevURL, NextURL        string
}

// userList is 账号管理 for city officials: every account, filtered by text,
// role, district and status.
func (w *Web) userList(rw http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	v := userListView{base: w.base(r, "账号管理", "users"), Q: formValue(r, "q"), Roles: roleOptions(),
		Regions: w.regionOptions(), Statuses: accountStatusOptions}
	if auth.Role(q.Get("role")).Valid() {
		v.Role = q.Get("role")
	}
	if w.region[q.Get("region")] != "" {
		v.Region = q.Get("region")
	}
	v.Status = oneOf(q.Get("status"), auth.UserActive, auth.UserDisabled, auth.UserLocked)
	v.Page = queryInt(q, "page", 1, 1, 1<<20)
	items, total, err := w.store.ListUsers(r.Context(), auth.UserFilter{Q: v.Q, Role: auth.Role(v.Role),
		Region: v.Region, Status: v.Status, Limit: userPageSize, Offset: (v.Page - 1) * userPageSize})
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	for _, it := range items {
		v.Items = append(v.Items, w.accountRow(it))
	}
	v.Total, v.Pages = total, max(1, (total+userPageSize-1)/userPageSize)
	if v.Page > 1 {
		v.PrevURL = "/users?" + withPage(q, v.Page-1)
	}
	if v.Page < v.Pages {
		v.NextURL = "/users?" + withPage(q, v.Page+1)
	}
	w.render(rw, r, http.StatusOK, "user_list", v)
}
