package api

import (
	"net/http"

	"zjtx/internal/httpx"
	"zjtx/internal/reward"
)

// rewardPolicyBody is a policy as an official enters it: the amount and
// budget as written ("200万元", "500000.00"), parsed exactly to 分.
type rewardPolicyBody struct {
	Code         string            `json:"code"`
	DocNo        string            `json:"doc_no"`
	Name         string            `json:"name"`
	Object       string            `json:"object"`
	Tier         string            `json:"tier"`
	Kind         string            `json:"kind"` // a carrier's kind, a prize's result
	Level        string            `json:"level"`
	Jurisdiction string            `json:"jurisdiction"`
	Year         int               `json:"year"`
	Amount       string            `json:"amount"`
	Budget       string            `json:"budget"`
	Conditions   reward.Conditions `json:"conditions"`
	DedupeGroup  string            `json:"dedupe_group"`
	Rank         int               `json:"rank"`
	TopUp        bool              `json:"top_up"`
	Unverified   bool              `json:"unverified"` // the amount is a placeholder (待核实)
}

// rewardPolicyCreate records a policy an official adds (a district's own
// policy); the city adds any, a district official its district's.
func (a *API) rewardPolicyCreate(w http.ResponseWriter, r *http.Request) {
	var b rewardPolicyBody
	if err := httpx.DecodeJSON(r, &b); err != nil {
		httpx.Error(w, r, err)
		return
	}
	p := &reward.Policy{Code: b.Code, DocNo: b.DocNo, Name: b.Name, Object: b.Object, Tier: b.Tier, Kind: b.Kind, Level: b.Level,
		Jurisdiction: b.Jurisdiction, Year: b.Year, Amount: b.Amount, Budget: b.Budget, Conditions: b.Conditions,
		DedupeGroup: b.DedupeGroup, Rank: b.Rank, TopUp: b.TopUp, Unverified: b.Unverified}
	if err := a.store.CreateRewardPolicy(r.Context(), p); err != nil {
		httpx.Error(w, r, err)
		return
	}
	httpx.JSON(w, http.StatusCreated, p)
}
