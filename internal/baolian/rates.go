package baolian

// Counts are the ledger's measures of one district or official.
type Counts struct {
	Key, Name   string // region code or official id, and its name
	Unit        string // an official's unit
	Listed      int    // enterprises on a backup list (districts only)
	Unassigned  int    // of those, without an open assignment (districts only)
	Enterprises int    // enterprises assigned (open assignments)
	VisitsDone  int    // visits in the period
	VisitsLate  int    // enterprises whose next visit is overdue
	Appeals     int    // appeals registered
	Open        int    // not yet solved
	Overdue     int    // open and past a 13710 deadline
	Solved      int    // 办结 (done, revisited or closed)
	OnTime      int    // solved by the solve deadline
	Answered    int    // with a 回访 answer
	Satisfied   int    // 满意 or 基本满意
}

// SolveRate is 办结率: solved of all registered (nil without appeals).
func (c Counts) SolveRate() *float64 { return ratio(c.Solved, c.Appeals) }

// OnTimeRate is 按期办结率: solved by the deadline of all solved.
func (c Counts) OnTimeRate() *float64 { return ratio(c.OnTime, c.Solved) }

// SatisfactionRate is 满意率: 满意 or 基本满意 of all 回访 answers.
func (c Counts) SatisfactionRate() *float64 { return ratio(c.Satisfied, c.Answered) }

func ratio(n, d int) *float64 {
	if d == 0 {
		return nil
	}
	r := float64(n) / float64(d)
	return &r
}

// AssignedRate is the share of the listed enterprises with an official
// (nil without listed enterprises; districts only).
func (c Counts) AssignedRate() *float64 { return ratio(c.Listed-c.Unassigned, c.Listed) }

// Add adds o's counts to c (its key and names stay c's): a city's total
// from its districts'.
func (c *Counts) Add(o Counts) {
	c.Listed += o.Listed
	c.Unassigned += o.Unassigned
	c.Enterprises += o.Enterprises
	c.VisitsDone += o.VisitsDone
	c.VisitsLate += o.VisitsLate
	c.Appeals += o.Appeals
	c.Open += o.Open
	c.Overdue += o.Overdue
	c.Solved += o.Solved
	c.OnTime += o.OnTime
	c.Answered += o.Answered
	c.Satisfied += o.Satisfied
}
