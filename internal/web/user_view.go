package web

import (
	"fmt"
	"time"

	"zjtx/internal/auth"
	"zjtx/internal/sqlstore"
)

// accountRow is an account as the administrators' pages show it.
type accountRow struct {
	*auth.User
	AddressLocks int
	RoleName     string
	Binding      string // district, enterprise or organisation
	Status       string
	StatusClass  string // Bootstrap text colour
	AdminLocked  bool
}

func (w *Web) accountRow(it sqlstore.UserListItem) accountRow {
	u := it.User
	row := accountRow{User: u, AddressLocks: it.AddressLocks, RoleName: u.Role.Label(), Status: "启用",
		StatusClass: "text-success", AdminLocked: u.Locked(w.now())}
	switch {
	case u.Region != "":
		row.Binding = w.region[u.Region]
	case u.EnterpriseID != 0:
		row.Binding = fmt.Sprintf("企业 #%d", u.EnterpriseID)
	default:
		row.Binding = u.Organization
	}
	switch {
	case u.Disabled:
		row.Status, row.StatusClass = "停用", "text-secondary"
	case row.AdminLocked:
		row.Status, row.StatusClass = "已被管理员锁定", "text-danger"
	case it.AddressLocks > 0:
		row.Status, row.StatusClass = fmt.Sprintf("%d 个地址登录锁定", it.AddressLocks), "text-danger"
	}
	if u.Demo {
		row.Status += "（演示账号）"
	}
	return row
}

// roleOptions are the roles for selects, in the order of auth.Roles.
func roleOptions() []option {
	out := make([]option, len(auth.Roles))
	for i, r := range auth.Roles {
		out[i] = option{string(r), r.Label()}
	}
	return out
}

var accountStatusOptions = []option{{auth.UserActive, "启用"}, {auth.UserDisabled, "停用"}, {auth.UserLocked, "锁定"}}

func (w *Web) regionOptions() []option {
	out := make([]option, len(w.regions))
	for i, r := range w.regions {
		out[i] = option{r.Code, r.Name}
	}
	return out
}

// cstTime formats a time for the account pages, "—" when unset.
func cstTime(t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	return t.In(cst).Format("2006-01-02 15:04")
}
