package api

import (
	"net/http"

	"zjtx/internal/baolian"
	"zjtx/internal/httpx"
)

type appealRequest struct {
	EnterpriseID int64  `json:"enterprise_id"`
	Source       string `json:"source"` // visit, enterprise or gap; an enterprise account's is always enterprise
	Category     string `json:"category"`
	Title        string `json:"title"`
	Content      string `json:"content"`
	Complex      bool   `json:"complex"`
}

func (req appealRequest) newAppeal() baolian.NewAppeal {
	return baolian.NewAppeal{EnterpriseID: req.EnterpriseID, Source: req.Source, Category: req.Category, Title: req.Title,
		Content: req.Content, Complex: req.Complex}
}

type visitRequest struct {
	EnterpriseID int64          `json:"enterprise_id"`
	OfficialID   int64          `json:"official_id"` // absent: the caller
	Date         string         `json:"date"`
	Form         string         `json:"form"` // onsite, phone, video, forum
	Attendees    string         `json:"attendees"`
	Summary      string         `json:"summary"`
	Policies     string         `json:"policies"`
	NextDue      string         `json:"next_due"` // absent: by the cadence of the enterprise's list
	Issue        *appealRequest `json:"issue"`    // an issue raised on the visit
}

type visitCreated struct {
	Visit  visitItem   `json:"visit"`
	Appeal *appealItem `json:"appeal,omitempty"`
}

// visitCreate records a visit to an enterprise of the caller's scope, with
// the issue raised on it registered in the ledger: 201.
func (a *API) visitCreate(w http.ResponseWriter, r *http.Request) {
	var req visitRequest
	if err := httpx.DecodeJSON(r, &req); err != nil {
		httpx.Error(w, r, err)
		return
	}
	var ps []baolian.Problem
	n := baolian.NewVisit{EnterpriseID: req.EnterpriseID, OfficialID: req.OfficialID, On: parseDay("date", req.Date, &ps),
		Form: req.Form, Attendees: req.Attendees, Summary: req.Summary, Policies: req.Policies, NextDue: parseDay("next_due", req.NextDue, &ps)}
	if req.Issue != nil {
		issue := req.Issue.newAppeal()
		n.Issue = &issue
	}
	if err := invalidAs("走访记录有误", append(ps, n.Problems(baolian.Date(a.now()))...)); err != nil {
		httpx.Error(w, r, err)
		return
	}
	v, p, err := a.store.RecordVisit(r.Context(), n)
	if err != nil {
		httpx.Error(w, r, err)
		return
	}
	out := visitCreated{Visit: visitOf(v)}
	if p != nil {
		item := a.appealOf(p)
		out.Appeal = &item
	}
	httpx.JSON(w, http.StatusCreated, out)
}
