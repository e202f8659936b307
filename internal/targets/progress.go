package targets

import (
	"iter"
	"sort"
)

// Progress is a region's standing on a tier's target in a year.
type Progress struct {
	Region    string `json:"region"`
	Tier      string `json:"tier"`
	Target    int    `json:"target"`
	HasTarget bool   `json:"-"`
	Done      int    `json:"done"`
	// Expected is the open candidates' likelihoods summed, in hundredths of
	// an enterprise; 0 once the year is over.
	Expected int `json:"-"`
}

// Forecast is the recognitions the year is expected to end with: those
// done and the open candidates' likelihoods.
func (p Progress) Forecast() float64 { return float64(p.Done) + float64(p.Expected)/100 }

// Rate is the completion rate in percent, -1 without a target.
func (p Progress) Rate() float64 { return rate(p.Done, p.Target, p.HasTarget) }

// ForecastRate is the forecast's share of the target in percent, -1
// without a target.
func (p Progress) ForecastRate() float64 {
	if !p.HasTarget || p.Target == 0 {
		return -1
	}
	return p.Forecast() * 100 / float64(p.Target)
}

func rate(done, target int, has bool) float64 {
	if !has || target == 0 {
		return -1
	}
	return float64(done) * 100 / float64(target)
}

// Board lays out a year's standing: the city's row of each tier first (its
// own target; done and expected summed over the districts), then each
// district of regions, in their order, per tier. done and expected are per
// district; the city's key, when they hold it, is the city's total (a
// district official's board shows the city's number, not a sum of its own
// district), else the city sums regions. A district with no target, no
// recognition and no candidate still gets its rows, so the table shows
// every district.
func Board(year int, list []*Target, done, expected map[Key]int, regions []string) []Progress {
	set := map[Key]int{}
	for _, t := range list {
		if t.Year == year {
			set[Key{t.Region, t.Tier}] = t.Target
		}
	}
	row := func(region, tier string) Progress {
		target, has := set[Key{region, tier}]
		return Progress{Region: region, Tier: tier, Target: target, HasTarget: has}
	}
	var out []Progress
	for _, tier := range Tiers {
		city := row(CityRegion, tier)
		city.Done = total(done, tier, regions)
		city.Expected = total(expected, tier, regions)
		out = append(out, city)
	}
	for _, r := range regions {
		for _, tier := range Tiers {
			p := row(r, tier)
			p.Done, p.Expected = done[Key{r, tier}], expected[Key{r, tier}]
			out = append(out, p)
		}
	}
	return out
}

// total is m's city key of tier, or the sum over regions without one.
func total(m map[Key]int, tier string, regions []string) int {
	if n, ok := m[Key{CityRegion, tier}]; ok {
		return n
	}
	n := 0
	for _, r := range regions {
		n += m[Key{r, tier}]
	}
	return n
}

// districts yields each district's rows that keep accepts, districts in
// the order they first appear; the city's rows are left out.
func districts(rows []Progress, keep func(Progress) bool) iter.Seq2[string, []Progress] {
	return func(yield func(string, []Progress) bool) {
		var order []string
		by := map[string][]Progress{}
		for _, p := range rows {
			if p.Region == CityRegion || !keep(p) {
				continue
			}
			if _, ok := by[p.Region]; !ok {
				order = append(order, p.Region)
			}
			by[p.Region] = append(by[p.Region], p)
		}
		for _, r := range order {
			if !yield(r, by[r]) {
				return
			}
		}
	}
}

// Ranked is a district's place by completion rate.
type Ranked struct {
	Region string
	Place  int // 1 first; equal rates share a place
	Target int
	Done   int
	Has    bool // the district has a target of the tier(s) ranked
}

// Rate is the completion rate in percent, -1 without a target.
func (r Ranked) Rate() float64 { return rate(r.Done, r.Target, r.Has) }

// Rank orders the districts of rows by completion rate on tier ("" for all
// tiers summed: done over target), highest first. Rates are compared by
// cross-multiplying, so 2/3 and 4/6 tie exactly; districts without a target
// come last; ties go to more recognitions, then the region code.
func Rank(rows []Progress, tier string) []Ranked {
	var out []Ranked
	for region, ps := range districts(rows, func(p Progress) bool { return tier == "" || p.Tier == tier }) {
		k := Ranked{Region: region}
		for _, p := range ps {
			k.Done += p.Done
			if p.HasTarget {
				k.Target += p.Target
				k.Has = true
			}
		}
		out = append(out, k)
	}
	// cmp > 0 when a ranks before b on the rate alone.
	cmp := func(a, b Ranked) int {
		ah, bh := a.Has && a.Target > 0, b.Has && b.Target > 0
		switch {
		case ah != bh:
			if ah {
				return 1
			}
			return -1
		case !ah:
			return 0
		}
		l, r := int64(a.Done)*int64(b.Target), int64(b.Done)*int64(a.Target)
		switch {
		case l > r:
			return 1
		case l < r:
			return -1
		}
		return 0
	}
	sort.SliceStable(out, func(i, j int) bool {
		if c := cmp(out[i], out[j]); c != 0 {
			return c > 0
		}
		if out[i].Done != out[j].Done {
			return out[i].Done > out[j].Done
		}
		return out[i].Region < out[j].Region
	})
	for i := range out {
		out[i].Place = i + 1
		if i > 0 && cmp(out[i], out[i-1]) == 0 {
			out[i].Place = out[i-1].Place
		}
	}
	return out
}
