package api

import (
	"net/http"
)

// ownedTaskView is a plan task an institution carries, with its plan's tier
// and enterprise.
type ownedTaskView struct {
	taskView
	PlanID       int64  `json:"plan_id"`
	Tier         string `json:"tier"`
	EnterpriseID int64  `json:"enterprise_id"`
	Enterprise   string `json:"enterprise"`
}

// planTaskOwned lists the cultivation plan tasks the caller's institution
// carries (its own only).
func (a *API) planTaskOwned(w http.ResponseWriter, r *http.Request) {
	list, err := a.store.OwnedTasks(r.Context())
	if err != nil {
		answer(w, r, 0, nil, err)
		return
	}
	today := a.today()
	out := make([]ownedTaskView, len(list))
	for i, t := range list {
		out[i] = ownedTaskView{taskOf(t.Task, today), t.PlanID, t.Tier, t.EnterpriseID, t.Enterprise}
	}
	answer(w, r, http.StatusOK, map[string]any{"items": out}, nil)
}
