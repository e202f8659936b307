package web

import (
	"net/http"

	"zjtx/internal/apperr"
	"zjtx/internal/httpx"
)

// userShowView is one account with the administrator's forms: details,
// disable or enable, password reset, unlock. Every form carries the version
// it was shown with.
type userShowView struct {
	base
	Account   accountRow
	LastLogin string
	Changed   string // when the password was last set
	Locks     []lockRow
	Done      string // what the last action did
	Error     string // why the last action failed
	Fields    map[string]string
}

// lockRow is an address the account is locked for.
type lockRow struct {
	IP       string
	Failures int
	Until    string
}

var doneMessages = map[string]string{
	"created":  "账号已创建。初始密码请另行告知账号所有人，其首次登录后须修改密码。",
	"updated":  "账号信息已保存。",
	"password": "密码已重置，该账号的登录会话已全部结束；账号所有人下次登录后须修改密码。",
	"unlocked": "账号已解锁。",
}

// userShow shows one account to city officials.
func (w *Web) userShow(rw http.ResponseWriter, r *http.Request) {
	w.renderUser(rw, r, http.StatusOK, "", nil)
}

// renderUser shows the account of the {id} path with an error of the last
// action (nil: none) at the field it names ("": at the top).
func (w *Web) renderUser(rw http.ResponseWriter, r *http.Request, status int, field string, actionErr error) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	it, err := w.store.GetUser(r.Context(), id)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	v := userShowView{base: w.base(r, "账号："+it.Username, "users"), Account: w.accountRow(it),
		LastLogin: cstTime(it.LastLoginAt), Changed: cstTime(it.PasswordChangedAt),
		Done: doneMessages[r.URL.Query().Get("done")], Fields: map[string]string{}}
	for _, l := range it.Locks {
		v.Locks = append(v.Locks, lockRow{IP: l.IP, Failures: l.Failures, Until: cstTime(l.LockedUntil)})
	}
	if actionErr != nil {
		v.Done = ""
		if field == "" {
			v.Error = apperr.Message(actionErr)
		} else {
			v.Fields[field] = apperr.Message(actionErr)
		}
	}
	w.render(rw, r, status, "user_show", v)
}

// changeFailed answers an administrator's account change that the store
// refused: bad input and stale versions come back on the account's page,
// anything else is the error page.
func (w *Web) changeFailed(rw http.ResponseWriter, r *http.Request, field string, err error) {
	status, code, _ := httpx.Status(err)
	if code != apperr.EINVALID && code != apperr.ECONFLICT {
		httpx.Error(rw, r, err)
		return
	}
	w.renderUser(rw, r, status, field, err)
}
