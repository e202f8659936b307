package api

import (
	"fmt"
	"net/http"
	"strings"

	"zjtx/internal/cultivation"
	"zjtx/internal/httpx"
	"zjtx/internal/sqlstore"
)

type backupBulkRequest struct {
	USCCs  []string `json:"usccs"`
	Reason string   `json:"reason"`
}

// backupListBulk puts the enterprises with the USCCs on a tier's list by
// hand with one reason, in one transaction: 200 with how many were added
// and, per USCC, why the others were not (not registered in the caller's
// scope, or on the list already).
func (a *API) backupListBulk(w http.ResponseWriter, r *http.Request) {
	tier, err := pathTier(r)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	var req backupBulkRequest
	if err := httpx.DecodeJSON(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	req.Reason = strings.TrimSpace(req.Reason)
	ps := cultivation.ReasonProblems(req.Reason)
	switch n := len(req.USCCs); {
	case n == 0:
		ps = append(ps, cultivation.Problem{Path: "usccs", Message: "usccs：请至少指定一家企业的统一社会信用代码", MessageEN: "usccs is required"})
	case n > sqlstore.MaxBulkAdd:
		ps = append(ps, cultivation.Problem{Path: "usccs", Message: fmt.Sprintf("usccs：一次最多 %d 家企业，本次 %d 家", sqlstore.MaxBulkAdd, n),
			MessageEN: fmt.Sprintf("usccs holds %d codes, at most %d are allowed", n, sqlstore.MaxBulkAdd)})
	}
	if err := problemsInvalid(ps); err != nil {
		httpx.Error(w, r, err)
		return
	}
	res, err := a.store.AddBackupEntries(r.Context(), tier, req.Reason, req.USCCs)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusOK, res)
}
