package web

import (
	"fmt"
	"net/http"
	"strconv"

	"zjtx/internal/baolian"
	"zjtx/internal/httpx"
)

// appealAct applies the action chosen on the page (交办, 反馈, 延期,
// 办结, 回访, 销号, 升级) against the version shown; a refusal shows the page
// again with the input kept.
func (w *Web) appealAct(rw http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	days, _ := strconv.Atoi(formValue(r, "days"))
	x := baolian.Act{Action: formValue(r, "action"), Text: formValue(r, "text"), LeadUnit: formValue(r, "lead_unit"),
		CoUnits: formValue(r, "co_units"), Days: days, Satisfaction: formValue(r, "satisfaction")}
	again := func(s *errorSummary) {
		w.renderAppeal(rw, r, http.StatusBadRequest, appealShowView{Form: formValues(r), Errors: s})
	}
	if s := problemSummary("未能办理", x.Problems()); s != nil {
		again(s)
		return
	}
	if _, err := w.store.ActOnAppeal(r.Context(), id, formVersion(r), x); err != nil {
		failForm(rw, r, "未能办理", err, again)
		return
	}
	redirect(rw, r, fmt.Sprintf("/appeals/%d?done=act", id))
}
