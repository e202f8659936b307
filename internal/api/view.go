package api

import (
	"encoding/json"
	"time"

	"zjtx/internal/auth"
	"zjtx/internal/enterprise"
	"zjtx/internal/profile"
	"zjtx/internal/sqlstore"
)

// The JSON views of the API. Field names are the API's contract (snake
// case, English); Chinese names of codes are given beside them for display.

type enterpriseItem struct {
	ID         int64  `json:"id"`
	USCC       string `json:"uscc"`
	Name       string `json:"name"`
	Region     string `json:"region"`
	RegionName string `json:"region_name"`
	Industry   string `json:"industry"`
	Chain      string `json:"chain"`
	Status     string `json:"status"`
	Tier       string `json:"tier"`
	// Outcomes is the latest assessment's outcome per tier (pass, review,
	// fail); a tier never assessed is absent. Stale: the record changed
	// since that assessment.
	Outcomes map[string]string `json:"outcomes"`
	Stale    bool              `json:"stale"`
}

func (a *API) item(r *enterprise.Record) enterpriseItem {
	outcomes := make(map[string]string, len(r.Outcomes))
	for t, st := range r.Outcomes {
		outcomes[t] = enterprise.OutcomeOf(st)
	}
	return enterpriseItem{ID: r.ID, USCC: r.USCC, Name: r.Name, Region: r.Region, RegionName: a.regions[r.Region],
		Industry: r.Industry, Chain: r.Chain, Status: string(r.Status), Tier: r.Tier, Outcomes: outcomes, Stale: r.Stale()}
}

type enterpriseList struct {
	Items  []enterpriseItem `json:"items"`
	Total  int              `json:"total"`
	Limit  int              `json:"limit"`
	Offset int              `json:"offset"`
}

type enterpriseView struct {
	enterpriseItem
	Version   int64            `json:"version"`
	CreatedAt time.Time        `json:"created_at"`
	UpdatedAt time.Time        `json:"updated_at"`
	Profile   *profile.Profile `json:"profile"`
}

func (a *API) view(r *enterprise.Record) enterpriseView {
	return enterpriseView{a.item(r), r.Version, r.CreatedAt, r.UpdatedAt, r.Profile}
}

type yearsView struct {
	EnterpriseID int64                 `json:"enterprise_id"`
	Version      int64                 `json:"version"`
	Years        map[int]*profile.Year `json:"years"`
}

func yearsOf(r *enterprise.Record) yearsView {
	ys := r.Profile.Years
	if ys == nil {
		ys = map[int]*profile.Year{}
	}
	return yearsView{r.ID, r.Version, ys}
}

type assessmentView struct {
	ID             int64           `json:"id"`
	EnterpriseID   int64           `json:"enterprise_id"`
	AsOf           string          `json:"as_of"`
	DataYear       int             `json:"data_year"`
	Review         bool            `json:"review"`
	Tier           string          `json:"tier"`
	RulesetID      string          `json:"ruleset_id"`
	RulesetVersion string          `json:"ruleset_version"`
	RulesetHash    string          `json:"ruleset_hash"`
	Status         string          `json:"status"`
	Score          *profile.Dec    `json:"score"`
	CreatedBy      int64           `json:"created_by,omitempty"`
	CreatedAt      time.Time       `json:"created_at"`
	Result         json.RawMessage `json:"result,omitempty"`
	Profile        json.RawMessage `json:"profile,omitempty"`
	Rerun          *rerunView      `json:"rerun,omitempty"`
}

func assessmentOf(as *enterprise.Assessment, full bool) assessmentView {
	v := assessmentView{ID: as.ID, EnterpriseID: as.EnterpriseID, AsOf: as.AsOf.String(), DataYear: as.DataYear,
		Review: as.Review, Tier: as.Tier, RulesetID: as.RulesetID, RulesetVersion: as.RulesetVersion,
		RulesetHash: as.RulesetHash, Status: as.Status, Score: as.Score, CreatedBy: as.CreatedBy, CreatedAt: as.CreatedAt}
	if full {
		v.Result, v.Profile = as.Result, as.Profile
	}
	return v
}

// rerunView says whether an assessment reproduces with its stored rule set.
type rerunView struct {
	Reproduces  bool            `json:"reproduces"`
	HashMatches bool            `json:"hash_matches"` // the rule set in force has the stored content hash
	Status      string          `json:"status,omitempty"`
	Score       *profile.Dec    `json:"score,omitempty"`
	Differences []string        `json:"differences"`
	Result      json.RawMessage `json:"result,omitempty"`
}

type regionView struct {
	Code     string `json:"code"`
	Name     string `json:"name"`
	Kind     string `json:"kind"`
	National bool   `json:"national"`
}

type auditView struct {
	ID        int64           `json:"id"`
	At        time.Time       `json:"at"`
	ActorID   int64           `json:"actor_id,omitempty"`
	Actor     string          `json:"actor"`
	ActorRole string          `json:"actor_role"`
	Action    string          `json:"action"`
	Entity    string          `json:"entity"`
	EntityID  string          `json:"entity_id"`
	Region    string          `json:"region,omitempty"`
	Before    json.RawMessage `json:"before,omitempty"`
	After     json.RawMessage `json:"after,omitempty"`

	ActorName    string `json:"actor_name,omitempty"`
	EntityName   string `json:"entity_name,omitempty"`
	EnterpriseID int64  `json:"enterprise_id,omitempty"`
	GroupID      int64  `json:"group_id"`
	GroupSize    int    `json:"group_size"`
	ClientAddr   string `json:"client_addr,omitempty"`
	Seq          int64  `json:"seq"`
	Hash         string `json:"hash"`
	PrevHash     string `json:"prev_hash"`
}

func auditOf(e *auth.AuditEntry) auditView {
	return auditView{e.ID, e.At, e.ActorID, e.Actor, string(e.ActorRole), e.Action, e.Entity, e.EntityID, e.Region,
		e.Before, e.After, e.ActorName, e.EntityName, e.EnterpriseID, e.GroupID, e.GroupSize, e.ClientAddr, e.Seq,
		e.Hash, e.PrevHash}
}

type userView struct {
	ID           int64  `json:"id"`
	Username     string `json:"username"`
	Name         string `json:"name"`
	Role         string `json:"role"`
	RoleName     string `json:"role_name"`
	Region       string `json:"region,omitempty"`
	EnterpriseID int64  `json:"enterprise_id,omitempty"`
}

func userOf(u *auth.User) userView {
	return userView{u.ID, u.Username, u.Name, string(u.Role), u.Role.Label(), u.Region, u.EnterpriseID}
}

// jobView is a background job's progress.
type jobView struct {
	ID         int64      `json:"id"`
	Kind       string     `json:"kind"`
	State      string     `json:"state"` // queued, running, completed, failed
	Done       int64      `json:"done"`
	Total      int64      `json:"total"`
	Errors     int64      `json:"errors"`
	StartedAt  *time.Time `json:"started_at"`
	FinishedAt *time.Time `json:"finished_at"`
}

func jobOf(j *sqlstore.Job) jobView {
	v := jobView{ID: j.ID, Kind: j.Kind, State: j.State, Done: j.Done, Total: j.Total, Errors: j.Errors}
	if !j.StartedAt.IsZero() {
		v.StartedAt = &j.StartedAt
	}
	if !j.FinishedAt.IsZero() {
		v.FinishedAt = &j.FinishedAt
	}
	return v
}
