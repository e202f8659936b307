package web

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"zjtx/internal/apperr"
	"zjtx/internal/assess"
	"zjtx/internal/httpx"
	"zjtx/internal/plan"
)

// planTaskClose closes a task with the evidence uploaded and the figure
// typed, then shows the plan with the points regained. A refused file or
// figure shows the plan again with the reason beside the task's form.
func (w *Web) planTaskClose(rw http.ResponseWriter, r *http.Request) {
	planID, err := pathID(r, "id")
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	taskID, err := pathID(r, "task")
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	data, name, missing, err := uploadedFile(r, "evidence", plan.MaxEvidence)
	if err == nil && missing {
		err = apperr.Errorf(apperr.EINVALID, "evidence：请上传证明材料（PDF、图片或 Office 文档）")
	}
	var ev *plan.Evidence
	if err == nil {
		ev, err = plan.NewEvidence(name, data)
	}
	if err == nil {
		_, err = assess.CloseTask(r.Context(), w.store, w.engine, planID, taskID, formVersion(r), typedValue(r.FormValue("value")), ev, w.asOf())
	}
	switch {
	case err == nil:
		redirect(rw, r, fmt.Sprintf("/plans/%d?closed=%d#task-%d", planID, taskID, taskID))
		return
	case apperr.Is(err, apperr.EINVALID), apperr.Is(err, apperr.ETOOLARGE), apperr.Is(err, apperr.ECONFLICT):
	default:
		httpx.Error(rw, r, err)
		return
	}
	v, perr := w.planPage(r)
	if perr != nil {
		httpx.Error(rw, r, perr)
		return
	}
	v.FailedID = taskID
	v.Summary = &errorSummary{Heading: "任务未能办结", Items: []summaryItem{closeProblem(taskID, apperr.Message(err))}}
	status, _, _ := httpx.Status(err)
	w.render(rw, r, status, "plan_show", v)
}

// closeProblem points a close's error at the input it is about.
func closeProblem(taskID int64, msg string) summaryItem {
	field, label := "value", "达到的数值"
	if strings.HasPrefix(msg, "evidence") || strings.Contains(msg, "文件") {
		field, label = "evidence", "证明材料"
	}
	if i := strings.Index(msg, "："); i > 0 && i < 12 {
		msg = msg[i+len("："):]
	}
	return summaryItem{Href: fmt.Sprintf("#close-%d-%s", taskID, field), Label: label, Message: msg}
}

// typedValue reads the typed figure as the JSON the plan applies: a number
// stays a number; anything else becomes a JSON string, which the plan
// refuses with the field's name.
func typedValue(s string) json.RawMessage {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	if json.Valid([]byte(s)) {
		return json.RawMessage(s)
	}
	b, _ := json.Marshal(s)
	return b
}
