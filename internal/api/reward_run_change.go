package api

import (
	"net/http"

	"zjtx/internal/httpx"
	"zjtx/internal/sqlstore"
)

// rewardRunChange returns the handler of one action on a run (submit,
// approve, return, publicize, close_publicity, start_confirmation, export,
// cancel). The body carries the version read and what the action needs;
// the store checks the state, the role, and that the approver is not the
// preparer (403).
func (a *API) rewardRunChange(action string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		var b struct {
			Version  int64  `json:"version"`
			Opinion  string `json:"opinion"`
			NoticeNo string `json:"notice_no"`
			Days     int    `json:"days"`
			Reason   string `json:"reason"`
		}
		id, err := pathIDBody(r, &b)
		if err != nil {
			httpx.Error(w, r, err)
			return
		}
		if _, err := a.store.ChangeRewardRun(r.Context(), id, sqlstore.RunChange{Action: action, Version: b.Version,
			Opinion: b.Opinion, NoticeNo: b.NoticeNo, Days: b.Days, Reason: b.Reason}); err != nil {
			httpx.Error(w, r, err)
			return
		}
		a.rewardRunGet(w, r) // the run as it is now, with its items in scope
	}
}
