package web

import (
	"fmt"
	"net/http"

	"zjtx/internal/httpx"
	"zjtx/internal/programme"
	"zjtx/internal/sqlstore"
)

// trainingInvite invites enterprises of the caller's scope to a session:
// by tier and district, or (planner=1) those the rotation planner proposes
// for this session.
func (w *Web) trainingInvite(rw http.ResponseWriter, r *http.Request) {
	id, err := pathID(r, "id")
	if err != nil {
		httpx.Error(rw, r, err)
		return
	}
	inv := sqlstore.Invite{Tier: formValue(r, "tier"), Region: formValue(r, "region"), Source: "tier"}
	if formValue(r, "planner") == "1" {
		inv = sqlstore.Invite{Source: "planner"}
		plan, err := w.store.RotationPlan(r.Context(), rotationYears, rotationYears, "", programme.DefaultPace)
		if err != nil {
			httpx.Error(rw, r, err)
			return
		}
		for _, p := range plan.Proposals {
			if p.Slot.TrainingID == id {
				for _, c := range p.Invitees {
					inv.EnterpriseIDs = append(inv.EnterpriseIDs, c.EnterpriseID)
				}
			}
		}
		if len(inv.EnterpriseIDs) == 0 {
			redirect(rw, r, fmt.Sprintf("/trainings/%d?saved=none", id))
			return
		}
	}
	n, err := w.store.InviteToTraining(r.Context(), id, inv)
	if err != nil {
		w.trainingFormFailed(rw, r, id, map[string]string{"tier": inv.Tier, "region": inv.Region}, err)
		return
	}
	redirect(rw, r, fmt.Sprintf("/trainings/%d?saved=invited&n=%d", id, n))
}
