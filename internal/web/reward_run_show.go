package web

import (
	"net/http"

	"zjtx/internal/httpx"
	"zjtx/internal/reward"
)

type rewardRunView struct {
	base
	Run      rewardRunRow
	Items    []rewardItemRow
	Proposed int
	Excluded int
	Actions  []rewardAction // what the caller may do next
	Problems []string
	Export   bool      // the payment list can be downloaded
	Docs     []docLink // the library documents the policy's 文号 names
}

// rewardAction is a button of the run page.
type rewardAction struct {
	Action, Label, Field, FieldLabel string // Field: the one text the action needs, if any
	Danger                           bool
}

// rewardActions are the actions of each state, in the order shown.
var rewardActions = map[string][]rewardAction{
	reward.RunDraft:         {{Action: "submit", Label: "提交审核"}, {Action: "cancel", Label: "撤销", Field: "reason", FieldLabel: "撤销理由", Danger: true}},
	reward.RunPendingReview: {{Action: "approve", Label: "审核通过", Field: "opinion", FieldLabel: "审核意见"}, {Action: "return", Label: "退回", Field: "opinion", FieldLabel: "退回意见", Danger: true}},
	reward.RunApproved:      {{Action: "publicize", Label: "发布公示", Field: "notice_no", FieldLabel: "公示文号"}, {Action: "cancel", Label: "撤销", Field: "reason", FieldLabel: "撤销理由", Danger: true}},
	reward.RunPublicizing:   {{Action: "close-publicity", Label: "结束公示"}},
	reward.RunPublicized:    {{Action: "start-confirmation", Label: "开始账户确认"}},
	reward.RunConfirming:    {{Action: "export", Label: "生成拨付清单"}, {Action: "cancel", Label: "撤销", Field: "reason", FieldLabel: "撤销理由", Danger: true}},
}

// rewardRunShow shows a run with its items in the caller's scope and, for
// the city, the actions of its state.
func (w *Web) rewardRunShow(rw http.ResponseWriter, r *http.Request) {
	w.renderRun(rw, r, http.StatusOK, nil)
}

func (w *Web) renderRun(rw http.ResponseWriter, r *http.Request, status int, problems []string) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	run, err := w.store.GetRewardRun(r.Context(), id)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	v := rewardRunView{base: w.base(r, "兑现批次 #"+r.PathValue("id"), "rewards"), Run: rewardRunRowOf(run),
		Items: w.rewardItemRows(run.Items), Problems: problems,
		Export: run.State == reward.RunExported || run.State == reward.RunPaid}
	link, err := w.docLinker(r, v.User)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	v.Docs = link(run.DocNo)
	for _, it := range run.Items {
		if reward.Claiming(it.Status) {
			v.Proposed++
		} else {
			v.Excluded++
		}
	}
	if v.User.IsCity() {
		v.Actions = rewardActions[run.State]
	}
	w.render(rw, r, status, "reward_run", v)
}
