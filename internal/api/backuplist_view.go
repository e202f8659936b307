package api

import (
	"net/http"
	"time"

	"zjtx/internal/cultivation"
	"zjtx/internal/httpx"
)

// backupItem is an entry of a backup list as the API shows it.
type backupItem struct {
	EnterpriseID int64     `json:"enterprise_id"`
	USCC         string    `json:"uscc"`
	Name         string    `json:"name"`
	Region       string    `json:"region"`
	RegionName   string    `json:"region_name"`
	Tier         string    `json:"tier"`
	Status       string    `json:"status"`
	StatusName   string    `json:"status_name"`
	Reason       string    `json:"reason"`        // why the enterprise is on the list
	Source       string    `json:"source"`        // the inclusion rule's id, or manual
	AddedBy      string    `json:"added_by"`      // the official who added a manual entry
	Note         string    `json:"status_reason"` // the reason given with the last status change
	Decided      bool      `json:"decided"`       // an official's decision, which the rules leave alone
	Outcome      string    `json:"outcome"`       // the latest assessment's outcome for the tier, "" none
	Since        time.Time `json:"since"`
	Version      int64     `json:"version"`
}

func backupItemOf(e *cultivation.Entry) backupItem {
	return backupItem{EnterpriseID: e.EnterpriseID, USCC: e.USCC, Name: e.Name, Region: e.Region, RegionName: e.RegionName,
		Tier: e.Tier, Status: e.Status, StatusName: cultivation.StatusName(e.Status), Reason: e.Reason, Source: e.Source,
		AddedBy: e.AddedByName, Note: e.Note, Decided: e.Decided(), Outcome: e.Outcome, Since: e.Since, Version: e.Version}
}

// pathTier reads the {tier} path parameter: a tier with a backup list.
func pathTier(r *http.Request) (string, error) {
	t := r.PathValue("tier")
	if !cultivation.IsTier(t) {
		return "", httpx.Invalid("请求路径有误", httpx.Field{Path: "tier",
			Message: "tier：梯度无效，应为 innovative、srdi、little_giant 之一", MessageEN: "tier must be innovative, srdi or little_giant"})
	}
	return t, nil
}

// problemsInvalid turns the domain's problems into a 400 naming each field.
func problemsInvalid(ps []cultivation.Problem) error {
	return problemsError("后备清单请求有误", ps)
}

// problemsError is problemsInvalid with the request's own heading.
func problemsError(heading string, ps []cultivation.Problem) error {
	if len(ps) == 0 {
		return nil
	}
	fields := make([]httpx.Field, len(ps))
	for i, p := range ps {
		fields[i] = httpx.Field{Path: p.Path, Message: p.Message, MessageEN: p.MessageEN}
	}
	return httpx.Invalid(heading, fields...)
}

// answerEntry answers with one entry as the caller now sees it (with its
// enterprise's name and district), its version as the ETag.
func (a *API) answerEntry(w http.ResponseWriter, r *http.Request, status int, e *cultivation.Entry) {
	items, _, err := a.store.ListBackupEntries(r.Context(), cultivation.Filter{Tier: e.Tier, IDs: []int64{e.EnterpriseID}})
	if err != nil || len(items) == 0 {
		httpx.Error(w, r, err)
		return
	}
	w.Header().Set("ETag", etag(items[0].Version))
	httpx.JSON(w, status, backupItemOf(items[0]))
}
