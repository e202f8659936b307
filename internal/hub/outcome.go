package hub

import (
	"slices"
	"time"
)

// OutcomeRow is one match as the annual assessment (年度考核) reads it.
type OutcomeRow struct {
	InstitutionID int64
	Institution   string
	Kind          string
	Stage         string
	CreatedAt     time.Time
	ContactedAt   time.Time // zero: not contacted
	Score         int       // 0: not rated
	GapClosed     bool      // a gap demand whose tier an assessment after delivery passes
	TierGained    bool      // the enterprise was recognised for a tier after delivery
}

// Outcomes sums the rows per institution, ordered by deliveries, then
// mean rating, then name.
func Outcomes(rows []OutcomeRow) []*Outcome {
	by := map[int64]*Outcome{}
	var out []*Outcome
	sums := map[int64]*[3]float64{} // score sum, response hours sum, responses
	for _, r := range rows {
		o := by[r.InstitutionID]
		if o == nil {
			o = &Outcome{InstitutionID: r.InstitutionID, Institution: r.Institution, Kind: r.Kind}
			by[r.InstitutionID], sums[r.InstitutionID] = o, &[3]float64{}
			out = append(out, o)
		}
		s := sums[r.InstitutionID]
		o.Matches++
		stage := slices.Index(Stages, r.Stage)
		for i, n := range []*int{&o.Contacted, &o.Signed, &o.Delivered, &o.Rated} {
			if stage >= i+1 {
				*n++
			}
		}
		if r.Score > 0 {
			s[0] += float64(r.Score)
		}
		if !r.ContactedAt.IsZero() {
			s[1] += r.ContactedAt.Sub(r.CreatedAt).Hours()
			s[2]++
		}
		if r.GapClosed {
			o.GapsClosed++
		}
		if r.TierGained {
			o.TiersGained++
		}
	}
	for _, o := range out {
		s := sums[o.InstitutionID]
		if o.Rated > 0 {
			o.AvgScore = s[0] / float64(o.Rated)
		}
		if s[2] > 0 {
			o.ResponseHours = s[1] / s[2]
		}
	}
	slices.SortStableFunc(out, func(a, b *Outcome) int {
		switch {
		case a.Delivered != b.Delivered:
			return b.Delivered - a.Delivered
		case a.AvgScore > b.AvgScore:
			return -1
		case a.AvgScore < b.AvgScore:
			return 1
		}
		return 0
	})
	return out
}
