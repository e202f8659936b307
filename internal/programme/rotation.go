package programme

import (
	"cmp"
	"slices"
	"time"

	"zjtx/internal/profile"
)

// Coverage is a district's rotation coverage: of its 创新型 enterprises,
// how many attended a training within the window.
type Coverage struct {
	Region     string  `json:"region"`
	Innovative int     `json:"innovative"`
	Trained    int     `json:"trained"`
	Share      float64 `json:"share"` // trained / innovative, 0 when it has none
}

// SetShare fills Share from the counts.
func (c *Coverage) SetShare() {
	c.Share = 0
	if c.Innovative > 0 {
		c.Share = float64(c.Trained) / float64(c.Innovative)
	}
}

// Expected is the share a rotation of targetYears years should have reached
// elapsed years after it began ("力争通过2—3年将创新型中小企业轮训一遍"):
// an even pace, whole at the end.
func Expected(elapsed float64, targetYears int) float64 {
	if targetYears < 1 {
		return 1
	}
	return min(1, max(0, elapsed/float64(targetYears)))
}

// Candidate is a 创新型 enterprise that is due for training: never trained,
// or last trained before the rotation's window.
type Candidate struct {
	EnterpriseID int64        `json:"enterprise_id"`
	Name         string       `json:"name"`
	Region       string       `json:"region"`
	LastTrained  profile.Date `json:"last_trained,omitzero"` // zero: never trained
}

// Slot is a scheduled 普惠 session with seats still free for invitees.
type Slot struct {
	TrainingID int64
	Title      string
	Date       profile.Date
	Free       int
}

// Pace is the plan's rhythm for sessions not yet scheduled: about five 普惠
// sessions a year of about 200 people each.
type Pace struct {
	SessionsPerYear int
	Capacity        int
}

// DefaultPace is the plan's "每年开展5期左右普惠性培训，每期约200人".
var DefaultPace = Pace{SessionsPerYear: 5, Capacity: 200}

// Proposal is the invitees the planner proposes for one scheduled session.
type Proposal struct {
	Slot     Slot
	Invitees []Candidate
}

// Plan is the planner's answer.
type Plan struct {
	Due       int          // candidates due for training
	Proposals []Proposal   // scheduled sessions and whom to invite to each
	Remaining int          // due candidates the scheduled sessions cannot take
	Extra     int          // sessions still to schedule at the pace for them
	Completes profile.Date // when the last due candidate is trained (zero: none due)
	Deadline  profile.Date // asOf plus the target years
	OnTime    bool         // Completes is not after Deadline
}

// PlanRotation proposes invitees for the scheduled sessions so that every
// due candidate is trained, and says when the rotation completes: the
// scheduled sessions first, then sessions at the pace. Never-trained
// enterprises come first, then those trained longest ago; the districts
// take turns, so that no district waits for another's whole list.
func PlanRotation(due []Candidate, slots []Slot, pace Pace, asOf profile.Date, targetYears int) Plan {
	if pace.SessionsPerYear < 1 || pace.Capacity < 1 {
		pace = DefaultPace
	}
	order := interleave(due)
	slots = slices.Clone(slots)
	slices.SortFunc(slots, func(a, b Slot) int {
		return cmp.Or(cmp.Compare(a.Date.Key(), b.Date.Key()), cmp.Compare(a.TrainingID, b.TrainingID))
	})
	p := Plan{Due: len(order), Deadline: addYears(asOf, targetYears)}
	last := asOf
	for _, s := range slots {
		if len(order) == 0 {
			break
		}
		n := min(max(s.Free, 0), len(order))
		if n == 0 {
			continue
		}
		p.Proposals = append(p.Proposals, Proposal{Slot: s, Invitees: order[:n]})
		order, last, p.Completes = order[n:], s.Date, s.Date
	}
	p.Remaining = len(order)
	if p.Remaining > 0 {
		p.Extra = (p.Remaining + pace.Capacity - 1) / pace.Capacity
		// The extra sessions follow the last scheduled one at the pace's
		// interval: twelve months shared by the sessions of a year.
		step := 365 * 24 * time.Hour / time.Duration(pace.SessionsPerYear)
		p.Completes = dateOf(timeOf(last).Add(step * time.Duration(p.Extra)))
	}
	p.OnTime = p.Due == 0 || !p.Deadline.Before(p.Completes)
	return p
}

// interleave orders candidates: never trained first, then by the date last
// trained, then by id; then lets the districts take turns in that order.
func interleave(due []Candidate) []Candidate {
	sorted := slices.Clone(due)
	slices.SortFunc(sorted, func(a, b Candidate) int {
		return cmp.Or(cmp.Compare(a.LastTrained.Key(), b.LastTrained.Key()), cmp.Compare(a.EnterpriseID, b.EnterpriseID))
	})
	queues := map[string][]Candidate{}
	var regions []string
	for _, c := range sorted {
		if _, ok := queues[c.Region]; !ok {
			regions = append(regions, c.Region)
		}
		queues[c.Region] = append(queues[c.Region], c)
	}
	out := make([]Candidate, 0, len(sorted))
	for len(out) < len(sorted) {
		for _, r := range regions {
			if q := queues[r]; len(q) > 0 {
				out, queues[r] = append(out, q[0]), q[1:]
			}
		}
	}
	return out
}

func addYears(d profile.Date, n int) profile.Date { return dateOf(timeOf(d).AddDate(n, 0, 0)) }

func timeOf(d profile.Date) time.Time { return time.Date(d.Y, d.M, d.D, 0, 0, 0, 0, time.UTC) }

func dateOf(t time.Time) profile.Date { return profile.Date{Y: t.Year(), M: t.Month(), D: t.Day()} }
