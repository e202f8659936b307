package api

import (
	"net/http"

	"zjtx/internal/auth"
	"zjtx/internal/httpx"
)

// userList lists the accounts for city officials, filtered by text
// (username, name, organisation), role, district and status.
func (a *API) userList(w http.ResponseWriter, r *http.Request) {
	p := query(r)
	roles := make([]string, len(auth.Roles))
	for i, rl := range auth.Roles {
		roles[i] = string(rl)
	}
	f := auth.UserFilter{Q: p.str("q", 100), Role: auth.Role(p.oneOf("role", roles)), Region: p.str("region", 12),
		Status: p.oneOf("status", []string{auth.UserActive, auth.UserDisabled, auth.UserLocked}),
		Limit:  p.int("limit", 50, 1, 500), Offset: p.int("offset", 0, 0, 1<<30)}
	if err := p.err(); err != nil {
		httpx.Error(w, r, err)
		return
	}
	items, total, err := a.store.ListUsers(r.Context(), f)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	out := accountList{Items: []accountView{}, Total: total, Limit: f.Limit, Offset: f.Offset}
	for _, it := range items {
		out.Items = append(out.Items, a.account(it))
	}
	httpx.JSON(w, http.StatusOK, out)
}
