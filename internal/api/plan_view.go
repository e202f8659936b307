package api

import (
	"strconv"
	"time"

	"zjtx/internal/assess"
	"zjtx/internal/criteria"
	"zjtx/internal/plan"
	"zjtx/internal/profile"
)

type planView struct {
	ID           int64      `json:"id"`
	EnterpriseID int64      `json:"enterprise_id"`
	Tier         string     `json:"tier"`
	RuleSet      string     `json:"ruleset"`
	AsOf         string     `json:"as_of"`
	Status       string     `json:"status"`
	Outcome      string     `json:"outcome"`    // the tier's outcome after the latest close
	ScoreNow     *int       `json:"score_now"`  // null without a points table
	ScoreDone    *int       `json:"score_done"` // when every task is done
	ScoreLatest  *int       `json:"score_latest"`
	MetNow       int        `json:"met_now"` // conditions met
	MetDone      int        `json:"met_done"`
	MetLatest    int        `json:"met_latest"`
	Conditions   int        `json:"conditions"`
	Tags         []tagView  `json:"tags"`
	Summary      string     `json:"summary"`
	CreatedAt    time.Time  `json:"created_at"`
	Version      int64      `json:"version"`
	Tasks        []taskView `json:"tasks"`
}

type tagView struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

type ownerView struct {
	Kind      string `json:"kind"` // user | institution
	ID        int64  `json:"id"`
	Name      string `json:"name"`
	ProductID int64  `json:"product_id,omitempty"` // the package product carrying the task (institution)
	Product   string `json:"product,omitempty"`
}

type evidenceView struct {
	ID       int64  `json:"id"`
	Filename string `json:"filename"`
	MIME     string `json:"mime"`
	Size     int64  `json:"size"`
	SHA256   string `json:"sha256"`
	URL      string `json:"url"`
}

type taskView struct {
	ID          int64         `json:"id"`
	SourceID    string        `json:"source_id"`
	SourceLabel string        `json:"source_label"`
	Target      plan.Target   `json:"target"`
	Summary     string        `json:"summary"`
	Owner       ownerView     `json:"owner"`
	Due         string        `json:"due"`
	Status      string        `json:"status"`
	Overdue     bool          `json:"overdue"`
	Value       any           `json:"value,omitempty"`
	ScoreBefore *int          `json:"score_before,omitempty"`
	ScoreAfter  *int          `json:"score_after,omitempty"`
	Regained    *int          `json:"regained,omitempty"` // points (or conditions met) regained by closing it
	Outcome     string        `json:"outcome,omitempty"`  // the tier's outcome after closing it
	Evidence    *evidenceView `json:"evidence,omitempty"`
	ClosedAt    *time.Time    `json:"closed_at,omitempty"`
	Version     int64         `json:"version"`
}

func planOf(p *plan.Plan, today profile.Date) planView {
	v := planView{ID: p.ID, EnterpriseID: p.EnterpriseID, Tier: p.Tier, RuleSet: p.RuleSet, AsOf: p.AsOf.String(),
		Status: p.Status, Outcome: p.OutcomeLatest, ScoreNow: p.ScoreNow, ScoreDone: p.ScoreDone, ScoreLatest: p.ScoreLatest,
		MetNow: p.MetNow, MetDone: p.MetDone, MetLatest: p.MetLatest, Conditions: p.Conditions, Tags: []tagView{},
		Summary: p.Summary, CreatedAt: p.CreatedAt, Version: p.Version, Tasks: make([]taskView, len(p.Tasks))}
	for _, t := range p.Tags {
		v.Tags = append(v.Tags, tagView{t, plan.TagName(t)})
	}
	for i, t := range p.Tasks {
		v.Tasks[i] = taskOf(t, today)
	}
	return v
}

func taskOf(t *plan.Task, today profile.Date) taskView {
	o := ownerView{Kind: t.Owner.Kind(), ID: t.Owner.UserID, Name: t.Owner.Name, ProductID: t.Owner.ProductID, Product: t.Owner.Product}
	if o.Kind == "institution" {
		o.ID = t.Owner.InstitutionID
	}
	v := taskView{ID: t.ID, SourceID: t.SourceID, SourceLabel: t.SourceLabel, Target: t.Target, Summary: t.Summary,
		Owner: o, Due: t.Due.String(), Status: t.Status, Overdue: t.Overdue(today), Version: t.Version}
	if t.Value != nil {
		v.Value = t.Value
	}
	if t.Status == plan.StatusDone {
		n := t.Regained()
		v.ScoreBefore, v.ScoreAfter, v.Regained, v.Outcome, v.ClosedAt = t.ScoreBefore, t.ScoreAfter, &n, t.OutcomeAfter, &t.ClosedAt
	}
	if e := t.Evidence; e != nil {
		v.Evidence = &evidenceView{ID: e.ID, Filename: e.Filename, MIME: e.MIME, Size: e.Size, SHA256: e.SHA256,
			URL: Prefix + "/evidence/" + strconv.FormatInt(e.ID, 10)}
	}
	return v
}

// taskClosed is the answer to a task closed: the task, the plan's standing
// and the new assessment of its tier.
type taskClosed struct {
	Task       taskView             `json:"task"`
	Plan       planView             `json:"plan"`
	Assessment assessmentView       `json:"assessment"`
	Tier       *criteria.TierReport `json:"report"`
}

func closedOf(c *assess.Closed, today profile.Date) taskClosed {
	return taskClosed{Task: taskOf(c.Task, today), Plan: planOf(c.Plan, today),
		Assessment: assessmentOf(c.Assessment, false), Tier: c.Report.Tiers[0]}
}
