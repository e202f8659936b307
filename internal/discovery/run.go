package discovery

import (
	"context"
	"iter"
	"sync"

	"zjtx/internal/criteria"
	"zjtx/internal/profile"
)

// ResultBlock is one block's encoded discovery results.
type ResultBlock struct {
	Region string
	Data   []byte
}

// Discover evaluates every block of src on workers goroutines and returns
// the encoded results, one block per input block, and the number of rows.
func Discover(ctx context.Context, eng *criteria.Engine, asOf profile.Date, workers int, src iter.Seq2[Encoded, error]) ([]ResultBlock, int, error) {
	workers = max(workers, 1)
	evs := make([]*Evaluator, workers)
	for i := range evs {
		ev, err := NewEvaluator(eng, asOf)
		if err != nil {
			return nil, 0, err
		}
		evs[i] = ev
	}
	var mu sync.Mutex
	var out []ResultBlock
	n := 0
	err := Each(ctx, workers, src, func(w int, b Block) error {
		data := EncodeResults(evs[w].Block(b, nil))
		mu.Lock()
		out = append(out, ResultBlock{b.Region, data})
		n += len(b.Rows)
		mu.Unlock()
		return nil
	})
	return out, n, err
}

// CellKey names one count of an impact analysis.
type CellKey struct{ Region, Industry, Move string }

// DecidingKey names one count of deciding conditions.
type DecidingKey struct{ Region, Move, Cond string }

// MoverRow is a mover with its identity.
type MoverRow struct {
	Mover
	USCC, Name, Region, Industry string
}

// ImpactOutcome is what an impact analysis found.
type ImpactOutcome struct {
	Total    int
	Cells    map[CellKey]int
	Deciding map[DecidingKey]int
	Movers   []MoverRow
}

// RunImpact runs an impact analysis over every block of src.
func RunImpact(ctx context.Context, im *Impact, workers int, src iter.Seq2[Encoded, error]) (*ImpactOutcome, error) {
	workers = max(workers, 1)
	ims := make([]*Impact, workers)
	for i := range ims {
		ims[i] = im.Copy()
	}
	out := &ImpactOutcome{Cells: map[CellKey]int{}, Deciding: map[DecidingKey]int{}}
	var mu sync.Mutex
	err := Each(ctx, workers, src, func(w int, b Block) error {
		part := ImpactOutcome{Cells: map[CellKey]int{}, Deciding: map[DecidingKey]int{}}
		ims[w].Add(&part, b)
		mu.Lock()
		out.merge(&part)
		mu.Unlock()
		return nil
	})
	return out, err
}

// Add evaluates a block into o.
func (im *Impact) Add(o *ImpactOutcome, b Block) {
	for i, p := range b.Profiles {
		r := im.Row(b.Rows[i], p)
		move := Move(r.From, r.To)
		o.Total++
		o.Cells[CellKey{p.Region, p.Industry, move}]++
		if r.From == r.To {
			continue
		}
		for _, d := range r.Deciding {
			o.Deciding[DecidingKey{p.Region, move, d}]++
		}
		o.Movers = append(o.Movers, MoverRow{Mover: r, USCC: p.USCC, Name: p.Name, Region: p.Region, Industry: p.Industry})
	}
}

func (o *ImpactOutcome) merge(p *ImpactOutcome) {
	o.Total += p.Total
	for k, v := range p.Cells {
		o.Cells[k] += v
	}
	for k, v := range p.Deciding {
		o.Deciding[k] += v
	}
	o.Movers = append(o.Movers, p.Movers...)
}
