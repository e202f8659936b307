package jobs

import (
	"context"
	"strings"

	"zjtx/internal/apperr"

	"zjtx/internal/discovery"
	"zjtx/internal/sqlstore"
)

// Candidate is a ranked row of a population's discovery results with its
// identity.
type Candidate struct {
	Rank int `json:"rank"`
	sqlstore.PopulationRow
	Status  string   `json:"status"`
	Score   *int     `json:"score,omitempty"`
	Unmet   int      `json:"unmet"`
	Changes int      `json:"changes"`
	Effort  *float64 `json:"effort"` // nil: no gap plan
}

// Candidates ranks the discovery results of a population in the caller's
// scope that match f (region and industry included) and returns the page
// [offset, offset+limit) with the rows' identity, and the total.
func Candidates(ctx context.Context, st *sqlstore.Store, popID int64, f discovery.Filter, limit, offset int) ([]Candidate, int, error) {
	ti, err := f.Validate()
	if err != nil {
		return nil, 0, apperr.Wrap(err, apperr.EINVALID, "筛选条件有误："+err.Error())
	}
	var cs []discovery.Candidate
	for e, err := range st.EachDiscoveryBlock(ctx, popID) {
		if err != nil {
			return nil, 0, err
		}
		if f.Region != "" && e.Region != f.Region {
			continue
		}
		rs, err := discovery.DecodeResults(e.Data)
		if err != nil {
			return nil, 0, err
		}
		for _, r := range rs {
			if o := r.Tiers[ti]; f.Match(o) {
				cs = append(cs, discovery.Candidate{Row: r.Row, TierOutcome: o})
			}
		}
	}
	var ids map[int64]sqlstore.PopulationRow
	if f.Industry != "" {
		// The industry is on the identity rows: read them all for the
		// matches (the outcome filters have narrowed them already).
		rows := make([]int64, len(cs))
		for i, c := range cs {
			rows[i] = c.Row
		}
		if ids, err = st.PopulationRows(ctx, popID, rows); err != nil {
			return nil, 0, err
		}
		kept := cs[:0]
		for _, c := range cs {
			if strings.HasPrefix(ids[c.Row].Industry, f.Industry) {
				kept = append(kept, c)
			}
		}
		cs = kept
	}
	discovery.Rank(cs)
	total := len(cs)
	lo, hi := min(max(offset, 0), total), total
	if limit > 0 {
		hi = min(lo+limit, total)
	}
	page := cs[lo:hi]
	if ids == nil {
		rows := make([]int64, len(page))
		for i, c := range page {
			rows[i] = c.Row
		}
		if ids, err = st.PopulationRows(ctx, popID, rows); err != nil {
			return nil, 0, err
		}
	}
	out := make([]Candidate, len(page))
	for i, c := range page {
		out[i] = Candidate{Rank: lo + i + 1, PopulationRow: ids[c.Row], Status: c.Status.String(), Unmet: int(c.Unmet), Changes: int(c.Changes)}
		if c.Score >= 0 {
			s := int(c.Score)
			out[i].Score = &s
		}
		if c.Effort >= 0 {
			e := float64(c.Effort)
			out[i].Effort = &e
		}
	}
	return out, total, nil
}
