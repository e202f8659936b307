package web

import (
	"net/http"

	"zjtx/internal/apperr"
	"zjtx/internal/auth"
	"zjtx/internal/httpx"
	"zjtx/internal/reward"
)

type rewardListView struct {
	base
	Policies []rewardPolicyRow
	Runs     []rewardRunRow
	Items    []rewardItemRow // an enterprise's own
	Account  *reward.Account
	Problems []string
	Saved    bool
}

// rewardList is the 免申即享 page: for officials the policies and the runs
// (the city prepares one from a policy); for an enterprise every list it
// was on or left off, with the reason, and its bank account.
func (w *Web) rewardList(rw http.ResponseWriter, r *http.Request) {
	w.renderRewards(rw, r, http.StatusOK, nil)
}

func (w *Web) renderRewards(rw http.ResponseWriter, r *http.Request, status int, problems []string) {
	v := rewardListView{base: w.base(r, "免申即享奖励", "rewards"), Problems: problems, Saved: r.URL.Query().Has("saved")}
	ctx := r.Context()
	policies, err := w.store.ListRewardPolicies(ctx)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	link, err := w.docLinker(r, v.User)
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	for _, p := range policies {
		row := rewardPolicyRowOf(p)
		row.Docs = link(p.DocNo)
		v.Policies = append(v.Policies, row)
	}
	if v.User.IsEnterprise() {
		items, err := w.store.ListRewardItems(ctx)
		if err != nil {
			httpx.Error(rw, r, err)
			return
		}
		v.Items = w.rewardItemRows(items)
		v.Account, err = w.store.GetRewardAccount(ctx, v.User.EnterpriseID)
		if err != nil && !apperr.Is(err, apperr.ENOTFOUND) {
			httpx.Error(rw, r, err)
			return
		}
	} else if v.User.Role != auth.RoleEnterprise {
		runs, err := w.store.ListRewardRuns(ctx)
		if err != nil {
			httpx.Error(rw, r, err)
			return
		}
		for _, run := range runs {
			v.Runs = append(v.Runs, rewardRunRowOf(run))
		}
	}
	w.render(rw, r, status, "reward_list", v)
}
