// Package batch evaluates a whole population of enterprises at once — for
// candidate discovery (选种) and backup lists — with compact results and no
// explanations; an enterprise's explanation and gaps are computed on demand.
package batch

import (
	"runtime"
	"sync"

	"zjtx/internal/criteria"
	"zjtx/internal/profile"
)

// Result is one enterprise's compact answer: per tier (in criteria.Tiers
// order) its status and score (score −1 for tiers without a points table).
type Result struct {
	Status [4]criteria.Outcome
	Score  [4]int16
}

// chunk is the number of enterprises one worker takes at a time: large enough
// to make scheduling negligible, small enough to balance the cores.
const chunk = 4096

// Run evaluates every profile against the rule sets in force for a new
// application on asOf, on the given number of workers (0: one per core).
// Results are in input order and do not depend on the number of workers.
func Run(eng *criteria.Engine, profiles []*profile.Profile, asOf profile.Date, workers int) ([]Result, error) {
	plans := make([]*criteria.Plan, len(criteria.Tiers))
	for i, t := range criteria.Tiers {
		p, err := eng.Select(t, asOf, false, "")
		if err != nil {
			return nil, err
		}
		plans[i] = p
	}
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	out := make([]Result, len(profiles))
	var next int
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var c criteria.Ctx
			var r criteria.TierResult
			for {
				mu.Lock()
				lo := next
				next += chunk
				mu.Unlock()
				if lo >= len(profiles) {
					return
				}
				hi := min(lo+chunk, len(profiles))
				for i := lo; i < hi; i++ {
					p := profiles[i]
					for ti, plan := range plans {
						c.Reset(p, asOf, asOf.Y+plan.RS.Params.DataYearOffset, false)
						plan.Quick(&c, &r)
						out[i].Status[ti] = r.Status
						out[i].Score[ti] = -1
						if plan.RS.Score != nil {
							out[i].Score[ti] = int16(r.Score)
						}
					}
				}
			}
		}()
	}
	wg.Wait()
	return out, nil
}
