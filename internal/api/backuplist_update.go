package api

import (
	"net/http"
	"strings"

	"zjtx/internal/cultivation"
	"zjtx/internal/httpx"
)

type backupUpdateRequest struct {
	Status  string `json:"status"`
	Reason  string `json:"reason"`
	Version int64  `json:"version"` // or If-Match
}

// backupListUpdate sets the status of an enterprise's entry, with a reason
// (required for removed), from the version read (body or If-Match: none is
// 428, a stale one 409). The official's decision then holds against the
// inclusion rules.
func (a *API) backupListUpdate(w http.ResponseWriter, r *http.Request) {
	tier, err := pathTier(r)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	var req backupUpdateRequest
	id, version, err := decodeVersioned(r, "enterprise_id", &req)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	ch := cultivation.Change{Status: req.Status, Note: strings.TrimSpace(req.Reason)}
	if err := problemsInvalid(ch.Problems()); err != nil {
		httpx.Error(w, r, err)
		return
	}
	e, err := a.store.ChangeBackupEntry(r.Context(), id, tier, version, ch)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	a.answerEntry(w, r, http.StatusOK, e)
}

func (req *backupUpdateRequest) givenVersion() int64 { return req.Version }
