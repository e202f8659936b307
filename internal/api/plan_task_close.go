package api

import (
	"encoding/json"
	"net/http"

	"zjtx/internal/assess"
	"zjtx/internal/httpx"
	"zjtx/internal/plan"
)

// taskCloseData is the JSON part ("data") of a task's close.
type taskCloseData struct {
	Value   json.RawMessage `json:"value"`   // the figure reached, or the element added
	Version int64           `json:"version"` // the enterprise version read; 0: the current one
}

// planTaskClose closes a task with its evidence (multipart field
// "evidence": a PDF, image or Office file, type sniffed, at most 20 MB) and
// the figure reached (field "data": JSON {value, version}): the profile
// changes, the tier is assessed again, and the answer has the task with
// the points (or conditions) regained and the new assessment.
func (a *API) planTaskClose(w http.ResponseWriter, r *http.Request) {
	planID, err := pathID(r, "plan")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	taskID, err := pathID(r, "task")
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	data, name, missing, err := httpx.UploadedFile(r, "evidence", plan.MaxEvidence)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	var bad []httpx.Field
	var body taskCloseData
	if missing {
		bad = append(bad, httpx.Field{Path: "evidence", Message: "evidence：请上传证明材料（PDF、图片或 Office 文档）",
			MessageEN: "evidence: a file is required"})
	}
	if raw := r.FormValue("data"); raw == "" {
		bad = append(bad, httpx.Field{Path: "data", Message: "data：缺少 JSON {\"value\": …}", MessageEN: "data: JSON {value} is required"})
	} else if err := httpx.Unmarshal([]byte(raw), &body); err != nil {
		bad = append(bad, httpx.Field{Path: "data", Message: "data：" + err.Error(), MessageEN: "data must be JSON {value, version}"})
	}
	if err := fieldsErr(bad); err != nil {
		httpx.Error(w, r, err)
		return
	}
	ev, err := plan.NewEvidence(name, data)
	if err != nil {
		httpx.Error(w, r, httpx.Named(err))
		return
	}
	today := a.today()
	closed, err := assess.CloseTask(r.Context(), a.store, a.engine, planID, taskID, body.Version, body.Value, ev, today)
	if err != nil {
		httpx.Error(w, r, httpx.Named(err))
		return
	}
	httpx.JSON(w, http.StatusOK, closedOf(closed, today))
}
